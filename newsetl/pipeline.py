"""The night's stages as plain functions, each reading the previous stage's file and writing its own.

Airflow tasks (dags/news_nightly.py) and the CLI (`newsetl run`) call these. A night is
identified by its window; its files live in work/<run_id>/, so a retried task rereads
exactly what the stage before it wrote, and a rerun of the night overwrites them.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from . import batches
from . import load as loader
from .dedupe import find_duplicates
from .ingest import ingest_sources
from .settings import Settings
from .sources import load_sources

log = logging.getLogger(__name__)

VALIDATE_CHUNK = 20_000  # articles per Great Expectations run: a bounded frame, and few runs of the suite


# --- the night -------------------------------------------------------------------------------

def make_run(start: datetime, end: datetime) -> dict:
    """A night's identity: its window [start, end), in UTC, and the id derived from it."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        raise ValueError(f"the run window must end after it starts: {start} .. {end}")
    return {
        "run_id": f"{start:%Y%m%dT%H%M}_{end:%Y%m%dT%H%M}",
        "window_start": start.isoformat(),
        "window_end": end.isoformat(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def window_for(data_interval_start: datetime | None, data_interval_end: datetime | None,
               logical_date: datetime | None, conf: dict | None, timezone: str) -> tuple[datetime, datetime]:
    """The window a run covers.

    Scheduled runs have a data interval; manual runs have none and take `start`/`end` (ISO
    dates or times) from their conf, or else the day that ends at their logical date.
    """
    conf = conf or {}
    zone = ZoneInfo(timezone)
    if conf.get("start") or conf.get("end"):
        if not (conf.get("start") and conf.get("end")):
            raise ValueError("run conf needs both 'start' and 'end', e.g. {\"start\": \"2024-10-01\", \"end\": \"2024-10-02\"}")

        def parse(value: str) -> datetime:
            parsed = datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)

        return parse(conf["start"]), parse(conf["end"])
    if data_interval_start and data_interval_end and data_interval_end > data_interval_start:
        return data_interval_start, data_interval_end
    end = logical_date or datetime.now(UTC)
    return end - timedelta(days=1), end


def run_dir(settings: Settings, run: dict) -> Path:
    path = settings.work / run["run_id"]
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, value) -> str:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(path)
    return str(path)


def _read(path: Path):
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the stage before this one has not run for this night")
    return json.loads(path.read_text(encoding="utf-8"))


def _timed(run_folder: Path, stage: str, started: float) -> None:
    """One file per stage (and per batch): mapped tasks running at once never write the same file."""
    folder = run_folder / "timings"
    folder.mkdir(exist_ok=True)
    _write(folder / f"{stage}.json", round(time.perf_counter() - started, 3))


def timings(run_folder: Path) -> dict[str, float]:
    """Seconds per stage, in the order they ran; a mapped stage's batches are summed (work, not wall time)."""
    found: dict[str, float] = {}
    for path in sorted((run_folder / "timings").glob("*.json"), key=lambda p: p.stat().st_mtime):
        stage = path.stem.split(".")[0]  # clean.00003 is batch 3 of clean
        found[stage] = round(found.get(stage, 0.0) + json.loads(path.read_text()), 3)
    return found


# --- stages ----------------------------------------------------------------------------------

def ingest(settings: Settings, run: dict) -> dict:
    """Read every source into the raw zone; pass on the items that are this night's to process.

    Which items a night processes (README, "Which night processes an item"): the items it reads that no
    other night has loaded. A rerun or backfill of a past night (a later night exists) takes back only
    the items it loaded the first time; what arrived since waits for the newest night. So reruns and
    backfills reproduce what the nightly runs produced, and no item is processed by two nights.
    """
    started = time.perf_counter()
    folder = run_dir(settings, run)
    items, fetches, failed = ingest_sources(load_sources(settings), settings)
    others, own, newest = loader.claims(settings.warehouse, run, [i["item_id"] for i in items])
    new, sightings, taken = [], [], set()
    for item in items:
        loaded_before = item["item_id"] in others
        sightings.append({"item_id": item["item_id"], "source": item["source"], "uri": item["uri"],
                          "fetched_at": item["fetched_at"], "already_in_raw": item["already_seen"],
                          "loaded_before": loaded_before})
        mine = newest or item["item_id"] in own
        if mine and not loaded_before and (item["source"], item["uri"], item["item_id"]) not in taken:
            taken.add((item["source"], item["uri"], item["item_id"]))
            new.append(item)
    if not newest:
        log.info("ingest: a later night exists, so this rerun takes back only the %d items it loaded before", len(new))
    run = {**run, "items_in": len(items), "items_seen_before": len(items) - len(new), "failed_sources": failed}
    _write(folder / "run.json", run)
    _write(folder / "items.json", new)
    _write(folder / "sightings.json", sightings)
    _write(folder / "fetches.json", fetches)
    log.info("ingest: %d items read, %d new, %d loaded by earlier nights, %d HTTP fetches, %d sources failed",
             len(items), len(new), len(items) - len(new), len(fetches), len(failed))
    _timed(folder, "ingest", started)
    return run


