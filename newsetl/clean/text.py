"""Clean text exported by a scraper: site chrome in, one article out."""

from __future__ import annotations

import re

from . import lines as rules
from .decode import fold_spaces, normalize_text
from .published import normalize_iso, parse_text_datetime

# the words a newspaper's, agency's or broadcaster's name ends with; no reporter is called that
_OUTLET_NAME = re.compile(r"\b(?:Daily|Herald|Times|News|Post|Journal|Press|Agency|Tribune|Telegraph|Gazette|Reuters|"
                          r"Yonhap|Bloomberg|Broadcasting|Network|Radio|TV)$")


def _reporters(names: str) -> list[str]:
    return [n for n in (p.strip() for p in names.replace("·", ",").replace(" and ", ",").split(",")) if n]


def clean_scraped_text(text: str, timezone: str) -> dict:
    """Split scraped text into the article's fields. Returns a partial Article (no ids)."""
    raw_lines = [fold_spaces(line) for line in normalize_text(text).split("\n")]
    lines = [line for line in raw_lines if line]
    if not lines:
        return {"title": "", "body": ""}

    first = lines[0]
    section_match = rules.SECTION_LABEL.match(first)
    section = section_match.group("section").strip() if section_match else None
    title = rules.strip_truncation(first[section_match.end():] if section_match else first)

    body: list[str] = []
    captions: list[str] = []
    credits: list[str] = []
    removed: list[dict] = []
    reporters: list[str] = []
    emails: list[str] = []
    email_hidden = False
    outlet = None
    published_at = None
    published_source = None
    image_ts = None
    closing_byline_seen = False
    comments_seen = False
    subtitles: list[str] = []
    after_image = False  # the previous line was an image file name: this one may be its caption
    pending_caption: str | None = None

    def drop(line: str, reason: str) -> None:
        removed.append({"line": line, "reason": reason})

    def add_to_body(line: str) -> None:
        nonlocal outlet
        if not body and (m := rules.DATELINE_KO.match(line)):
            outlet = outlet or m.group("outlet").strip()
            reporters.extend(_reporters(m.group("names")))
            line = line[m.end():]
        body.append(line)

    for line in lines[1:]:
        unlabelled = rules.SECTION_LABEL.sub("", line, count=1)
        bare = rules.strip_truncation(unlabelled)
        was_after_image, after_image = after_image, False

        if pending_caption is not None and not rules.PHOTO_CREDIT.match(line):
            add_to_body(pending_caption)  # no credit followed: it was prose after all
            pending_caption = None

        if closing_byline_seen:
            drop(line, "after closing byline")
        elif comments_seen:
            drop(line, "comment block")
        elif rules.opens_comments(line):
            drop(line, "comment block")
            comments_seen = bool(body)
        elif bare == title or (bare and title.startswith(bare) and bare != unlabelled):
            drop(line, "repeated title" if bare == title else "truncated teaser")
        elif (rules.TRUNCATED.search(line) and not bare) or (rules.TEASER.search(line) and len(line) < 200):
            drop(line, "truncated teaser")
        elif not body and (m := rules.SUBTITLE.match(line)):
            subtitles.append(m.group("text").strip())
            drop(line, "subtitle")
        elif rules.IMAGE_FILE.match(line):
            drop(line, "image file name")
            image_ts = image_ts or rules.file_timestamp(line)
            after_image = True
        elif m := rules.PHOTO_CREDIT.match(line):
            credits.append(m.group("credit").strip())
            drop(line, "photo credit")
            if pending_caption is not None:
                captions.append(pending_caption)
                pending_caption = None
        elif was_after_image and not rules.BYLINE_KO.match(line):
            pending_caption = line  # decided by the next line: a credit makes it a caption
        elif m := rules.BYLINE_KO.match(line):
            outlet = outlet or m.group("outlet")
            reporters += _reporters(m.group("names"))
            rest = m.group("rest")
            email_hidden = email_hidden or bool(rules.HIDDEN_EMAIL.search(rest))
            emails += rules.EMAIL.findall(rest)
            drop(line, "byline")
            closing_byline_seen = bool(body)
        elif m := rules.BYLINE_EN.match(line):
            names = _reporters(m.group("names"))
            if len(names) > 1 and not m.group("outlet") and _OUTLET_NAME.search(names[-1]):
                # "By Jane Doe, Korea JoongAng Daily": the list of names took the outlet after them
                outlet = outlet or names.pop()
            reporters += names
            outlet = outlet or (m.group("outlet") or "").strip() or None
            drop(line, "byline")
        elif rules.HIDDEN_EMAIL.fullmatch(line) or rules.EMAIL.fullmatch(line):
            email_hidden = email_hidden or bool(rules.HIDDEN_EMAIL.search(line))
            emails += rules.EMAIL.findall(line)
            drop(line, "e-mail")
        elif rules.is_counter(line):
            drop(line, "counter")
        elif rules.is_widget(line):
            drop(line, "widget label")
        elif rules.is_share_bar(line):
            drop(line, "share bar")
        elif rules.COPYRIGHT.search(line) and len(line) < 120:
            drop(line, "copyright")
        elif (m := rules.DATE_HEADER.match(line)) and (found := parse_text_datetime(line, timezone)):
            reporters += _reporters(m.group("names") or "")
            published_at, published_source = published_at or found, published_source or "text"
            drop(line, "publication time")
        elif (found := parse_text_datetime(line, timezone)) and len(line) < 40:
            published_at, published_source = published_at or found, published_source or "text"
            drop(line, "publication time")
        else:
            add_to_body(line)

    if pending_caption is not None:
        add_to_body(pending_caption)
    if published_at is None and image_ts:
        published_at, published_source = normalize_iso(image_ts, timezone), "image_filename"

    return {
        "title": title,
        "subtitle": "\n".join(subtitles) or None,
        "section": section,
        "body": "\n".join(body),
        "captions": captions,
        "photo_credits": credits,
        "outlet": outlet,
        "reporters": list(dict.fromkeys(reporters)),
        "reporter_emails": list(dict.fromkeys(emails)),
        "email_hidden": email_hidden,
        "canonical_url": None,
        "published_at": published_at,
        "published_at_source": published_source,
        "removed_lines": removed,
    }
