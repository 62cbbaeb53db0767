"""Events: a trigger word gives the type (see dbt_project/seeds/event_types.csv), the sentence
gives the date, the venue, the name and the organizations taking part."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TypedDict

from .dates import find_dates
from .organizations import OrganizationMention
from .text import sentence_spans

# Order matters: the first type whose trigger appears in a sentence wins.
TRIGGERS: list[tuple[str, str, str]] = [
    ("keynote", r"기조연설", r"\bkeynote"),
    # a conference call is an earnings call and a press conference an announcement, not a gathering
    ("conference", r"콘퍼런스(?!콜)|컨퍼런스(?!콜)|포럼|박람회|전시회|세미나|토론회",
     r"(?<!press )(?<!news )\bconference\b(?! call)|\bforum\b|\bexpo\b|\btrade show\b|\bbusiness summit\b"),
    # "양국 정상은 … 소인수 회담과 확대 회담을": talks between heads of state are a summit
    ("summit", r"정상회의|정상회담|서밋|정상(?:은|이|들|끼리|간)?\s[^.]{0,40}?회담", r"\bsummit\b"),
    ("acquisition", r"인수(?:했|한|하기로|를|하는)|(?<!종)합병(?!원)|지분.{0,30}?(?:사들|매입|취득)", r"\bacquir(?:e|ed|es|ing)\b|\bmerger\b"),
    # an MOU "for cooperation" or "for joint development" is a partnership; other MOUs are agreements
    ("partnership", r"파트너십|동맹|제휴|협력 관계|(?:협력|공동 ?개발)[^.]{0,40}?(?:업무협약|협약|MOU|양해각서)",
     r"\b(?:signed|formed|forged|struck|entered into|announced|agreed)\b[^.]{0,40}\bpartnership\b|"
     r"\bpartnership (?:agreement|deal)\b|\balliance\b|\bteam(?:ed|s)? up\b|\bjoin(?:ed|s)? hands\b|"
     # like the Korean MOU: an agreement to do something jointly is a partnership
     r"\b(?:agreement|deal|memorandum(?: of understanding)?)\b[^.]{0,20}\bto jointly\b|\bcooperation agreement\b"),
    # a draft put to a council ("협약안", "협약 동의안") is not yet an agreement
    ("agreement", r"협약(?!안|\s?동의안)|양해각서|MOU|업무협약|계약을 (?:체결|맺)|공급계약을 맺", r"\bagreement\b|\bmemorandum\b|\bsigned a deal\b"),
    # "시리즈B 투자를 유치했다", "투자 계약은 전날 체결됐다": an investment received is one too
    ("investment", r"투자(?:한다|하기로|를 단행|\s?계획|를 발표|했다)|조원(?:을|를)? 투입|투자(?:를|금을)? 유치|투자 계약|"
     r"[조억]\s?원(?:을|를)? 투자(?:해|한다|하기로|했다|할)", r"\binvest(?:s|ed|ing|ment)?\b"),
    ("earnings", r"영업이익|순이익|실적 발표|실적 설명회|매출액|콘퍼런스콜|컨퍼런스콜",
     r"\bearnings\b|\bquarterly (?:profit|revenue)\b|\bconference call\b|"
     r"\b(?:first|second|third|fourth)-quarter (?:operating |net )?(?:profit|loss|revenue|sales)\b"),
    # a press conference or briefing is how an announcement is made ("기자간담회를 열고 … 공개했다")
    ("announcement", r"기자간담회|기자회견|브리핑", r"\bpress conference\b|\bnews conference\b|\bbriefing\b"),
    ("product_launch", r"출시|쇼케이스|선보였|공개했|론칭|처음 공개(?:했|한다|할|하고|해)|첫 공개|첫선|서비스를 시작", r"\blaunch(?:ed|es)?\b|\bunveil(?:ed|s)?\b|\brolled out\b"),
    ("election", r"선거|총선|대선|경선|보궐선거", r"\belections?\b|\bprimary\b|\bby-elections?\b"),
    # "위원회의 추계" is the committee's estimate, not a 회의; meeting reporters (기자들과 만나) is no event
    # a board or shareholders' meeting that decides is a meeting ("전날 이사회를 열고 … 의결했다")
    ("meeting", r"(?<!위원)회의|회담|면담|(?<!기자)간담회|의원총회|의총|청문회|회동|통화했|(?<!기자들과 )(?:만났다|만나)|"
     r"이사회를 열|이사회에서|주주총회|임시회",
     r"\bmet\b|\bmeeting\b|\bmeets\b|\btalks\b|\bhearing\b|\bsession\b|\bboard (?:had )?(?:approved|voted)\b|"
     r"\b(?:to|will|would|two|sides|leaders) meet\b"),
    ("appointment", r"선임|임명|취임|지명(?:됐|했|되|하)", r"\bappoint(?:ed|s)?\b|\bnamed .* as\b"),
    ("resignation", r"사임|사퇴", r"\bresign(?:ed|s)?\b|\bstep(?:ped)? down\b"),
    # 정책관, 정책실장, 종합정책질의, 비상대책위원장: a title or a hearing, not a policy
    ("policy", r"(?<!종합)정책(?!관|실|위|질의)|대책(?!위)|규제안|시행(?:한다|된다|키로|하기로|에 들어간다)|부터 (?:시행|적용)|적용된다|"
     r"적용하기로|도입(?:한다|하기로)|"
     # a day from which something is widened or begins: "다음 달 1일부터 65세 이상으로 넓힌다", "오는 23일부터 운행을 시작"
     r"(?:\d{1,2}일|이날)부터\s[^.]{0,80}?(?:넓힌다|넓히기로|확대한다|확대하기로|시작한다|시작하며|시작하기로|운행|접수한다)",
     r"\bpolicy\b|\bregulation\b|\btakes? effect\b|\bgoes? into effect\b|\bwill be (?:allowed|required|banned)\b|"
     r"\bpilot program\b"),
    # a court's sentence or ruling, an injunction and the hearings of a case are legal actions too
    ("lawsuit", r"소송|제소|선고했|선고를|선고공판|결심 ?공판|가처분|심문기일|변론기일|판결했",
     r"\blawsuit\b|\bsued\b|\bruled\b|\bverdict\b|\bsentenced\b|\binjunction\b|"
     r"\bcourt\b[^.]{0,40}\b(?:rejected|upheld|dismissed|ordered|granted|sided)\b"),
    ("visit", r"방한|방문했|방문한다|순방|도착했", r"\bvisit(?:ed|s|ing)?\b|\btrip\b|\barriv(?:ed|es|ing)\b"),
    # a dated ceremony, opening, strike, concert, festival or match the taxonomy has no type for
    ("other", r"시상식|착공식|기공식|준공식|개막식|졸업식|출범식|파업에 (?:들어갔|들어간다|돌입|나섰|나선다)|총파업|콘서트|투어|"
     r"회고전|특별전|기획전|개인전|(?:진료|운영|영업|운행|서비스)를 (?:중단|종료)(?:한다|하기로)|축제|영화제|\d+-\d+(?:으)?로 (?:꺾|이겼|이기|졌|비겼|승리|패배)|원정(?:에 나서|경기)|홈 경기",
     r"\bceremony\b|\b(?:went|go|goes|going) on (?:an? )?(?:\w+ )?strike\b|\bwalk(?:ed|s)? out\b|\bconcert\b|"
     r"\bfestival\b|\b(?:beat|beats|defeated|drew with|lost to)\b[^.]{0,40}\b\d+-\d+\b|"
     r"\bopen(?:s|ed)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    # official figures made public are announced ("government data showed Tuesday")
    ("announcement", r"발표했|발표한다|발표할|밝혔다",
     r"\bannounc(?:ed|es|ing)\b|\bunveiled plans\b|\b(?:data|figures|statistics) (?:showed|released|published)\b"),
]
# A gathering named as the place of a launch ("'판교 엣지AI 서밋'에서 … 처음 공개할", "unveil the chip at its
# developer conference") is where the launch happens: the launch is the event
_AT_GATHERING_KO = re.compile(r"^\s?['‘\"“]?[^.'’\"”]{0,20}['’\"”]?\s?에서")
_AT_GATHERING_EN = re.compile(r"\bat (?:the|its|a|their)\b[^.,]{0,60}$", re.I)
_VENUE_KO = re.compile(r"(?P<venue>(?:(?:[가-힣]+(?:시|도)|서울|부산|대구|인천|광주|대전|울산|세종|제주|경기) )?(?:[가-힣]+(?:구|군) )?(?:[가-힣A-Za-z]+ )?[가-힣A-Za-z]*(?:호텔|센터|코엑스|COEX|컨벤션|캠퍼스|청사|시청|홀|그랜드볼룸|벡스코|킨텍스)(?: [가-힣A-Za-z]+)?)에서")
_VENUE_EN = re.compile(r"\b(?:at|in) (?:the )?(?P<venue>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,4}(?:, [A-Z][\w'-]+)*)")
_NAME = re.compile(r"'(?P<a>[^'\n]{2,60})'|‘(?P<b>[^’\n]{2,60})’")
# "…에서 열린 'M360 APAC' 기조연설": the gathering a keynote or meeting took place at is an event too
_HELD_KO = re.compile(r"(?:열린|개최된|개최한|열리는)\s*['‘\"“](?P<name>[^'’\"”\n]{2,60})['’\"”]")
_HELD_EN = re.compile(r"\b(?:at|during) the (?P<name>(?:[A-Z0-9][\w&'-]*\s){1,6}(?:conference|summit|forum|expo|festival))", re.I)


# TRIGGERS compiled once, by language: a sentence is tried against every type, so strings through re's cache cost
_TRIGGERS_BY_LANGUAGE = {
    "ko": [(kind, re.compile(ko)) for kind, ko, _ in TRIGGERS],
    "en": [(kind, re.compile(en, re.I)) for kind, _, en in TRIGGERS],
}


def _triggers(language: str) -> list[tuple[str, re.Pattern]]:
    return _TRIGGERS_BY_LANGUAGE["ko" if language == "ko" else "en"]


class Event(TypedDict):
    type: str
    name: str
    date: str | None
    date_text: str | None
    location: str | None
    participants: list[str]  # canonical organization names
    start: int  # the sentence the event came from
    end: int


_URGED_EN = re.compile(r"\b(?:urg\w*|call\w* for)\b[^.;]{0,60}$", re.I)
# "지분 19.8%를 인수", "a 20 percent stake": a share of a company, in percent
_STAKE = re.compile(r"(?:지분|stake of)\s?(?P<pct>\d{1,3}(?:\.\d+)?)\s?(?:%|퍼센트|percent)|"
                    r"(?P<pct2>\d{1,3}(?:\.\d+)?)\s?(?:%|-percent| percent) stake")


def _type_of(sentence: str, language: str) -> tuple[str, int] | tuple[None, None]:
    """The event type a sentence reports, and where its trigger word is."""
    triggers = _triggers(language)
    for kind, trigger in triggers:
        if m := trigger.search(sentence):
            if kind == "meeting" and language == "en" and _URGED_EN.search(sentence[:m.start()]):
                continue  # "urging the ruling party to join all-party talks": talks asked for, not held
            if kind in ("conference", "summit"):
                at_gathering = _AT_GATHERING_KO.match(sentence[m.end():]) if language == "ko" else \
                    _AT_GATHERING_EN.search(sentence[:m.start()])
                launch = next(t for k, t in triggers if k == "product_launch")
                if at_gathering and (found := launch.search(sentence)):
                    return "product_launch", found.start()
            if kind == "acquisition" and (stake := _STAKE.search(sentence)) and \
                    float(stake.group("pct") or stake.group("pct2")) < 50:
                return "investment", m.start()  # a minority stake bought is an investment, not a takeover
            return kind, m.start()
    return None, None


def _all_triggers(sentence: str, language: str) -> list[tuple[str, int]]:
    """Every trigger word in a sentence with its type, for the second event a sentence may report."""
    return [(kind, m.start()) for kind, trigger in _triggers(language) for m in trigger.finditer(sentence)]


# A date that ends a span or sets a deadline is no event's day: "오는 17일까지 머물며", "finalized by Feb. 27"
_DEADLINE_KO = re.compile(r"\s?까지")
_DEADLINE_EN = re.compile(r"\b(?:by|until|till|through|no later than)\s+$")
# The day a statement was made, not the day of what it reports: "전날 … 체결했다고 5일 밝혔다"
_REPORTED_KO = re.compile(r"\s?(?:밝혔다|발표했다|전했다|말했다|알렸다|공시했다)")
_REPORTED_EN = re.compile(r"\bsaid\s*(?:on\s*)?$")
# a time of its own the event is given, too vague to resolve: the day of the report is not it
_OWN_TIME_EN = re.compile(r"\b(?:next|later this) (?:week|month|year)\b|\bthis weekend\b")
_OWN_TIME_KO = re.compile(r"다음 ?주|내주|이번 ?주 중|다음 ?달 중|이달 중|연내|올해 안|조만간")
# "SEOUL, March 20 (Yonhap) --": the dateline is the day of the report
_DATELINE_EN = re.compile(r"\s*\([A-Za-z .]+\)\s*(?:--|—|–|-)")
_POSITION_KO = re.compile(r"(?:입장문|설명자료|해명자료|반박자료)(?:을|를) (?:내고|통해)")
_AGREED_KO = re.compile(r"합의했|합의하고|합의를 (?:이뤘|이끌어냈|도출)")
_AGREED_EN = re.compile(r"\bagreed\b(?:\s+\w+day)?\s+(?:to|on)\b")
_SAME_DAY = re.compile(r"같은 날|\b(?:the )?same day\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」")


def _story_day(body: str, language: str, published: date | None) -> date | None:
    """The day the story happened: the first plain day of the month the article names, when it is the publication
    day or one of the two before ("15일(현지시간) 워싱턴에서 열린 …" in a paper of the 16th). 이날 ("that day") refers to it."""
    if published is None or language != "ko":
        return published
    for start, end in sentence_spans(body):
        for when, _, _, surface in find_dates(body[start:end], language, published):
            if re.fullmatch(r"\d{1,2}일", surface):  # a plain "15일", not 전날 or 지난달 30일
                return when if timedelta(0) <= published - when <= timedelta(days=2) else published
    return published


def _event_dates(sentence: str, language: str, published: date | None,
                 story_day: date | None = None) -> list[tuple[date, int, int, str, bool]]:
    """The dates in a sentence that can be an event's day, each with whether it is the day of the report."""
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    found = []
    for when, s, e, surface in find_dates(sentence, language, published):
        if surface == "이날" and story_day:
            when = story_day
        if any(a <= s < b for a, b in quoted):
            continue  # a day inside a quotation belongs to the speaker's story, not to this sentence's event
        if (_DEADLINE_KO.match(sentence, e) if language == "ko" else _DEADLINE_EN.search(sentence[:s])):
            continue
        reported = bool(_REPORTED_KO.match(sentence, e) if language == "ko" else
                        _REPORTED_EN.search(sentence[:s]) or _DATELINE_EN.match(sentence, e))
        found.append((when, s, e, surface, reported))
    return found


