"""`make airflow` for real: Airflow standalone on 127.0.0.1 with a temporary home, driven over its REST API.

A manual run of news_nightly is triggered and must succeed within a bound; then Airflow's own backfill replays a
night, which must succeed and change no mart row (the articles are already loaded by the first run, and a night
never takes an item another night loaded). The scheduler's own cron runs are off here (use_job_schedule), so
only the runs the test asks for happen. Every process standalone started is stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import duckdb
import pytest
from conftest import SAMPLES

from newsetl import standalone

pytestmark = pytest.mark.e2e

RUN_BOUND_SECONDS = 600
MARTS = ("dim_articles", "fct_quotes", "fct_organization_mentions", "fct_events", "dim_organizations", "dim_people")


def _free_ports(count: int = 3) -> int:
    """A port p with p, p+1 and p+2 free: the API, the scheduler's and the triggerer's log servers."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count > 65535:
            continue
        try:
            for offset in range(count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", base + offset))
            return base
        except OSError:
            continue
    raise RuntimeError("no three consecutive free ports on 127.0.0.1")


def _marts(warehouse) -> dict[str, list[str]]:
    """Every row of the marts, without the load time (a rerun may set it again)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        marts = {}
        for table in MARTS:
            columns = [c[0] for c in con.execute(f"describe marts.{table}").fetchall() if c[0] != "loaded_at"]
            marts[table] = sorted(map(str, con.execute(f"select {', '.join(columns)} from marts.{table}").fetchall()))
        return marts


@pytest.fixture(scope="module")
def airflow(tmp_path_factory):
    folder = tmp_path_factory.mktemp("standalone")
    landing = folder / "landing"
    landing.mkdir()
    for name in ("kt-ms-ai-alliance.ko.txt", "microsoft-openai-partnership.en.txt"):
        shutil.copy(SAMPLES / name, landing / name)
    saved = dict(os.environ)
    os.environ.update({  # standalone's children inherit these
        "NEWSETL_LANDING": str(landing), "NEWSETL_WAREHOUSE": str(folder / "warehouse" / "news.duckdb"),
        "NEWSETL_RAW": str(folder / "raw"), "NEWSETL_WORK": str(folder / "work"),
        "NEWSETL_REPORTS": str(folder / "reports"), "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
    })
    handle = standalone.Airflow(home=folder / "airflow", port=_free_ports())
    process = standalone.start(handle)
    try:
        standalone.ensure_pool(handle)
        yield {"handle": handle, "process": process, "warehouse": folder / "warehouse" / "news.duckdb"}
    finally:
        standalone.stop(handle)
        os.environ.clear()
        os.environ.update(saved)
        leftovers = subprocess.run(["pgrep", "-f", str(handle.home)], capture_output=True, text=True).stdout.split()
        assert leftovers == [], f"processes left running: {leftovers}"


def test_a_run_triggered_over_the_rest_api_succeeds_within_the_bound(airflow):
    handle = airflow["handle"]
    standalone.unpause(handle)
    run_id = standalone.trigger(handle, {"start": "2024-10-01", "end": "2024-10-02"})
    states = standalone.wait(handle, [run_id], timeout=RUN_BOUND_SECONDS)
    assert states == {run_id: "success"}, f"see {handle.home / 'logs'}"
    marts = _marts(airflow["warehouse"])
    assert len(marts["dim_articles"]) == 2 and marts["fct_quotes"]
    airflow["after_manual_run"] = marts


def test_a_backfill_through_airflow_succeeds_and_changes_no_mart_row(airflow):
    handle = airflow["handle"]
    before = airflow.get("after_manual_run") or _marts(airflow["warehouse"])
    states = standalone.backfill(handle, "2024-10-01", "2024-10-01", timeout=RUN_BOUND_SECONDS)
    assert list(states.values()) == ["success"], states
    assert list(states)[0].startswith("backfill__2024-10-01T17:00"), states  # the night from Oct 1 02:00 KST
    assert _marts(airflow["warehouse"]) == before
    with duckdb.connect(str(airflow["warehouse"]), read_only=True) as con:
        nights = con.execute("select count(*) from raw.runs").fetchone()[0]
        twice = con.execute("select count(*) from (select item_id from raw.items group by 1 having count(*) > 1)"
                            ).fetchone()[0]
    assert nights == 2 and twice == 0
