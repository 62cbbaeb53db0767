"""One stage of a benchmark night, run in its own process so its peak memory is its own.

`python -m newsetl.bench.stage <stage> <run.json> <workers>` runs the same pipeline functions the DAG's tasks
call and prints one JSON line: wall seconds, peak RSS of this process and of the processes it started, and
the stage's result. Mapped stages (clean, extract) run each batch in a fresh process, `workers` at a time,
as the LocalExecutor runs mapped task instances: each batch process imports the package and loads its
models (Kiwi, the alias table) once.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # Linux reports KiB


def _pool(workers: int) -> ProcessPoolExecutor:
    # spawn, one task per process: every batch pays its imports and model loads, like an Airflow task
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               max_tasks_per_child=1)


def _batch(stage: str, run: dict, batch: int) -> dict:
    started = time.perf_counter()
    from newsetl import pipeline
    from newsetl.settings import load

    imported = time.perf_counter()
    step = pipeline.clean_batch if stage == "clean" else pipeline.extract_batch
    result = step(load(), run, batch)
    return {**result, "import_s": round(imported - started, 3), "seconds": round(time.perf_counter() - imported, 3),
            "rss_mb": _rss_mb()}


def _kiwi_alone(bodies: list[str]) -> dict:
    started = time.perf_counter()
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    tokens = sum(len(kiwi.tokenize(body)) for body in bodies)
    return {"tokens": tokens, "seconds": round(time.perf_counter() - started, 3), "rss_mb": _rss_mb()}


def _trafilatura_alone(paths: list[str]) -> dict:
    started = time.perf_counter()
    import trafilatura

    from newsetl.clean.html import _DATE_PARAMS

    chars = 0
    for path in paths:
        doc = trafilatura.bare_extraction(  # the call clean_html makes, nothing around it
            Path(path).read_bytes().decode("utf-8", errors="replace"), with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, favor_precision=True, date_extraction_params=_DATE_PARAMS)
        chars += len((doc.text or "") if doc else "")
    return {"chars": chars, "seconds": round(time.perf_counter() - started, 3), "rss_mb": _rss_mb()}


def _split(values: list, parts: int) -> list[list]:
    return [values[len(values) * i // parts:len(values) * (i + 1) // parts] for i in range(parts)]


def _baseline(stage: str, folder: Path, workers: int) -> dict:
    """The unavoidable work alone, on every core: Kiwi on every Korean body, trafilatura on every HTML page."""
    from newsetl import batches

    if stage == "baseline_kiwi":  # the bodies extract tokenizes: duplicates and invalid articles are not
        excluded = {batches.key(r) for name in ("duplicates.json", "invalid.json")
                    for r in json.loads((folder / name).read_text(encoding="utf-8")) if r["article_id"]}
        work = [a["body"] for b in batches.numbers(folder) for a in batches.articles(folder, b, excluded)
                if a["language"] == "ko"]
        fn = _kiwi_alone
    else:
        items = json.loads((folder / "items.json").read_text(encoding="utf-8"))
        work, fn = [i["raw_path"] for i in items if i["uri"].endswith(".html")], _trafilatura_alone
    with _pool(workers) as pool:
        parts = list(pool.map(fn, _split(work, workers)))
    return {"inputs": len(work), "batch_rss_mb": max(p["rss_mb"] for p in parts),
            "batch_rss_mb_list": [p["rss_mb"] for p in parts]}


def run_stage(stage: str, run: dict, workers: int) -> dict:
    from newsetl import pipeline
    from newsetl.settings import load

    settings = load()
    folder = pipeline.run_dir(settings, run)
    out: dict = {}
    if stage == "ingest":
        out["run"] = pipeline.ingest(settings, run)
    elif stage == "plan":
        out["result"] = pipeline.plan_batches(settings, run)
    elif stage in ("clean", "extract"):
        from newsetl import batches

        with _pool(workers) as pool:
            parts = list(pool.map(_batch, [stage] * len(batches.numbers(folder)),
                                  [run] * len(batches.numbers(folder)), batches.numbers(folder)))
        out["batch_rss_mb_list"] = [p["rss_mb"] for p in parts]
        out["batch_rss_mb"] = max(out["batch_rss_mb_list"])
        out["batch_import_s"] = round(sum(p["import_s"] for p in parts), 3)
        out["batch_work_s"] = round(sum(p["seconds"] for p in parts), 3)
        out["result"] = {k: sum(p[k] for p in parts) for k in parts[0]
                         if k not in ("batch", "seconds", "rss_mb", "import_s")}
    elif stage == "dedupe":
        out["result"] = pipeline.dedupe(settings, run)
    elif stage == "validate":
        out["result"] = pipeline.validate(settings, run)
    elif stage == "load":
        out["result"] = pipeline.load(settings, run)
    elif stage in ("dbt_build", "dbt_full_refresh"):
        from newsetl.dbt import run_dbt

        try:
            run_dbt(settings, ["build"] if stage == "dbt_build" else ["build", "--full-refresh"])
        except RuntimeError as exc:  # a failing dbt test: the night goes on to its report, so does the bench
            out["failed"] = str(exc)
            results = Path(os.environ.get("DBT_TARGET_PATH", settings.dbt_project / "target")) / "run_results.json"
            if results.exists():
                out["failed_nodes"] = sorted(r["unique_id"] for r in json.loads(results.read_text())["results"]
                                             if r["status"] in ("fail", "error"))
    elif stage == "report":
        out["result"] = pipeline.report(settings, run)
    elif stage.startswith("baseline_"):
        out.update(_baseline(stage, folder, workers))
    else:
        raise SystemExit(f"unknown stage {stage!r}")
    return out


def airflow_night() -> None:
    """`dag.test()` of news_nightly over the landing folder the environment names, timed task by task."""
    from newsetl.settings import PROJECT_ROOT

    started = time.perf_counter()
    from airflow.models import DagBag

    dag = DagBag(dag_folder=str(PROJECT_ROOT / "dags")).dags["news_nightly"]
    parsed = time.perf_counter()
    run = dag.test(run_conf={"start": "2024-10-01", "end": "2024-10-02"})
    finished = time.perf_counter()
    tis = run.get_task_instances()
    print("BENCH-RESULT " + json.dumps({
        "state": str(run.state), "import_and_parse_s": round(parsed - started, 3),
        "dag_test_s": round(finished - parsed, 3), "tasks": len(tis),
        "task_seconds": round(sum((ti.duration or 0) for ti in tis), 3),
        "retried_tasks": sum((ti.try_number or 1) > 1 for ti in tis),
        "dbt_task_seconds": round(sum((ti.duration or 0) for ti in tis if ti.task_id.startswith("dbt_build")), 3),
        "rss_mb": _rss_mb()}))


def main(argv: list[str]) -> None:
    stage, run_file, workers = argv[0], Path(argv[1]), int(argv[2])
    started = time.perf_counter()
    import newsetl.pipeline  # noqa: F401  (what every task imports: timed apart from the stage's work)

    imported = time.perf_counter()
    out = run_stage(stage, json.loads(run_file.read_text(encoding="utf-8")), workers)
    out["import_s"] = round(imported - started, 3)
    out["seconds"] = round(time.perf_counter() - imported, 3)
    out["rss_mb"] = _rss_mb()
    print("BENCH-RESULT " + json.dumps(out, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
