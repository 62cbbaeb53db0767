"""People: a name with a title (and often an organization) in front of it, or after it in English."""

from __future__ import annotations

import re
from typing import TypedDict

from .korean import is_common_noun
from .organizations import OrganizationMention

TITLES_KO = sorted(
    """대표이사 대표 회장 부회장 사장 부사장 전무 상무 이사 본부장 센터장 팀장 원장 소장 청장 구청장 장관 차관
    학예연구사 학예사 학예실장 연구사 서기관 수의사 약사 세무사 노무사 변리사 지회장 교장 교감 간사 운영위원장 전문위원
    총리 대통령 의원 국회의원 시장 도지사 지사 위원장 위원 총장 사무총장 교수 연구원 연구위원 의장 국장 실장
    대변인 애널리스트 대사 기자 특파원 변호사 CEO CTO CFO COO 창업자 최고경영자 부장 차장 과장 수석
    비서관 처장 검사 판사 감독 회장직무대행 후보자 후보 총재 부총재 원내대표 사무국장 차관보 협회장 노조위원장
    지부장 선임연구원 책임연구원 수석연구원 연구위원 조합장 이사장 부이사장 사무처장 단장 부단장 학장 사무관
    주무관 상임위원 장관후보자 감독관 편집장 공동대표 대표변호사 회계사 무역관장 관장 부원장 사외이사
    이코노미스트 전략가 펀드매니저 평론가 작가 배우 가수 선수 코치 교사 회장단 고문 자문위원 특보 보좌관
    프로그래머 수석프로그래머 디렉터 매니저 큐레이터 에디터 프로듀서 PD 파트너 심사역
    부총재보 총재보 씨 리더 멤버 막내
    최고위원 수석최고위원 수석대변인 원내수석부대표 원내부대표 부대변인 정책위의장 사무부총장 비대위원장 비상대책위원장
    부장판사 재판장 주심 대법관 헌법재판관 검사장 지검장 차장검사 경찰청장 서장 행장 부행장 은행장 사장단
    국무총리 부총리 권한대행 부교수 조교수 명예교수 석좌교수 겸임교수 간호사 전공의 전문의 소방관 경찰관 활동가
    앵커 상근부회장 부시장 부지사 시의원 도의원 구의원 군의원 당대표 총영사 영사 상임대표 집행위원장""".split(),
    key=len,
    reverse=True,
)
PARTICLES = "은는이가도의께에와과를을로다"  # 다: "… 교수다." names the person too
COMMON_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구나민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부")
# The most frequent surnames (about 90% of Koreans): strict enough to tell 백승호 from 사티아
TOP_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천")
COMPOUND_SURNAMES = {"남궁", "선우", "제갈", "황보", "독고", "사공", "서문", "동방", "을지"}
PRONOUNS_KO = ("그는", "그가", "그도", "그녀는", "그녀가", "그녀도")


# Places kiwi tags as proper nouns that stand between a name and a title ("… 필리핀 통상산업부 차관"): never names
PLACES_KO = set("""미국 중국 일본 러시아 영국 프랑스 독일 이탈리아 스페인 캐나다 호주 인도 베트남 태국 필리핀 인도네시아
    말레이시아 싱가포르 대만 홍콩 몽골 체코 폴란드 헝가리 네덜란드 벨기에 스위스 스웨덴 노르웨이 핀란드 덴마크 튀르키예
    이스라엘 이란 사우디 이집트 브라질 멕시코 아르헨티나 칠레 남아공 나이지리아 케냐 우크라이나 북한 한국 서울 부산
    대구 인천 광주 대전 울산 세종 제주 경기 강원 충북 충남 전북 전남 경북 경남 아태 아시아 유럽 중동 아프리카 북미
    남미 동남아""".split())


# A word ending like this is a particle or verb form (전망이, 나서야, 한다고, 성명을), not a given name
_NOT_NAME_ENDINGS = set("은는을를의에고야게한급이가서면며도만달상당청처회")


def looks_korean_name(word: str) -> bool:
    """김영섭, 남궁현: a common surname and one or two syllables of given name."""
    return (len(word) in (2, 3) and word[0] in TOP_SURNAMES) or \
        (len(word) in (3, 4) and word[:2] in COMPOUND_SURNAMES)

