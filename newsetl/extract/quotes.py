"""Direct quotes and who said them.

A quote is text between double or corner quote marks, followed (Korean) or surrounded
(English) by reporting speech. Its speaker is the sentence's subject: a person named with a
title, a short reference (김 대표) resolved to the full name seen earlier, or a pronoun
(그는, he, she) resolved to the person the text is about at that point: the subject of the
most recent sentence that had a person for subject, not merely the last name seen.
A quote with no clear speaker is kept with an empty one, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypedDict

from .organizations import alias_table, find_organizations
from .people import (
    CAPTION_KO,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    NAME_WORD_EN,
    PRONOUNS_KO,
    TITLES_KO,
    PersonMention,
    short_reference_pattern,
)
from .text import sentence_spans

QUOTE_PAIRS = {'"': '"', "“": "”", "「": "」", "『": "』"}
_QUOTE = re.compile(r'"(?P<a>[^"\n]{2,}?)"|“(?P<b>[^”\n]{2,}?)”|「(?P<c>[^」\n]{2,}?)」|『(?P<d>[^』\n]{2,}?)』'
                    r"|‘(?P<e>[^’\n]{4,}?)’(?![a-z])|(?<![\w])'(?P<f>[^'\n]{4,}?[.,!?])'(?![\w])"
                    r"|(?<![\w])'(?P<g>[^'\n]{4,}?)'(?=(?:이)?라(?:고|며|는)|고 |며 )")
_GROUPS = "abcdefg"
# "…"는 우려도 나온다 / "…"는 말도 나왔다: said, but by no one the text names
_KO_UNNAMED = re.compile(r"^(?:이?라?는|(?:이)?라고 하는)\s*(?P<cue>(?:우려|말|지적|목소리|평가|분석|전망|관측|주장|비판|반응|얘기|불만|하소연|성토|볼멘소리|반론|반발|비아냥|푸념|탄식|"
                         r"외침|글|댓글|구호|호소|항의)"
                         r"(?:도|가|이|은|는)?\s*(?:[가-힣]+\s){0,2}?(?:나온다|나왔다|나오기도 했다|제기된다|제기됐다|"
                         r"나오고 있다|많다|적지 않다|있다|이어졌다|잇따랐다|쏟아졌다|올라왔다))")
# What joins a Korean quote to what follows it: "…"며 "…"고 말했다 / "…"이라며 / "…"라고
# A past-tense verb in print (말했다) or broadcast style (말했습니다); a reporting verb in the present (말한다)
# Every Hangul syllable closed by ㅆ (했, 혔, 봤, 놨, 꼈, …): with 다 after it, the past tense of any verb
_SSANG_SIOT_FINAL = "".join(chr(0xAC00 + i) for i in range(11172) if i % 28 == 20)
# …or joined to the next report ("…"고 했고, B는 …): only at the end of a clause _clauses cut there
_KO_PAST = rf"(?:[{_SSANG_SIOT_FINAL}](?:다|습니다|(?:고|으며|지만|으나|는데)$)|(?<=[묻하])자$)"
_KO_PRESENT = r"(?:(?:말|강조|설명|지적|주장|당부|토로|역설|언급|고백|회상|회고|귀띔)한다|밝힌다|덧붙인다|전한다)"
_KO_CUE = re.compile(r"^(?:이?라?고(?:만|도)?|(?:이)?라며|며|(?:이)?라?는 (?=(?:입장|뜻|방침|의사|견해|생각)을 ))\s*"
                     rf"(?P<cue>(?:[가-힣]+을 |[가-힣]+를 )?(?:[가-힣]*{_KO_PAST}|{_KO_PRESENT}))")
_EN_SPEECH = (r"(?:said|says|told|added|noted|explained|stated|wrote|asked|replied|shouted|warned|insisted|"
              r"recalled|argued|according to|called out|cried|yelled|chanted|continued|responded|countered|conceded|"
              r"acknowledged|admitted|cautioned|complained|declared|stressed|remarked|quipped|joked|tweeted|posted|"
              r"emphasi[sz]ed|pointed out|contended|maintained|maintains|observed|asserted|reiterated|lamented)")
# Reported speech, Korean: "…해야 한다고 강조했다" (the clause, then 고, then a reporting verb)
_KO_REPORTING = (r"(?:강조|말|밝|묻|질문|설명|지적|전|단언|독려|덧붙|주장|언급|공언|예상|전망|당부|촉구|요구|호소|역설|평가|"
                 r"분석|우려|제안|약속|다짐|발표|반박|해명|경고|시사|답|주문|확인|진단|내다보|예측|보|추산|추정|"
                 r"비판|항의|토로|털어놓|귀띔|부연|자신|기대|예고|공지|통보|보고|판시|공시|일축|꼬집|맞받|반문|되물|"
                 # the past of 놓다/보다 contracted into one syllable: 털어놨다, 내다봤다, 돌아봤다
                 r"털어놨|내다봤|돌아봤|봤|"
                 r"소개|짚|인정|"  # "…줄였다고 소개했다", "…최대 변수라고 짚었다", "…타당하다고 인정했다"
                 r"떠올)")  # "…였다"며 창업 초기를 떠올렸다: recalled
# '"…." 김 대표는 이렇게 말했다': the speaker after the quote, with 이렇게/이같이
_KO_THUS = re.compile(r"^\s*(?P<who>[^\"“”「」]{1,40}?)(?:은|는|이|가)\s+(?:이렇게|이같이|이처럼|또|다시)\s*"
                      rf"(?:(?P<cue>{_KO_REPORTING}[가-힣]*다|말했다|했다|했습니다)"
                      # '"…." 그는 이렇게 말하며 발표를 시작했다': the words said while doing something else
                      rf"|(?P<cue_as>(?:말하|밝히|강조하|설명하|전하|토로하)며)\s+[^\"“”「」]{{1,30}}?다)\s*\.?$")
# '김 대표의 설명은 이렇다.' / 'He said:' as its own sentence: the quote that follows is theirs
_KO_ANNOUNCES = re.compile(r"(?:은|는|이|가)\s+(?:이렇다|다음과 같다|이랬다)\s*[.:]?$"
                           # '그는 후배들에게 조언을 건넸다.' and then the advice alone in quote marks
                           r"|(?:은|는|이|가)\s+(?:[^\s\"“”]+\s+){0,6}?(?:조언|당부|충고|메시지|소감|각오|다짐|쓴소리|일침)(?:을|를)\s+"
                           r"(?:건넸다|남겼다|전했다|밝혔다|덧붙였다)\s*[.:]?$")
_KO_INDIRECT = re.compile(r"(?P<clause>[^\"“”「」]*(?:다|라|자|냐|까|요))\s*고(?:만|도)?\s+(?:[^\s\"“”]+\s+){0,3}?"
                          rf"(?P<cue>{_KO_REPORTING}[가-힣]*(?:다|했다)|{_KO_REPORTING}[가-힣]*[해혀어아] 왔다"
                          rf"|{_KO_REPORTING}[가-힣]*{_KO_PAST}|했(?:다|습니다|(?:고|으며|지만|으나|는데)$))\s*\.?$")
# 'A는 "…"고 했고, B는 "…"고 반박했다': two reports in one sentence, each with its own subject
_KO_COORDINATED = re.compile(r"(?:[\"”」』'’]\s*(?:이)?라?(?:고|며)|[다라자까냐]고)\s+(?:[^\s\"“”「」]+\s+){0,2}?"
                             rf"(?:[가-힣]*[{_SSANG_SIOT_FINAL}](?:고|으며|지만|으나|는데)|[가-힣]*[묻하되]자)(?=,?\s)")
# ('B가 "…"고 묻자 A는 "…"고 답했다': a question, then the answer by someone else)
_NEW_SUBJECT_KO = re.compile(r",?\s+(?:[^\s\"“”「」]+\s+){0,3}?[^\s\"“”「」]+(?:은|는|이|가|도)\s")
# Reported speech, English: "Kim said (that) the company would …"
_EN_INDIRECT = re.compile(
    r"\b(?P<cue>said|says|told [\w.' ]{2,40}?(?= that )|"
    # "told reporters the timing was bold": a clause without 'that' after who was told
    r"told (?:reporters|journalists|lawmakers|legislators|investors|analysts|parliament|(?:the )?[A-Z][\w.&'-]*"
    r"(?: [A-Z][\w.&'-]*){0,3})(?= (?!that\b))|added|adding|noted|noting|warned|stressed|argued|insisted|"
    r"explained|saying|announced|estimated|predicted|forecast|wrote|ruled|concluded|acknowledged|admitted|"
    r"claimed|confirmed|reported|stated|posted|(?:warn|argu|insist|not|stress|explain|add)e?s|"
    # verbs that also take a plain object ("replied to the letter", "revealed the phone"): reporting only with that
    r"(?:cautioned|contended|emphasi[sz]ed|maintained|maintains|pointed out|observed|asserted|conceded|reiterated|"
    r"countered|replied|responded|disclosed|revealed|indicated|signall?ed|suggested|projected|complained|lamented|"
    r"recalled)(?= (?:[^\s\"“”]+ ){0,6}?that )"
    # a forecast in the present: "The bank expects that exports will slow"
    r"|(?:expects|estimates|forecasts|predicts)(?= that ))"
    r"(?: (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    r"(?: in a (?:statement|press release|briefing|report|note|speech|post))?"
    r"(?: (?:at|during|in|on|after) [^,\"“”]{3,40}?(?= that))?"
    r"(?: (?:separately|later|earlier|also|again|previously|repeatedly|publicly|privately|recently|then|afterwards?|"
    r"subsequently)(?= that))?"
    # a determiner has its noun before the verb: "announced the plan alongside …" reports nothing
    r"(?: that (?P<clause>[^\"“”]{12,})|\s(?P<bare>(?:(?:(?:it|he|she|they|we|there|[A-Z][\w'-]*)(?: [\w'-]+){0,3}?|"
    r"(?:the|its|his|her|their|this)(?: [\w'-]+){1,3}?) (?:would|will|had|has|have|was|were|is|are|could|should|might|must|can|may|plans?|"
    r"expects?|wants?|aims?|hopes?|intends?|[a-z]+ed|fell|rose|grew|hit|saw|made|took|won|lost|had|gave|got|came|went|began|kept|left|met|paid|"
    r"put|sold|spent|bought|brought|built|cut|set|led|stood|remained|reached)"
    # "she said complaints from parents had been rare": any noun phrase, then an auxiliary
    # …or a longer one ("many of her former colleagues had", "about 50 memorandums of understanding were")
    r"|[a-z][\w'-]*(?: (?!(?:who|which|that|when|where|if|because)\b)[\w'-]+){0,7}? "
    r"(?:would|will|had|has|have|was|were|is|are|could|should|might|must|can|may))"
    r"\b[^\"“”]{4,}))$")
# "…"며 대학들이 … 공개해야 한다고 주장했다 / "…," she said, adding that …: reported speech after a quote
_KO_TAIL_INDIRECT = re.compile(r"^(?:이?라며|며|면서도?|(?:이)?라면서도?)\s+(?P<clause>[^\"“”「」]+?(?:다|라|자|까))고\s+"
                               rf"(?:[^\s\"“”]+\s+){{0,2}}?(?P<cue>{_KO_REPORTING}[가-힣]*다)\s*\.?$")
_EN_TAIL_INDIRECT = re.compile(r"\b(?P<cue>adding|saying|noting|arguing|warning) that (?P<clause>[^\"“”]{12,}?)\.?$")
# '"…" 백 본부장의 말이다' / '…라는 게 회사 측 설명이다'
_KO_WORDS_OF = re.compile(r"^(?:(?:이)?라는 게)?\s*(?P<who>[^\"“”「」]{1,40}?)(?:의|측)?\s+(?P<cue>(?:말|설명|지적|분석|전언|"
                          r"주장|입장)(?:이다|입니다)|(?:얘기|평가)(?:다|입니다))\s*\.?$")
# "대통령실은 의제에 제한을 두지 않겠다는 입장을 밝혔다": a stance reported as speech
_KO_STANCE = re.compile(r"(?P<clause>[^\"“”「」]*?(?:다|겠다))는\s+(?:입장|뜻|방침|의사|계획|견해)을\s+"
                        r"(?P<cue>(?:밝혔|전했|내비쳤|나타냈|재확인했|고수했)(?:다|습니다))\s*\.?$")
# "기상청은 폭염이 다음 주까지 이어질 것으로 내다봤다": a forecast reported as its maker's words (not 것으로
# 나타났다/알려졌다/보인다: what a survey showed or the reporter supposes)
_KO_FORECAST = re.compile(r"(?P<clause>[^\"“”「」]*?것)으로\s+(?:[^\s\"“”]+\s+){0,2}?"
                          r"(?P<cue>(?:내다봤|전망했|예상했|추산했|추정했|예측했|관측했|점쳤)(?:다|습니다))\s*\.?$")
# "…수용할 수 있다는 설명이다", "…오른다는 게 한결홀딩스의 설명이다": what someone explained, by the one named
# before 의 or, named by no one, by whoever spoke or was the subject just before
_KO_EXPLAINED = re.compile(r"(?P<clause>[^\"“”「」]*?(?:다|라))는\s+(?:(?:게|것이)\s+(?P<who>[^\s\"“”「」][^\"“”「」]{0,30}?)"
                           r"(?:\s?측)?의\s+)?(?P<cue>설명)(?:이다|입니다)\s*\.?$")
# A Korean sentence opening like this and naming no subject continues the person speaking before it
_CONTINUES = re.compile(r"^(?:그러면서|그러면서도|이어|이어서|아울러|또|또한|그는 또|이와 함께|이어 그는)\s")
# "It added that …", "It also said …": an English sentence going on with the organization that spoke last
_CONTINUES_EN = re.compile(rf"(?:It|The (?:company|ministry|agency|bank|group|union|court|party|government)) "
                           rf"(?:also )?(?:{_EN_SPEECH}|announced)\b")
# A sentence of background ("앞서 윤 연구원은 … 지적했다"): its subject does not become the one "그는" means next
_BACKGROUND = re.compile(r"^(?:앞서|앞서서|이보다 앞서|지난\S* 앞서|Earlier|Previously|Last week)\b|^앞서 ")
_SUBJECT_PARTICLES = set("은는이가도")
_SHORT_REFS = short_reference_pattern()
# '반씨는', '김 씨는': a surname and 씨 for someone named before with the full name
_SSI_REFS = re.compile(r"(?<![가-힣])(?P<surname>남궁|선우|제갈|황보|독고|사공|서문|[가-힣]) ?(?P<title>씨)(?=[은는이가도]\s)")
_BARE_TITLE_KO = re.compile(r"\s*(?P<title>" + "|".join(map(re.escape, TITLES_KO)) + r")(?=[은는이가도] )")
# "…"며 OTT 작품이 … 비판을 반박했다: the reporting verb may come at the end, after more of the sentence
_KO_CUE_LATER = re.compile(r"^(?:이?라?고(?:만|도)?|(?:이)?라며|며|면서도?|(?:이)?라면서도?)\s+[^\"“”「」]{0,80}?"
                           rf"(?P<cue>{_KO_REPORTING}[가-힣]*{_KO_PAST}|{_KO_PRESENT})\s*\.?$")
# a clause that opens with its own subject ("김 대표는 …", "그는 …") starts after it
_LEADING_SUBJECT_KO = re.compile(r"^(?:[가-힣] (?:" + "|".join(map(re.escape, TITLES_KO)) + r")|[가-힣] ?씨|그녀?|[가-힣]{1,6} 측"
                                 r"|재판부|연맹|협회|연합회|협의회|위원회|재단|노조|공사|공단|조합|학회|시|군|구)(?:은|는|이|가|도) ")
# …and then often with when it was said ("2일", "이날", "지난달 30일(현지시간)"): not part of what was said
_LEADING_WHEN_KO = re.compile(r"^(?:(?:지난달|이달|지난해|올해)\s*)?(?:\d{1,2}일|이날|전날|오늘|어제)(?:\s*\(현지시간\))?\s+")
_NAME_EN = rf"{NAME_WORD_EN}(?:(?: [A-Z]\.)? {NAME_WORD_EN}){{0,2}}"  # "Maria K. Reyes" too
# …and where it was said ("논평을 내고", "보도자료를 통해"): not part of what was said either
_LEADING_SETTING_KO = re.compile(r"^(?:입장문|보도자료|보도참고자료|설명자료|논평|성명서?|공시|사과문)(?:을|를)\s*"
                                 r"(?:내고|내어|통해|발표하고|배포하고)\s+")
_EN_FRONTED = re.compile(r"^(?:Unlike|Like|As|After|Before|When|While|Although|Though|Because|Since|Despite|Following|"
                         r"Asked (?:about|whether|if|why|how|what)|In response to|Responding to|Speaking (?:to|at|on|after))"
                         r"\b[^,\"“”]{0,120},\s")
_EN_RELATIVE_AFTER_FRONTED = re.compile(r"(?:which|who|whom|whose|where|when) [^,\"“”]{0,120},\s")
# '김 장관: "…"', 'Choi: "…"': an interview or transcript line, the speaker and a colon before the quote
_SPEAKER_COLON = re.compile(r"^[^\s\"“”「」:][^\"“”「」:.!?]{0,40}:\s*$")


class Quote(TypedDict):
    kind: str  # direct | headline | indirect
    text: str
    start: int  # offsets of the text (without quote marks) in the body; in the title for headline quotes
    end: int
    sentence_start: int
    sentence_end: int
    speaker: str | None
    speaker_title: str | None
    speaker_org: str | None
    speaker_is_organization: bool
    cue: str | None


def _one_bearer(bearers: list[PersonMention], topic: PersonMention | None) -> PersonMention | None:
    """The person a bare surname ("Choi said") stands for: the only one known by it; with two or more, the one
    the text is about just then, else no one (a guess between two namesakes is as wrong as a wrong name)."""
    if len({p["name"] for p in bearers}) == 1:
        return bearers[0]
    return next((p for p in bearers if topic and p["name"] == topic["name"]), None)


def _nearest_namesake(body: str, at: int, names: set[str], people: list[PersonMention]) -> str | None:
    """'박 감독' when two 박 감독 are known: the one named last before it, when that is in the same paragraph (a
    writer who brings in a second namesake goes on about the newer one, and names the other in full); else no one.
    `names` leaves out whoever the sentence itself names: '박 감독은 박서연 감독과 …' is the other 박 감독."""
    before = [p for p in people if p["name"] in names and p["start"] < at]
    if len(names) == 1 and before:
        return before[-1]["name"]
    if not before:
        return None
    last = max(before, key=lambda p: p["start"])
    return last["name"] if "\n" not in body[last["start"]:at] else None


def _subject_before(body: str, start: int, end: int, people: list[PersonMention],
                    known: dict[str, PersonMention], topic: PersonMention | None, language: str,
                    strict: bool = False):
    """The person who is the subject of body[start:end] (the text before the first quote).

    strict (Korean): only a reference that carries a subject particle, not merely the first person named.
    """
    window = body[start:end]
    named = [p for p in people if start <= p["start"] < end]
    if language == "ko":
        # Every reference to a person: a name with its title, a short reference (김 대표), a pronoun (그는).
        # The subject is the first one that carries the topic particle (은/는/도), else the first with a subject
        # particle (이/가), else the first one: "서 연구원이 꼽은 수율에 대해 그는" is his, not hers.
        found: list[tuple[int, int, PersonMention | None]] = []
        def subject_at(edge: int) -> int:
            # "김 대표는" is a subject; "박 교수가 짚은 문제에 대해 그는" is not: 가 before an adnominal verb
            # (짚은, 언급한, 제기한) marks the subject of an embedded clause
            if body[edge:edge + 1] not in _SUBJECT_PARTICLES:
                return 0
            if body[edge] in "은는도":
                return 2
            following = re.match(r"[은는이가도]\s+(?P<word>[가-힣]+)", body[edge:edge + 20])
            return 0 if following and re.search(r"(?:한|은|던|진|된|운|낸|린|킨|놓은)$", following.group("word")) else 1

        for p in named:
            edge = p.get("mention_end", p["end"])
            found.append((p["start"], subject_at(edge), p))
        for ref in [*_SHORT_REFS.finditer(body, start, end), *_SSI_REFS.finditer(body, start, end)]:
            surname, title = ref.group("surname"), ref.group("title")
            if surname not in COMMON_SURNAMES and surname not in COMPOUND_SURNAMES:
                continue
            def bears(name: str, surname: str = surname) -> bool:
                # 김 is 김영섭; 황 is 젠슨 황 (a foreign name ends with the family name)
                return name.startswith(surname) if " " not in name else name.split()[-1] == surname

            candidates = [p for p in known.values() if bears(p["name"]) and p["title"] == title] or \
                [p for p in known.values() if bears(p["name"]) and p["title"] and
                 (p["title"].endswith(title) or title.endswith(p["title"]))] or \
                [p for p in known.values() if bears(p["name"])]
            if len({c["name"] for c in candidates}) == 1:
                found.append((ref.start(), subject_at(ref.end()), candidates[-1]))
            elif candidates:
                # two namesakes: the nearer one, else the subject is someone the text leaves unsure
                nearest = _nearest_namesake(body, ref.start(), {c["name"] for c in candidates}
                                            - {p["name"] for p in named}, people)
                found.append((ref.start(), subject_at(ref.end()), known[nearest] if nearest else None))
        if bare := _BARE_TITLE_KO.match(window):
            # "장관은 "…"": the one person known with that title
            titled = {p["name"]: p for p in known.values() if p["title"] == bare.group("title")}
            if len(titled) == 1:
                found.append((start, subject_at(start + bare.end("title")), next(iter(titled.values()))))
        for pronoun in (p for p in PRONOUNS_KO if p in window):
            for m in re.finditer(rf"(?<![가-힣]){pronoun}(?![가-힣])", window):
                found.append((start + m.start(), 2 if pronoun[-1] in "은는도" else 1, topic))
        found.sort(key=lambda f: f[0])
        best = max((f[1] for f in found), default=0)
        subject = next((f for f in found if f[1] == best), None) if best else \
            (found[0] if found and not strict else None)
        return subject[2] if subject else None
    else:
        # the earliest reference wins: a full name, a surname alone ("Seo noted", Korean order) or a
        # given-name-last surname ("Doe said"), or he/she for the topic
        # …but not inside a fronted clause: "Unlike Ahn, she said", "As Choi stepped away, a voice called out"
        fronted = _EN_FRONTED.match(window)
        skip = fronted.end() if fronted else 0
        if fronted and (relative := _EN_RELATIVE_AFTER_FRONTED.match(window, skip)):
            skip = relative.end()  # "Asked about the line, which Kang had mentioned, he said": still not Kang
        found: list[tuple[int, PersonMention | None]] = [(p["start"] - start, p) for p in named
                                                         if p["start"] - start >= skip]
        for name in known:
            for word in {name.split()[0], name.split()[-1]}:
                if len(word) > 1 and word in window and (m := re.compile(rf"\b{re.escape(word)}\b").search(window, skip)):
                    bearer = _one_bearer([p for n, p in known.items() if word in (n.split()[0], n.split()[-1])], topic)
                    if bearer:  # "Choi" with two Chois known: the one the text is about, else neither
                        found.append((m.start(), bearer))
        if m := re.compile(r"\b(?:[Hh]e|[Ss]he)\b").search(window, skip):
            found.append((m.start(), topic))
        # the object of a preposition is not the subject: "a meeting with Moon", "will report to Han"
        found = [f for f in found if not _PREPOSITION_BEFORE.search(window, 0, f[0])]
        # …nor the object of a verb in the past: "The winger … embraced Whitlock on the touchline"
        found = [f for f in found if not _PAST_VERB_BEFORE.search(window, 0, f[0])]
        found.sort(key=lambda f: f[0])
        if found and (owner := re.match(r"[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3}[’']s ", window[found[0][0]:])):
            # "Ahn's deputy, Vice Minister Park Ji-yeon, said" is Park's, not Ahn's (while "Oh's team will report to
            # Han" is still about Oh)
            apposed = next((f for f in found[1:] if re.fullmatch(r"[\w -]{1,30}, (?:[A-Z][\w.-]* ){0,4}",
                                                                   window[found[0][0] + owner.end():f[0]])), None)
            return (apposed or found[0])[1]
        if found:
            return found[0][1]
    return None


_PAST_VERB_BEFORE = re.compile(rf"(?<![\w-])(?!{_EN_SPEECH} )[a-z]{{2,}}ed $")  # not 'added Kim', 'warned Kim'
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|to|by|for|from|about|against|into|than|between|among|toward|towards|"
                                 r"via|under|over|on|at|in) $")
_EN_ATTRIBUTION = re.compile(
    rf"^[,.!?]?\s*(?:(?P<cue1>{_EN_SPEECH})\s+(?P<who1>(?:[A-Z][a-z]+ ){{0,3}}{_NAME_EN}|[Hh]e|[Ss]he|(?:[Tt]he|[Aa]n?|[Oo]ne) [\w' -]{{2,40}}?)\b"
    rf"|(?P<who2>(?:[\w'.&-]+ ){{0,6}}?(?:{_NAME_EN}|[A-Z][A-Z&.]{{1,9}}|(?:Corp|Co|Inc|Ltd)\.|[Hh]e|[Ss]he|(?:[Tt]he|[Aa]n?|[Oo]ne) [\w' -]{{2,40}}?))"
    rf"(?:, (?P<appos>[^,\"“”]{{2,120}}),)? (?P<cue2>{_EN_SPEECH}))")


_SAME_TITLE_EN = {"ceo": "chief executive", "chief executive officer": "chief executive", "cfo": "chief financial officer",
                  "cto": "chief technology officer", "chairwoman": "chairman", "chair": "chairman"}


def _speaker_en(after: str, body_start: int, people: list[PersonMention], known: dict[str, PersonMention],
                topic: PersonMention | None):
    """English attribution after the quote: ', said Jane Doe', ', DP floor leader Noh told reporters',
    ', Kang, head of X, said', ', she said', ', one striker shouted' (a cue with no one to name)."""
    m = _EN_ATTRIBUTION.match(after)
    if not m:
        return None, None
    group = "who1" if m.group("who1") else "who2"
    who = m.group(group)
    cue = m.group("cue1") or m.group("cue2")
    if who.split()[-1].lower() in ("he", "she") and len(who.split()) == 1:
        return topic, cue
    inside = [p for p in people if body_start + m.start(group) <= p["start"] < body_start + m.end(group)]
    if not inside and group == "who2" and m.group("appos") and not re.search(r"[A-Z]", who[:1]):
        # '"…," the union's leader, Kwon Nam-il, said': the name in apposition to a description
        inside = [p for p in people if body_start + m.start("appos") <= p["start"] < body_start + m.end("appos")]
    if inside:  # "according to Trade Minister Ahn Duk-geun": a person found there already
        return inside[-1], cue
    if re.match(r"[Tt]he [a-z]", who):
        # '"…," the minister said': the one person known with that title
        title = _SAME_TITLE_EN.get(who.split(" ", 1)[1].lower(), who.split(" ", 1)[1].lower())
        titled = {p["name"]: p for p in known.values() if p["title"] and
                  (_SAME_TITLE_EN.get(p["title"].lower(), p["title"].lower()) == title
                   or p["title"].lower().split()[-1] == title.split()[-1])}
        if len(titled) == 1:
            return next(iter(titled.values())), cue
    names = re.findall(_NAME_EN, who)
    def same(full: str, name: str) -> bool:  # "Oh" is Oh Kyung-hwan (surname first), "Doe" is Jane Doe
        return full == name or (" " not in name and name in (full.split()[0], full.split()[-1])) or \
            full.split()[-1] == name.split()[-1] and " " in name

    for name in reversed(names):
        for p in people:
            if p["start"] >= body_start and p["name"] == name:
                return p, cue
        if bearers := [person for full, person in known.items() if same(full, name)]:
            return _one_bearer(bearers, topic), cue
        for p in people:
            if same(p["name"], name):
                return p, cue
    return None, cue


_ORG_NOUNS_EN = {"ministry": ("government",), "government": ("government",), "agency": ("government",),
                 "commission": ("government",), "office": ("government",), "company": ("company",),
                 "firm": ("company",), "group": ("association", "union", "other", "company"), "automaker": ("company",), "chipmaker": ("company",),
                 "bank": ("company", "government"), "union": ("union",), "court": ("court",), "party": ("party",),
                 "association": ("association",), "federation": ("association",), "university": ("university",),
                 "operator": ("company",), "studio": ("company",), "festival": ("other", "association"),
                 # "the Japanese electronic components maker said": what a company is described as after its name
                 "maker": ("company",), "manufacturer": ("company",), "producer": ("company",), "supplier": ("company",),
                 "retailer": ("company",), "lender": ("company",), "insurer": ("company",), "carrier": ("company",),
                 "conglomerate": ("company",), "regulator": ("government",), "watchdog": ("government",)}


_EN_ONE_MEMBER = re.compile(r"(?:[Oo]ne|[Aa]n?(?: \w+)?|[Ss]ome|[Ss]everal|[Aa]nother|[Tt]wo|[Tt]hree) .{1,40} "
                            r"(?:lawmakers?|legislators?|members?|employees?|workers?|staffers?|engineers?|"
                            r"researchers?|shareholders?|investors?|players?|fans?)")


def _organization_in_attribution(body: str, after_start: int, s_end: int, orgs: list[dict]) -> dict | None:
    """'…," Samsung said in a statement' / '…," the ministry said': the organization that spoke."""
    m = _EN_ATTRIBUTION.match(body[after_start:s_end])
    if not m:
        return None
    group = "who1" if m.group("who1") else "who2"
    start, end = after_start + m.start(group), after_start + m.end(group)
    if _EN_ONE_MEMBER.fullmatch(m.group(group)):
        return None  # "one PPP lawmaker said": a member's own view, not the party's word
    named = [o for o in orgs if start <= o["start"] < end]
    if named:
        return named[-1]
    if alias := _lowercase_alias(body, start, end):
        return alias  # "…, the presidential office said"
    noun = m.group(group).split()[-1].lower()
    if m.group(group).lower().startswith("the ") and noun in _ORG_NOUNS_EN:
        earlier = [o for o in orgs if o["end"] <= after_start and o["type"] in _ORG_NOUNS_EN[noun]]
        return earlier[-1] if earlier else None
    if m.group(group).lower().startswith("the ") and len(words := m.group(group).lower().split()[1:]) >= 2:
        # "the coast guard said": the end of an organization's name named before (Korea Coast Guard)
        tail = " ".join(words)
        earlier = [o for o in orgs if o["end"] <= after_start and o["canonical"].lower().endswith(" " + tail)]
        return earlier[-1] if earlier else None
    return None


_GENERIC_SIDE_KO = {"회사": ("company",), "소속사": ("company", "other"), "구단": ("company", "other"),
                    "학교": ("university",), "대학": ("university",), "노조": ("union",), "당": ("party",),
                    "법원": ("court",), "재판부": ("court",), "정부": ("government",), "부처": ("government",),
                    "협회": ("association",), "단체": ("association", "union", "other")}


# Heads that alone refer back to the organization named with them ("한국프로축구연맹 …. 연맹은 …")
_BARE_SIDES_KO = {"재판부", "연맹", "협회", "연합회", "협의회", "위원회", "재단", "노조", "공사", "공단", "조합", "학회",
                  "시", "군", "구"}


def _generic_side(body: str, start: int, end: int, orgs: list[dict], recent: dict | None = None) -> dict | None:
    """'병원 측은', '회사 측은', '재판부는': a common noun standing for an organization named earlier.

    recent: the organization that spoke last; '회사 측은 … 덧붙였다' right after it goes on with its words.
    """
    m = re.match(r"\s*(?:[^\s\"“”]+\s){0,2}?(?P<noun>[가-힣]{1,5})(?: 측)?(?:은|는|이|가|도)\s", body[start:min(end, start + 30)])
    if not m or _org_at_offset(orgs, start + m.start("noun")):
        return None
    noun = m.group("noun")
    if noun in _BARE_SIDES_KO and noun != "재판부" and m.group("noun") != m.group().strip()[:len(noun)]:
        return None  # "한국 연맹은": a modified head is some other organization
    if noun in ("시", "군", "구") and m.group().strip().startswith(noun):
        # "청주시는 …을 발표했다. 시는 …고 밝혔다": the city, county or district named before
        named = [x for x in _LOCAL_NAME_KO.finditer(body, 0, start) if x.group("name").endswith(noun)
                 and not re.search(r"(?:도시|선거구|지역구|자치구|출입구|비상구|돌파구|창구)$", x.group("name"))
                 and x.group("stem") not in _GENERIC_STEMS_KO]
        if named:
            name = named[-1].group("name")
            return {"surface": name, "canonical": name, "type": "government", "start": named[-1].start("name"),
                    "end": named[-1].end("name"), "from_alias_table": False}
        return None
    earlier = [o for o in orgs if o["end"] <= start]
    if not m.group().rstrip().rstrip("은는이가도").endswith("측") and noun not in _BARE_SIDES_KO:
        return None  # only "X 측" (and the bench, 연맹, 협회, …) stands for an organization; "병원은" may be any
    same_word = [o for o in earlier if o["surface"].endswith(noun)]
    if same_word:
        return same_word[-1]
    # "루체엔터테인먼트는 …. 루체 측은": the first word of a name named before, shortened as news does after naming it
    shortened = [o for o in earlier if len(noun) >= 2 and o["surface"].startswith(noun) and o["surface"] != noun]
    if shortened and m.group().rstrip().rstrip("은는이가도").endswith("측"):
        return shortened[-1]
    # "소속사 스텔라엔터테인먼트를 상대로 …. 소속사 측은": the organization introduced with that very noun
    apposed = [o for o in earlier if body[max(0, o["start"] - len(noun) - 1):o["start"]].strip() == noun]
    if apposed:
        return apposed[-1]
    kinds = _GENERIC_SIDE_KO.get(noun)
    if recent and kinds and recent["type"] in (*kinds, "other"):
        return recent
    typed = [o for o in earlier if kinds and o["type"] in kinds]
    return typed[-1] if typed else None


# (not a modifier or adverb that ends like a particle: "같은 날", "있는", "많이")
_KO_EARLIER_SUBJECT = re.compile(r"[가-힣](?<![같많적작높낮좋깊넓짧늦젊있없하되])(?:은|는|이|가|도)[\s,]|[\"“”「」]")


def _topic_before_subject(body: str, org: dict, person: PersonMention, named: list[PersonMention], end: int) -> bool:
    """'한국음악저작권협회(음저협)는 하윤슬이 … 받게 된다고 설명했다': an organization marked as the topic (은/는)
    before a person marked only as a subject (이/가) is who reports; the person is the subject of what is reported."""
    after = re.sub(r"^\s?\([^()\"“”]{1,20}\)", "", body[org["end"]:org["end"] + 26])
    if not re.match(r"(?:\s?측)?[은는]\s", after):
        return False
    later = [p for p in named if p["name"] == person["name"] and org["end"] <= p["start"] < end]
    return bool(later) and body[later[0]["mention_end"]:later[0]["mention_end"] + 1] in ("이", "가")


def _org_at_offset(orgs: list[dict], offset: int) -> bool:
    return any(o["start"] <= offset < o["end"] for o in orgs)


def _organization_subject(body: str, start: int, end: int, orgs: list[dict], language: str,
                          recent: dict | None = None) -> dict | None:
    """An organization that is the subject of the sentence: 'KT는 …', 'The ministry said', '병원 측은'."""
    if language == "ko" and (side := _generic_side(body, start, end, orgs, recent)):
        return side
    if language == "en" and (the := re.match(rf"(?:[A-Z][^,]{{0,30}}, )?[Tt]he (?P<noun>[a-z]+) (?:{_EN_SPEECH}|announced)\b",
                                             body[start:end])):
        kinds = _ORG_NOUNS_EN.get(the.group("noun"))
        if recent and kinds and recent["type"] in kinds:
            return recent  # "In a filing, the company said …" right after the company spoke
        earlier = [o for o in orgs if o["end"] <= start and kinds and o["type"] in kinds]
        if earlier:  # "The company said the plant would open": the company the story is about
            return _story_organization(earlier)
    for o in orgs:
        if not start <= o["start"] < end:
            continue
        # "전국민주노동조합총연맹(민주노총)은": the short name in brackets stands between the name and its particle
        # "서포터스 모임 '푸른파도'는": the quote marks around a group's name too
        after = body[o["end"]:o["end"] + 4].lstrip(")'’")
        if after.lstrip(" ")[:1] == "(":
            after = re.sub(r"^\s?\([^()\"“”]{1,20}\)", "", body[o["end"]:o["end"] + 26])[:4]
        if o["start"] - start > 12 and language == "ko" and not (
                after[:1] and after[0] in _SUBJECT_PARTICLES and after[1:2] in (" ", ",")
                and body[o["start"] - 1:o["start"]] != "(" and not _KO_EARLIER_SUBJECT.search(body, start, o["start"])):
            # far into the sentence, an organization is its subject only when nothing before it is one: "지난해부터
            # 로봇을 시범 운영해 온 CJ대한통운은 "…"", "반도체 스타트업 스텔라랩스가 …했다고 밝혔다"; not a party in
            # brackets after a name ("강민철 의원(국민의힘)은": the person speaks)
            continue
        if language == "ko" and re.match(r"\s?측(?:은|는|이|도)", after):  # "LG유플러스 측은"
            return o
        if language == "ko" and re.match(r"\s[가-힣A-Za-z0-9]{1,10}(?:\([^)]{0,30}\))?(?:은|는|이|가|도)\s",
                                         body[o["end"]:o["end"] + 50]) and not any(
                p_start for p_start in range(o["end"], o["end"] + 12) if body[p_start:p_start + 1] == '"'):
            # "서울행정법원 행정13부(부장판사 김정중)는", "삼성전자 반도체부문은": a part of the organization speaks
            unit = re.match(r"\s(?P<unit>[가-힣A-Za-z0-9]{1,10})", body[o["end"]:o["end"] + 12]).group("unit")
            if re.search(r"(?:부|부문|본부|재판부|사무국|위원회|측|노조|지부|당국|대변인실)$", unit):
                return o
        if language == "ko" and after[:1] and after[0] in _SUBJECT_PARTICLES and (len(after) < 2 or after[1] in " ,"):
            return o
        # "Hanwha Aerospace, which supplies …, said", "The union (KTU), however, warned", "KDB, HMM's largest
        # shareholder, said": an aside between the organization and its verb
        if language == "en" and re.match(rf"(?:\s+(?:Co\.|Corp\.|Inc\.|Ltd\.))?(?:\s*\([^()]{{1,20}}\))?"
                                         rf"(?:,\s[^,\"“”]{{1,90}},)?\s+(?:{_EN_SPEECH}|has said|announced|warned)",
                                         body[o["end"]:min(end, o["end"] + 130)]):
            return o
        # "the agency's parent company, Halo Holdings, said": the organization set off by commas is the subject;
        # not "Ahn, chief executive of Nexar, said" (the person speaks)
        if language == "en" and body[o["start"] - 2:o["start"]] == ", " and \
                re.match(rf",\s+(?:{_EN_SPEECH}|announced|warned)\b", body[o["end"]:min(end, o["end"] + 30)]) and \
                not re.search(r"\b(?:of|at|for|with|from|by|and|or)\s*,?\s*$", body[max(start, o["start"] - 12):o["start"]]) and \
                not re.search(r"\b(?:chief|executive|president|chairman|director|head|founder|CEO|minister|lawyer|analyst|"
                              r"spokesperson|spokesman|spokeswoman)\b", body[start:o["start"]]):
            return o
    if language == "en" and (named := _EN_ACRONYM_SUBJECT.match(body, start, end)) and \
            not _org_at_offset(orgs, named.start("acronym")):
        # "The NSPCC, the children's charity, said", "The Department for … (DSIT) said": a name in capitals, or
        # a name with its acronym in brackets, speaking: only an organization is written so
        name = named.group("full") or named.group("acronym")
        return {"surface": name, "canonical": name, "type": "other", "start": named.start("full" if named.group("full")
                else "acronym"), "end": named.end("acronym"), "from_alias_table": False}
    if language == "ko" and (local := _KO_LOCAL_GOVERNMENT.match(body, start, end)) and \
            not re.search(r"(?:도시|선거구|지역구|자치구|출입구|비상구|돌파구|창구)$", local.group("name")) and \
            local.group("stem") not in _GENERIC_STEMS_KO and not _org_at_offset(orgs, local.start("name")):
        # "청주시는 …고 밝혔다", "흥덕구청은": a city, county or district office speaks
        name = local.group("name")
        return {"surface": name, "canonical": name, "type": "government", "start": local.start("name"),
                "end": local.end("name"), "from_alias_table": False}
    if language == "ko" and (release := _KO_RELEASE.match(body, start, end)) and \
            release.group("name") not in _GENERIC_SIDE_KO and not _org_at_offset(orgs, release.start("name")):
        # "미래온페이는 이날 입장문을 내고": only an organization issues statements and press releases
        name = release.group("name")
        return {"surface": name, "canonical": name, "type": "other", "start": release.start("name"),
                "end": release.end("name"), "from_alias_table": False}
    return None


# (a name with its acronym must say what body it is: not "Kim Min-su (PPP) said")
_EN_BODY_WORDS = (r"(?:Department|Ministry|Agency|Commission|Council|Association|Institute|Office|Authority|Board|Bank|"
                  r"Party|Union|Federation|Service|Organi[sz]ation|Society|Foundation|Committee|Corporation|Bureau|"
                  r"League|Fund|Centre|Center|Coalition|Alliance|Network|Forum)")
_EN_ACRONYM_SUBJECT = re.compile(rf"(?:The )?(?:(?P<full>(?=[^(]*\b{_EN_BODY_WORDS}\b)"
                                 rf"[A-Z][\w'&-]*(?:,? (?:and |for |of |on |the |& )?[A-Z][\w'&-]*){{1,8}}) "
                                 rf"\()?(?P<acronym>(?!(?:CEO|CFO|CTO|COO|CIO|CMO|CSO|EVP|SVP)\b)[A-Z][A-Z&]{{2,9}})\b(?(full)\))(?:, [^,\"“”]{{2,60}},)? "
                                 rf"(?:{_EN_SPEECH}|announced)\b")
_KO_LOCAL_GOVERNMENT = re.compile(r"\s*(?P<name>(?P<stem>[가-힣]{2,4}?)(?:시|군|구)(?:청|의회|교육청)?)(?:은|는|이|가)\s")
_LOCAL_NAME_KO = re.compile(r"(?<![가-힣])(?P<name>(?P<stem>[가-힣]{2,4}?)(?:시|군|구))(?:청)?(?=은|는|이|가|의|와|과|도|에서|\s)")
_GENERIC_STEMS_KO = {"이번", "해당", "일부", "각", "모든", "전국", "지방", "인근", "주변", "대상", "전체"}
_KO_RELEASE = re.compile(r"\s*(?P<name>[가-힣A-Za-z0-9&]{2,15})(?:은|는|이|가|도)\s+(?:[^\s\"“”‘’]+\s+){0,3}?"
                         r"(?:입장문|보도자료|보도참고자료|설명자료|해명자료|공식 입장|성명|성명서|논평|공시|공지|사과문)(?:을|를|에서)?"
                         r"\s*(?:내고|내어|통해|발표하고|배포하고|발표해|내놓고)?\s")


def _quote(kind: str, text: str, start: int, end: int, s_start: int, s_end: int, speaker, org, cue,
           by_name_org: dict) -> Quote:
    if speaker:
        return Quote(kind=kind, text=text, start=start, end=end, sentence_start=s_start, sentence_end=s_end,
                     speaker=speaker["name"], speaker_title=speaker["title"],
                     speaker_org=speaker["organization"] or by_name_org.get(speaker["name"]),
                     speaker_is_organization=False, cue=cue)
    return Quote(kind=kind, text=text, start=start, end=end, sentence_start=s_start, sentence_end=s_end,
                 speaker=org["canonical"] if org else None, speaker_title=None,
                 speaker_org=org["canonical"] if org else None, speaker_is_organization=bool(org), cue=cue)


def _indirect(body: str, s_start: int, s_end: int, language: str) -> tuple[int, int, str] | None:
    """(start, end, cue) of the reported clause of a sentence with no quote marks."""
    sentence = body[s_start:s_end]
    m = (_KO_INDIRECT if language == "ko" else _EN_INDIRECT).search(sentence)
    if not m and language == "ko":
        m = _KO_STANCE.search(sentence) or _KO_FORECAST.search(sentence)
    if not m:
        return None
    group = "clause" if m.group("clause") else "bare"
    if len(m.group(group).strip()) < (8 if group == "clause" else 14):
        return None
    start, end = s_start + m.start(group), s_start + m.end(group)
    if language == "en":
        end = s_start + len(sentence.rstrip(". "))
    return start, end, m.group("cue").strip()


# a subordinate clause after the reported one: "…had acted within its authority, as the resignations "posed …""
_EN_SUBORDINATE = re.compile(r", (?:as|when|while|after|before|because|since|where|which|who|amid|even as) [^,]*$")
# "…called the ruling "…" and said his clients would appeal": a second verb of the same subject after the quote
_EN_AND_VERB = re.compile(r"^[,.]?\s+and (?:also |then )?(?=(?:said|says|told|added|noted|warned|stressed|argued|"
                          r"insisted|explained|acknowledged|admitted|confirmed|claimed)\b)")


def _en_clauses_beside_quotes(body: str, s_start: int, s_end: int, sentence_quotes: list[re.Match]):
    """(start, end, cue) of reported clauses an English sentence with quotes also holds: one complete before the
    first quote ('said in its ruling that <clause>, as the resignations "…"') and one after the last quote, of a
    second verb ('… "deeply disappointing" and said his clients would …', 'told a briefing that … "…" and that …')."""
    first, last = sentence_quotes[0].start(), sentence_quotes[-1].end()
    before = body[s_start:first]
    if (cut := _EN_SUBORDINATE.search(before)) and (m := _EN_INDIRECT.search(before[:cut.start()])):
        group = "clause" if m.group("clause") else "bare"
        if len(m.group(group).strip()) >= 14:
            yield s_start + m.start(group), s_start + m.end(group), m.group("cue").strip()
    tail = body[last:s_end]
    if and_verb := _EN_AND_VERB.match(tail):
        rest = tail[and_verb.end():]
        if (m := _EN_INDIRECT.match(rest)) and len(m.group("clause") or m.group("bare") or "") >= 14:
            group = "clause" if m.group("clause") else "bare"
            edge = last + and_verb.end()
            yield edge + m.start(group), edge + len(rest.rstrip(". ")), m.group("cue").strip()
    elif (that := re.match(r"^[,.]?\s+and that (?P<clause>[^\"“”]{12,}?)\.?$", tail)) and \
            re.search(rf"\b(?:{_EN_SPEECH})\b[^\"“”]* that ", before):
        yield last + that.start("clause"), last + that.end("clause"), "that"


def _titled_reference(before: str, known: dict[str, PersonMention]) -> PersonMention | None:
    """'the chief executive warned of': the person known with that title, when the reporting verb nearest the
    quote has 'the <title>' for subject and exactly one person has that title."""
    verbs = list(re.finditer(rf"\b(?:{_EN_SPEECH}|{_EN_FRAMING})", before))
    if not verbs or not (the := re.search(r"\b[Tt]he (?P<title>(?:[a-z-]+ ){0,3}[a-z-]+) $", before[:verbs[-1].start()])):
        return None
    titled = {p["name"]: p for p in known.values() if p["title"] and p["title"].lower() == the.group("title")}
    return next(iter(titled.values())) if len(titled) == 1 else None


# (the clause may hold a title in quote marks: 'developers of "high-impact" AI systems must …, according to …')
_EN_ACCORDING_AFTER = re.compile(r"(?P<clause>[^\n]{12,}?),? according to (?P<src>[^,\"“”]{2,90}?)(?:,[^\"“”]*)?\.?$")
_EN_ACCORDING_BEFORE = re.compile(r"According to (?P<src>[^,\"“”]{2,90}), (?P<clause>[^\n]{12,}?)\.?$")


_EN_STATEMENT_FROM = re.compile(r"an? (?:joint |written |separate )?(?:statement|press release|announcement) "
                                r"(?:from|by|issued by|released by) ")


@lru_cache(maxsize=1)
def _aliases_by_lowercase() -> dict[str, tuple[str, str]]:
    """Aliases of two words or more by their lower case: 'presidential office' (Presidential Office)."""
    return {alias.lower(): value for alias, value in alias_table().items() if " " in alias}


def _lowercase_alias(body: str, start: int, end: int) -> dict | None:
    """'the presidential office': an organization named in lower case by a name the alias table knows."""
    m = re.fullmatch(r"\s*(?:the )?(?P<name>[a-z][a-z' -]{4,60}?)\s*", body[start:end])
    found = _aliases_by_lowercase().get(m.group("name")) if m else None
    if not found:
        return None
    return {"surface": m.group("name"), "canonical": found[0], "type": found[1], "start": start + m.start("name"),
            "end": start + m.end("name"), "from_alias_table": True}


def _according_to(body: str, s_start: int, s_end: int, people: list[PersonMention], known: dict[str, PersonMention],
                  topic: PersonMention | None, orgs: list[dict]):
    """(start, end, person, organization) of a clause reported 'according to' a person or an organization the
    text names; a source it does not name ('a regulatory filing', 'a survey') gives nothing."""
    m = _EN_ACCORDING_AFTER.match(body, s_start, s_end) or _EN_ACCORDING_BEFORE.match(body, s_start, s_end)
    if not m:
        return None
    src_start, src_end = m.start("src"), m.end("src")
    if statement := _EN_STATEMENT_FROM.match(m.group("src")):
        src_start += statement.end()  # "according to a statement from the court": the court's words
    elif re.match(r"(?:an?|one|some) ", m.group("src")):
        return None  # "according to a survey by …", "a regulatory filing": a document, not someone's word
    org = next((o for o in orgs if src_start <= o["start"] < src_end), None) or \
        _lowercase_alias(body, src_start, src_end)
    if org is None and (the := re.match(r"(?:the )(?P<noun>[a-z]+(?: [a-z]+)?)$", body[src_start:src_end])):
        # "according to the provincial government", "the Education Ministry": the organization named before
        noun = the.group("noun").split()[-1]
        earlier = [o for o in orgs if o["end"] <= src_start and noun in _ORG_NOUNS_EN and
                   o["type"] in _ORG_NOUNS_EN[noun]]
        org = earlier[-1] if earlier else None
    person = None if org else _subject_before(body, src_start, src_end, people, known, None, "en")
    if not (org or person):
        return None
    return m.start("clause"), m.end("clause"), person, org


def _the_organization_before(body: str, s_start: int, clause_start: int, orgs: list[dict]) -> dict | None:
    """'… after the company reported on Feb. 6 that': 'the <noun>' right before the reporting verb, resolved to
    the organization of that kind named before the sentence."""
    the = re.search(rf"\b[Tt]he (?P<noun>[a-z]+) (?:{_EN_SPEECH}|reported|announced|disclosed)\b[^,\"“”]{{0,30}}?"
                    rf"(?: that)? $", body[s_start:clause_start])
    if not the or the.group("noun") not in _ORG_NOUNS_EN:
        return None
    earlier = [o for o in orgs if o["end"] <= s_start and o["type"] in _ORG_NOUNS_EN[the.group("noun")]]
    # "Shares of X fell 2% on the Korea Exchange. The stock slipped after the company reported …": the company
    # whose shares the sentence just before (same paragraph) opens with; else the one the story is about
    paragraph = body.rfind("\n", 0, s_start) + 1
    last_sentence = max(body.rfind(". ", paragraph, max(s_start - 2, paragraph)) + 2, paragraph)
    just_before = [o for o in earlier if o["start"] >= last_sentence]
    if just_before and re.fullmatch(r"(?:The )?(?:[Ss]hares|[Ss]tock) of (?:The )?",
                                    body[last_sentence:just_before[0]["start"]]):
        return just_before[0]
    return _story_organization(earlier)


def _story_organization(earlier: list[dict]) -> dict | None:
    """'the company': the one the story is about, named most often so far (the latest of equals)."""
    if not earlier:
        return None
    counts = {o["canonical"]: sum(x["canonical"] == o["canonical"] for x in earlier) for o in earlier}
    return max(reversed(earlier), key=lambda o: counts[o["canonical"]])


# '…, organizers said Friday.': reported by people the text describes in the plural and does not name
_EN_UNNAMED_TRAILING = re.compile(r", (?:the |some |many |several |local )?(?:[a-z'-]+ ){0,2}[a-z-]{3,}s "
                                  r"(?P<cue>said|say|told reporters|added)"
                                  r"(?: (?:on |last )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\.?")


def _trailing_attribution(body: str, s_start: int, s_end: int, people: list[PersonMention],
                          known: dict[str, PersonMention], topic: PersonMention | None, orgs: list[dict]):
    """(start, end, person, organization, cue) of '<clause>, the company said.' (an attribution after reported
    speech with no quote marks); only when the attribution names someone, or describes unnamed people in the
    plural (no speaker then)."""
    sentence = body[s_start:s_end]
    for comma in reversed([m.start() for m in re.finditer(r", ", sentence)]):
        if comma < 12:
            break
        tail_start = s_start + comma
        if unnamed := _EN_UNNAMED_TRAILING.fullmatch(body, tail_start, s_end):
            return s_start, tail_start, None, None, unnamed.group("cue")  # "…, organizers said Friday."
        m = _EN_ATTRIBUTION.match(body[tail_start:s_end])
        rest = body[tail_start + m.end():s_end] if m else ""
        if not m or re.search(r"[^\s.]", rest) and not re.fullmatch(
                r"(?: (?:on |last )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)| in an? (?:[a-z]+ )?"
                r"(?:statement|press release|briefing|filing|report|note)| on \w+"
                # "…, Jung Eun-ho told a briefing", "…, she told reporters"
                r"| (?:reporters|journalists|(?:a|the) (?:[a-z]+ )?(?:briefing|news conference|press conference)))*"
                # "…, the company said on Wednesday, as demand stretches its factories": a clause of circumstance after
                r"(?:, (?:as|while|after|amid|even as|because|since) [^\"“”]+"
                # "…, Chung said, adding that …", "…, the company said in a filing, betting that …"
                r"|, (?:adding|saying|noting|arguing|warning|citing|betting|pointing to) [^\"“”]+)?\.?", rest):
            continue
        speaker, cue = _speaker_en(body[tail_start:s_end], tail_start, people, known, topic)
        org = None if speaker else _organization_in_attribution(body, tail_start, s_end, orgs)
        if cue and (speaker or org):
            return s_start, tail_start, speaker, org, cue
        return None
    return None


def _unclosed_quote(body: str, s_start: int, s_end: int) -> int | None:
    """Where the text of a quote starts that opens in body[s_start:s_end] and never closes (an odd quote mark)."""
    text = body[s_start:s_end]
    if text.count('"') % 2:
        at = text.rfind('"')
    elif text.count("“") > text.count("”") and text.rfind("“") > text.rfind("”"):
        at = text.rfind("“")
    else:
        return None
    if (at and not text[at - 1].isspace()) or len(text) - at < 9 or text[at + 1:at + 2].isspace():
        return None  # a closing mark, or too little opened
    return s_start + at + 1


def _only_terms(body: str, s_start: int, s_end: int, sentence_quotes: list[re.Match]) -> bool:
    """Korean: every quote mark of the sentence sets off a title or a term (『…』, ‘…’ with no reporting verb after
    it) within a sentence that says more than them."""
    return bool(sentence_quotes) and all(m.group("d") or m.group("e") for m in sentence_quotes) and not any(
        cue.match(body[m.end():s_end]) for cue in (_KO_CUE, _KO_CUE_LATER, _KO_UNNAMED, _KO_WORDS_OF, _KO_THUS)
        for m in sentence_quotes) \
        and not _only_quotes(body, s_start, s_end, sentence_quotes)


def _explainer(body: str, explained: re.Match, previous_span: tuple[int, int] | None, quotes: list[Quote],
               people: list[PersonMention], known: dict[str, PersonMention], topic: PersonMention | None,
               orgs: list[dict]):
    """(person, organization) whose explanation '…다는 (게 X의) 설명이다' reports: X, a person or an organization
    ('병원 측의': the hospital named before); with no X, whoever spoke in the sentence before, or its subject."""
    if explained.group("who"):
        start, end = explained.start("who"), explained.end("who")
        if person := _subject_before(body, start, end, people, known, topic, "ko"):
            return person, None
        if named := [o for o in orgs if start <= o["start"] < end]:
            return None, named[-1]
        noun = explained.group("who").split()[-1]
        earlier = [o for o in orgs if o["end"] <= start and len(noun) >= 2 and o["surface"].endswith(noun)]
        return (None, earlier[-1]) if earlier else None
    if previous_span is None:
        return None
    p_start, p_end = previous_span
    if quotes and quotes[-1]["sentence_start"] >= p_start and quotes[-1]["speaker"]:
        last = quotes[-1]
        if last["speaker_is_organization"]:
            return None, next((o for o in orgs if o["canonical"] == last["speaker"]),
                              {"canonical": last["speaker"], "type": "other"})
        return known.get(last["speaker"]), None
    if person := _subject_before(body, p_start, p_end, people, known, topic, "ko", strict=True):
        return person, None
    org = _organization_subject(body, p_start, p_end, orgs, "ko")
    return (None, org) if org else None


def _only_quotes(body: str, s_start: int, s_end: int, sentence_quotes: list[re.Match]) -> bool:
    """The sentence is nothing but quoted speech (and punctuation)."""
    rest = body[s_start:s_end]
    for m in reversed(sentence_quotes):
        rest = rest[:m.start() - s_start] + rest[m.end() - s_start:]
    return not re.sub(r"[\s.,!?…]", "", rest)


def _clauses(body: str, spans: list[tuple[int, int]], language: str) -> list[tuple[int, int]]:
    """The sentences, a Korean one cut where a report ends joined to another with a subject of its own
    ('A는 "…"고 했고, B는 "…"고 반박했다'): each report is then read with its own subject."""
    if language != "ko":
        return spans
    out = []
    for s_start, s_end in spans:
        edge = s_start
        for m in _KO_COORDINATED.finditer(body, s_start, s_end):
            if _NEW_SUBJECT_KO.match(body, m.end(), s_end):
                out.append((edge, m.end()))
                edge = m.end() + len(body[m.end():s_end]) - len(body[m.end():s_end].lstrip(", "))
        out.append((edge, s_end))
    return out


_PRONOUN_OBJECT_KO = re.compile(r"(?<![가-힣])그녀?(?:를|에게|와|의)(?![가-힣])")
_PRONOUN_SUBJECT_KO = re.compile(r"그녀?(?:는|가)\s")
_FEMALE_TITLE = re.compile(r"wom[ae]n\b|actress|mother|wife|daughter|sister|queen|여사|할머니|어머니|아내|누나|언니")
_MALE_TITLE = re.compile(r"(?<![A-Za-z])(?:chair|spokes|congress|business|sales|fresh)?man\b|chairman|father|husband|"
                         r"\bson\b|brother|\bking\b|할아버지|아버지|남편|형님")
_PRONOUNS_EN = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _genders(body: str, language: str, people: list[PersonMention], spans: list[tuple[int, int]]) -> dict[str, str]:
    """name -> 'm' or 'f', from what the text itself says: Mr./Ms., a gendered title (spokeswoman, 여사), or the
    pronouns of a sentence naming that one person ("Yoon can end her contract"; '그녀' beside one name).
    A name the text says both of is left out; one it says nothing of stays unknown."""
    said: dict[str, set[str]] = {}
    for p in people:
        if p["title"] and _FEMALE_TITLE.search(p["title"].lower()):
            said.setdefault(p["name"], set()).add("f")
        elif p["title"] and _MALE_TITLE.search(p["title"].lower()):
            said.setdefault(p["name"], set()).add("m")
    if language == "en":
        for m in re.finditer(r"\b(?P<hon>Mr|Mrs|Ms|Miss)\.? (?P<name>[A-Z][\w'-]+)", body):
            for p in people:
                if m.group("name") in p["name"].split():
                    said.setdefault(p["name"], set()).add("m" if m.group("hon") == "Mr" else "f")
    if language == "ko" and "그녀" not in body:
        return {name: next(iter(kinds)) for name, kinds in said.items() if len(kinds) == 1}
    # everyone a sentence refers to, by a full name or a part of one ("Seo … her editor, Kwon Tae-ho")
    by_word: dict[str, set[str]] = {}
    for p in people:
        for word in {p["name"].split()[0], p["name"].split()[-1]} if language == "en" else ():
            if len(word) > 1:
                by_word.setdefault(word, set()).add(p["name"])
    words = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(by_word, key=len, reverse=True)))
                       + r")(?![\w-])") if by_word else None
    pronouns = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]ers?)\b" if language == "en" else r"(?<![가-힣])그녀")
    for s_start, s_end in spans:
        text = re.sub(r"[\"“][^\"”]*[\"”]", "", body[s_start:s_end])  # not the pronouns of what is quoted
        found = pronouns.findall(text)
        if not found:
            continue
        names = {p["name"] for p in people if s_start <= p["start"] < s_end}
        if words:
            names.update(n for w in words.findall(body, s_start, s_end) for n in by_word[w])
        kinds = {_PRONOUNS_EN[w.lower()] for w in found} if language == "en" else {"f"}
        if len(names) == 1 and len(kinds) == 1:
            said.setdefault(next(iter(names)), set()).update(kinds)
    return {name: next(iter(kinds)) for name, kinds in said.items() if len(kinds) == 1}


def _pronoun_beside_name(sentence: str, person: PersonMention, language: str, people: list[PersonMention]) -> bool:
    """A Korean sentence has 그/그녀 (outside its quotations) for its subject and names `person` too, by the full
    name or a short reference: beside the pronoun ('진 프로듀서와') or in what the pronoun says ('그녀는 "한 CTO가
    없었다면 …"'), where no one speaks of themselves so."""
    if language != "ko":
        return False  # English "When I asked Cho about it, she laughed": a pronoun may mean the name of another clause
    if not re.search(r"(?<![가-힣])그녀?(?:는|가|도)\s", re.sub(r"[\"“][^\"”]*[\"”]", "", sentence)):
        return False
    name = person["name"]

    def bears(who: PersonMention, ref: re.Match) -> bool:
        return who["name"].startswith(ref.group("surname")) if " " not in who["name"] \
            else who["name"].split()[-1] == ref.group("surname")

    def another_holds(ref: re.Match) -> bool:
        # '그녀는 "이 원내대표가 …"' said by 이 대표: the reference is to the other 이, the one with that title
        return any(p["name"] != name and bears(p, ref) and p["title"] == ref.group("title") for p in people)

    return name in sentence or any(bears(person, r) and not (person["title"] != r.group("title") and another_holds(r))
                                   for r in _SHORT_REFS.finditer(sentence))


def _pronoun_gender(sentence: str, language: str) -> str | None:
    """The gender of the pronoun a sentence uses for its subject: he/she; Korean 그녀 (그 is said of anyone)."""
    if language == "en":
        m = re.search(r"\b(?:[Hh]e|[Ss]he)\b", re.sub(r"[\"“][^\"”]*[\"”]", "", sentence))
        return _PRONOUNS_EN[m.group().lower()] if m else None
    return "f" if re.search(r"(?<![가-힣])그녀", sentence) else None


# A bare word for a whole branch of the state ('검찰은') speaks for the one office of it the article names: a story
# about a case names the district prosecutors' office once ('서울중앙지검 형사1부') and calls it 검찰 after
_BRANCH_OFFICES_KO = {"검찰": re.compile(r"(?:지검|지방검찰청)$")}


def _branches_as_named_offices(orgs: list[dict]) -> list[dict]:
    """The mentions, a bare branch word ('검찰') given the canonical name of the single office of that branch the
    article names; with none or several named, it keeps its own."""
    out = []
    for o in orgs:
        office = _BRANCH_OFFICES_KO.get(o["surface"])
        named = {x["canonical"] for x in orgs if office and office.search(x["surface"])}
        out.append({**o, "canonical": named.pop()} if len(named) == 1 else o)
    return out


def find_quotes(body: str, language: str, people: list[PersonMention], orgs: list[dict] | None = None) -> list[Quote]:
    orgs = _branches_as_named_offices(orgs or [])
    quotes: list[Quote] = []
    known: dict[str, PersonMention] = {}
    topic: PersonMention | None = None
    by_name_org: dict[str, str | None] = {}
    for p in people:
        if p["organization"]:
            by_name_org.setdefault(p["name"], p["organization"])

    announced = None  # a speaker whose words the previous sentence announced ("김 대표의 설명은 이렇다.")
    recent_org = None  # the organization that spoke last
    dangling = None  # a quote opened and left open at the end of a paragraph: (start, end, subject, sentence)
    caption = None  # the person a broadcast caption line just named
    org_turn = False  # the last attributed words were an organization's
    spans = sentence_spans(body)
    genders = _genders(body, language, people, spans)
    history: list[PersonMention] = []  # the topics so far, the latest last
    this_span = None
    for s_start, s_end in _clauses(body, spans, language):
        previous_span, this_span = this_span, (s_start, s_end)
        held_topic = topic
        gender = _pronoun_gender(body[s_start:s_end], language) if topic else None
        if topic and gender and genders.get(topic["name"], gender) != gender:
            # "she" is not the man the text is about: the latest one before who may be meant (the text says she
            # is a woman or says nothing of it; it learns more as pronouns stand for speakers)
            earlier = [p for p in reversed(history) if genders.get(p["name"], gender) == gender]
            topic = earlier[0] if earlier else None
        if topic and language == "ko" and previous_span and _PRONOUN_SUBJECT_KO.match(body, s_start, s_end) \
                and body[previous_span[1] - 1] == "자" and not body[previous_span[1]:s_start].strip(", "):
            # 'B가 "…"고 묻자 그는 "…"고 답했다': the one who answers is not the one who asked
            topic = next((p for p in reversed(history) if p["name"] != topic["name"]), None)
        if topic and _pronoun_beside_name(body[s_start:s_end], topic, language, people):
            # "그녀는 진 프로듀서와 다툰 곡이 …": a pronoun never means someone the same sentence names; it means the
            # one the text was about before them, or no one
            topic = next((p for p in reversed(history) if p["name"] != topic["name"]), None)
        previous = quotes[-1] if quotes and quotes[-1]["kind"] == "direct" and quotes[-1]["cue"] else None
        if quotes and quotes[-1]["kind"] == "indirect" and len(quotes) > 1 and quotes[-2]["kind"] == "direct" \
                and quotes[-2]["cue"] and quotes[-2]["sentence_start"] == quotes[-1]["sentence_start"]:
            previous = quotes[-2]  # '"…," Kim said, adding that …. "…"': the quote goes on after the added clause
        announcing, announced = announced, None
        captioned, caption = caption, None
        sentence_quotes = [m for m in _QUOTE.finditer(body, s_start, s_end)]
        if language == "ko" and _only_terms(body, s_start, s_end, sentence_quotes):
            sentence_quotes = []  # "『물의 연대기』 10만 부를 …했다고 밝혔다": a title or a term, no quote
        opened, dangling = dangling, None
        named_here = [p for p in people if s_start <= p["start"] < s_end]
        first_quote = sentence_quotes[0].start() if sentence_quotes else s_end
        subject = _subject_before(body, s_start, first_quote, people, known, topic, language)
        if language == "ko" and subject and not _subject_before(body, s_start, first_quote, people, known, topic,
                                                                  language, strict=True) \
                and _organization_subject(body, s_start, first_quote, orgs, language):
            # "세진전자는 … 이성호 대표 등이 보유한 지분을 …": the organization is the subject, the person only named
            subject = None
        if language == "ko" and subject and (side := _organization_subject(body, s_start, first_quote, orgs, language)) \
                and _topic_before_subject(body, side, subject, named_here, first_quote):
            subject = None
        continues = subject is None and bool((_CONTINUES if language == "ko" else _CONTINUES_EN).match(body[s_start:s_end]))
        if continues and not org_turn and language == "ko":
            subject = topic  # "그러면서 …고 촉구했다": no subject of its own, the one speaking goes on

        speaker, cue = None, None
        if sentence_quotes:
            tail = body[sentence_quotes[-1].end():s_end]
            if language == "ko":
                m = _KO_CUE.match(tail) or _KO_CUE_LATER.match(tail)
                if m:
                    cue = m.group("cue")
                    speaker = subject or _subject_before(body, sentence_quotes[-1].end(), s_end, people, known,
                                                         topic, language)
                elif thus := _KO_THUS.match(tail):
                    cue = thus.group("cue") or thus.group("cue_as")
                    base = sentence_quotes[-1].end()
                    speaker = _subject_before(body, base + thus.start("who"), base + thus.end("who") + 1, people,
                                              known, topic, language)
                elif words_of := _KO_WORDS_OF.match(tail):
                    # '"…" 백 본부장의 말이다': the speaker named after the quote
                    cue = words_of.group("cue")
                    base = sentence_quotes[-1].end()
                    speaker = _subject_before(body, base + words_of.start("who"), base + words_of.end("who"), people,
                                              known, topic, language)
                elif unnamed := _KO_UNNAMED.match(tail):
                    cue = unnamed.group("cue")  # kept, with no speaker: never guessed
            else:
                speaker, cue = _speaker_en(tail, sentence_quotes[-1].end(), people, known, topic)
                if speaker is None and cue is None:
                    speaker, cue = _speaker_en(body[sentence_quotes[0].end():s_end], sentence_quotes[0].end(),
                                               people, known, topic)
                framing = re.search(rf"{_EN_SPEECH}|{_EN_FRAMING}", body[s_start:first_quote])
                if speaker is None and framing and (titled := _titled_reference(body[s_start:first_quote], known)):
                    # 'Seok noted …, when the chief executive warned of a "…"': the one person with that title
                    speaker, cue = titled, cue or framing.group()
                if speaker is None and subject and framing:
                    # 'Kim called the plan "a step backward"', 'said the government "has no plans"'; 'Pyon told
                    # Liang that "…," the ministry said in a statement': Pyon's words, the ministry's report
                    speaker, cue = subject, cue or framing.group()
                elif speaker is None and cue is None and framing and \
                        _organization_subject(body, s_start, first_quote, orgs, language):
                    cue = framing.group()  # 'The party said the resignation came "far too late."'
                elif speaker is None and cue is None and _EN_UNNAMED_SUBJECT.match(body, s_start, first_quote) and \
                        (verbs := re.findall(rf"\b{_EN_SPEECH}\b", body[s_start:first_quote])):
                    # 'A shop owner, who asked not to be named, said the festival "brings crowds …"': quoted words
                    # of someone the text does not name, kept with no speaker
                    cue = verbs[-1]

                if speaker is None and cue is None and (intro := _EN_INTRO.search(body[s_start:first_quote])):
                    # 'He said: "…"' / 'Kim told reporters, "…"'
                    cue = intro.group("cue")
                    speaker = subject  # "a voice from the back called out, …": no one named, no guess

            if cue is None and _SPEAKER_COLON.match(body[s_start:first_quote]):
                # a transcript: each quote belongs to the speaker named before its colon; a line whose
                # speaker we cannot name (기자:, Q:) is the interviewer's, not a quote
                edge = s_start
                for m in sentence_quotes:
                    segment = body[edge:m.start()]
                    lead = len(segment) - len(segment.lstrip(" .,!?"))
                    if _SPEAKER_COLON.match(segment[lead:]) and \
                            (who := _subject_before(body, edge + lead, m.start(), people, known, topic, language)):
                        group = next(g for g in _GROUPS if m.group(g) is not None)
                        quotes.append(_quote("direct", m.group(group), m.start(group), m.end(group), s_start, s_end,
                                             who, None, ":", by_name_org))
                        speaker = who
                    edge = m.end()
            org_speaker = None if speaker or (cue and language == "ko" and _KO_UNNAMED.match(tail)) else \
                _organization_subject(body, s_start, first_quote, orgs, language, recent_org) or \
                (recent_org if continues and org_turn else None)  # "이어 "…"고 지적했다" after the court spoke
            if speaker is None and org_speaker is None and cue and language == "en":
                org_speaker = _organization_in_attribution(body, sentence_quotes[-1].end(), s_end, orgs) or \
                    _organization_in_attribution(body, sentence_quotes[0].end(), s_end, orgs)
            if cue and opened and sentence_quotes[0].start() == s_start:
                # '김 대표는 "…. (paragraph) "…"이라고 말했다': a quote running over paragraphs opens each one and
                # closes only at the end; its first paragraph names the speaker
                speaker = speaker or (opened[2] if not org_speaker else None)
                text = body[opened[0]:opened[1]].rstrip()
                quotes.append(_quote("direct", text, opened[0], opened[0] + len(text), opened[3], opened[1],
                                     speaker, org_speaker, cue, by_name_org))
            for m in sentence_quotes:
                group = next(g for g in _GROUPS if m.group(g) is not None)
                if cue is None:
                    continue  # quote marks without reporting speech: a title or a term, not a quote
                quotes.append(_quote("direct", m.group(group), m.start(group), m.end(group), s_start, s_end,
                                     speaker, org_speaker, cue, by_name_org))
            tail_reported = (_KO_TAIL_INDIRECT if language == "ko" else _EN_TAIL_INDIRECT).search(tail)
            if cue and tail_reported and (speaker or org_speaker):
                base = sentence_quotes[-1].end()
                quotes.append(_quote("indirect", tail_reported.group("clause"), base + tail_reported.start("clause"),
                                     base + tail_reported.end("clause"), s_start, s_end, speaker, org_speaker,
                                     tail_reported.group("cue"), by_name_org))
            if language == "en" and cue and (reporter := subject or speaker or org_speaker):
                for start, end, reported_cue in _en_clauses_beside_quotes(body, s_start, s_end, sentence_quotes):
                    quotes.append(_quote("indirect", body[start:end], start, end, s_start, s_end,
                                         reporter if reporter is not org_speaker else None,
                                         org_speaker if reporter is org_speaker else None, reported_cue, by_name_org))
            if cue is None and captioned and _only_quotes(body, s_start, s_end, sentence_quotes):
                # the quote under a broadcast caption line is the captioned person's
                for m in sentence_quotes:
                    group = next(g for g in _GROUPS if m.group(g) is not None)
                    quotes.append(_quote("direct", m.group(group), m.start(group), m.end(group), s_start, s_end,
                                         captioned, None, ":", by_name_org))
                speaker, cue = captioned, ":"
            elif cue is None and announcing and _only_quotes(body, s_start, s_end, sentence_quotes):
                speaker, cue = announcing, "이렇다"
                for m in sentence_quotes:
                    group = next(g for g in _GROUPS if m.group(g) is not None)
                    quotes.append(_quote("direct", m.group(group), m.start(group), m.end(group), s_start, s_end,
                                         speaker, None, cue, by_name_org))
            elif cue is None and previous and _only_quotes(body, s_start, s_end, sentence_quotes) \
                    and previous["sentence_end"] >= s_start - 2:
                # '"…," Oh said. "But make no mistake: …"': a quote standing alone right after an attributed
                # one continues it
                for m in sentence_quotes:
                    group = next(g for g in _GROUPS if m.group(g) is not None)
                    quotes.append(Quote(**{**previous, "text": m.group(group), "start": m.start(group),
                                           "end": m.end(group), "sentence_start": s_start, "sentence_end": s_end}))
            if cue is None and language == "en" and not any(q["sentence_start"] == s_start for q in quotes):
                # no quote marks here set off speech, only a title or a term ('Seo won the prize for "Salt Wind," her
                # novel about …, the institute said'): the sentence may still be reported as a whole
                if sourced := _according_to(body, s_start, s_end, people, known, topic, orgs):
                    (start, end, speaker, org_speaker), cue = sourced, "according to"
                elif trailing := _trailing_attribution(body, s_start, s_end, people, known, topic, orgs):
                    start, end, speaker, org_speaker, cue = trailing
                if cue:
                    quotes.append(_quote("indirect", body[start:end], start, end, s_start, s_end, speaker, org_speaker,
                                         cue, by_name_org))
        elif language == "en" and (sourced := _according_to(body, s_start, s_end, people, known, topic, orgs)):
            # "Exports reached $58 billion, according to the trade ministry": what the source reported
            start, end, speaker, org_speaker = sourced
            quotes.append(_quote("indirect", body[start:end], start, end, s_start, s_end, speaker, org_speaker,
                                 "according to", by_name_org))
        elif language == "en" and (trailing := _trailing_attribution(body, s_start, s_end, people, known, topic, orgs)):
            # "The vessels will replace older ships from 2028, the company said."
            start, end, speaker, org_speaker, cue = trailing
            quotes.append(_quote("indirect", body[start:end], start, end, s_start, s_end, speaker, org_speaker, cue,
                                 by_name_org))
            if added := _EN_TAIL_INDIRECT.search(body, end, s_end):  # "…, Chung said, adding that …": theirs too
                quotes.append(_quote("indirect", added.group("clause"), added.start("clause"), added.end("clause"),
                                     s_start, s_end, speaker, org_speaker, added.group("cue"), by_name_org))
        elif language == "ko" and (explained := _KO_EXPLAINED.search(body, s_start, s_end)) and \
                len(explained.group("clause").strip()) >= 8 and (explainer := _explainer(
                    body, explained, previous_span, quotes, people, known, topic, orgs)):
            speaker, org_speaker = explainer
            text = explained.group("clause").strip()
            start = explained.start("clause") + len(explained.group("clause")) - len(explained.group("clause").lstrip())
            quotes.append(_quote("indirect", text, start, start + len(text), s_start, s_end, speaker, org_speaker,
                                 explained.group("cue") + "이다", by_name_org))
        elif reported := _indirect(body, s_start, s_end, language):
            start, end, cue = reported
            speaker = subject or _subject_before(body, end, s_end, people, known, topic, language)
            org_speaker = None if speaker else _organization_subject(body, s_start, s_end, orgs, language, recent_org)
            if language == "en" and speaker is None and org_speaker is None and continues and org_turn:
                org_speaker = recent_org  # "It added that no decision had been made."
            if language == "en" and org_speaker is None and (side := _the_organization_before(body, s_start, start,
                                                                                                 orgs)):
                # "The stock slipped after the company reported that …": the subject of the reporting verb
                speaker, org_speaker = None, side
            if language == "en" and speaker is None and org_speaker is None and \
                    (opening := next((o for o in orgs if s_start <= o["start"] < start), None)) and \
                    re.fullmatch(r"(?:The )?", body[s_start:opening["start"]]) and \
                    re.match(r"(?:\s*\([^()]{1,20}\))? [a-z]+(?:ed|s)\b", body[opening["end"]:start]) and \
                    not any(opening["end"] <= o["start"] < start for o in orgs if o is not opening):
                # "The Federal Reserve lowered its rate but signaled that …": the organization the sentence opens
                # with, its verb right after it, is the subject of the reporting verb too
                org_speaker = opening
            if speaker is None and org_speaker is None and language == "ko":
                # "…라고 김 대표는 단언했다": the subject may follow the clause
                org_speaker = _organization_subject(body, end, s_end, orgs, language) or \
                    (recent_org if continues and org_turn else None)
            if language == "en" and speaker and start <= speaker["start"] < end:
                # "A court ruled that singer Yoon can end her contract": a name inside the reported clause is
                # what it is about, not who reported it
                speaker = None
            clause_start = start
            for who in ([speaker] if speaker else []) + ([org_speaker] if org_speaker else []):
                edge = who.get("mention_end", who["end"])
                if s_start <= edge < end:  # the clause starts after its subject and particle
                    # …and after a short name in brackets or 측 between them: '대한상공회의소(대한상의)는', 'X 측은'
                    aside = re.match(r"(?:\s?\([^()]{1,20}\))?(?:\s?측)?['’]?", body[edge:end]) if language == "ko" else None
                    clause_start = max(clause_start, edge + (aside.end() if aside else 0) + 2)
            if language == "ko" and (lead_subject := _LEADING_SUBJECT_KO.match(body[clause_start:end])):
                clause_start += lead_subject.end()
            if language == "ko" and (lead_when := _LEADING_WHEN_KO.match(body[clause_start:end])):
                clause_start += lead_when.end()
            if language == "ko" and (setting := _LEADING_SETTING_KO.match(body[clause_start:end])):
                clause_start += setting.end()
            text = body[clause_start:end].strip()
            if len(text) >= 8:
                lead = len(body[clause_start:end]) - len(body[clause_start:end].lstrip())
                quotes.append(_quote("indirect", text, clause_start + lead, clause_start + lead + len(text),
                                     s_start, s_end, speaker, org_speaker, cue, by_name_org))

        if body[s_end:s_end + 1] == "\n" and (unclosed := _unclosed_quote(body, s_start, s_end)) is not None:
            dangling = (unclosed, s_end, subject, s_start)
        if quotes and quotes[-1]["sentence_start"] == s_start and quotes[-1]["speaker"]:
            org_turn = quotes[-1]["speaker_is_organization"]  # whether an organization or a person spoke last
            if org_turn:
                recent_org = org_speaker or recent_org
        for p in named_here:
            known[p["name"]] = p if p["organization"] or p["name"] not in known else known[p["name"]]
        if language == "ko" and not sentence_quotes and (line := CAPTION_KO.fullmatch(body, s_start, s_end)):
            caption = next((p for p in named_here if p["start"] == line.start("name")), None)
        if language == "ko" and not sentence_quotes and _KO_ANNOUNCES.search(body[s_start:s_end]):
            announced = _subject_before(body, s_start, s_end, people, known, topic, language)
        sentence = body[s_start:s_end]
        if gender and topic and speaker and speaker["name"] == topic["name"] and not any(
                len(word) > 1 and word in re.sub(r"[\"“][^\"”]*[\"”]", "", sentence) for word in topic["name"].split()):
            # '"…," he said': the pronoun that stands for the one speaking says which they are ('"…," she wrote'
            # next is then someone else)
            genders.setdefault(topic["name"], gender)
        # The topic moves to whoever is the subject of this sentence (the speaker, when quoted), unless the
        # sentence is background ("앞서 …", "Earlier, …") that the story then answers.
        if language == "ko" and subject and not speaker and topic and subject["name"] != topic["name"] and \
                _PRONOUN_OBJECT_KO.search(re.sub(r"[\"“][^\"”]*[\"”]", "", sentence)):
            # '주장 B도 그를 끌어안았다. 그는 "…"': the one a pronoun stands for stays the one the text is about
            # (the new subject is a passer-by in their story)
            subject = None
        if (speaker or subject) and not _BACKGROUND.match(sentence):
            person = speaker or subject
            topic = known.get(person["name"], person)
            history = [p for p in history if p["name"] != topic["name"]] + [topic]
        else:
            topic = held_topic
    return quotes


_EN_FRAMING = (r"\b(?:called|calls|described|describes|accused|accuses|urged|urges|vowed|vows|promised|promises|"
               r"dismissed|labeled|labelled|termed|branded|pledged|criticized|criticised|praised|hailed)\b")
# A sentence whose subject is someone described, not named: "A shop owner …", "One investor …", "Some residents …"
_EN_UNNAMED_SUBJECT = re.compile(r"(?:An?|One|Some|Another|Several|Many) [a-z]")
_EN_INTRO = re.compile(rf"\b(?P<cue>{_EN_SPEECH})(?: [\w ]{{0,30}}?)?[:,]\s*$")
_EN_HEADLINE_TAIL = re.compile(r":\s*['‘](?P<q>[^\n]{6,}?)['’]\s*$")


def _bigrams(text: str) -> set[str]:
    folded = re.sub(r"\W+", "", text)
    return {folded[i:i + 2] for i in range(len(folded) - 1)}


def _echoed(text: str, body_quotes: list[Quote]) -> Quote | None:
    """The body quote a headline condenses: the one sharing most character pairs with it (at least 40%)."""
    grams = _bigrams(text)
    scored = [(len(grams & _bigrams(q["text"])) / len(grams), q) for q in body_quotes if grams and q["speaker"]]
    # on a tie, a direct quote: the headline's quote marks condense words the body quotes, not a paraphrase of them
    best = max(scored, key=lambda x: (x[0], x[1]["kind"] == "direct"), default=(0.0, None))
    return best[1] if best[0] >= 0.4 else None


def headline_quotes(title: str, people_by_name: dict[str, PersonMention], language: str,
                    body_quotes: list[Quote] | None = None) -> list[Quote]:
    """'…김영섭 대표 "협업 통해…"': a quote in the headline, flagged, its speaker the name before it.

    A Korean headline's double-quoted phrase is a quote even when nobody is named before it (kept
    with no speaker); single quotes in a headline mark names and terms ('톡픽'), not speech.
    """
    out: list[Quote] = []
    matches = list(_QUOTE.finditer(title))
    if language == "en" and (tail := _EN_HEADLINE_TAIL.search(title)) and not any(
            m.start() <= tail.start("q") < m.end() for m in matches if next(g for g in _GROUPS if m.group(g)) in "abcd"):
        matches = [tail]  # "…: 'Rules alone won't fix this'": single quotes ending an English headline are speech
    for m in matches:
        group = "q" if "q" in m.groupdict() else next(g for g in _GROUPS if m.group(g) is not None)
        if group in "efg":
            continue
        before = title[:m.start()]
        speaker = None
        for name, person in people_by_name.items():
            last = name if language == "ko" else name.split()[-1]
            surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
            # the cheap "in" tests first: each regex here is built from a name, so compiling it is the cost
            if before.rstrip().endswith(last) or (last in before and re.search(
                    rf"{re.escape(last)}(?:\s+[^\s…,]+){{0,2}}\s*$", before)) \
                    or (language == "ko" and person["title"] and person["title"] in before and
                        re.search(rf"{re.escape(surname)}\s*{re.escape(person['title'])}\s*$", before)):
                speaker = person
        if speaker is None and language == "ko" and (bare := re.search(r"(?:^|[\s…,·])(?P<title>[가-힣]{1,6})\s*$", before)):
            titled = [p for p in people_by_name.values() if p["title"] == bare.group("title")]
            speaker = titled[0] if len({p["name"] for p in titled}) == 1 else None  # "…총재 "…"": the one 총재
        text = m.group(group)
        is_organization = False
        if speaker is None and (echo := _echoed(text, body_quotes or [])):
            speaker = people_by_name.get(echo["speaker"]) or {"name": echo["speaker"], "title": echo["speaker_title"],
                                                              "organization": echo["speaker_org"]}
            is_organization = echo["speaker_is_organization"]
        if speaker is None and (named := [o for o in find_organizations(before) if not before[o["end"]:].strip()]):
            # '…효성중공업 "현지 생산 앞당긴다"' that no body quote echoes: the organization named right before it
            speaker = {"name": named[-1]["canonical"], "title": None, "organization": named[-1]["canonical"]}
            is_organization = True
        if speaker is None and language == "ko" and (" " not in text.strip() or len(text) < 6):
            continue  # a quoted term in a headline, not a quote
        out.append(Quote(kind="headline", text=text, start=m.start(group), end=m.end(group),
                         sentence_start=0, sentence_end=len(title),
                         speaker=speaker["name"] if speaker else None,
                         speaker_title=speaker["title"] if speaker else None,
                         speaker_org=speaker["organization"] if speaker else None,
                         speaker_is_organization=is_organization, cue=None))
    if language == "en":
        out += _echoed_single_quotes(title, out, body_quotes or [])
    return out


_EN_HEADLINE_SINGLE = re.compile(r"(?<![\w])['‘](?P<q>[^'‘’\n]{3,60}?)['’](?![\w])")


def _words(text: str) -> str:
    return " " + re.sub(r"\W+", " ", text.lower()).strip() + " "


def _echoed_single_quotes(title: str, found: list[Quote], body_quotes: list[Quote]) -> list[Quote]:
    """'…minister says rally 'not over yet'': English headlines quote in single quotes; a phrase of two words or
    more that some attributed body quote says word for word (not itself in quote marks there, as a name or
    a term would be: 'Paper city', 'Squid Game') is that speaker's."""
    out = []
    for m in _EN_HEADLINE_SINGLE.finditer(title):
        phrase = m.group("q").strip()
        if " " not in phrase or any(q["start"] <= m.start("q") < q["end"] for q in found):
            continue
        echo = next((q for q in body_quotes if q["speaker"] and _words(phrase) in _words(q["text"])
                     and not re.search(rf"['‘\"“]{re.escape(phrase)}", q["text"], re.I)), None)
        if echo:
            out.append(Quote(kind="headline", text=m.group("q"), start=m.start("q"), end=m.end("q"), sentence_start=0,
                             sentence_end=len(title), speaker=echo["speaker"], speaker_title=echo["speaker_title"],
                             speaker_org=echo["speaker_org"], speaker_is_organization=echo["speaker_is_organization"],
                             cue=None))
    return out
