"""Find an article's publication time, recording where the value came from."""

from __future__ import annotations

import email.utils
import re
from datetime import datetime
from zoneinfo import ZoneInfo

MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for m in names
}

_PATTERNS = [
    # 입력 2025.03.12 09:30 / 2025-03-12T09:30 / 2025/03/12
    re.compile(r"(?P<y>20\d{2})[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})(?:[T ]+(?P<H>\d{1,2}):(?P<M>\d{2}))?"),
    re.compile(r"(?P<y>20\d{2})년\s*(?P<m>\d{1,2})월\s*(?P<d>\d{1,2})일(?:\s*(?P<H>\d{1,2})시\s*(?:(?P<M>\d{1,2})분)?)?"),
    re.compile(r"(?P<mon>[A-Z][a-z]{2,8})\.? (?P<d>\d{1,2}),? (?P<y>20\d{2})"),
]


def parse_text_datetime(text: str, timezone: str) -> str | None:
    """The first full date (with year) in text, as ISO 8601 in the given zone."""
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTHS.get((parts.get("mon") or "").lower())
            if not month:
                continue
            try:
                value = datetime(
                    int(parts["y"]), month, int(parts["d"]),
                    int(parts.get("H") or 0), int(parts.get("M") or 0),
                    tzinfo=ZoneInfo(timezone),
                )
            except ValueError:
                continue
            return value.isoformat()
    return None


def normalize_iso(value: str, timezone: str) -> str | None:
    """An ISO-ish timestamp from metadata, given the local zone when it has none."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:  # RFC 2822, as in RSS: "Tue, 01 Oct 2024 05:13:29 GMT"
            parsed = email.utils.parsedate_to_datetime(value.strip())
        except (TypeError, ValueError):
            return parse_text_datetime(value, timezone)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
    return parsed.isoformat()
