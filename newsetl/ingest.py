"""Ingest: read the landing folder into the raw zone, one record per item.

Every file is stored once under its SHA-256 (``raw/ab/abcdef…``); an item read again is
recorded as seen, not stored twice. The records carry what later stages need to trace an
article back to the bytes it came from.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

log = logging.getLogger(__name__)

class RawItem(TypedDict):
    item_id: str  # sha256 of the bytes
    source: str  # the source's name, e.g. "landing"
    uri: str  # where the item came from (file path or URL)
    fetched_at: str  # ISO timestamp, UTC
    byte_size: int
    raw_path: str  # where the bytes live in the raw zone
    already_seen: bool  # stored by an earlier run


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_raw(data: bytes, raw_dir: Path) -> tuple[str, Path, bool]:
    """Store bytes content-addressed; return (hash, path, already_there)."""
    digest = sha256_bytes(data)
    target = raw_dir / digest[:2] / digest
    if target.exists():
        return digest, target, True
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)  # atomic: a crash never leaves half an item under its hash
    return digest, target, False


def list_landing(landing: Path) -> list[Path]:
    """Files to ingest, in a stable order; hidden files and READMEs are not articles."""
    if not landing.is_dir():
        raise FileNotFoundError(
            f"landing folder {landing} does not exist: create it or set NEWSETL_LANDING"
        )
    return sorted(
        p
        for p in landing.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.name.lower() != "readme.md"
    )


def ingest_folder(landing: Path, raw_dir: Path, source: str = "landing") -> list[RawItem]:
    items: list[RawItem] = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for path in list_landing(landing):
        data = path.read_bytes()
        digest, stored, seen = store_raw(data, raw_dir)
        items.append(
            RawItem(
                item_id=digest,
                source=source,
                uri=str(path),
                fetched_at=now,
                byte_size=len(data),
                raw_path=str(stored),
                already_seen=seen,
            )
        )
    if not items:
        log.warning("landing folder %s holds no files", landing)
    log.info(
        "ingested %d items from %s (%d seen before)",
        len(items),
        landing,
        sum(i["already_seen"] for i in items),
    )
    return items
