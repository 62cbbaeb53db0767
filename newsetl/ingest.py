"""Ingest: read every source into the raw zone, one record per item.

Every item is stored once under its SHA-256 (``raw/ab/abcdef…``), read-only, with a sidecar
``abcdef….json`` telling where and when it was first seen, its size and its detected encoding.
An item read again is recorded as seen, not stored twice. Each HTTP request is recorded too
(``Fetch``), whether it brought bytes, a 304 or an error, so the report can say what a source did.

A source that fails (a feed that is down, a folder that is gone) is logged and recorded; the
other sources are still read. Only a night where every source fails stops here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict
from urllib.parse import urljoin

from .clean.decode import UndecodableError, codec_name, detect_encoding
from .fetch import FetchError, FetchPolicy, Response, ValidatorStore, client, fetch
from .settings import Settings
from .sources import policy_for

log = logging.getLogger(__name__)


class RawItem(TypedDict):
    item_id: str  # sha256 of the bytes
    source: str  # the source's name in sources.yml
    uri: str  # where the item came from (file path or URL)
    fetched_at: str  # ISO timestamp, UTC
    byte_size: int
    raw_path: str  # where the bytes live in the raw zone
    already_seen: bool  # the raw zone held these bytes before this read
    encoding: str | None  # detected; None when the bytes are not text
    content_type: str | None  # from the HTTP response
    hints: dict  # what a feed said of the entry (title, published), used when the page says nothing


class Fetch(TypedDict):
    source: str
    url: str
    final_url: str | None
    status: int | None  # None when no response came
    not_modified: bool
    item_id: str | None
    byte_size: int | None
    attempts: int
    elapsed: float
    error: str | None
    fetched_at: str


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_path(raw_dir: Path, digest: str) -> Path:
    return raw_dir / digest[:2] / digest


def store_raw(data: bytes, raw_dir: Path, meta: dict | None = None) -> tuple[str, Path, bool]:
    """Store bytes content-addressed and read-only; return (hash, path, already_there)."""
    digest = sha256_bytes(data)
    target = raw_path(raw_dir, digest)
    if target.exists():
        return digest, target, True
    target.parent.mkdir(parents=True, exist_ok=True)
    if meta is not None:
        sidecar = target.with_name(f"{digest}.json")
        sidecar.write_text(json.dumps({"item_id": digest, **meta}, ensure_ascii=False, indent=1))
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.chmod(0o444)
    tmp.replace(target)  # atomic: a crash never leaves half an item under its hash
    return digest, target, False


def _charset(content_type: str | None) -> str | None:
    if content_type and "charset=" in content_type.lower():
        return codec_name(content_type.lower().split("charset=", 1)[1].split(";")[0])
    return None


def make_item(data: bytes, raw_dir: Path, source: str, uri: str, fetched_at: str,
              content_type: str | None = None, hints: dict | None = None) -> RawItem:
    try:
        encoding = detect_encoding(data, _charset(content_type))
    except UndecodableError:
        encoding = None  # clean quarantines it with the reason
    meta = {"source": source, "uri": uri, "fetched_at": fetched_at, "byte_size": len(data),
            "encoding": encoding, "content_type": content_type}
    digest, stored, seen = store_raw(data, raw_dir, meta)
    return RawItem(item_id=digest, source=source, uri=uri, fetched_at=fetched_at, byte_size=len(data),
                   raw_path=str(stored), already_seen=seen, encoding=encoding, content_type=content_type,
                   hints=hints or {})


def transient_item(data: bytes, source: str, uri: str, content_type: str | None = None) -> RawItem:
    """An item for looking at (CLI, evaluation, tests): the same record ingest makes, nothing stored."""
    return RawItem(item_id=sha256_bytes(data), source=source, uri=uri, fetched_at="", byte_size=len(data),
                   raw_path="", already_seen=False, encoding=None, content_type=content_type, hints={})


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- folders ------------------------------------------------------------------------------------

def list_folder(folder: Path) -> list[Path]:
    """Files to ingest, in a stable order; hidden files and READMEs are not articles."""
    if not folder.is_dir():
        raise FileNotFoundError(f"folder {folder} does not exist: create it, or fix its path in the sources file")
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                  and p.name.lower() != "readme.md")


def oversized_item(path: Path, source: str, fetched_at: str) -> RawItem:
    """A file over the size cap, never held in memory: hashed as a stream, not copied into the raw zone.

    Clean quarantines it by its size without reading it (the landing file stays the only copy).
    """
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return RawItem(item_id=digest, source=source, uri=str(path), fetched_at=fetched_at, byte_size=path.stat().st_size,
                   raw_path="", already_seen=False, encoding=None, content_type=None, hints={})


def item_bytes(item: RawItem, max_bytes: int) -> bytes:
    """The item's bytes from the raw zone; none for an item over the cap (clean quarantines it by its size)."""
    return b"" if item["byte_size"] > max_bytes else Path(item["raw_path"]).read_bytes()


def read_folder(source: dict, raw_dir: Path, max_bytes: int | None = None) -> list[RawItem]:
    now = now_utc()
    items = [oversized_item(path, source["name"], now) if max_bytes and path.stat().st_size > max_bytes
             else make_item(path.read_bytes(), raw_dir, source["name"], str(path), now)
             for path in list_folder(Path(source["path"]))]
    if not items:
        log.warning("source %s: folder %s holds no files", source["name"], source["path"])
    return items