# A department glued to its title ("아세안국장", "경제정책국장") counts as the title.
_GLUED_TITLES = ("국장", "실장", "본부장", "부장", "과장", "센터장", "소장", "팀장", "처장", "단장", "원장", "부문장",
                 "그룹장", "정책관", "심의관", "기획관", "조정관", "담당", "위원장", "연구원", "사업부장", "관장",
                 "의장", "총괄", "수석", "대변인", "비서관", "비서실장", "대표", "차관", "장관", "부총재", "총재보",
                 "부총재보", "연구위원", "선임연구위원", "시장", "군수", "구청장", "도지사", "지사", "교육감", "지검장", "지청장", "의장",
                 "총리", "회장", "대사", "리더", "분석관", "책임자")
_TITLE_KO = re.compile(r"(?<![A-Za-z])(?:(?P<unit>[가-힣A-Za-z0-9]+(?:사업부|본부|부문|센터|연구소|실)) )?"
                       r"(?P<title>(?<![가-힣])(?:" + "|".join(map(re.escape, TITLES_KO)) + r")|(?<= )[가-힣A-Za-z0-9·]{1,10}(?:"
                       + "|".join(_GLUED_TITLES) + r"))(?=[" + PARTICLES + r"\s,.:·)(]|$)")
# "Jane Doe", "Kang Tae-won", "Amara Ndiaye": two or three capitalized words, a romanized given name hyphenated
# Latin letters with accents too (Hélène, Müller), and Mc/O' names (McAllister, O'Neill)
NAME_WORD_EN = r"(?:Mc|Mac|O')?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-Za-zÀ-ÿ][a-zß-öø-ÿ]+)?"
# a middle initial may stand between the words: "Maria K. Reyes", "John F. Kelly"
_MIDDLE_INITIAL_EN = r"(?: [A-Z]\.)?"
_NAME_EN = rf"(?<![\w.]){NAME_WORD_EN}(?:{_MIDDLE_INITIAL_EN} {NAME_WORD_EN}){{1,2}}"
_NOT_NAMES_EN = {"The", "This", "That", "But", "And", "In", "On", "At", "For", "Its", "His", "Her", "Their", "Our",
                 "Shares", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "South",
                 "North", "New", "Finance", "Foreign", "Mr", "Ms", "Gov", "Korean", "Seoul", "Busan", "When",
                 "After", "Before", "While"}  # title words (President, Minister, …) are stripped instead: _TITLE_WORDS_EN
TITLES_EN = (r"chief executive(?: officer)?|CEO|chief technology officer|CTO|chief financial officer|CFO|president|"
             r"chairman|chairwoman|chair|founder|co-founder|minister|analyst|director|spokesperson|spokesman|"
             r"spokeswoman|head|vice president|senior vice president|executive vice president|professor|mayor|"
             r"governor|senator|secretary|economist|researcher|manager|"
             # descriptions that only a person takes ("Daniel Whitcombe, a British translator who …")
             r"translator|writer|author|novelist|poet|actor|actress|singer|filmmaker|teacher|principal|student|"
             r"resident|farmer|fisherman|worker|official|lawyer|attorney|doctor|physician|nurse|engineer|scientist|"
             r"entrepreneur|investor|trader|strategist|consultant|commentator|critic|historian|expert|fellow|"
             r"lecturer|activist|lawmaker|legislator|diplomat|ambassador|envoy|negotiator|adviser|advisor|aide|"
             r"judge|prosecutor|coach|captain|partner|owner|leader|representative")
_ORG_EN = r"[A-Z][\w&.'-]*(?: (?:of |and |for |& )?[A-Z][\w&.'-]*)*"
_EN_AFTER = re.compile(rf"(?P<name>{_NAME_EN}), (?:the |a |an )?(?:[\w'’-]+ ){{0,3}}?(?P<title>(?i:{TITLES_EN}))\b"
                       rf"(?: (?:of|at|for|with) (?:the )?(?P<org>{_ORG_EN}))?")
_EN_BEFORE = re.compile(rf"(?:(?P<org>{_ORG_EN}) )?(?P<title>(?:(?:Vice|Deputy|Prime|Finance|Foreign|Trade|Industry|"
                        rf"Culture|Labor|Transport|Land|Science|Defense|Unification|Health|Interior|Justice) )*"
                        rf"(?:CEO|Chief Executive|President|Chairman|Chairwoman|Minister|Governor|Director|Professor|"
                        rf"Mayor|Rep\.|Sen\.|Lawmaker|analyst|spokesperson|economist|Commissioner|Secretary|"
                        rf"Ambassador|Chief|leader|Leader|Floor Leader|Prof\.|Dr\.|"
                        # a job only a person has, in lower case before the name: "head coach Ines Moreau",
                        # "lead actress Lee Ha-na", "novelist Han Kang"
                        rf"(?:head |lead |assistant |senior |veteran )?(?:coach|manager|actor|actress|singer|novelist|"
                        rf"poet|writer|filmmaker|lawyer|attorney|judge|prosecutor|professor|researcher|student|"
                        rf"teacher|player|striker|midfielder|defender|goalkeeper|designer|composer|producer))) "
                        rf"(?P<name>(?<![\w.]){NAME_WORD_EN}"
                        rf"(?:{_MIDDLE_INITIAL_EN} {NAME_WORD_EN}){{0,2}})\b")
