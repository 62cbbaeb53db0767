"""Extract: quotes, organizations, people and events from a cleaned article, with offsets."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from ..clean import Article
from .events import Event, find_events
from .korean import proper_noun_chars
from .organizations import OrganizationMention, find_organizations
from .people import PersonMention, find_people
from .quotes import Quote, find_quotes, headline_quotes

__all__ = ["Extraction", "extract_article"]


class Extraction(TypedDict):
    article_id: str
    quotes: list[Quote]
    organizations: list[OrganizationMention]
    people: list[PersonMention]
    events: list[Event]


def _published_date(article: Article) -> date | None:
    return date.fromisoformat(article["published_at"][:10]) if article["published_at"] else None


def extract_article(article: Article) -> Extraction:
    body, language = article["body"], article["language"]
    proper = proper_noun_chars(body) if language == "ko" else set()
    orgs = find_organizations(body, proper=proper if language == "ko" else None)
    people = find_people(body, language, orgs, proper)
    # A later "김영섭 대표" with no organization is the same 김영섭 as "김영섭 KT 대표".
    org_of = {}
    for p in people:
        if p["organization"]:
            org_of.setdefault(p["name"], p["organization"])
    for p in people:
        p["organization"] = p["organization"] or org_of.get(p["name"])
    quotes = find_quotes(body, language, people, orgs)
    by_name = {p["name"]: p for p in people}
    quotes = headline_quotes(article["title"], by_name, language, quotes) + quotes
    events = find_events(body, language, _published_date(article), orgs)
    return Extraction(article_id=article["article_id"], quotes=quotes, organizations=orgs, people=people,
                      events=events)
