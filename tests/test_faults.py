"""Faults: a night killed during load, during dbt build and between them; two triggers of one night at once; a
locked or damaged warehouse; backup, damage, restore. Real processes, real DuckDB files, real dbt.

The reference is one uninterrupted `newsetl run` of the samples (less the report, which only reads the
warehouse). Every faulted warehouse is then written from the same night's work files (ingest … extract ran once,
for the reference) by tests/fault_driver.py, which runs the production load and dbt build in a process of its own
and SIGKILLs itself at a named point. The rerun is the same driver without a fault, as Airflow reruns a night's
tasks over the files the stages before them wrote.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SAMPLES

from newsetl.backup import BackupError, backup_before_load, backups, restore, take_backup
from newsetl.load import WarehouseError, connect
from newsetl.settings import load as load_settings

DRIVER = Path(__file__).with_name("fault_driver.py")
START, END = "2024-10-01", "2024-10-02"
# The load's own clock, the only columns two loads of the same input may differ in: raw.runs.finished_at is
# when the load committed, and the incremental watermarks record that time and when dbt built the model.
CLOCKS = {"raw.runs": {"finished_at"}, "dbt_state.incremental_watermarks": {"loaded_through", "built_at"}}
# dbt_state.node_results logs every dbt invocation (its id, timings): each attempt adds rows, a killed one none.
# What must match a clean run there is the outcome of the last build: every model, seed and test, its status.
LAST_BUILD = ("select unique_id, status, failures, message from dbt_state.node_results where invocation_id = "
              "(select invocation_id from dbt_state.node_results where resource_type = 'model' "
              "order by recorded_at desc limit 1)")


@dataclasses.dataclass(frozen=True)
class Night:
    folder: Path
    run_id: str
    reference: Path  # the warehouse of the uninterrupted run
    state: dict  # warehouse_state(reference)

    def env(self, warehouse: Path, **extra: str) -> dict[str, str]:
        return {**os.environ, "NEWSETL_WAREHOUSE": str(warehouse), "NEWSETL_LANDING": str(self.folder / "landing"),
                "NEWSETL_WORK": str(self.folder / "work"), "NEWSETL_RAW": str(self.folder / "raw"),
                "NEWSETL_REPORTS": str(self.folder / "reports"), "NEWSETL_BACKUPS": str(warehouse.parent / "backups"),
                "DBT_TARGET_PATH": str(self.folder / "dbt-target"), "DBT_LOG_PATH": str(self.folder / "dbt-logs"),
                **extra}


def warehouse_state(path: Path, clocks: bool = False) -> dict[str, list[str]]:
    """Every row of every table (raw, intermediate, marts, seeds, test failures, dbt_state), without the clock
    columns and, of the dbt log, only the last build's outcomes (unless `clocks`: then every column and row)."""
    state = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for schema, table in con.execute("select table_schema, table_name from information_schema.tables "
                                         "where table_type = 'BASE TABLE' order by all").fetchall():
            name = f"{schema}.{table}"
            if name == "dbt_state.node_results" and not clocks:
                state[name] = sorted(map(repr, con.execute(LAST_BUILD).fetchall()))
                continue
            columns = [c for (c,) in con.execute("select column_name from information_schema.columns where "
                                                 "table_schema = ? and table_name = ? order by ordinal_position",
                                                 [schema, table]).fetchall()
                       if clocks or c not in CLOCKS.get(name, ())]
            selected = ", ".join(f'"{c}"' for c in columns)
            state[name] = sorted(map(repr, con.execute(f'select {selected} from "{schema}"."{table}"').fetchall()))
    return state


def raw_only(state: dict) -> dict:
    return {name: rows for name, rows in state.items() if name.startswith("raw.")}


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def drive(night: Night, warehouse: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(DRIVER), night.run_id, *args], env=night.env(warehouse, **env),
                          capture_output=True, text=True, timeout=600, cwd=ROOT)


def newsetl(night: Night, warehouse: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsetl.cli", *args], env=night.env(warehouse, **env),
                          capture_output=True, text=True, timeout=600, cwd=ROOT)


def assert_killed_at(result: subprocess.CompletedProcess, point: str) -> None:
    assert result.returncode == -signal.SIGKILL, result.stderr[-3000:]
    assert f"fault point {point} reached" in result.stderr