# "Its chief executive, Priya Marsh, said", "Ofcom's head of policy, Dan Reyes, told": a title, then the name in
# apposition between commas
_EN_APPOSED = re.compile(rf"(?:(?P<org>{_ORG_EN})['’]s |\b(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Oo]ur) )"
                         rf"(?:[\w-]+ ){{0,3}}?(?P<title>(?:{TITLES_EN}))(?: of [\w -]{{2,40}}?)?, "
                         rf"(?P<name>(?<![\w.]){NAME_WORD_EN}(?:{_MIDDLE_INITIAL_EN} {NAME_WORD_EN}){{1,2}}),")
_KOREAN_NAME_EN = re.compile(r"(?<![\w.-])[A-Z][a-z]{1,4} [A-Z][a-z]{1,6}-[a-z]{1,6}\b")
_TITLE_WORDS_EN = {"Judge", "Justice", "Mayor", "Governor", "Chairman", "Chairwoman", "President", "Minister", "Professor",
                   "Dr", "Rep", "Sen", "Gen", "Ambassador", "Officer", "Chief", "Director", "Secretary", "Commissioner",
                   "Lawmaker", "Prosecutor", "Attorney", "Lawyer", "Premier", "Chancellor", "Deputy", "Vice", "Prime",
                   "Senator", "Representative", "Coach", "Captain", "Bishop"}
# "…," said Kang Tae-won / Kang Tae-won said / Kang Tae-won, 54, …: a person named without a title
_EN_SPEAKS = re.compile(rf"(?:\b(?:said|says|told|added) (?P<n1>{_NAME_EN}))"
                        rf"|(?P<n2>{_NAME_EN})(?:, (?:\d{{2}}|[^,\"“”]{{3,80}}),)? (?:said|says|told|added|noted|warned)\b")
# "Anne Dubois, 29, pulls on …": a name and an age set off by commas is a person
_EN_AGED = re.compile(rf"(?P<name>{_NAME_EN}), \d{{1,3}},")
# News names a person in full once, then by the last word alone: a full name whose last word later speaks or takes
# Mr./Ms. is a person ("Novelist Elena Dubois won …" / "Dubois said")
_EN_SURNAME_SPEAKS = re.compile(rf"(?:\b(?:said|says|told|added|asked|wrote) |\b(?:Mr|Ms|Mrs|Dr)\.? )(?P<s1>{NAME_WORD_EN})\b"
                                rf"(?! {NAME_WORD_EN})|(?<![\w.'-])(?P<s2>{NAME_WORD_EN})(?:, \d{{1,3}},)? "
                                rf"(?:said|says|told|added|noted|warned|asked|wrote)\b")
# Capitalized only because they open a sentence: never a given name
_OPENING_WORDS_EN = {"Where", "As", "If", "When", "While", "After", "Before", "Although", "Though", "Because", "Since",
                     "Like", "Unlike", "Then", "So", "Yet", "Still", "Now", "Once", "Until", "With", "Without", "From",
                     "By", "To", "Of", "Under", "Over", "Asked", "Told", "Meanwhile", "However", "Both", "All"}
_LEADING_TITLE_EN = re.compile(rf"(?i:{TITLES_EN}) ")
_PLACES_EN = {"Korea", "China", "Japan", "America", "Europe", "Washington", "Beijing", "Tokyo", "Pyongyang", "Moscow",
              "Seoul", "Busan", "Russia", "Ukraine", "Taiwan", "Britain", "France", "Germany", "India"}


# A broadcast caption names who speaks next: "[인터뷰] 반도영/전력거래소 수급운영처장 : "…"" (KBS),
# "[국정훈/한국무역협회 통상지원단장]" on its own line above the quote (MBC)
CAPTION_KO = re.compile(r"^(?:\[[가-힣 ]{1,6}\] *)?\[?(?P<name>[가-힣]{2,4}) ?/ ?(?P<desc>[^\]\n:/\"“]{2,40}?) *\]? *(?::|$)",
                        re.M)


_TITLE_THEN_NAME_KO = re.compile(r"(?<![가-힣])(?P<title>주장|감독|코치|선수|대표|회장|사장|교수|의원|위원장|원내대표|대변인) "
                                 r"(?P<name>[가-힣]{3})(?=[은는이가도의] )")


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


