"""Clean an HTML page: trafilatura finds the main text and the metadata."""

from __future__ import annotations

import trafilatura

from .decode import fold_spaces, normalize_text
from .published import normalize_iso
from .text import clean_scraped_text


class NoArticleError(ValueError):
    """The page has no main text."""


def clean_html(html: str, timezone: str) -> dict:
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    if doc is None or not (doc.text or "").strip():
        raise NoArticleError("trafilatura found no main text in the page")
    # The main text still carries bylines and notices: the text rules apply to it too,
    # with the page's own title in front so a repeated title line is recognised.
    title = fold_spaces(normalize_text(doc.title or ""))
    fields = clean_scraped_text(f"{title}\n{doc.text}", timezone)
    if doc.author and not fields["reporters"]:
        fields["reporters"] = [a.strip() for a in doc.author.split(";") if a.strip()]
    fields["outlet"] = fields["outlet"] or doc.sitename or None
    fields["canonical_url"] = doc.url or None
    if doc.description and doc.description not in fields["body"]:
        fields["subtitle"] = fold_spaces(normalize_text(doc.description))
    if doc.date:
        fields["published_at"] = normalize_iso(doc.date, timezone)
        fields["published_at_source"] = "html_meta"
    return fields