def assert_same_as_reference(night: Night, warehouse: Path) -> None:
    state = warehouse_state(warehouse)
    assert state.keys() == night.state.keys()
    for table, reference_rows in night.state.items():
        assert state[table] == reference_rows, table
    # said plainly: every article once, none missing
    articles = [a for (a,) in rows(warehouse, "select article_id from marts.dim_articles")]
    assert len(articles) == len(set(articles)) == len(night.state["marts.dim_articles"]) == 6


# `newsetl run`, less the quality report: it only reads the warehouse, and its dbt source freshness costs 15 s
WHOLE_NIGHT = """
import sys
from newsetl import cli, pipeline
pipeline.report = lambda settings, run: "(no report)"
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> Night:
    folder = tmp_path_factory.mktemp("faults")
    shutil.copytree(SAMPLES, folder / "landing")
    reference = folder / "reference" / "news.duckdb"
    night = Night(folder, "", reference, {})
    result = subprocess.run([sys.executable, "-c", WHOLE_NIGHT, "run", "--start", START, "--end", END],
                            env=night.env(reference), capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    (run_id,) = [p.name for p in (folder / "work").iterdir()]
    return dataclasses.replace(night, run_id=run_id, state=warehouse_state(reference))


def test_reference_night_holds_the_samples(night):
    assert rows(night.reference, "select run_id, articles_loaded, duplicates from raw.runs") == [(night.run_id, 6, 1)]
    assert len(night.state["raw.items"]) == 7 and night.state["marts.fct_quotes"] and night.state["marts.fct_events"]


# --- killed, then rerun -------------------------------------------------------------------------------------

def test_a_night_killed_during_load_between_load_and_dbt_and_during_dbt_then_rerun_equals_a_clean_run(night, tmp_path):
    """The night is killed at each point in turn, each rerun killed at the next; the last rerun runs through.

    Each kill leaves a state checked on the spot, so the final comparison is not the only proof.
    """
    warehouse = tmp_path / "news.duckdb"
    # (a) during the load: the night's transaction never committed, the tables exist (created before it), empty
    assert_killed_at(drive(night, warehouse, "--kill-at", "load:articles"), "load:articles")
    assert rows(warehouse, "select (select count(*) from raw.runs), (select count(*) from raw.items), "
                           "(select count(*) from raw.articles)") == [(0, 0, 0)]
    # (c) between load and dbt build: the load committed whole, nothing was built
    assert_killed_at(drive(night, warehouse, "--kill-at", "before-dbt"), "before-dbt")
    assert warehouse_state(warehouse) == raw_only(night.state)
    # (b) during dbt build: dim_articles was built and committed; fct_quotes ran every statement, none committed
    assert_killed_at(drive(night, warehouse, "--kill-at", "dbt:fct_quotes"), "dbt:fct_quotes")
    marts = {t for (t,) in rows(warehouse, "select table_name from information_schema.tables "
                                           "where table_schema = 'marts'")}
    assert "dim_articles" in marts and "fct_quotes" not in marts
    rerun = drive(night, warehouse)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert_same_as_reference(night, warehouse)


def test_kill_during_a_rerun_load_leaves_the_warehouse_as_it_was(night, tmp_path):
    """The rerun's load deletes the night's rows and writes them again: killed half way, nothing of it shows."""
    warehouse = tmp_path / "news.duckdb"
    shutil.copyfile(night.reference, warehouse)
    before = warehouse_state(warehouse, clocks=True)
    assert_killed_at(drive(night, warehouse, "--stages", "load", "--kill-at", "load:quotes"), "load:quotes")
    assert warehouse_state(warehouse, clocks=True) == before


def test_kill_during_an_incremental_dbt_build_then_retry_the_build(night, tmp_path):
    """A built warehouse: the night is reloaded, so every article is new to the incremental marts; dbt is killed
    as fct_quotes is about to commit its merge and its watermark. Retrying the dbt build alone (what clearing the
    failed dbt task does) must finish the job: fct_quotes's watermark did not move, so it takes the articles."""
    warehouse = tmp_path / "news.duckdb"
    shutil.copyfile(night.reference, warehouse)
    watermarks = "select model, loaded_through from dbt_state.incremental_watermarks order by model"
    before = dict(rows(warehouse, watermarks))
    assert_killed_at(drive(night, warehouse, "--kill-at", "dbt:fct_quotes"), "dbt:fct_quotes")
    after = dict(rows(warehouse, watermarks))
    assert after["dim_articles"] > before["dim_articles"] and after["fct_quotes"] == before["fct_quotes"]
    retry = drive(night, warehouse, "--stages", "dbt")
    assert retry.returncode == 0, retry.stderr[-3000:]
    assert_same_as_reference(night, warehouse)