def _overlaps_org(orgs: list[OrganizationMention], start: int, end: int) -> bool:
    """Part of an organization's name ("Patients Organizations" in "Korea Alliance of Patients Organizations")."""
    return any(o["start"] < end and start < o["end"] for o in orgs)


def _name_before(body: str, end: int, proper: set[int], orgs: list[OrganizationMention],
                 before_org: bool = False) -> tuple[int, int] | None:
    """The Korean or transliterated name ending at `end`: one or two words kiwi tags as proper nouns.

    before_org: the name stands right before an organization and a title ("류하은 한국데이터센터연합회
    사무국장"), context strong enough to accept a name ending like a particle (하은, 지은).
    """
    words = list(re.finditer(r"[가-힣]+", body[max(0, end - 20):end]))
    base = max(0, end - 20)
    if not words or base + words[-1].end() != end:
        return None

    def all_proper(m: re.Match) -> bool:
        s, e = base + m.start(), base + m.end()
        return 2 <= e - s <= 6 and all(i in proper for i in range(s, e)) and _org_at(orgs, s, e) is None \
            and m.group() not in PLACES_KO

    def korean_name(m: re.Match) -> bool:
        # kiwi often tags only the surname of a Korean name (김/NNP 우/NNG 준/NNG)
        word = m.group()
        # …or not at all (한여름, 류하은): before a title, three syllables after a frequent surname will do
        if _org_at(orgs, base + m.start(), base + m.end()) or word in PLACES_KO or word in _OPENERS_KO:
            return False  # 민주당 reads like a name but is an organization; 한국 is a place
        return (len(word) in (2, 3, 4) and word[0] in COMMON_SURNAMES and base + m.start() in proper) or \
            (looks_korean_name(word) and len(word) >= 3 and
             (word[:2] in COMPOUND_SURNAMES or
              (len(word) == 3 and (word[-1] not in _NOT_NAME_ENDINGS or (before_org and word[-1] in "은이"))))) or \
            ((before_org or _opens_clause(body, base + m.start(), orgs) and not is_common_noun(word)) and len(word) == 3
             and word[0] in COMMON_SURNAMES and word not in _OPENERS_KO and word[-1] not in _NOT_NAME_ENDINGS)
        # "어경수 대한소아청소년과학회 이사장", "길정훈 청주시장은": a rarer surname, before an organization or
        # opening the clause right before its title

    last = words[-1]
    if base + last.start() > 0 and re.match(r"[A-Za-z0-9]", body[base + last.start() - 1]):
        return None  # the Hangul end of a mixed name (SK하이닉스), not a person
    if not (all_proper(last) or korean_name(last)):
        return None
    start = base + last.start()
    if len(words) > 1:  # a transliterated name in two words: 사티아 나델라, 마츠 그란리드
        prev = words[-2]
        if base + prev.end() == start - 1 and all_proper(prev) and all_proper(last) and \
                not (len(prev.group()) >= 3 and looks_korean_name(prev.group())) and \
                not (len(last.group()) == 3 and last.group()[0] in COMMON_SURNAMES and
                     not (len(prev.group()) <= 3 and prev.group()[0] in COMMON_SURNAMES)):
            # not "백승호 한은"; a Korean full name is one word: "근로자위원인 이정민", "대한노인회 구자운" are a
            # modifier or an organization, then the name
            start = base + prev.start()
    return start, end


def _opens_clause(body: str, start: int, orgs: list[OrganizationMention]) -> bool:
    """The word at `start` opens a sentence or clause: nothing before it but punctuation, an opening word
    ('반면', '이날') or an organization ('더불어민주당 옥소율 수석대변인')."""
    before = body[max(0, start - 12):start]
    if not before.strip() or re.search(r"(?:^|[\n.!?\"”」』,(])\s*$", before):
        return True
    last = re.search(r"([가-힣A-Za-z0-9]+)\s+$", before)
    return bool(last) and (last.group(1) in _OPENERS_KO or any(o["end"] == start - 1 for o in orgs))


# Words that open a Korean clause and are never part of a name before an organization and a title
_OPENERS_KO = set("""이날 전날 당일 한편 또 또한 이에 이어 특히 앞서 당시 현재 최근 올해 지난해 이번 그러나 하지만 다만
    이후 아울러 반면 실제로 결국 그동안 먼저 우선 이어서 그러면서 국내 해외 현지 신임 전임 초대 전 현 前 당시
    역대 차기 현직 전직 최장수 최연소 최고령 첫 최초 유일 임시 대리 직전 후임 전직 주한 방한 새 옛""".split())


