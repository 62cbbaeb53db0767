"""Dated copies of the warehouse, and the last good one put back.

`newsetl backup` (make backup) copies the warehouse while it holds a read-only connection to it: DuckDB
lets no writer in meanwhile, so the copy is one consistent state. Every row of every table is read first
(a damaged block shows only when read), so a damaged warehouse is never copied over good backups. The
copy is checked (it opens and holds raw.runs) before it takes its dated name; the newest
NEWSETL_BACKUP_KEEP copies are kept.

`newsetl restore` (make restore) puts back the newest backup that passes the same check, after moving the
current warehouse aside (never deleting it). It refuses while another process has the warehouse open.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .load import WarehouseError, connect
from .settings import Settings

log = logging.getLogger(__name__)


class BackupError(RuntimeError):
    """A backup cannot be taken or restored; the message says why and what to do."""


def backup_dir(settings: Settings) -> Path:
    return settings.backups or settings.warehouse.parent / "backups"


def backups(settings: Settings) -> list[Path]:
    """The warehouse's backups, oldest first (their names sort by time)."""
    return sorted(backup_dir(settings).glob(f"{settings.warehouse.stem}-*.duckdb"))


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")[:-3] + "Z"


def read_everything(con: duckdb.DuckDBPyConnection) -> str | None:
    """Read every row of every table (DuckDB checks each block's checksum as it reads it); the newest night.

    Raises BackupError when the file holds no raw.runs: it is not a newsetl warehouse.
    """
    tables = con.execute("select schema_name, table_name from duckdb_tables() "
                         "where database_name = current_database()").fetchall()
    if ("raw", "runs") not in tables:
        raise BackupError("it holds no raw.runs table: not a newsetl warehouse")
    for schema, table in tables:  # names from DuckDB's own catalog
        con.execute(f'select count(*), sum(hash(t)) from "{schema}"."{table}" as t').fetchall()
    row = con.execute("select run_id from raw.runs order by window_end desc limit 1").fetchone()
    return row[0] if row else None


def check(path: Path) -> str | None:
    """Open `path` read-only and read all of it; the newest night it holds. Raises when it is damaged."""
    try:
        with connect(path, read_only=True, wait=0) as con:
            return read_everything(con)
    except BackupError as exc:
        raise BackupError(f"{path}: {exc}") from exc


def take_backup(settings: Settings, keep: int | None = None) -> dict:
    """Copy the warehouse to <backups>/<name>-<UTC time>.duckdb and delete all but the newest `keep` copies."""
    source = settings.warehouse
    keep = settings.backup_keep if keep is None else keep
    if keep < 1:
        raise BackupError(f"keep at least one backup (NEWSETL_BACKUP_KEEP is {keep})")
    if not source.exists():
        raise BackupError(f"no warehouse at {source}: nothing to back up")
    folder = backup_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{source.stem}-{_stamp()}.duckdb"
    partial = folder / f".{final.name}.partial"
    with connect(source, read_only=True) as con:  # a shared lock: no writer changes the file while it is copied
        try:
            read_everything(con)  # raises when damaged: a bad warehouse must not push out good copies
        except BackupError as exc:
            raise BackupError(f"{source}: {exc}") from exc
        shutil.copyfile(source, partial)
        if _wal(source).exists():  # a writer that died left committed work in the WAL: it belongs to the copy
            shutil.copyfile(_wal(source), _wal(partial))
    with duckdb.connect(str(partial)) as con:
        con.execute("checkpoint")  # folds any WAL in: each backup is one self-contained file
    newest = check(partial)
    partial.replace(final)
    deleted = backups(settings)[:-keep]
    for old in deleted:
        old.unlink()
    log.info("backup %s taken (newest night %s); %d older deleted", final, newest, len(deleted))
    return {"backup": final, "newest_night": newest, "deleted": deleted, "kept": backups(settings)}


def backup_before_load(settings: Settings) -> Path | None:
    """The nightly DAG's copy of the warehouse before tonight's load; None on the first night (no warehouse yet)."""
    if not settings.warehouse.exists():
        log.info("no warehouse at %s yet: nothing to back up", settings.warehouse)
        return None
    return take_backup(settings)["backup"]


def _refuse_if_open(path: Path, hold):
    """Take DuckDB's own file lock (POSIX, exclusive) on `path`; fail when any process has it open."""
    try:
        fcntl.lockf(hold, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        raise BackupError(f"the warehouse {path} is open in another process (a run, a dbt build or a "
                          "`make sql` shell): stop it, then restore") from exc


def restore(settings: Settings, source: Path | None = None) -> dict:
    """Put back `source`, or else the newest backup that opens and reads whole; keep the replaced file aside."""
    target = settings.warehouse
    candidates = [source] if source else list(reversed(backups(settings)))
    if not candidates:
        raise BackupError(f"no backup of {target} in {backup_dir(settings)}: nothing to restore "
                          "(`make backup` takes one)")
    skipped = []
    for candidate in candidates:
        try:
            newest = check(candidate)
            break
        except (WarehouseError, BackupError) as exc:
            log.warning("backup %s is not usable, trying an older one: %s", candidate, exc)
            skipped.append(candidate)
    else:
        raise BackupError(f"no backup opens and reads whole ({', '.join(str(c) for c in skipped)}): "
                          "nothing restored")
    stamp = _stamp()
    aside = []
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(f".{target.name}.restoring")
    existed = target.exists()
    with open(target, "ab") as hold:  # held until the swap is done: no run can open the old file meanwhile
        _refuse_if_open(target, hold)
        shutil.copyfile(candidate, incoming)
        for path in (target, _wal(target)):  # a stale WAL must not be replayed onto the restored file
            if path.exists() and (path != target or existed):
                moved = path.with_name(f"{path.name}.before-restore-{stamp}")
                path.replace(moved)
                aside.append(moved)
        incoming.replace(target)
    check(target)
    log.info("restored %s from %s (newest night %s); kept aside: %s", target, candidate, newest, aside)
    return {"restored": candidate, "newest_night": newest, "kept_aside": aside, "skipped": skipped}
