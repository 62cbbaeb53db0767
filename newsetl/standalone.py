"""Airflow standalone on 127.0.0.1, driven through its REST API: `make airflow`, `make backfill` and the tests.

`airflow standalone` starts the API server, scheduler, DAG processor and triggerer as children; they talk
to each other over local ports, so every port is set here (the scheduler's log server defaults to 8793,
which is easy to collide with). The process group is stopped as a whole: SIGTERM to standalone alone can
leave a scheduler behind.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

log = logging.getLogger(__name__)

DAG_ID = "news_nightly"
FINISHED = {"success", "failed"}


@dataclass(frozen=True)
class Airflow:
    home: Path
    port: int

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v2"

    @property
    def pid_file(self) -> Path:
        return self.home / "standalone.pid"


def environment(airflow: Airflow) -> dict[str, str]:
    """The environment standalone and its children need, on top of the caller's."""
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",  # standalone starts `airflow …` by name
        "AIRFLOW_HOME": str(airflow.home),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(airflow.port),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{airflow.port}/execution/",
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(airflow.port + 1),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(airflow.port + 2),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",  # local use: no login
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    }


def running(airflow: Airflow) -> bool:
    try:
        return httpx.get(f"{airflow.api}/monitor/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def start(airflow: Airflow, timeout: float = 180) -> subprocess.Popen:
    """Start standalone in its own process group and wait until the API answers and the DAG is parsed."""
    if running(airflow):
        raise RuntimeError(f"something already answers on 127.0.0.1:{airflow.port}: stop it first (make stop)")
    airflow.home.mkdir(parents=True, exist_ok=True)
    logfile = open(airflow.home / "standalone.log", "ab")  # noqa: SIM115 - the child keeps writing it
    process = subprocess.Popen([sys.executable, "-m", "airflow", "standalone"], env=environment(airflow),
                               stdout=logfile, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    airflow.pid_file.write_text(str(process.pid))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"airflow standalone exited with {process.returncode}: see {airflow.home}/standalone.log")
        if running(airflow) and _dag_parsed(airflow):
            log.info("Airflow standalone is up on %s (pid %s)", airflow.api, process.pid)
            return process
        time.sleep(1)
    stop(airflow)
    raise TimeoutError(f"airflow standalone did not come up within {timeout:.0f} s: see {airflow.home}/standalone.log")


def _dag_parsed(airflow: Airflow) -> bool:
    response = httpx.get(f"{airflow.api}/dags/{DAG_ID}", timeout=5)
    return response.status_code == 200


def stop(airflow: Airflow, grace: float = 10) -> None:
    """Stop standalone and every process it started (its whole process group)."""
    if not airflow.pid_file.exists():
        return
    pgid = int(airflow.pid_file.read_text())
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _group_alive(pgid):
            time.sleep(0.2)
        if not _group_alive(pgid):
            break
    airflow.pid_file.unlink(missing_ok=True)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    try:  # a reaped leader with no children left answers ESRCH; a zombie leader alone is as good as gone
        out = subprocess.run(["ps", "-o", "stat=", "-g", str(pgid)], capture_output=True, text=True).stdout.split()
    except OSError:
        return True
    return any(not state.startswith("Z") for state in out)


def ensure_pool(airflow: Airflow, name: str = "duckdb") -> None:
    """The one-slot pool every warehouse writer takes (DuckDB has one writer at a time)."""
    response = httpx.get(f"{airflow.api}/pools/{name}", timeout=10)
    if response.status_code == 404:
        httpx.post(f"{airflow.api}/pools", timeout=10, json={
            "name": name, "slots": 1, "description": "DuckDB takes one writer at a time"}).raise_for_status()
    else:
        response.raise_for_status()


def unpause(airflow: Airflow) -> None:
    httpx.patch(f"{airflow.api}/dags/{DAG_ID}", json={"is_paused": False}, timeout=10).raise_for_status()


def trigger(airflow: Airflow, conf: dict | None = None) -> str:
    """A manual run of news_nightly; returns its run id."""
    response = httpx.post(f"{airflow.api}/dags/{DAG_ID}/dagRuns", json={"logical_date": None, "conf": conf or {}},
                          timeout=10)
    response.raise_for_status()
    return response.json()["dag_run_id"]


def run_state(airflow: Airflow, run_id: str) -> str:
    response = httpx.get(f"{airflow.api}/dags/{DAG_ID}/dagRuns/{run_id}", timeout=10)
    response.raise_for_status()
    return response.json()["state"]


def wait(airflow: Airflow, run_ids: list[str], timeout: float) -> dict[str, str]:
    """Wait until every run has finished (success or failed), at most `timeout` seconds; their states."""
    deadline = time.monotonic() + timeout
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        states = {run_id: run_state(airflow, run_id) for run_id in run_ids}
        if all(state in FINISHED for state in states.values()):
            return states
        time.sleep(3)
    raise TimeoutError(f"runs not finished after {timeout:.0f} s: {states}")


def backfill(airflow: Airflow, start: str, end: str, timeout: float, timezone: str = "Asia/Seoul") -> dict[str, str]:
    """Airflow's own backfill of news_nightly for the nights starting on the days START..END (inclusive, in
    `timezone`), reprocessing nights that ran before.

    A night is named by the day its interval starts (02:00 that day to 02:00 the next). Runs one night at a
    time, oldest first, so each night sees the warehouse the nightly runs would have left it; returns each
    run's final state.
    """
    zone = ZoneInfo(timezone)
    first = datetime.fromisoformat(start).replace(tzinfo=zone)
    last = datetime.fromisoformat(end).replace(tzinfo=zone) + timedelta(days=1) - timedelta(seconds=1)
    response = httpx.post(f"{airflow.api}/backfills", timeout=30, json={
        "dag_id": DAG_ID, "from_date": first.isoformat(), "to_date": last.isoformat(),
        "reprocess_behavior": "completed", "max_active_runs": 1, "run_backwards": False,
    })
    if response.status_code >= 400:
        raise RuntimeError(f"Airflow refused the backfill {start}..{end}: {response.text}")
    backfill_id = response.json()["id"]
    deadline = time.monotonic() + timeout
    runs: list[dict] = []
    while time.monotonic() < deadline:
        runs = httpx.get(f"{airflow.api}/dags/{DAG_ID}/dagRuns", timeout=10,
                         params={"run_type": "backfill", "limit": 1000}).json()["dag_runs"]
        runs = [r for r in runs if r.get("backfill_id") in (None, backfill_id)]
        done = httpx.get(f"{airflow.api}/backfills/{backfill_id}", timeout=10).json().get("completed_at")
        if done or (runs and all(r["state"] in FINISHED for r in runs)):
            return {r["dag_run_id"]: r["state"] for r in runs}
        time.sleep(5)
    raise TimeoutError(f"backfill {start}..{end} not finished after {timeout:.0f} s: "
                       f"{ {r['dag_run_id']: r['state'] for r in runs} }")