# --- two triggers of one night --------------------------------------------------------------------------------

def _wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_two_triggers_of_the_same_night_at_once_wait_or_fail_clearly(night, tmp_path):
    warehouse, release = tmp_path / "news.duckdb", tmp_path / "release"
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    with first_log.open("w") as out:
        first = subprocess.Popen([sys.executable, str(DRIVER), night.run_id, "--stages", "load", "--hold-at",
                                  "load:articles", "--release", str(release)], env=night.env(warehouse),
                                 stderr=out, cwd=ROOT)
    second = None
    try:
        # the first load is inside its transaction, holding the warehouse
        _wait_for(lambda: release.with_name("release.held").exists() or first.poll() is not None, "the first load")
        assert first.poll() is None, first_log.read_text()[-3000:]

        # a whole night that may wait one second stops at its first look at the warehouse, and says why
        impatient = subprocess.run(
            [sys.executable, "-m", "newsetl.cli", "run", "--start", START, "--end", END],
            env={**night.env(warehouse, NEWSETL_WAREHOUSE_LOCK_WAIT="1"),
                 "NEWSETL_WORK": str(tmp_path / "work"), "NEWSETL_RAW": str(tmp_path / "raw")},
            capture_output=True, text=True, timeout=600, cwd=ROOT)
        assert impatient.returncode == 2, impatient.stderr[-3000:]
        message = impatient.stderr.strip().splitlines()[-1]
        assert message.startswith("newsetl run: the warehouse ") and str(warehouse) in message
        assert f"locked by process {first.pid}" in message and "then run again" in message
        assert "Traceback" not in impatient.stderr

        # a second load that may wait does, then replaces the first one's rows with the same rows
        with second_log.open("w") as out:
            second = subprocess.Popen([sys.executable, str(DRIVER), night.run_id, "--stages", "load"],
                                      env=night.env(warehouse, NEWSETL_WAREHOUSE_LOCK_WAIT="120"), stderr=out,
                                      cwd=ROOT)
        _wait_for(lambda: "locked by another process: waiting" in second_log.read_text() or second.poll() is not None,
                  "the second load to wait")
        assert second.poll() is None, second_log.read_text()[-3000:]
        release.touch()
        assert first.wait(timeout=120) == 0, first_log.read_text()[-3000:]
        assert second.wait(timeout=120) == 0, second_log.read_text()[-3000:]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert warehouse_state(warehouse) == raw_only(night.state)


# --- a locked or damaged warehouse ----------------------------------------------------------------------------

