"""The cleaned-article record every stage after clean works with."""

from __future__ import annotations

import hashlib
import re
from typing import TypedDict


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
    published_at_source: str | None  # html_meta | json | text | image_filename
    removed_lines: list[dict]  # {"line": ..., "reason": ...}
    body_hash: str


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
