"""HTTP fetching for feeds and article pages: polite, bounded, and cheap to repeat.

Every request carries a user agent and a timeout; the body is streamed and cut at a size cap
(after decompression, so a gzip bomb stops at the cap); transport errors, 429 and 5xx are
retried with exponential back-off (honouring Retry-After); redirects are followed by hand so
each hop is checked again. Only http and https are fetched, and hosts that resolve to private,
loopback or link-local addresses are refused unless the source allows them.

A conditional GET (If-None-Match / If-Modified-Since) from the validators of the last fetch
lets a nightly run refetch nothing that has not changed: the server answers 304 and the
bytes come from the raw zone.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

log = logging.getLogger(__name__)

RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class FetchError(RuntimeError):
    """A URL could not be fetched; the message says why and what was tried."""

    def __init__(self, message: str, attempts: int = 1):
        super().__init__(message)
        self.attempts = attempts


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = "newsetl/0.1 (news-intelligence warehouse; nightly batch)"
    timeout: float = 20.0  # seconds per connect/read; the whole fetch gets three times that
    max_bytes: int = 20 * 1024 * 1024
    retries: int = 3  # extra attempts after the first
    backoff: float = 1.0  # first wait; doubles each retry
    max_wait: float = 60.0  # cap on any wait, Retry-After included
    max_redirects: int = 5
    allow_private: bool = False  # tests and intranet sources opt in


@dataclass
class Response:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    data: bytes | None  # None when the server said 304 Not Modified
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 1
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str, allow_private: bool) -> None:
    """Refuse what a nightly fetcher must never touch: other schemes, and private hosts unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url!r}: only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise FetchError(f"{url!r} has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"{url}: the host {parts.hostname!r} does not resolve ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError(
                f"{url}: {parts.hostname} resolves to the non-public address {address}; "
                "set allow_private_addresses: true on the source if that is intended"
            )


def _retry_after(value: str | None, policy: FetchPolicy, attempt: int) -> float:
    wait = policy.backoff * 2**attempt
    if value:
        if value.strip().isdigit():
            wait = float(value.strip())
        elif parsed := email.utils.parsedate_to_datetime(value):
            wait = (parsed - datetime.now(UTC)).total_seconds()
    return max(0.0, min(wait, policy.max_wait))


def _read_capped(response: httpx.Response, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(f"{url}: {int(declared):,} bytes announced, over the {policy.max_bytes:,}-byte cap")
    chunks, total = [], 0
    for chunk in response.iter_bytes():  # decompressed: the cap bounds what we hold, not what was sent
        total += len(chunk)
        if total > policy.max_bytes:
            raise FetchError(f"{url}: more than {policy.max_bytes:,} bytes, over the cap; stopped reading")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: still sending after {policy.timeout * 3:.0f} s; stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(client: httpx.Client, url: str, policy: FetchPolicy, validators: dict | None = None) -> Response:
    """GET url under the policy. Raise FetchError (never an httpx error) when it cannot be had."""
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"}
    if validators:
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
    started = time.monotonic()
    current, redirects, attempt = url, [], 0
    while True:
        check_url(current, policy.allow_private)
        deadline = time.monotonic() + policy.timeout * 3
        try:
            with client.stream("GET", current, headers=headers, timeout=policy.timeout) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES and response.headers.get("location"):
                    if len(redirects) >= policy.max_redirects:
                        raise FetchError(f"{url}: more than {policy.max_redirects} redirects "
                                         f"({' -> '.join([url, *redirects])})")
                    current = urljoin(current, response.headers["location"])
                    redirects.append(current)
                    continue
                if status in RETRY_STATUSES and attempt < policy.retries:
                    wait = _retry_after(response.headers.get("retry-after"), policy, attempt)
                    log.warning("%s: HTTP %d, retry %d/%d in %.1f s", current, status, attempt + 1, policy.retries, wait)
                    attempt += 1
                    time.sleep(wait)
                    continue
                if status == 304:
                    data = None
                elif 200 <= status < 300:
                    data = _read_capped(response, current, policy, deadline)
                else:
                    raise FetchError(f"{current}: HTTP {status} {response.reason_phrase}"
                                     + (f" after {attempt + 1} attempts" if attempt else ""), attempt + 1)
                return Response(
                    url=url, final_url=current, status=status, data=data,
                    content_type=response.headers.get("content-type"),
                    etag=response.headers.get("etag") or (validators or {}).get("etag"),
                    last_modified=response.headers.get("last-modified") or (validators or {}).get("last_modified"),
                    attempts=attempt + 1, elapsed=round(time.monotonic() - started, 3),
                )
        except httpx.HTTPError as exc:
            if attempt >= policy.retries:
                raise FetchError(f"{current}: {type(exc).__name__} {exc or ''} after {attempt + 1} attempts",
                                 attempt + 1) from exc
            wait = _retry_after(None, policy, attempt)
            log.warning("%s: %s, retry %d/%d in %.1f s", current, type(exc).__name__, attempt + 1, policy.retries, wait)
            attempt += 1
            time.sleep(wait)


def client() -> httpx.Client:
    """One connection pool for a night's fetches; redirects are followed by fetch(), hop by hop."""
    return httpx.Client(follow_redirects=False, http2=False)


class ValidatorStore:
    """The ETag / Last-Modified of every URL fetched, and the raw item its bytes became.

    Kept as one JSON file in the raw zone; saved atomically after each source.
    """

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, dict] = json.loads(path.read_text()) if path.exists() else {}

    def get(self, url: str) -> dict | None:
        return self.entries.get(url)

    def remember(self, url: str, response: Response, item_id: str) -> None:
        if response.etag or response.last_modified:
            self.entries[url] = {"etag": response.etag, "last_modified": response.last_modified, "item_id": item_id}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.entries, indent=0, sort_keys=True))
        tmp.replace(self.path)