def find_events(body: str, language: str, published: date | None, orgs: list[OrganizationMention]) -> list[Event]:
    events: list[Event] = []
    story_day = _story_day(body, language, published)
    for start, end in sentence_spans(body):
        sentence = body[start:end]
        kind, at = _type_of(sentence, language)
        if not kind:
            continue
        dates = _event_dates(sentence, language, published, story_day)
        if not dates and events and (same := _SAME_DAY.search(sentence)):
            # "같은 날 노스게이트는 지분을 인수했다": the day of the event told just before
            dates = [(date.fromisoformat(events[-1]["date"]), same.start(), same.end(), same.group(), False)]
        if len(dates) == 1 and dates[0][4] and kind != "announcement" and \
                (_OWN_TIME_KO if language == "ko" else _OWN_TIME_EN).search(sentence):
            # "lanterns will line the alleys next week …, organizers said Friday", "회담을 다음 주 중 추진하겠다고 4일
            # 밝혔다": the day given is only the report's
            continue
        if kind == "announcement" and _POSITION_KO.search(sentence) and \
                not re.search(r"발표했|발표한다|발표할", sentence):
            continue  # "이날 입장문을 내고 … 밝혔다": a statement of position answers a story; it announces nothing
        if kind != "announcement" and any(not d[4] for d in dates):
            # "전날 … 업무협약을 체결했다고 5일 밝혔다": the signing is the day before the report
            dates = [d for d in dates if not d[4]]
        if not dates:
            continue  # an event we cannot date is too vague to be a fact
        # the date nearest the trigger: "said Thursday … signed Wednesday" dates the signing
        when, _, _, surface, _ = min(dates, key=lambda d: min(abs(d[1] - at), abs(d[2] - at)))
        if language == "en" and kind != "visit":
            # "who arrived in Seoul on Wednesday for a three-day visit, held talks …": the day is the arrival's
            ds, de = next((d[1], d[2]) for d in dates if d[0] == when)
            near_kind, near_at = min(_all_triggers(sentence, language), key=lambda t: min(abs(t[1] - ds), abs(t[1] - de)))
            if near_kind == "visit":
                kind, at = near_kind, near_at
        venue = (_VENUE_KO if language == "ko" else _VENUE_EN).search(sentence)
        named = _NAME.search(sentence)
        participants = list(dict.fromkeys(o["canonical"] for o in orgs if start <= o["start"] < end and o["type"] != "media"))
        name = next((g for g in (named.groups() if named else ()) if g), None) or \
            f"{kind.replace('_', ' ')}: {' – '.join(participants) or sentence[:40]}"
        location = venue.group("venue") if venue else None
        events.append(Event(type=kind, name=name, date=when.isoformat(), date_text=surface, location=location,
                            participants=participants, start=start, end=end))
        held = (_HELD_KO if language == "ko" else _HELD_EN).search(sentence)
        # a launch at a show is reported for the launch: the show is not the article's event
        if held and kind in ("keynote", "meeting", "announcement", "agreement", "partnership"):
            events.append(Event(type="conference", name=held.group("name").strip(), date=when.isoformat(),
                                date_text=surface, location=location, participants=list(participants),
                                start=start, end=end))
        if kind in ("meeting", "summit") and (_AGREED_KO if language == "ko" else _AGREED_EN).search(sentence):
            # talks that end in an accord are two facts: "회담을 갖고 … 늘리기로 합의했다", "agreed Tuesday to launch"
            events.append(Event(type="agreement", name=f"agreement: {' – '.join(participants) or sentence[:40]}",
                                date=when.isoformat(), date_text=surface, location=location,
                                participants=list(participants), start=start, end=end))
        # a second day in the sentence dates a second event, typed by the trigger nearest it: "기자간담회를 열고
        # … 다음 달 2일 출시한다", "오는 6월 20일 임시 주주총회를 열어 … 7월 1일 출범한다"
        others = [t for t in _all_triggers(sentence, language) if t[0] != kind]
        for second, s, e, second_surface, _ in dates:
            if second == when or not others:
                continue
            other, _ = min(others, key=lambda t: min(abs(t[1] - s), abs(t[1] - e)))
            events.append(Event(type=other, name=f"{other.replace('_', ' ')}: {' – '.join(participants) or sentence[:40]}",
                                date=second.isoformat(), date_text=second_surface, location=location,
                                participants=list(participants), start=start, end=end))
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