def clean(settings: Settings, run: dict) -> dict:
    """The whole clean stage in this process: every batch, then the night's duplicates (the CLI, tests)."""
    for batch in plan_batches(settings, run):
        clean_batch(settings, run, batch)
    return dedupe(settings, run)


def plan_batches(settings: Settings, run: dict) -> list[int]:
    """Cut the night's new items into batches for clean and extract; return the batch numbers."""
    started = time.perf_counter()
    folder = run_dir(settings, run)
    numbers = batches.plan(folder, _read(folder / "items.json"))
    _timed(folder, "plan", started)
    return numbers


def clean_batch(settings: Settings, run: dict, batch: int) -> dict:
    """Clean one batch (an Airflow mapped task): Parquet under work/<run_id>/batches/."""
    started = time.perf_counter()
    folder = run_dir(settings, run)
    result = batches.clean(folder, batch, settings.timezone, settings.max_item_bytes)
    _timed(folder, f"clean.{batch:05d}", started)
    return result


def dedupe(settings: Settings, run: dict) -> dict:
    """Duplicates across the whole night and the warehouse, from the batches' keys and signatures only."""
    started = time.perf_counter()
    folder = run_dir(settings, run)
    rows = batches.read_parquet(batches.files(folder, "articles"),
                                "article_id, item_id, source, uri, canonical_url, body_hash, published_at")
    signatures = batches.read_signatures(batches.files(folder, "signatures"))
    known = loader.known_for_dedupe(settings.warehouse, rows, signatures, batches.files(folder, "bands"))
    originals, duplicates = find_duplicates(rows, signatures, known)
    rejections = batches.read_parquet(batches.files(folder, "rejected"))
    _write(folder / "duplicates.json", duplicates)
    _write(folder / "rejected.json", rejections)
    log.info("clean: %d records, %d articles, %d duplicates, %d rejected",
             len(rows) + len(rejections), len(originals), len(duplicates), len(rejections))
    _timed(folder, "dedupe", started)
    return {"articles": len(originals), "duplicates": len(duplicates), "rejected": len(rejections)}


def _excluded(folder: Path, *names: str) -> set[tuple[str, str, str]]:
    return {batches.key(row) for name in names for row in _read(folder / name) if row["article_id"]}


def validate(settings: Settings, run: dict) -> dict:
    from .validate import validate_articles  # GX takes seconds to import: only this task pays

    started = time.perf_counter()
    folder = run_dir(settings, run)
    duplicates = _excluded(folder, "duplicates.json")
    run_started = datetime.fromisoformat(run["started_at"])
    rejected, outcomes, valid, chunk = [], [], 0, []

    def check(articles: list) -> None:
        nonlocal valid
        passed, failed, results = validate_articles(articles, settings.expectations, run_started)
        valid += len(passed)
        rejected.extend(failed)
        outcomes.append(results)

    # one suite run per VALIDATE_CHUNK articles: memory stays flat however large the night
    for batch in batches.numbers(folder):
        chunk += batches.articles(folder, batch, duplicates)
        if len(chunk) >= VALIDATE_CHUNK:
            check(chunk)
            chunk = []
    if chunk or not outcomes:
        check(chunk)
    merged = _merge_outcomes(outcomes)
    _write(folder / "invalid.json", rejected)
    _write(folder / "validation.json", merged)
    _timed(folder, "validate", started)
    return {"valid": valid, "quarantined": len(rejected),
            "failed_expectations": [o["expectation"] for o in merged if not o["success"]]}