def test_a_locked_warehouse_gives_a_clear_error_and_is_not_restored_over(night, tmp_path):
    warehouse = tmp_path / "news.duckdb"
    shutil.copyfile(night.reference, warehouse)
    settings = dataclasses.replace(load_settings(), warehouse=warehouse)
    take_backup(settings)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(120)", str(warehouse)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        started = time.monotonic()
        result = newsetl(night, warehouse, "summary", NEWSETL_WAREHOUSE_LOCK_WAIT="1")
        assert result.returncode == 2 and "Traceback" not in result.stderr
        message = result.stderr.strip().splitlines()[-1]
        assert message.startswith(f"newsetl summary: the warehouse {warehouse} is locked by process {holder.pid}")
        assert "DuckDB takes one writer at a time" in message and time.monotonic() - started >= 1
        with pytest.raises(BackupError, match="open in another process"):
            restore(settings)
        assert warehouse.read_bytes() == night.reference.read_bytes()
        assert list(tmp_path.glob("*before-restore*")) == []
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_warehouse_gives_a_clear_error(night, tmp_path, damage):
    warehouse = tmp_path / "news.duckdb"
    data = night.reference.read_bytes()
    warehouse.write_bytes(random.Random(8).randbytes(len(data)) if damage == "garbage" else data[: len(data) // 2])
    result = newsetl(night, warehouse, "summary")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(f"newsetl summary: the warehouse {warehouse} is damaged")
    assert "Run `make restore`" in message


def test_a_damaged_block_found_by_a_query_gives_the_same_error_and_is_never_backed_up(tmp_path):
    """Damage inside a table shows only when a query reads it: connect turns it into the same error, and a
    backup, which reads every table first, refuses to copy it over the good backups."""
    warehouse = tmp_path / "news.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw; create table raw.runs (run_id varchar, window_end timestamptz); "
                    "create table raw.articles as select range as id, md5(range::varchar) as body from range(300000)")
    data = bytearray(warehouse.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 100] = bytes(100)
    warehouse.write_bytes(bytes(data))
    with pytest.raises(WarehouseError, match="is damaged .*Corrupt database file.* Run `make restore`"):
        with connect(warehouse, read_only=True) as con:
            con.execute("select sum(hash(t)) from raw.articles as t").fetchall()
    settings = dataclasses.replace(load_settings(), warehouse=warehouse)
    with pytest.raises(WarehouseError, match="is damaged"):
        take_backup(settings)
    assert list((tmp_path / "backups").iterdir()) == []


# --- backup and restore ---------------------------------------------------------------------------------------

def test_backup_then_damage_then_restore_gives_back_the_backup(night, tmp_path):
    warehouse = tmp_path / "warehouse" / "news.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(night.reference, warehouse)
    backup = newsetl(night, warehouse, "backup")
    assert backup.returncode == 0, backup.stderr[-3000:]
    (copy,) = (tmp_path / "warehouse" / "backups").glob("news-*.duckdb")
    assert f"backup {copy} (newest night {night.run_id})" in backup.stdout
    assert warehouse_state(copy, clocks=True) == warehouse_state(warehouse, clocks=True)

    damaged = night.reference.read_bytes()[:4096]
    warehouse.write_bytes(damaged)
    result = newsetl(night, warehouse, "restore")
    assert result.returncode == 0, result.stderr[-3000:]
    (aside,) = warehouse.parent.glob("news.duckdb.before-restore-*")
    assert f"restored {warehouse} from {copy}" in result.stdout and str(aside) in result.stdout
    assert aside.read_bytes() == damaged  # kept, never deleted
    assert warehouse_state(warehouse, clocks=True) == warehouse_state(copy, clocks=True)
    assert_same_as_reference(night, warehouse)


# committed, never checkpointed: the night is only in the WAL the killed writer leaves
KILLED_WRITER = """
import duckdb, os, signal, sys
con = duckdb.connect(sys.argv[1])
con.execute("create schema raw; create table raw.runs (run_id varchar, window_end timestamptz)")
con.execute("insert into raw.runs values ('night-1', now())")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_backup_carries_what_a_killed_writer_committed_to_the_wal(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    writer = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(warehouse)])
    assert writer.returncode == -signal.SIGKILL and warehouse.with_name("news.duckdb.wal").exists()
    result = take_backup(dataclasses.replace(load_settings(), warehouse=warehouse))
    assert result["newest_night"] == "night-1"
    assert rows(result["backup"], "select run_id from raw.runs") == [("night-1",)]
    assert not result["backup"].with_name(result["backup"].name + ".wal").exists()  # one self-contained file


def test_backups_keep_the_newest_n_and_restore_skips_a_damaged_one(night, tmp_path):
    warehouse = tmp_path / "news.duckdb"
    shutil.copyfile(night.reference, warehouse)
    settings = dataclasses.replace(load_settings(), warehouse=warehouse, backup_keep=2)
    made = [take_backup(settings)["backup"] for _ in range(3)]
    assert len(set(made)) == 3 and backups(settings) == made[1:]  # the oldest went
    made[2].write_bytes(b"not a database" * 1000)
    warehouse.write_bytes(b"")
    result = restore(settings)
    assert result["restored"] == made[1] and result["skipped"] == [made[2]] and made[2].exists()
    assert result["newest_night"] == night.run_id
    assert warehouse_state(warehouse, clocks=True) == warehouse_state(made[1], clocks=True)
    with pytest.raises(BackupError, match="no backup of"):
        restore(dataclasses.replace(settings, backups=tmp_path / "elsewhere"))


def test_the_nightly_backup_skips_the_first_night_then_copies_the_warehouse(night, tmp_path):
    settings = dataclasses.replace(load_settings(), warehouse=tmp_path / "news.duckdb")
    assert backup_before_load(settings) is None and not settings.warehouse.exists()
    shutil.copyfile(night.reference, settings.warehouse)
    copy = backup_before_load(settings)
    assert copy.parent == tmp_path / "backups" and copy.name.startswith("news-")
    assert warehouse_state(copy, clocks=True) == warehouse_state(night.reference, clocks=True)