def _foreign_name(body: str, title_start: int, orgs: list[OrganizationMention], proper: set[int],
                  inside: tuple[int, int] | None) -> tuple[int, int] | None:
    """'레이철 던컨 구글 클라우드 아시아태평양 총괄 부사장', '미할 크르제넥 체코 대통령': a transliterated name of two
    or three words opening the clause, then an organization or a country, then the title.

    inside: a one-word name already found; it may be the last word of the full name (크르제넥 of 미할 크르제넥).
    """
    lo = max(0, title_start - 60)
    if stops := list(re.finditer(r"[.!?\n\"“”「」,]", body[lo:title_start])):
        lo += stops[-1].end()
    elif lo > 0:
        return None
    prefix: list[re.Match] = []
    country = False
    for w in re.finditer(r"\S+", body[lo:title_start]):
        start, end = lo + w.start(), lo + w.end()
        country = re.sub(r"\(.*", "", w.group()) in PLACES_KO
        if _overlaps_org(orgs, start, end) or country or re.search(r"[A-Za-z0-9]", w.group()):
            break
        prefix.append(w)
    else:
        return None  # no organization or country between the name and the title
    if not 2 <= len(prefix) <= 3 or any(not re.fullmatch(r"[가-힣]{1,7}", w.group()) or w.group() in _OPENERS_KO
                                         or w.group()[-1] in "은는을를의에도로와과"
                                         # "회의장에서 만난 오세린 외교부 …대사": a place, then a modifier, not a name
                                         or w.group().endswith(("에서", "에게", "부터", "까지")) for w in prefix):
        return None
    if len(prefix[-1].group()) == 3 and looks_korean_name(prefix[-1].group()) and \
            any(w.group()[-1] in "인한된던운" for w in prefix[:-1]):
        return None  # "근로자위원인 이정민 한국노총 사무총장": a modifier, then a Korean name
    start, end = lo + prefix[0].start(), lo + prefix[-1].end()
    extends = inside is not None and start <= inside[0] and inside[1] == end
    # kiwi must take some word of it for a proper noun, unless a country stands between it and the title
    # ("미할 크르제넥 체코 대통령", words kiwi does not know) and no word of it ends like a modifier (방한한, 새로운)
    foreign_office = country and not any(re.search(r"[한은는던된인운]$", w.group()) for w in prefix)
    if not extends and not foreign_office and \
            not any(all(i in proper for i in range(lo + w.start(), lo + w.end())) for w in prefix):
        return None
    return start, end


