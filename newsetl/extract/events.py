"""Events: a trigger word gives the type (see dbt_project/seeds/event_types.csv), the sentence
gives the date, the venue, the name and the organizations taking part."""

from __future__ import annotations

import re
from datetime import date
from typing import TypedDict

from .dates import find_dates
from .organizations import OrganizationMention
from .text import sentence_spans

# Order matters: the first type whose trigger appears in a sentence wins.
TRIGGERS: list[tuple[str, str, str]] = [
    ("keynote", r"기조연설", r"\bkeynote"),
    ("conference", r"콘퍼런스|컨퍼런스|포럼|박람회|전시회|세미나", r"\bconference\b|\bforum\b|\bexpo\b|\btrade show\b"),
    ("summit", r"정상회의|정상회담|서밋", r"\bsummit\b"),
    ("acquisition", r"인수(?:했|한|하기로|를)|합병", r"\bacquir(?:e|ed|es|ing)\b|\bmerger\b"),
    ("partnership", r"파트너십|동맹|제휴|협력 관계", r"\bpartnership\b|\balliance\b|\bteam(?:ed|s)? up\b"),
    ("agreement", r"협약|양해각서|MOU|업무협약|계약을 체결", r"\bagreement\b|\bmemorandum\b|\bsigned a deal\b"),
    ("investment", r"투자(?:한다|하기로|를 단행|계획|를 발표|했다)|조원(?:을|를)? 투입", r"\binvest(?:s|ed|ing|ment)?\b"),
    ("product_launch", r"출시|선보였|공개했|론칭", r"\blaunch(?:ed|es)?\b|\bunveil(?:ed|s)?\b|\brolled out\b"),
    ("election", r"선거|총선|대선|경선|보궐선거", r"\belection\b|\bprimary\b|\bby-election\b"),
    ("meeting", r"회의|회담|면담|간담회|의원총회|의총|청문회|회동|통화했|만났다|만나", r"\bmet\b|\bmeeting\b|\bmeets\b|"
     r"\btalks\b|\bhearing\b|\bsession\b"),
    ("appointment", r"선임|임명|취임", r"\bappoint(?:ed|s)?\b|\bnamed .* as\b"),
    ("resignation", r"사임|사퇴", r"\bresign(?:ed|s)?\b|\bstep(?:ped)? down\b"),
    ("earnings", r"영업이익|실적 발표|매출액", r"\bearnings\b|\bquarterly (?:profit|revenue)\b"),
    ("policy", r"정책|대책|규제안|시행(?:한다|된다|키로|하기로|에 들어간다)|부터 (?:시행|적용)|적용된다|적용하기로|도입(?:한다|하기로)",
     r"\bpolicy\b|\bregulation\b|\btakes? effect\b|\bgoes? into effect\b|\bwill be (?:allowed|required|banned)\b|"
     r"\bpilot program\b"),
    ("lawsuit", r"소송|제소", r"\blawsuit\b|\bsued\b"),
    ("visit", r"방한|방문했|방문한다|순방|도착했", r"\bvisit(?:ed|s|ing)?\b|\btrip\b|\barriv(?:ed|es|ing)\b"),
    ("announcement", r"발표했|발표한다|발표할|밝혔다", r"\bannounc(?:ed|es|ing)\b|\bunveiled plans\b"),
]
_VENUE_KO = re.compile(r"(?P<venue>(?:(?:[가-힣]+(?:시|도)|서울|부산|대구|인천|광주|대전|울산|세종|제주|경기) )?(?:[가-힣]+(?:구|군) )?(?:[가-힣A-Za-z]+ )?[가-힣A-Za-z]*(?:호텔|센터|코엑스|COEX|컨벤션|캠퍼스|청사|시청|홀|그랜드볼룸|벡스코|킨텍스)(?: [가-힣A-Za-z]+)?)에서")
_VENUE_EN = re.compile(r"\b(?:at|in) (?:the )?(?P<venue>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,4}(?:, [A-Z][\w'-]+)*)")
_NAME = re.compile(r"'(?P<a>[^'\n]{2,60})'|‘(?P<b>[^’\n]{2,60})’")
# "…에서 열린 'M360 APAC' 기조연설": the gathering a keynote or meeting took place at is an event too
_HELD_KO = re.compile(r"(?:열린|개최된|개최한|열리는)\s*['‘\"“](?P<name>[^'’\"”\n]{2,60})['’\"”]")
_HELD_EN = re.compile(r"\b(?:at|during) the (?P<name>(?:[A-Z0-9][\w&'-]*\s){1,6}(?:conference|summit|forum|expo|festival))", re.I)


