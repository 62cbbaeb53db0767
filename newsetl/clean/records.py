"""Clean articles delivered as JSON objects (a JSON file, or one object per JSONL line)."""

from __future__ import annotations

import json

from .decode import fold_spaces, normalize_text
from .published import normalize_iso
from .text import clean_scraped_text

TITLE_KEYS = ("title", "headline")
BODY_KEYS = ("body", "content", "text", "article")
DATE_KEYS = ("published_at", "published", "date", "datePublished", "pubDate")
URL_KEYS = ("url", "canonical_url", "link")
AUTHOR_KEYS = ("author", "authors", "byline", "reporter")


def _first(record: dict, keys: tuple[str, ...]):
    return next((record[k] for k in keys if record.get(k)), None)


def parse_json_records(text: str) -> list[dict]:
    """A JSON object, a JSON list of objects, or JSON Lines."""
    stripped = text.strip()
    try:
        value = json.loads(stripped)
        return value if isinstance(value, list) else [value]
    except json.JSONDecodeError:
        return [json.loads(line) for line in stripped.splitlines() if line.strip()]


def _string(value) -> str | None:
    """A JSON value where text is expected: a string, or a number as text; anything else (a list, true) is none."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def clean_record(record: dict, timezone: str) -> dict:
    if not isinstance(record, dict):
        raise ValueError("a JSON record must be an object with a title and a body")
    title = fold_spaces(normalize_text(_string(_first(record, TITLE_KEYS)) or ""))
    body = _string(_first(record, BODY_KEYS)) or ""
    fields = clean_scraped_text(f"{title}\n{body}", timezone)
    if not fields["body"]:
        raise ValueError(f"no article text in the record (looked under {', '.join(BODY_KEYS)})")
    authors = _first(record, AUTHOR_KEYS)
    if authors and not fields["reporters"]:
        fields["reporters"] = [s for a in (authors if isinstance(authors, list) else [authors]) if (s := _string(a))]
    fields["outlet"] = fields["outlet"] or _string(record.get("outlet")) or _string(record.get("source"))
    fields["canonical_url"] = _string(_first(record, URL_KEYS))
    if date := _string(_first(record, DATE_KEYS)):
        fields["published_at"] = normalize_iso(date, timezone)
        fields["published_at_source"] = "json"
    return fields
