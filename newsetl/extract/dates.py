"""Dates in news text, resolved against the publication date with rules of our own.

dateparser resolves Korean relative dates wrongly ("지난달 30일" against 2024-10-15 gave
2024-08-16), so the forms news uses are handled here: 1일, 이날, 전날, 지난달 30일,
오는 15일, 지난해, last Tuesday, on Sept. 30, March 4.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..clean.published import MONTHS

WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS_KO = "월화수목금토일"

_KO = re.compile(
    r"(?P<today>이날|오늘)|(?P<yesterday>전날|어제)|(?P<tomorrow>내일|다음날)"
    r"|(?:(?:(?P<y>20\d{2})년|(?P<ry>지난해|작년|올해|내년))\s*)?"
    r"(?:(?P<rel>지난\s?달|이달|이번\s?달|다음\s?달|내달)\s*|(?P<m>\d{1,2})월\s*)?(?:(?<![가-힣])(?P<fwd>오는)\s*)?(?P<d>\d{1,2})일"
)
_EN = re.compile(
    r"\b(?P<today>today)\b|\b(?P<yesterday>yesterday)\b"
    r"|\b(?P<last>last|this|next)?\s*(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? (?P<d>\d{1,2})(?:,? (?P<y>20\d{2}))?\b"
    r"|\b(?P<earlier>[Ee]arlier (?:in the day|today))\b"
)
# "오는" before a month and day: the coming one ("다가오는" is a word of its own)
_COMING_KO = re.compile(r"(?<![가-힣])오는\s?$")
# "3박 4일간", "4일 만에", "사흘째" are lengths of time, not days of the month
_DURATION_KO = re.compile(r"\s?(?:간|째|동안|만에|연속)")


# A sentence about what is still to come: its bare weekday is the coming one
_FUTURE_EN = re.compile(r"\b(?:will|would|(?:scheduled|set|expected) to|(?:is|are) due to|plans? to|"
                        r"upcoming|later this week|be held|"
                        # "is sending a delegation to meet officials on Monday": plans in the present progressive
                        r"(?:is|are) (?:sending|heading|travel?ling|visiting|hosting|holding))\b")


# "The market opens Saturday": a verb in the present tense right before a weekday speaks of what is to come
_PRESENT_BEFORE = re.compile(r"\b(?:opens|begins|starts|kicks off|takes place|closes|ends)(?:\s+on)?\s*$")


def _future_before(text: str, start: int) -> bool:
    """Whether the words before a date speak of what is to come: news puts the verb before its date, so "signed
    an MOU on Monday, under which the province will offer …" is past and "would hold a meeting on Saturday" is not."""
    before = re.sub(r"“[^”]*”|\"[^\"]*\"", " ", text[:start])  # a quotation's tense is the speaker's
    return bool(_FUTURE_EN.search(before) or _PRESENT_BEFORE.search(before))


def _shift_month(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(published: date, month: int, day: int) -> date | None:
    """A month and day with no year: the one nearest the publication date ("Jan. 1" in a November story is the
    coming one, "12월 30일" in a January story the last one)."""
    candidates = [d for d in (_safe(published.year + shift, month, day) for shift in (-1, 0, 1)) if d]
    return min(candidates, key=lambda d: abs((d - published).days)) if candidates else None


def resolve_ko(match: re.Match, published: date, coming: bool = False) -> date | None:
    g = match.groupdict()
    if g["today"]:
        return published
    if g["yesterday"]:
        return published - timedelta(days=1)
    if g["tomorrow"]:
        return published + timedelta(days=1)
    day = int(g["d"])
    if g["ry"] and g["m"]:  # "지난해 10월 22일"
        shift = {"지난해": -1, "작년": -1, "올해": 0, "내년": 1}[g["ry"]]
        return _safe(published.year + shift, int(g["m"]), day)
    if g["y"] and g["m"]:
        return _safe(int(g["y"]), int(g["m"]), day)
    if g["m"] and coming:  # "오는 2월 28일" in a March story: next February's, never the day just gone
        return next((d for d in (_safe(published.year + k, int(g["m"]), day) for k in (0, 1)) if d and d >= published),
                    None)
    if g["m"]:
        return _nearest_year(published, int(g["m"]), day)
    rel = (g["rel"] or "").replace(" ", "")
    if rel == "지난달":
        return _safe(*_shift_month(published, -1), day)
    if rel in ("다음달", "내달"):
        return _safe(*_shift_month(published, 1), day)
    if g["fwd"] or rel in ("이달", "이번달"):
        # "오는 15일": the next 15th on or after publication
        return _safe(published.year, published.month, day) if day >= published.day else _safe(*_shift_month(published, 1), day)
    # a bare "1일" is this month's, unless that lies well ahead of publication: then last month's
    if day <= published.day + 1:
        return _safe(published.year, published.month, day)
    return _safe(*_shift_month(published, -1), day)


def resolve_en(match: re.Match, published: date, future: bool = False) -> date | None:
    g = match.groupdict()
    if g["today"] or g["earlier"]:
        return published
    if g["yesterday"]:
        return published - timedelta(days=1)
    if g["wd"]:
        target = WEEKDAYS_EN.index(g["wd"].lower())
        back = (published.weekday() - target) % 7
        if g["last"] == "next":
            return published + timedelta(days=(target - published.weekday()) % 7 or 7)
        if g["last"] == "last":
            return published - timedelta(days=back or 7)
        if future:  # "is scheduled to attend a forum on Friday": the coming one
            return published + timedelta(days=(target - published.weekday()) % 7)
        return published - timedelta(days=back)  # "on Tuesday" in news: the most recent one
    month = MONTHS[g["mon"].lower()]
    if g["y"]:
        return _safe(int(g["y"]), month, int(g["d"]))
    if future:  # "a referendum to be held alongside the June 3 local elections", written in November: next June
        # None when no coming year has that day (Feb. 29 three years running, Feb. 30): a wrong day is no date
        return next((d for d in (_safe(published.year + k, month, int(g["d"])) for k in (0, 1, 2)) if d and d >= published),
                    None)
    return _nearest_year(published, month, int(g["d"]))


def find_dates(text: str, language: str, published: date | None) -> list[tuple[date, int, int, str]]:
    """(date, start, end, surface) for each date expression that resolves."""
    if published is None:
        return []
    pattern, resolve = (_KO, resolve_ko) if language == "ko" else (_EN, resolve_en)
    found = []
    for m in pattern.finditer(text):
        if language == "ko" and m.group("d") and (re.match(r"\d", text[m.end():m.end() + 1] or " ")
                                                  or _DURATION_KO.match(text, m.end())
                                                  or re.search(r"\d박\s?$", text[:m.start()])):
            continue
        value = resolve_en(m, published, _future_before(text, m.start())) if language == "en" \
            else resolve(m, published, bool(_COMING_KO.search(text[max(0, m.start() - 5):m.start()])))
        if value:
            found.append((value, m.start(), m.end(), m.group()))
    return found
