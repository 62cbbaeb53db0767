"""Every setting the pipeline reads, in one place, from the environment.

Paths are made absolute here because dbt changes the working directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: Path | None) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _memory_size(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", value, flags=re.IGNORECASE):
        raise ValueError(f"{name}={value!r} is not a memory size: write it as DuckDB does, e.g. 1GB, 512MB or 2GiB")
    return value


@dataclass(frozen=True)
class Settings:
    landing: Path  # folder of incoming files, read by ingest
    raw: Path  # content-addressed raw zone: every item ever read, stored once
    work: Path  # per-run staging files handed from stage to stage
    warehouse: Path  # the DuckDB file
    reports: Path  # data-quality report and per-run pages
    dbt_project: Path
    expectations: Path  # Great Expectations project root
    timezone: str
    max_item_bytes: int  # larger files are quarantined unread; larger downloads are cut off
    sources_file: Path  # sources.yml: the folders, feeds and pages to read
    user_agent: str  # sent with every HTTP request
    http_timeout: float  # seconds per connect or read
    http_retries: int  # extra attempts after a transport error, 429 or 5xx
    http_backoff: float  # first wait between attempts, doubled each retry
    warehouse_lock_wait: float = 60.0  # seconds to wait for another process's lock on the warehouse
    backups: Path | None = None  # dated warehouse copies; None: a backups/ folder beside the warehouse
    backup_keep: int = 7  # newest backups kept; older ones are deleted
    duckdb_memory_limit: str = "1GB"  # per DuckDB connection (load, dbt, report): past it DuckDB spills to disk


def load() -> Settings:
    """Read the settings from the environment; README.md lists each with its default."""
    return Settings(
        landing=_path("NEWSETL_LANDING", PROJECT_ROOT / "data" / "samples"),
        raw=_path("NEWSETL_RAW", PROJECT_ROOT / "data" / "raw"),
        work=_path("NEWSETL_WORK", PROJECT_ROOT / "work"),
        warehouse=_path("NEWSETL_WAREHOUSE", PROJECT_ROOT / "warehouse" / "news.duckdb"),
        reports=_path("NEWSETL_REPORTS", PROJECT_ROOT / "reports"),
        dbt_project=_path("NEWSETL_DBT_PROJECT", PROJECT_ROOT / "dbt_project"),
        expectations=_path("NEWSETL_EXPECTATIONS", PROJECT_ROOT / "expectations"),
        timezone=os.environ.get("NEWSETL_TIMEZONE", "Asia/Seoul"),
        max_item_bytes=int(os.environ.get("NEWSETL_MAX_ITEM_BYTES", str(20 * 1024 * 1024))),
        sources_file=_path("NEWSETL_SOURCES", PROJECT_ROOT / "sources.yml"),
        user_agent=os.environ.get("NEWSETL_USER_AGENT", "newsetl/0.1 (news-intelligence warehouse; nightly batch)"),
        http_timeout=float(os.environ.get("NEWSETL_HTTP_TIMEOUT", "20")),
        http_retries=int(os.environ.get("NEWSETL_HTTP_RETRIES", "3")),
        http_backoff=float(os.environ.get("NEWSETL_HTTP_BACKOFF", "1.0")),
        warehouse_lock_wait=float(os.environ.get("NEWSETL_WAREHOUSE_LOCK_WAIT", "60")),
        backups=_path("NEWSETL_BACKUPS", None),
        backup_keep=int(os.environ.get("NEWSETL_BACKUP_KEEP", "7")),
        duckdb_memory_limit=_memory_size("NEWSETL_DUCKDB_MEMORY_LIMIT", "1GB"),
    )


@contextmanager
def dbt_environment(settings: Settings) -> Iterator[None]:
    """dbt's profiles.yml reads the warehouse path and DuckDB's memory limit from the environment: set them for
    one dbt call, then put back what was there (a process that runs dbt on another warehouse must not change
    its own settings)."""
    values = {"NEWSETL_WAREHOUSE": str(settings.warehouse),
              "NEWSETL_DUCKDB_MEMORY_LIMIT": settings.duckdb_memory_limit}
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