def find_people_ko(body: str, orgs: list[OrganizationMention], proper: set[int]) -> list[PersonMention]:
    people: list[PersonMention] = []
    for m in _TITLE_KO.finditer(body):
        cursor = m.start() - 1  # the space before the unit or title
        org = next((o for o in orgs if o["end"] == cursor), None)
        if org:
            cursor = org["start"] - 1
        # "박상철 '미래온페이 유출 피해자모임' 대표": a group named in quotes between the name and the title
        quoted = None if org else re.search(r"['‘][^'‘’\n]{2,30}['’]$", body[max(0, cursor - 32):cursor])
        if quoted:
            cursor -= len(quoted.group()) + 1
        if cursor <= 0 or body[cursor] != " ":
            continue
        span = _name_before(body, cursor, proper, orgs, before_org=org is not None or quoted is not None)
        if span is None and org is None and quoted is None and \
                (word := re.search(r"[가-힣]{3}$", body[max(0, cursor - 3):cursor])) and \
                any(o["end"] == cursor - 4 for o in orgs) and body[cursor - 4:cursor - 3] == " ":
            # "도로교통공단 변정호 교육본부장": between an organization and a title, a name of a rarer surname
            span = _name_before(body, cursor, proper, orgs, before_org=True)
        organization = org["canonical"] if org else quoted.group()[1:-1] if quoted else None
        if span and not org and " " not in body[span[0]:span[1]]:
            # "백승호 한은 부총재", "주세린 서강대 교수": a Korean name is never followed by another name, so
            # the word before the title is an organization no rule knows
            alternative = _name_before(body, span[0] - 1, proper, orgs) if span[0] > 0 else None
            if alternative and alternative[1] == span[0] - 1 and " " not in body[alternative[0]:alternative[1]] \
                    and len(body[alternative[0]:alternative[1]]) >= 3 \
                    and looks_korean_name(body[alternative[0]:alternative[1]]):
                organization, span = body[span[0]:span[1]], alternative
        if not span:
            # "유재만 서울시버스노동조합 위원장", "정우석 SK하이닉스 패키징개발담당 부사장": up to two words
            # (an organization, a department) between the name and the title
            # never across the end of a sentence or a quote ("…판단하겠다"고 말했다. 이 총재는)
            base = max(0, cursor - 45)
            if stop := list(re.finditer(r"[.!?\"“”」』]", body[base:cursor])):
                base += stop[-1].end()
            words = list(re.finditer(r"[가-힣A-Za-z0-9·]{2,20}", body[base:cursor]))
            for skip in (1, 2):
                if len(words) <= skip:
                    break
                skipped = words[-skip:]
                if any(re.search(r"[은는이가을를의에도]$", w.group()) and not _org_at(orgs, base + w.start(), base + w.end())
                       for w in skipped):
                    break
                candidate = _name_before(body, base + words[-skip - 1].end(), proper, orgs)
                if candidate and base + words[-skip - 1].end() == base + skipped[0].start() - 1:
                    span = candidate
                    first = skipped[0]
                    known = _org_at(orgs, base + first.start(), base + first.end() + 1) or \
                        next((o for o in orgs if base + first.start() <= o["start"] < cursor), None)
                    organization = organization or (known["canonical"] if known else first.group())
                    break
        foreign = _foreign_name(body, m.start(), orgs, proper, span)
        if foreign and (span is None or span[0] >= foreign[0] and (
                span[1] == foreign[1] or span[0] > foreign[1] and not looks_korean_name(body[span[0]:span[1]]))):
            # the whole transliterated name, not its last word nor a department after the organization
            span = foreign
            known = next((o for o in orgs if foreign[1] < o["start"] < m.start()), None)
            organization = known["canonical"] if known else None
        if not span:
            continue
        word = body[span[0]:span[1]]
        before = _name_before(body, span[0] - 1, proper, orgs) if span[0] > 0 and " " not in word else None
        if before is None and span[0] > 0 and " " not in word and not looks_korean_name(word):
            # "채하은 부평 전세사기 피해자대책위원회 위원장": before a place that only looks like a name (부평), a
            # name may end like a particle (하은, 지은)
            before = _name_before(body, span[0] - 1, proper, orgs, before_org=True)
        if before and before[1] == span[0] - 1 and " " not in body[before[0]:before[1]] \
                and len(body[before[0]:before[1]]) >= 3 and looks_korean_name(body[before[0]:before[1]]) \
                and not (body[before[1] - 1] == "인" and all(i in proper for i in range(*span))
                         and not any(i in proper for i in range(*before))):
            # …unless kiwi takes this word for a proper noun and not the one before ("장남인 한지석 …재단 이사장":
            # 장남인 is "the eldest son")
            # "주세린 서강대 경제학과 교수": a Korean name is never followed by another name
            organization, span = (organization if org else word), before
        if organization is None:
            # "국민의힘 박정훈 원내대변인", "황정아 의원(더불어민주당)": the organization before the name or after
            # the title in brackets
            ahead = next((o for o in orgs if o["end"] in (span[0] - 1, span[0] - 4) and
                          body[o["end"]:span[0]].strip() in ("", "소속")), None) or \
                next((o for o in orgs if o["start"] == m.end() + 1 and body[m.end():m.end() + 1] == "("), None)
            organization = ahead["canonical"] if ahead else None
        if m.group("title") in ("검사", "감독", "작가") and not looks_korean_name(body[span[0]:span[1]]) \
                and " " not in body[span[0]:span[1]] and not (
                    # "표성민 전북 감독": a rarer surname kiwi takes whole for a proper noun is still a name
                    len(body[span[0]:span[1]]) == 3 and body[span[0]] in COMMON_SURNAMES
                    and all(i in proper for i in range(*span))):
            continue  # "유전자증폭(PCR) 검사": an examination, not a prosecutor
        people.append(PersonMention(name=body[span[0]:span[1]], title=m.group("title"),
                                    organization=organization, start=span[0], end=span[1],
                                    mention_start=span[0], mention_end=m.end()))
    # Broadcast captions: "[인터뷰] 반도영/전력거래소 수급운영처장 : "…"", "[국정훈/한국무역협회 통상지원단장]"
    for m in CAPTION_KO.finditer(body):
        name, desc = m.group("name"), m.group("desc").strip()
        if not (name[0] in COMMON_SURNAMES or name[:2] in COMPOUND_SURNAMES) or \
                any(p["start"] <= m.start("name") < p["end"] for p in people):
            continue
        title = next((t for t in sorted(set(TITLES_KO) | set(_GLUED_TITLES), key=len, reverse=True)
                      if desc.endswith(t)), None)
        known = next((o for o in orgs if m.start("desc") <= o["start"] < m.end("desc")), None)
        # "기상청 예보분석관": what follows a known organization is the title, listed or not
        title_word = desc.split()[-1] if title or (known and known["end"] < m.start("desc") + desc.rfind(" ") + 1) \
            else None
        organization = known["canonical"] if known else \
            (desc[:len(desc) - len(title_word)].strip() or None if title_word else None)
        people.append(PersonMention(name=name, title=title_word, organization=organization, start=m.start("name"),
                                    end=m.end("name"), mention_start=m.start("name"), mention_end=m.end("desc")))
    # "채아린은 "…"": a name kiwi tags as a proper noun, standing as the subject with no title
    for m in re.finditer(r"(?<![가-힣])(?P<name>[가-힣]{3})(?=(?:은|는|이|가|도)\s)", body):
        name = m.group("name")
        if looks_korean_name(name) and name not in PLACES_KO and not _org_at(orgs, m.start(), m.end()) \
                and sum(i in proper for i in range(m.start(), m.end())) >= 2 \
                and not any(p["start"] <= m.start() < p["end"] for p in people):
            people.append(PersonMention(name=name, title=None, organization=None, start=m.start(), end=m.end(),
                                        mention_start=m.start(), mention_end=m.end()))
    # "대구FC 주장 이강민은": a title before the name (sports, appositions); the name must look Korean and kiwi
    # must take part of it for a proper noun
    for m in _TITLE_THEN_NAME_KO.finditer(body):
        name = m.group("name")
        if looks_korean_name(name) and name[-1] not in _NOT_NAME_ENDINGS and name not in _OPENERS_KO \
                and (any(i in proper for i in range(m.start("name"), m.end("name")))
                     or any(p["name"] == name for p in people)) \
                and not _overlaps_org(orgs, m.start("name"), m.end("name")) \
                and not any(p["start"] <= m.start("name") < p["end"] for p in people):
            org = next((o for o in orgs if o["end"] == m.start("title") - 1), None)
            people.append(PersonMention(name=name, title=m.group("title"), organization=org["canonical"] if org else None,
                                        start=m.start("name"), end=m.end("name"), mention_start=m.start("title"),
                                        mention_end=m.end("name")))
    # "한여름(42)의 장편소설", "반지우(34)씨는": a Korean name with the age in brackets is a person, title or not
    for m in re.finditer(r"(?<![가-힣])(?P<name>[가-힣]{2,4})\((?P<age>\d{2})(?:세)?\)(?P<title>씨|군|양)?", body):
        name = m.group("name")
        surname_ok = looks_korean_name(name) or (len(name) in (2, 3) and name[0] in COMMON_SURNAMES) or \
            name[:2] in COMPOUND_SURNAMES
        if surname_ok and name not in PLACES_KO and not _org_at(orgs, m.start(), m.end("name")) \
                and not any(p["start"] == m.start() for p in people):
            people.append(PersonMention(name=name, title=m.group("title"), organization=None, start=m.start(),
                                        end=m.end("name"), mention_start=m.start(), mention_end=m.end()))
    return sorted(people, key=lambda p: p["start"])