def extract_batch(settings: Settings, run: dict, batch: int) -> dict:
    """Extract one batch's valid articles (an Airflow mapped task): a Parquet file per fact table."""
    started = time.perf_counter()
    folder = run_dir(settings, run)
    result = batches.extract(folder, batch, _excluded(folder, "duplicates.json", "invalid.json"))
    _timed(folder, f"extract.{batch:05d}", started)
    return result


def extract(settings: Settings, run: dict) -> dict:
    """Every batch in this process (the CLI, tests); the DAG maps extract_batch over the batches instead."""
    results = [extract_batch(settings, run, batch) for batch in batches.numbers(run_dir(settings, run))]
    totals = {k: sum(r[k] for r in results) for k in ("articles", *loader.FACT_TABLES)}
    log.info("extract: %s", totals)
    return totals


def _copies_of_quarantined(duplicates: list[dict], invalid: list[dict]) -> tuple[list[dict], list[dict]]:
    """A copy of an article that failed validation cannot point at it (it is not loaded): it is quarantined
    with the original's reasons. Decided here, not by rewriting duplicates.json, so a rerun decides the same."""
    failed = {r["article_id"]: r["reason"] for r in invalid}
    copies = [{"item_id": d["item_id"], "article_id": d["article_id"], "source": d["source"], "uri": d["uri"],
               "stage": "validate", "reason": f"{d['kind']} copy of {d['duplicate_of']}, which failed validation: "
                                             f"{failed[d['duplicate_of']]}"}
              for d in duplicates if d["duplicate_of"] in failed]
    return [d for d in duplicates if d["duplicate_of"] not in failed], copies


def load(settings: Settings, run: dict) -> dict:
    started = time.perf_counter()
    folder = run_dir(settings, run)
    run = _read(folder / "run.json")
    invalid = _read(folder / "invalid.json")
    duplicates, copies = _copies_of_quarantined(_read(folder / "duplicates.json"), invalid)
    rejected = _read(folder / "rejected.json") + invalid + copies
    clean_rejected = len(_read(folder / "rejected.json"))
    run["records_in"] = batches.count_rows(batches.files(folder, "articles")) + clean_rejected
    tables = {"articles": "articles", "article_signatures": "signatures", "article_lsh_bands": "bands",
              **{t: t for t in loader.FACT_TABLES}}
    counts = loader.load_batches(
        settings.warehouse, run, _read(folder / "items.json"), rejected, duplicates,
        _read(folder / "validation.json"), {table: batches.files(folder, kind) for table, kind in tables.items()},
        sightings=_read(folder / "sightings.json"), fetches=_read(folder / "fetches.json"),
    )
    _timed(folder, "load", started)
    return counts


def _merge_outcomes(runs: list[list[dict]]) -> list[dict]:
    """One outcome per expectation over every chunk the suite ran on."""
    merged: dict[str, dict] = {}
    for outcome in (o for results in runs for o in results):
        seen = merged.setdefault(outcome["expectation"], {**outcome, "unexpected_count": 0, "examples": []})
        seen["success"] = seen["success"] and outcome["success"]
        seen["unexpected_count"] += outcome["unexpected_count"]
        seen["examples"] = sorted({*seen["examples"], *outcome["examples"]})[:5]
    return list(merged.values())


def summary(settings: Settings, run_id: str | None = None) -> dict:
    """The numbers `make run` prints: what came in and what the marts hold."""
    with loader.connect(settings.warehouse, read_only=True) as con:
        where = "where run_id = ?" if run_id else "order by finished_at desc limit 1"
        row = con.execute(f"select * from raw.runs {where}", [run_id] if run_id else []).fetchone()
        if row is None:
            raise LookupError("the warehouse records no run yet")
        cols = [d[0] for d in con.description]
        night = dict(zip(cols, row, strict=True))
        marts = loader.mart_counts(con)
    return {"run": night, "marts": marts}


def dbt_build(settings: Settings, run: dict) -> None:
    """`dbt build` over the warehouse; raises naming the failing models and tests (their rows are in the report)."""
    from .dbt import run_dbt

    started = time.perf_counter()
    try:
        run_dbt(settings, ["build"])
    finally:
        _timed(run_dir(settings, run), "dbt build", started)


def report(settings: Settings, run: dict) -> str:
    from .report import write_report

    started = time.perf_counter()
    folder = run_dir(settings, run)
    index = write_report(settings, run["run_id"], timings(folder))
    _timed(folder, "report", started)
    return str(index)
