"""The cleaned-article record every stage after clean works with."""

from __future__ import annotations

import hashlib
import re
from typing import TypedDict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, not the article: dropped from canonical URLs.
TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|igshid|mc_[ce]id|ref_src|cmpid)$", re.I)


class Article(TypedDict):
    article_id: str
    item_id: str
    source: str
    uri: str
    format: str  # text | html | json
    encoding: str
    language: str
    title: str
    subtitle: str | None
    section: str | None
    body: str  # paragraphs joined by "\n"; every offset downstream points into this
    captions: list[str]
    photo_credits: list[str]
    outlet: str | None
    reporters: list[str]
    reporter_emails: list[str]
    email_hidden: bool  # the page hid an address behind e-mail protection
    canonical_url: str | None
    published_at: str | None  # ISO 8601 with offset
    published_at_source: str | None  # html_meta | json | text | feed | image_filename
    removed_lines: list[dict]  # {"line": ..., "reason": ...}
    body_hash: str
    text_repairs: list[str]  # mojibake repaired while decoding, e.g. "UTF-8 read as Latin-1"


def detect_language(text: str) -> str:
    hangul = len(re.findall(r"[가-힣]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if hangul == 0 and latin == 0:
        return "unknown"
    return "ko" if hangul >= 0.15 * (hangul + latin) else "en"


def body_hash(body: str) -> str:
    """Hash of the body with case, spaces and punctuation folded: equal for copies of one text."""
    folded = re.sub(r"[\W_]+", "", body.casefold())
    return hashlib.sha256(folded.encode()).hexdigest()


def article_id(item_id: str, index: int | None = None) -> str:
    """Stable id: the item's hash, or the hash of item and record number for multi-article files."""
    if index is None:
        return item_id[:16]
    return hashlib.sha256(f"{item_id}:{index}".encode()).hexdigest()[:16]


def canonical_url(url: str | None) -> str | None:
    """One spelling per page: lower-case scheme and host, no fragment, no tracking parameters."""
    if not url or not url.strip().lower().startswith(("http://", "https://")):
        return None
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    host = (parts.hostname or "") + (f":{parts.port}" if parts.port and parts.port not in (80, 443) else "")
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))
