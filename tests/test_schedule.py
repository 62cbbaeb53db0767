"""Which night processes which item, and what reruns and backfills of past nights do.

A night processes the items it reads that no other night has loaded. A rerun of a past night (a later night
exists) takes back exactly the items it loaded the first time, so reruns and backfills reproduce the nightly
result. Real pipeline stages on a real DuckDB file; dbt is not needed for these rules.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb
import pendulum
import pytest
from conftest import ROOT, SAMPLES
from test_dbt_marts import load_night, settings_for

from newsetl import pipeline


def _items_by_night(settings) -> dict[str, set[str]]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute("select run_id, uri from raw.items").fetchall()
    nights: dict[str, set[str]] = {}
    for run_id, uri in rows:
        nights.setdefault(run_id, set()).add(uri.rsplit("/", 1)[-1])
    return nights


def _raw_rows(settings) -> dict[str, list]:
    """Every raw table's rows without the columns that record when a run happened."""
    tables = ("items", "articles", "quarantine", "duplicates", "quotes", "organization_mentions", "events")
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        out = {}
        for table in tables:
            cols = [c for (c,) in con.execute("select column_name from information_schema.columns where "
                                              "table_schema = 'raw' and table_name = ?", [table]).fetchall()
                    if c not in {"loaded_at", "fetched_at", "started_at", "finished_at", "ingested_at"}]
            out[table] = sorted(map(str, con.execute(f"select {', '.join(cols)} from raw.{table}").fetchall()))
    return out


@pytest.fixture
def landing_and_settings(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    return landing, settings_for(tmp_path, landing)


def test_a_rerun_of_a_past_night_takes_back_only_its_own_items(landing_and_settings):
    landing, settings = landing_and_settings
    shutil.copy(SAMPLES / "kt-ms-ai-alliance.ko.txt", landing)
    load_night(settings, "2024-10-01", "2024-10-02")
    shutil.copy(SAMPLES / "naver-ai-summit.ko.txt", landing)
    load_night(settings, "2024-10-02", "2024-10-03")
    before = _raw_rows(settings)

    # a file arrives after night 2; rerunning night 1 must neither take it nor give up its own item
    shutil.copy(SAMPLES / "seoul-transit-policy.ko.txt", landing)
    rerun = load_night(settings, "2024-10-01", "2024-10-02")
    nights = _items_by_night(settings)
    assert nights[rerun["run_id"]] == {"kt-ms-ai-alliance.ko.txt"}
    assert _raw_rows(settings) == before  # the rerun changed no row

    # the newest night takes what arrived since, and keeps its own
    night_2 = load_night(settings, "2024-10-02", "2024-10-03")
    assert _items_by_night(settings)[night_2["run_id"]] == {"naver-ai-summit.ko.txt", "seoul-transit-policy.ko.txt"}


def test_a_backfill_in_order_equals_the_nightly_runs(tmp_path):
    """Nights run as they happened, then the same range replayed over the same warehouse: no row changes."""
    landing = tmp_path / "landing"
    landing.mkdir()
    settings = settings_for(tmp_path / "nightly", landing)
    arrivals = {"2024-10-01": "kt-ms-ai-alliance.ko.txt", "2024-10-02": "microsoft-openai-partnership.en.txt",
                "2024-10-03": "microsoft-openai-partnership-syndicated.en.txt"}
    for day, name in arrivals.items():
        shutil.copy(SAMPLES / name, landing)
        load_night(settings, day, f"2024-10-0{int(day[-1]) + 1}")
    nightly = _raw_rows(settings)
    assert {n for names in _items_by_night(settings).values() for n in names} == set(arrivals.values())

    for day in arrivals:  # the backfill replays every night of the range, oldest first
        load_night(settings, day, f"2024-10-0{int(day[-1]) + 1}")
    assert _raw_rows(settings) == nightly


def test_the_schedule_gives_each_night_the_day_from_two_to_two_seoul_time():
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=str(ROOT / "dags")).dags["news_nightly"]
    interval = dag.timetable.infer_manual_data_interval(run_after=pendulum.datetime(2024, 10, 2, 9, 0, tz="Asia/Seoul"))
    seoul = ZoneInfo("Asia/Seoul")
    assert interval.start == datetime(2024, 10, 1, 2, 0, tzinfo=seoul)
    assert interval.end == datetime(2024, 10, 2, 2, 0, tzinfo=seoul)
    start, end = pipeline.window_for(interval.start, interval.end, None, None, "Asia/Seoul")
    assert pipeline.make_run(start, end)["run_id"] == "20240930T1700_20241001T1700"


def test_a_manual_run_takes_its_range_from_conf_in_seoul_time():
    start, end = pipeline.window_for(None, None, None, {"start": "2024-10-01", "end": "2024-10-03"}, "Asia/Seoul")
    assert (start.isoformat(), end.isoformat()) == ("2024-10-01T00:00:00+09:00", "2024-10-03T00:00:00+09:00")
    with pytest.raises(ValueError, match="both 'start' and 'end'"):
        pipeline.window_for(None, None, None, {"start": "2024-10-01"}, "Asia/Seoul")