class Event(TypedDict):
    type: str
    name: str
    date: str | None
    date_text: str | None
    location: str | None
    participants: list[str]  # canonical organization names
    start: int  # the sentence the event came from
    end: int


def _type_of(sentence: str, language: str) -> tuple[str, int] | tuple[None, None]:
    """The event type a sentence reports, and where its trigger word is."""
    for kind, ko, en in TRIGGERS:
        if m := re.search(ko if language == "ko" else en, sentence, flags=0 if language == "ko" else re.I):
            return kind, m.start()
    return None, None


def find_events(body: str, language: str, published: date | None, orgs: list[OrganizationMention]) -> list[Event]:
    events: list[Event] = []
    for start, end in sentence_spans(body):
        sentence = body[start:end]
        kind, at = _type_of(sentence, language)
        if not kind:
            continue
        dates = find_dates(sentence, language, published)
        if not dates:
            continue  # an event we cannot date is too vague to be a fact
        # the date nearest the trigger: "said Thursday … signed Wednesday" dates the signing
        when, _, _, surface = min(dates, key=lambda d: min(abs(d[1] - at), abs(d[2] - at)))
        venue = (_VENUE_KO if language == "ko" else _VENUE_EN).search(sentence)
        named = _NAME.search(sentence)
        participants = list(dict.fromkeys(o["canonical"] for o in orgs if start <= o["start"] < end and o["type"] != "media"))
        name = next((g for g in (named.groups() if named else ()) if g), None) or \
            f"{kind.replace('_', ' ')}: {' – '.join(participants) or sentence[:40]}"
        location = venue.group("venue") if venue else None
        events.append(Event(type=kind, name=name, date=when.isoformat(), date_text=surface, location=location,
                            participants=participants, start=start, end=end))
        held = (_HELD_KO if language == "ko" else _HELD_EN).search(sentence)
        if held and kind in ("keynote", "meeting", "announcement", "product_launch", "agreement", "partnership"):
            events.append(Event(type="conference", name=held.group("name").strip(), date=when.isoformat(),
                                date_text=surface, location=location, participants=list(participants),
                                start=start, end=end))
    return _merge(_add_later_mentions(body, events, orgs))


def _add_later_mentions(body: str, events: list[Event], orgs: list[OrganizationMention]) -> list[Event]:
    """A named event mentioned again in another sentence (with no date of its own) gains its organizations."""
    for event in events:
        if len(event["name"]) < 3 or ":" in event["name"]:
            continue
        for start, end in sentence_spans(body):
            if start != event["start"] and event["name"] in body[start:end]:
                event["participants"] = list(dict.fromkeys(
                    event["participants"] + [o["canonical"] for o in orgs
                                             if start <= o["start"] < end and o["type"] != "media"]))
    return events


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, date) in an article: later sentences add participants and a venue."""
    merged: dict[tuple[str, str | None], Event] = {}
    for e in events:
        key = (e["type"], e["date"])
        if key not in merged:
            merged[key] = e
            continue
        kept = merged[key]
        kept["participants"] = list(dict.fromkeys(kept["participants"] + e["participants"]))
        kept["location"] = kept["location"] or e["location"]
    return list(merged.values())
