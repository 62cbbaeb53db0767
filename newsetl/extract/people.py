"""People: a name with a title (and often an organization) in front of it, or after it in English."""

from __future__ import annotations

import re
from typing import TypedDict

from .organizations import OrganizationMention

TITLES_KO = sorted(
    """대표이사 대표 회장 부회장 사장 부사장 전무 상무 이사 본부장 센터장 팀장 원장 소장 청장 구청장 장관 차관
    총리 대통령 의원 국회의원 시장 도지사 지사 위원장 위원 총장 사무총장 교수 연구원 연구위원 의장 국장 실장
    대변인 애널리스트 대사 기자 특파원 변호사 CEO CTO CFO COO 창업자 최고경영자 부장 차장 과장 수석
    비서관 처장 검사 판사 감독 회장직무대행""".split(),
    key=len,
    reverse=True,
)
PARTICLES = "은는이가도의께에와과를을로"
COMMON_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구나민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부")
PRONOUNS_KO = ("그는", "그가", "그도", "그녀는", "그녀가", "그녀도")

_TITLE_KO = re.compile(r"(?<![가-힣A-Za-z])(?:(?P<unit>[가-힣A-Za-z0-9]+(?:사업부|본부|부문|센터|연구소|실)) )?"
                       r"(?P<title>" + "|".join(map(re.escape, TITLES_KO)) + r")(?=[" + PARTICLES + r"\s,.·)]|$)")
_SHORT_REF_KO = re.compile(r"(?<![가-힣])(?P<surname>[가-힣]) (?P<title>" + "|".join(map(re.escape, TITLES_KO)) +
                           r")(?=[" + PARTICLES + r"\s,.]|$)")
_NAME_EN = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"
TITLES_EN = (r"chief executive(?: officer)?|CEO|chief technology officer|CTO|chief financial officer|CFO|president|"
             r"chairman|chairwoman|chair|founder|co-founder|minister|analyst|director|spokesperson|spokesman|"
             r"spokeswoman|head|vice president|senior vice president|executive vice president|professor|mayor|"
             r"governor|senator|secretary|economist|researcher|manager")
_EN_AFTER = re.compile(rf"(?P<name>{_NAME_EN}), (?:the |a |an )?(?:[\w-]+ )?(?P<title>{TITLES_EN})(?: (?:of|at) (?P<org>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)*))?")
_EN_BEFORE = re.compile(rf"(?P<org>[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)?) (?P<title>CEO|Chief Executive|President|Chairman|Minister|analyst|spokesperson) (?P<name>{_NAME_EN})")


class PersonMention(TypedDict):
    name: str
    title: str | None
    organization: str | None  # canonical name when the organization is known
    start: int  # offsets of the name
    end: int
    mention_start: int  # offsets of the whole "name org title" phrase
    mention_end: int


def _org_at(orgs: list[OrganizationMention], start: int, end: int) -> OrganizationMention | None:
    return next((o for o in orgs if o["start"] >= start and o["end"] <= end), None)


def _name_before(body: str, end: int, proper: set[int], orgs: list[OrganizationMention]) -> tuple[int, int] | None:
    """The Korean or transliterated name ending at `end`: one or two words kiwi tags as proper nouns."""
    words = list(re.finditer(r"[가-힣]+", body[max(0, end - 20):end]))
    base = max(0, end - 20)
    if not words or base + words[-1].end() != end:
        return None

    def all_proper(m: re.Match) -> bool:
        s, e = base + m.start(), base + m.end()
        return 2 <= e - s <= 5 and all(i in proper for i in range(s, e)) and _org_at(orgs, s, e) is None

    def korean_name(m: re.Match) -> bool:
        # kiwi often tags only the surname of a Korean name (김/NNP 우/NNG 준/NNG)
        word = m.group()
        return len(word) in (2, 3, 4) and word[0] in COMMON_SURNAMES and base + m.start() in proper

    last = words[-1]
    if not (all_proper(last) or korean_name(last)):
        return None
    start = base + last.start()
    if len(words) > 1:  # a transliterated name in two words: 사티아 나델라, 마츠 그란리드
        prev = words[-2]
        if base + prev.end() == start - 1 and all_proper(prev) and all_proper(last):
            start = base + prev.start()
    return start, end


def find_people_ko(body: str, orgs: list[OrganizationMention], proper: set[int]) -> list[PersonMention]:
    people: list[PersonMention] = []
    for m in _TITLE_KO.finditer(body):
        cursor = m.start() - 1  # the space before the unit or title
        org = next((o for o in orgs if o["end"] == cursor), None)
        if org:
            cursor = org["start"] - 1
        if cursor <= 0 or body[cursor] != " ":
            continue
        span = _name_before(body, cursor, proper, orgs)
        if not span:
            continue
        people.append(PersonMention(name=body[span[0]:span[1]], title=m.group("title"),
                                    organization=org["canonical"] if org else None, start=span[0], end=span[1],
                                    mention_start=span[0], mention_end=m.end()))
    return people


def find_people_en(body: str, orgs: list[OrganizationMention]) -> list[PersonMention]:
    from .organizations import alias_table

    aliases = alias_table()
    people: list[PersonMention] = []
    for pattern in (_EN_AFTER, _EN_BEFORE):
        for m in pattern.finditer(body):
            org_surface = (m.group("org") or "").strip()
            org = _org_at(orgs, m.start("org"), m.end("org")) if org_surface else None
            organization = org["canonical"] if org else aliases.get(org_surface, (org_surface or None,))[0]
            people.append(PersonMention(name=m.group("name"), title=m.group("title"), organization=organization,
                                        start=m.start("name"), end=m.end("name"),
                                        mention_start=m.start(), mention_end=m.end()))
    return sorted(people, key=lambda p: p["start"])


def find_people(body: str, language: str, orgs: list[OrganizationMention], proper: set[int]) -> list[PersonMention]:
    return find_people_ko(body, orgs, proper) if language == "ko" else find_people_en(body, orgs)


def short_reference_at(body: str, start: int, end: int) -> tuple[str, str, int, int] | None:
    """'김 대표' inside [start, end): (surname, title, ref_start, ref_end)."""
    m = _SHORT_REF_KO.search(body, start, end)
    if m and m.group("surname") in COMMON_SURNAMES:
        return m.group("surname"), m.group("title"), m.start(), m.end()
    return None
