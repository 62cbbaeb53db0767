"""Clean an HTML page: trafilatura finds the main text and the metadata."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from .decode import fold_spaces, normalize_text
from .published import normalize_iso
from .text import clean_scraped_text


class NoArticleError(ValueError):
    """The page has no main text."""


# Keep the time of day; prefer the original publication over the last update; only dates the page
# states as such (an extensive search takes "ⓒ 2024" in a footer for 2024-01-01).
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}
# A page cut off in transit or on disk: it opens <html> or <body> and never closes it.
_OPENS = re.compile(r"<(?:html|body)\b", re.I)
_CLOSES = re.compile(r"</(?:html|body)\s*>", re.I)


def is_truncated(html: str) -> bool:
    return bool(_OPENS.search(html[:5000])) and not _CLOSES.search(html[-5000:])


def parser_limit(html: str) -> str | None:
    """The limit libxml2 hit reading the page, if any (e.g. nesting deeper than 256 levels).

    trafilatura parses with the same library, which then stops where the limit was hit and drops the
    rest of the page without a word: an article cut there must not be loaded as if it were whole.
    """
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except ValueError:  # a str that declares its encoding: hand libxml2 the bytes instead
        try:
            lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
        except (ValueError, lxml.etree.LxmlError):
            return None
    except lxml.etree.LxmlError:  # empty or unparseable: trafilatura says what it makes of it
        return None
    return next((e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)


def clean_html(html: str, timezone: str, title_hint: str | None = None) -> dict:
    if is_truncated(html):
        raise NoArticleError("truncated HTML: the page opens <html>/<body> but never closes it "
                             "(cut off in transit or on disk); refetch it")
    if limit := parser_limit(html):
        raise NoArticleError(f"HTML the parser cannot read whole ({limit}): everything past that point "
                             "would be dropped, so the page is not loaded as if it were complete")
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        raise NoArticleError("trafilatura found no main text in the page")
    # The main text still carries bylines and notices: the text rules apply to it too,
    # with the page's own title in front so a repeated title line is recognised.
    title = fold_spaces(normalize_text(doc.title or title_hint or ""))
    fields = clean_scraped_text(f"{title}\n{doc.text}", timezone)
    if doc.author and not fields["reporters"]:
        fields["reporters"] = [a.strip() for a in doc.author.split(";") if a.strip()]
    fields["outlet"] = fields["outlet"] or doc.sitename or None
    fields["canonical_url"] = doc.url or None
    if doc.description and doc.description not in fields["body"]:
        fields["subtitle"] = fold_spaces(normalize_text(doc.description))
    if doc.categories and not fields["section"]:
        fields["section"] = fold_spaces(normalize_text(doc.categories[0]))
    if doc.date:
        fields["published_at"] = normalize_iso(doc.date, timezone)
        fields["published_at_source"] = "html_meta"
    return fields
