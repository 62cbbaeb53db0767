"""Clean: raw items in, one record per article out, or a rejection with its reason."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, TypedDict

from .article import Article, article_id, body_hash, canonical_url, detect_language
from .decode import UndecodableError, decode_item, repair_mojibake
from .html import NoArticleError, clean_html
from .published import normalize_iso
from .records import clean_record, parse_json_records
from .text import clean_scraped_text

if TYPE_CHECKING:
    from ..ingest import RawItem

__all__ = ["Article", "Rejection", "clean_item", "detect_format"]

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I | re.S)


class Rejection(TypedDict):
    item_id: str
    article_id: str | None
    source: str
    uri: str
    stage: str  # clean | validate
    reason: str


def detect_format(text: str) -> str:
    """From the content, not the file name: html, json or text."""
    head = text.lstrip()[:2000]
    if _HTML_START.match(head):
        return "html"
    if head.startswith(("{", "[")):
        try:
            parse_json_records(text)
            return "json"
        except (json.JSONDecodeError, ValueError):
            return "text"
        except RecursionError:  # JSON, nested past what the parser can follow: clean says so
            return "json"
    return "text"


def _finish(fields: dict, item: RawItem, fmt: str, encoding: str, index: int | None, repairs: list[str],
            timezone: str) -> Article:
    body = fields.get("body", "")
    hints = item.get("hints") or {}
    # a feed's date beats a guess from an image file name, not a date the page states
    if hints.get("published") and fields.get("published_at_source") in (None, "image_filename"):
        fields["published_at"] = normalize_iso(hints["published"], timezone)
        fields["published_at_source"] = "feed" if fields["published_at"] else None
    url = fields.get("canonical_url") or (item["uri"] if item["uri"].startswith(("http://", "https://")) else None)
    return Article(
        article_id=article_id(item["item_id"], index),
        item_id=item["item_id"],
        source=item["source"],
        uri=item["uri"],
        format=fmt,
        encoding=encoding,
        language=detect_language(f"{fields.get('title', '')} {body}"),
        title=fields.get("title") or hints.get("title", ""),
        subtitle=fields.get("subtitle"),
        section=fields.get("section"),
        body=body,
        captions=fields.get("captions", []),
        photo_credits=fields.get("photo_credits", []),
        outlet=fields.get("outlet"),
        reporters=fields.get("reporters", []),
        reporter_emails=fields.get("reporter_emails", []),
        email_hidden=fields.get("email_hidden", False),
        canonical_url=canonical_url(url),
        published_at=fields.get("published_at"),
        published_at_source=fields.get("published_at_source"),
        removed_lines=fields.get("removed_lines", []),
        body_hash=body_hash(body),
        text_repairs=repairs,
    )


def clean_item(item: RawItem, data: bytes, timezone: str, max_bytes: int) -> tuple[list[Article], list[Rejection]]:
    """Clean one raw item. Bad input never raises: it comes back as a rejection with a reason."""

    def reject(reason: str) -> tuple[list[Article], list[Rejection]]:
        return [], [Rejection(item_id=item["item_id"], article_id=None, source=item["source"],
                              uri=item["uri"], stage="clean", reason=reason)]

    size = max(len(data), item.get("byte_size") or 0)  # an item over the cap arrives unread, with no bytes
    if size > max_bytes:
        return reject(f"item is {size:,} bytes, over the {max_bytes:,}-byte cap (NEWSETL_MAX_ITEM_BYTES); "
                      "not read")
    try:
        text, encoding = decode_item(data, item.get("encoding"))
    except UndecodableError as exc:
        return reject(str(exc))
    text, repairs = repair_mojibake(text)

    fmt = detect_format(text)
    try:
        if fmt == "html":
            fields = clean_html(text, timezone, (item.get("hints") or {}).get("title"))
            if not fields["body"].strip():
                return reject("no article text left after removing the page's chrome")
            return [_finish(fields, item, fmt, encoding, None, repairs, timezone)], []
        if fmt == "json":
            articles, rejections = [], []
            try:
                records = parse_json_records(text)
            except RecursionError:
                return reject("JSON nested deeper than the parser can follow; no record could be read")
            if not records:
                return reject("a JSON file with no records in it")
            for index, record in enumerate(records):
                number = index if len(records) > 1 else None
                try:
                    articles.append(_finish(clean_record(record, timezone), item, fmt, encoding, number,
                                                    repairs, timezone))
                except ValueError as exc:
                    rejections.append(Rejection(item_id=item["item_id"], article_id=article_id(item["item_id"], number),
                                                source=item["source"], uri=item["uri"], stage="clean",
                                                reason=f"record {index}: {exc}"))
            return articles, rejections
        fields = clean_scraped_text(text, timezone)
        if not fields.get("body", "").strip():
            return reject("no article text left after removing the page's chrome")
        return [_finish(fields, item, fmt, encoding, None, repairs, timezone)], []
    except NoArticleError as exc:
        return reject(str(exc))