def find_people_en(body: str, orgs: list[OrganizationMention]) -> list[PersonMention]:
    from .organizations import alias_table

    aliases = alias_table()
    people: list[PersonMention] = []
    for pattern in (_EN_AFTER, _EN_BEFORE, _EN_APPOSED):
        for m in pattern.finditer(body):
            name, start = m.group("name"), m.start("name")
            if name.split()[0] in _NOT_NAMES_EN | _OPENING_WORDS_EN and name.count(" ") >= 2:
                name, start = name.split(" ", 1)[1], start + name.index(" ") + 1  # "For Elena Dubois, a student"
            if name.split()[0] in _NOT_NAMES_EN or _overlaps_org(orgs, start, m.end("name")):
                continue
            org_surface = (m.group("org") or "").strip()
            org = _org_at(orgs, m.start("org"), m.end("org")) if org_surface else None
            if org_surface and not org:
                org = next((o for o in orgs if m.start("org") <= o["start"] < m.end("org")), None)
            organization = org["canonical"] if org else aliases.get(org_surface, (None,))[0]
            people.append(PersonMention(name=name, title=m.group("title"), organization=organization,
                                        start=start, end=m.end("name"),
                                        mention_start=m.start(), mention_end=m.end()))
    # A romanized Korean name (Kang Byung-chul, Yoo Mi-kyung) is a person wherever it stands
    for m in _KOREAN_NAME_EN.finditer(body):
        if not any(p["start"] <= m.start() < p["end"] for p in people) and not _overlaps_org(orgs, m.start(), m.end()):
            people.append(PersonMention(name=m.group(), title=None, organization=None, start=m.start(), end=m.end(),
                                        mention_start=m.start(), mention_end=m.end()))
    surnames = {m.group("s1") or m.group("s2") for m in _EN_SURNAME_SPEAKS.finditer(body)} - _NOT_NAMES_EN - _PLACES_EN
    untitled = [(m.start("name"), m.group("name")) for m in _EN_AGED.finditer(body)] + \
        [(m.start(), m.group()) for m in re.finditer(_NAME_EN, body) if m.group().split()[-1] in surnames]
    for start, name in untitled:
        if _LEADING_TITLE_EN.match(name):  # "Novelist Elena Dubois": the description is no part of the name
            cut = name.index(" ") + 1
            start, name = start + cut, name[cut:]
        end = start + len(name)
        words = name.split()
        if len(words) > 1 and words[0] not in _NOT_NAMES_EN | _OPENING_WORDS_EN and not _TITLE_WORDS_EN & set(words) \
                and not _overlaps_org(orgs, start, end) \
                and not any(p["start"] <= start < p["end"] for p in people):
            people.append(PersonMention(name=name, title=None, organization=None, start=start, end=end,
                                        mention_start=start, mention_end=end))
    titled = {p["name"] for p in people}
    for m in _EN_SPEAKS.finditer(body):
        group = "n1" if m.group("n1") else "n2"
        name = m.group(group)
        if name in titled or name.split()[0] in _NOT_NAMES_EN | _OPENING_WORDS_EN or _overlaps_org(orgs, m.start(group), m.end(group)):
            continue
        if any(name.split()[-1] == other.split()[-1] and name != other for other in titled):
            continue  # "Mr. Kang said" style: the surname of someone already named
        people.append(PersonMention(name=name, title=None, organization=None, start=m.start(group),
                                    end=m.end(group), mention_start=m.start(group), mention_end=m.end(group)))
    for p in people:  # "Judge Kwon Hyuk-jae": a title read as part of the name
        while " " in p["name"] and p["name"].split()[0] in _TITLE_WORDS_EN:
            word, rest = p["name"].split(" ", 1)
            p["title"] = p["title"] or word
            p["name"], p["start"] = rest, p["start"] + len(word) + 1
    return sorted(people, key=lambda p: p["start"])