# --- HTTP: feeds and pages ----------------------------------------------------------------------

class _Http:
    """One night's HTTP session: a connection pool, the validators, and each URL fetched at most once."""

    def __init__(self, settings: Settings):
        self.raw_dir = settings.raw
        self.validators = ValidatorStore(settings.raw / "_state" / "http_validators.json")
        self.client = client()
        self.fetches: list[Fetch] = []
        self.tonight: dict[str, tuple[bytes, str | None]] = {}

    def get(self, source: str, url: str, policy: FetchPolicy) -> tuple[bytes, Response | None]:
        """The bytes at url, from the server or, when unchanged since the last night, from the raw zone."""
        if url in self.tonight:
            return self.tonight[url][0], None
        known = self.validators.get(url)
        cached = raw_path(self.raw_dir, known["item_id"]) if known else None
        started = now_utc()
        try:
            response = fetch(self.client, url, policy, known if cached and cached.exists() else None)
        except FetchError as exc:
            self.fetches.append(Fetch(source=source, url=url, final_url=None, status=None, not_modified=False,
                                      item_id=None, byte_size=None, attempts=exc.attempts, elapsed=0.0,
                                      error=str(exc), fetched_at=started))
            raise
        data = cached.read_bytes() if response.not_modified else response.data
        item_id = sha256_bytes(data)
        self.fetches.append(Fetch(source=source, url=url, final_url=response.final_url, status=response.status,
                                  not_modified=response.not_modified, item_id=item_id, byte_size=len(data),
                                  attempts=response.attempts, elapsed=response.elapsed, error=None,
                                  fetched_at=started))
        self.validators.remember(url, response, item_id)
        self.tonight[url] = (data, response.content_type)
        return data, response

    def item(self, source: str, url: str, policy: FetchPolicy, hints: dict | None = None) -> RawItem:
        data, response = self.get(source, url, policy)
        content_type = response.content_type if response else self.tonight[url][1]
        return make_item(data, self.raw_dir, source, url, now_utc(), content_type, hints)

    def close(self) -> None:
        self.validators.save()
        self.client.close()


def _entry_hints(entry, feed_url: str) -> dict:
    hints = {"feed": feed_url}
    if entry.get("title"):
        hints["title"] = entry["title"]
    for key in ("published", "updated", "created"):
        if entry.get(f"{key}_parsed"):  # feedparser gives every date format as UTC struct_time
            hints["published"] = datetime(*entry[f"{key}_parsed"][:6], tzinfo=UTC).isoformat()
            break
        if entry.get(key):
            hints["published"] = entry[key]
            break
    return hints


def read_feed(source: dict, settings: Settings, http: _Http) -> list[RawItem]:
    import feedparser  # only nights with feeds pay for it

    policy = policy_for(source, settings)
    data, response = http.get(source["name"], source["url"], policy)
    make_item(data, settings.raw, source["name"], source["url"], now_utc(),
              response.content_type if response else None)  # the feed itself is kept, but is no article
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        raise FetchError(f"{source['url']} is not an RSS or Atom feed with entries{problem}")
    base = response.final_url if response else source["url"]
    limit = int(source.get("max_items", 200))
    if len(parsed.entries) > limit:  # feeds list the newest first: the rest waits, or is gone tomorrow
        log.warning("source %s: the feed lists %s entries; only the first %d (max_items) are read tonight",
                    source["name"], f"{len(parsed.entries):,}", limit)
    items = []
    for entry in parsed.entries[:limit]:
        if not entry.get("link"):
            log.warning("source %s: an entry without a link (%r) is skipped", source["name"], entry.get("title"))
            continue
        url = urljoin(base, entry["link"])
        try:
            items.append(http.item(source["name"], url, policy, _entry_hints(entry, source["url"])))
        except FetchError as exc:  # recorded in the fetch log; tomorrow's night tries the page again
            log.warning("source %s: %s", source["name"], exc)
    return items


def read_pages(source: dict, settings: Settings, http: _Http) -> list[RawItem]:
    policy = policy_for(source, settings)
    items = []
    for url in source["urls"]:
        try:
            items.append(http.item(source["name"], url, policy))
        except FetchError as exc:
            log.warning("source %s: %s", source["name"], exc)
    return items


def ingest_sources(sources: list[dict], settings: Settings) -> tuple[list[RawItem], list[Fetch], dict[str, str]]:
    """Read every source. Returns the items, the HTTP fetch log and the sources that failed with why."""
    items: list[RawItem] = []
    failed: dict[str, str] = {}
    http = _Http(settings)
    try:
        for source in sources:
            try:
                if source["kind"] == "folder":
                    got = read_folder(source, settings.raw, settings.max_item_bytes)
                elif source["kind"] == "feed":
                    got = read_feed(source, settings, http)
                else:
                    got = read_pages(source, settings, http)
            except (OSError, FetchError) as exc:
                failed[source["name"]] = str(exc)
                log.error("source %s failed, the others go on: %s", source["name"], exc)
                continue
            items += got
            log.info("source %s: %d items (%d already in the raw zone)", source["name"], len(got),
                     sum(i["already_seen"] for i in got))
    finally:
        http.close()
    if sources and len(failed) == len(sources):
        raise RuntimeError("every source failed; nothing was read tonight:\n"
                           + "\n".join(f"- {name}: {why}" for name, why in failed.items()))
    return items, http.fetches, failed
