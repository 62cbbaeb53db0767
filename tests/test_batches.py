"""The night in batches, without Airflow: the same warehouse whatever the batch size, every item in one place,
copies found across batches, and a copy of a quarantined article quarantined with it."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLES

from newsetl import batches, pipeline
from newsetl.load import connect
from newsetl.settings import load

TEASER = "짧은 제목\n\n본문 없이 끝난 기사…\n".encode()


def _night(tmp_path: Path, name: str, batch_size: int, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.setenv("NEWSETL_BATCH_SIZE", str(batch_size))
    base = tmp_path / name
    landing = base / "landing"
    shutil.copytree(SAMPLES, landing)
    (landing / "teaser.txt").write_bytes(TEASER)
    (landing / "teaser-again.txt").write_bytes(TEASER)  # the same bytes under another name
    (landing / "copy-of-kt.txt").write_bytes((SAMPLES / "kt-ms-ai-alliance.ko.txt").read_bytes())
    sources = base / "sources.yml"
    sources.write_text(f"sources:\n  - name: landing\n    kind: folder\n    path: {landing}\n", encoding="utf-8")
    settings = replace(load(), raw=base / "raw", work=base / "work", warehouse=base / "w.duckdb",
                       sources_file=sources, landing=landing, reports=base / "reports")
    zone = ZoneInfo("Asia/Seoul")
    run = pipeline.ingest(settings, pipeline.make_run(datetime(2024, 10, 1, tzinfo=zone),
                                                      datetime(2024, 10, 2, tzinfo=zone)))
    for stage in (pipeline.clean, pipeline.validate, pipeline.extract, pipeline.load):
        stage(settings, run)
    return settings.warehouse, settings.work / run["run_id"]


def _rows(warehouse: Path) -> dict:
    with connect(warehouse, read_only=True) as con:
        return {
            "run": con.execute("select records_in, articles_loaded, quarantined, duplicates, quotes, "
                               "organization_mentions, person_mentions, events from raw.runs").fetchone(),
            "articles": sorted(con.execute("select article_id, title, body from raw.articles").fetchall()),
            "quotes": sorted(con.execute("select article_id, quote_index, text, speaker from raw.quotes").fetchall()),
            "quarantine": sorted(con.execute("select regexp_extract(uri, '[^/]+$'), reason from raw.quarantine")
                                 .fetchall()),
            "duplicates": sorted(con.execute("select regexp_extract(uri, '[^/]+$'), kind, duplicate_of "
                                             "from raw.duplicates").fetchall()),
            "dangling": con.execute("select count(*) from raw.duplicates where duplicate_of not in "
                                    "(select article_id from raw.articles)").fetchone()[0],
            "items": con.execute("select count(*) from raw.items").fetchone()[0],
        }


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    tmp_path = tmp_path_factory.mktemp("batches")
    try:
        small = _night(tmp_path, "small", 3, patch)
        whole = _night(tmp_path, "whole", 10_000, patch)
    finally:
        patch.undo()
    return {"small": small, "whole": whole}


def test_batches_of_three_give_the_warehouse_one_batch_gives(nights):
    (small, folder), (whole, whole_folder) = nights["small"], nights["whole"]
    cores = os.cpu_count() or 1
    assert len(batches.numbers(folder)) == min(10, max(cores, 4))  # ten items, three a batch, one per core at least
    assert len(batches.numbers(whole_folder)) == min(10, cores)
    assert _rows(small) == _rows(whole)


def test_every_item_ends_in_one_place_and_no_copy_points_at_a_quarantined_article(nights):
    rows = _rows(nights["small"][0])
    records_in, loaded, quarantined, duplicates = rows["run"][:4]
    assert records_in == rows["items"] == loaded + quarantined + duplicates == 10
    reasons = dict(rows["quarantine"])
    assert "body_length" in reasons["teaser.txt"] or "body_length" in reasons["teaser-again.txt"]
    assert {"teaser.txt", "teaser-again.txt"} <= set(reasons)
    assert any("copy of" in reasons[name] for name in ("teaser.txt", "teaser-again.txt"))
    kinds = {name: kind for name, kind, _ in rows["duplicates"]}
    assert kinds.get("copy-of-kt.txt", kinds.get("kt-ms-ai-alliance.ko.txt")) == "same_item"
    assert rows["dangling"] == 0


def test_loading_the_night_again_changes_no_row(nights):
    warehouse, folder = nights["small"]
    before = _rows(warehouse)
    settings = replace(load(), warehouse=warehouse, work=folder.parent)
    pipeline.load(settings, {"run_id": folder.name})
    assert _rows(warehouse) == before