def _full_names(people: list[PersonMention]) -> list[PersonMention]:
    """A later short mention takes the full name seen before: '찬타웡 국장' is 수파완 찬타웡, '남궁 전무' 남궁현."""
    full: list[str] = []
    for p in people:
        name = p["name"]
        longer = next((f for f in full if f != name and (f.split()[-1] == name or f.split()[0] == name
                                                         or (name in COMPOUND_SURNAMES and f.startswith(name)))), None)
        if longer:
            p["name"] = longer
        elif " " in name or len(name) >= 3:
            full.append(name)
    return [p for p in people if p["name"] not in COMPOUND_SURNAMES]


def _one_per_name_span(people: list[PersonMention]) -> list[PersonMention]:
    """Two patterns can find one name at one place ('윤재헌 … 장관 후보자': 장관, then 후보자). Keep the widest
    mention (the whole title), filling what it lacks from the others: a name at a place is one mention."""
    kept: dict[tuple[int, int], PersonMention] = {}
    for p in people:
        span = (p["start"], p["end"])
        first = kept.get(span)
        if first is None:
            kept[span] = p
            continue
        wider, other = (p, first) if p["mention_end"] - p["mention_start"] > first["mention_end"] - first["mention_start"] \
            else (first, p)
        for key in ("title", "organization"):
            wider[key] = wider[key] or other[key]
        kept[span] = wider
    return sorted(kept.values(), key=lambda p: p["start"])


def find_people(body: str, language: str, orgs: list[OrganizationMention], proper: set[int]) -> list[PersonMention]:
    found = find_people_ko(body, orgs, proper) if language == "ko" else find_people_en(body, orgs)
    return _full_names(_one_per_name_span(found))


def short_reference_pattern() -> re.Pattern:
    """'김 대표', '남궁 전무', '정 관장': a surname and a title (a glued title's last part included)."""
    return re.compile(r"(?<![가-힣])(?P<surname>남궁|선우|제갈|황보|독고|사공|서문|[가-힣]) (?P<title>"
                      + "|".join(map(re.escape, sorted(set(TITLES_KO) | set(_GLUED_TITLES), key=len, reverse=True)))
                      + r")(?=[" + PARTICLES + r"\s,.:]|$)")
