"""Organization mentions: aliases from the analysts' seed, plus rules for names not in it."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import TypedDict

from ..settings import load as load_settings

# Words that look like organizations to a naive matcher but never are.
NOT_ORGANIZATIONS = {
    "AI", "IT", "ICT", "AICT", "AX", "DX", "SLM", "LLM", "6G", "5G", "APAC", "CEO", "CTO", "CFO",
    "COO", "M", "GPU", "CPU", "EV", "ESG", "IPO", "GDP", "MOU", "R&D", "UAM", "SW", "HW",
}
# Words that end like an organization (은행, 병원, 그룹, 테크, 위원회, …) but name a kind of thing, not one body
GENERIC_KO = set("""시중은행 저축은행 중앙은행 지방은행 인터넷은행 인터넷전문은행 외국계은행 국책은행 상업은행 투자은행 특수은행
    지역은행 대형은행 대학병원 대형병원 종합병원 상급종합병원 요양병원 동물병원 지역병원 공공병원 민간병원 전문병원 거점병원
    중소병원 협력병원 걸그룹 보이그룹 아이돌그룹 대기업그룹 혼성그룹 빅테크 핀테크 에듀테크 푸드테크 헬스테크 애그테크
    프롭테크 딥테크 레그테크 인슈어테크 클린테크 기후테크 섭테크 석유화학 정밀화학 유기화학 정유화학 교통카드 신용카드
    체크카드 선불카드 법인카드 기후동행카드 건강보험 고용보험 실손보험 자동차보험 생명보험 손해보험 산재보험 실업보험
    국민건강보험 유전자 소위원회 소소위원회 법안심사소위원회 특별위원회 상임위원회 분과위원회 자문위원회 운영위원회
    선임연구원 책임연구원 수석연구원 연구원 신재생에너지 재생에너지 청정에너지 원자력에너지 친환경에너지 그린바이오
    레드바이오 화이트바이오 스타트업 증권 대형증권 중소형증권 외국계증권 대형건설 중견건설 노동조합 산별노조 귀족노조
    대기업노조 중소기업 대기업 공기업 협력업체 항공 저비용항공 대형항공 국적항공 녹음스튜디오 방송스튜디오 촬영스튜디오
    사진스튜디오 게임스튜디오 개발스튜디오 가상스튜디오 인베스트먼트 시청 구청 군청 도청 인간생명 각시청 각구청 시도교육청
    교육청 시도의회 기초의회 광역의회 지방의회 불법도청 국민생명""".split())
# Korean suffixes that make a word an organization, with the type they imply.
SUFFIX_TYPES = [  # longest first where one ends another
    ("대학교", "university"), ("위원회", "government"), ("연합회", "association"), ("협의회", "association"),
    ("협회", "association"), ("연맹", "association"), ("노동조합", "union"), ("노조", "union"),
    ("은행", "company"), ("그룹", "company"), ("전자", "company"), ("증권", "company"), ("재단", "association"),
    ("연구원", "research"), ("연구소", "research"), ("공사", "company"), ("공단", "government"),
    ("지방법원", "court"), ("고등법원", "court"), ("법원", "court"), ("검찰청", "government"),
    ("홀딩스", "company"), ("지주", "company"), ("건설", "company"), ("화학", "company"), ("제약", "company"),
    ("바이오", "company"), ("엔터테인먼트", "company"), ("게임즈", "company"), ("텔레콤", "company"),
    ("중공업", "company"), ("자산운용", "company"), ("보험", "company"), ("카드", "company"), ("캐피탈", "company"),
    ("항공", "company"), ("해운", "company"), ("물산", "company"), ("모터스", "company"), ("테크", "company"),
    ("사무국", "international"), ("학회", "association"), ("병원", "other"),
    ("모빌리티", "company"), ("로보틱스", "company"), ("솔루션", "company"), ("시스템즈", "company"),
    ("네트웍스", "company"), ("헬스케어", "company"), ("파마", "company"), ("리테일", "company"), ("푸드", "company"),
    ("케미칼", "company"), ("에너지", "company"), ("레저", "company"), ("주주연대", "association"), ("시민연대", "association"),
    ("스튜디오", "company"), ("벤처스", "company"), ("파트너스", "company"), ("인베스트먼트", "company"),
    ("캐피털", "company"), ("로지스틱스", "company"), ("랩스", "company"), ("바이오랩", "company"), ("제철", "company"),
    ("생명", "company"), ("테크놀로지", "company"), ("이노베이션", "company"), ("커뮤니케이션즈", "company"),
    # a local government's offices and councils: 흥덕구청, 충북도의회, 경남교육청
    ("교육청", "government"), ("시청", "government"), ("구청", "government"), ("군청", "government"),
    ("도청", "government"), ("시의회", "government"), ("도의회", "government"), ("구의회", "government"),
    ("군의회", "government"),
]
_EN_ORG = re.compile(
    r"\b(?P<name>(?:(?:[A-Z][\w&'.-]+|&) (?:(?:of|for|on) (?:the )?)?){0,5}(?:Inc\.?|Corp\.?|Corporation|Co\.|Ltd\.?|"
    r"Group|Bank|University|Association|Associations|Party|Council|Agency|Commission|Federation|Union|Institute|Foundation|"
    r"Court|Administration|Bureau|Committee|Electronics|Motors?|Holdings|Securities|Entertainment|Pictures|"
    r"Studios|Airlines|Steel|Chemical|Energy|Telecom|Service|Office|Daily|Herald|Times|School|Hospital|Alliance|"
    # the words a company's own name ends with, whatever it makes
    r"Industries|Services|Logistics|Technologies|Ventures|Partners|Capital|Systems|Pharmaceuticals?|Shipbuilding|"
    r"Construction|Insurance|Airways|Shipping|Semiconductors?|Networks|Labs|Biologics|Robotics|Brokerage|Investment|"
    r"Manufacturing|Cooperative)"
    r"(?: (?:of|for|on) (?:the )?[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,3})?)(?:(?<=\.)|\b)"
    r"|\b(?P<ministry>Ministry of (?:[A-Z][\w]+(?:,? and | |, ))*[A-Z][\w]+)"
)
_OF_HEADS = {"Bank", "Ministry", "University", "Institute", "Federation", "Association", "Council", "Agency",
             "Commission", "Office", "Bureau", "Committee", "Department", "Academy", "College", "Court", "Chamber",
             "Party", "Union", "Confederation", "Corporation", "Board", "Service", "Administration", "Society",
             "Alliance", "Foundation", "Center", "Centre", "Organization", "Network", "Coalition", "League", "Group"}
# Capitalized words that start a sentence or a title, not an organization's name
_EN_LEADING = re.compile(r"^(?:The|A|An|This|That|Its|Their|His|Her|Our|On|In|At|For|But|And|When|After|While|"
                         r"[A-Z][a-z]+-(?:based|run|owned|backed|listed|controlled)) ")


class OrganizationMention(TypedDict):
    surface: str
    canonical: str
    type: str
    start: int
    end: int
    from_alias_table: bool


def seed_path() -> Path:
    return load_settings().dbt_project / "seeds" / "organization_aliases.csv"


@lru_cache(maxsize=4)
def alias_table(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """alias -> (canonical name, type), read from the dbt seed analysts edit."""
    with open(path or seed_path(), encoding="utf-8") as handle:
        return {row["alias"]: (row["canonical_name"], row["organization_type"]) for row in csv.DictReader(handle)}


# What may follow a Korean name: nothing Hangul, or particles (one or two: "에서도", "과의").
# Without this "하이브" would be found in 하이브리드, "금융위" in 금융위기, "삼성" in 삼성동.
_PARTICLES_KO = sorted("""은 는 이 가 을 를 의 에 에서 에게 께 와 과 도 로 으로 만 까지 부터 측 보다 처럼 이나 나 이라 라
    이며 며 이고 고 랑 이랑 한테 마저 조차 뿐 등 이다 다 이었다 였다 이자 자 및 과도 와도 에도 에서는 에는 으로는 로는
    와의 과의 에서의 으로서 로서 으로부터 로부터 이든 든 간 내 외 산하 소속 주도 주최 주관 대표""".split(), key=len, reverse=True)
_KO_NAME_END = (r"(?=$|[^가-힣]|(?:" + "|".join(_PARTICLES_KO) + r")(?:$|[^가-힣]|(?:"
                + "|".join(_PARTICLES_KO) + r")(?![가-힣])))")


_KO_NAME_END_RE = re.compile(_KO_NAME_END)
# a suffix ends the name only where the word ends, a particle or the head's title follows (대한의사협회장,
# 한빛병원장은): 엠디바이오랩 is not 엠디바이오
_KO_ORG = re.compile(r"(?<![가-힣A-Za-z])(?P<name>(?:[A-Z]{1,5})?[가-힣]{1,12}(?:"
                     + "|".join(s for s, _ in SUFFIX_TYPES) + r"))"
                     + r"(?:(?=(?:위원장|이사장|회장|원장|총장|청장|행장|장)(?:[은는이가의을를도과와에]|님)?(?![가-힣]))|"
                     + _KO_NAME_END + ")")
_KO_LEGAL_FORM = re.compile(r"(?<![가-힣])(?P<form>법무법인|회계법인|재단법인|사단법인|학교법인|의료법인|주식회사)"
                            r"(?:\((?:유한|주)\))? ?(?P<name>[가-힣A-Za-z0-9&]{2,14})")
_WORD_START = re.compile(r"(?<![A-Za-z0-9가-힣])[A-Za-z0-9가-힣]")


_LENGTHS_CACHE: dict[int, tuple[dict, dict[str, list[int]]]] = {}


def _lengths_by_first_character(aliases: dict[str, tuple[str, str]]) -> dict[str, list[int]]:
    """First character -> the lengths of the aliases starting with it, longest first (computed once per table)."""
    cached = _LENGTHS_CACHE.get(id(aliases))
    if cached is None or cached[0] is not aliases:
        index: dict[str, set[int]] = {}
        for alias in aliases:
            index.setdefault(alias[:1], set()).add(len(alias))
        cached = (aliases, {first: sorted(lengths, reverse=True) for first, lengths in index.items()})
        _LENGTHS_CACHE.clear()
        _LENGTHS_CACHE[id(aliases)] = cached
    return cached[1]


def find_aliases(body: str, aliases: dict[str, tuple[str, str]]) -> list[tuple[int, str]]:
    """(start, alias) of every alias in the body, the longest at each word start ("Microsoft Corp." over
    "Microsoft"). Latin aliases need word edges ("KT" is not in "KTOA"); Korean ones may end only in a
    particle, so a name is not found inside a longer word ("하이브" in 하이브리드, "삼성" in 삼성동).
    A dictionary lookup per word start and alias length (only the lengths of aliases that start with the
    same character): no regex of a thousand alternatives."""
    found, resume = [], 0
    lengths_by_first = _lengths_by_first_character(aliases)
    for m in _WORD_START.finditer(body):
        i = m.start()
        if i < resume:
            continue
        for length in lengths_by_first.get(body[i], ()):
            alias = body[i:i + length]
            if len(alias) < length or alias not in aliases:
                continue
            after = body[i + length:i + length + 1]
            if re.search(r"[A-Za-z0-9]$", alias):
                # "KT" is not in "KTOA"; nor is "KDB" in "KDB산업은행" or "LG" in "LG화학": a Latin name joined to
                # Hangul is the start of a longer Korean name, unless a particle follows ("KT는", "LG의") or the
                # broadcaster's news ("MBC뉴스")
                if after and (re.match(r"[A-Za-z0-9]", after)
                              or ("가" <= after <= "힣" and not _KO_NAME_END_RE.match(body, i + length)
                                  and not body.startswith("뉴스", i + length))):
                    continue
            elif not _KO_NAME_END_RE.match(body, i + length) or re.match(r"[A-Za-z]", after):
                continue  # "대구" is not in 대구FC: Latin letters joined to a Korean name make a longer name
            found.append((i, alias))
            resume = i + length
            break
    return found


def _en_type(name: str) -> str:
    last = name.split()[-1]
    return {"Party": "party", "University": "university", "Court": "court", "Union": "union",
            "Association": "association", "Federation": "association", "Council": "association",
            "Institute": "research", "Foundation": "association", "Agency": "government",
            "Commission": "government", "Administration": "government", "Bureau": "government",
            "Committee": "government", "Office": "government", "Service": "government"}.get(last, "company")


_LEGAL_FORM_THEN_MORE = re.compile(r"(?<= Inc\.) (?!Ltd)|(?<= Corp\.) (?!Ltd)|(?<= Ltd\.) |(?<= Co\.) (?!Ltd)")
# the words after a company's own name that say what it does, dropped when it is named again
_COMPANY_WORDS_EN = {"Entertainment", "Manufacturing", "Foods", "Pictures", "Studios", "Holdings", "Labs", "Robotics",
                     "Technologies", "Ventures", "Industries", "Electronics", "Pharmaceuticals", "Logistics", "Systems",
                     "Networks", "Semiconductor", "Biologics", "Motors"}
_LEGAL_FORM_EN = re.compile(r",? (?:Inc\.?|Corp\.?|Corporation|Co\.|Ltd\.?|Company|Limited)$")
# First words of a company's name too common to stand for it alone ("Korea Railroad Corp." is not "Korea")
_GENERIC_FIRST_EN = {"Korea", "Korean", "South", "North", "Seoul", "Busan", "Asia", "Asian", "Global", "National",
                     "International", "United", "American", "China", "Chinese", "Japan", "Japanese", "First", "New",
                     "General", "Royal", "Central", "Pacific", "World", "Great", "Grand", "Hyundai", "Samsung", "LG",
                     "SK", "Lotte", "Hanwha", "CJ", "GS", "Doosan", "Kia", "The", "Bank", "Federal", "State"}


def _en_canonical(name: str, aliases: dict[str, tuple[str, str]]) -> str:
    """The table's name for 'Korea Railroad Corp.' (Korea Railroad Corporation), else the name without an
    abbreviated legal form, as the table writes companies ('Nvidia Corp.' is Nvidia, 'Arcadia Silicon Inc.' Arcadia
    Silicon)."""
    short = _LEGAL_FORM_EN.sub("", name)
    for variant in (name, name.replace(" Corp.", " Corporation").replace(" Co.", " Company").replace(" Ltd.", " Limited"),
                    short, short + " Corporation", short + " Co.", short + " Corp."):
        if variant in aliases:
            return aliases[variant][0]
    return re.sub(r",? (?:Inc|Corp|Co|Ltd)\.?$", "", name)


_PROVINCES_KO = {"충북": "충청북도", "충남": "충청남도", "전남": "전라남도", "경북": "경상북도", "경남": "경상남도"}


def _ko_local_canonical(name: str, aliases: dict[str, tuple[str, str]]) -> str:
    """City hall is the city government (청주시청 is 청주시, as the table has 서울시청 for 서울시); a province
    goes by its full name (충북도의회 is 충청북도의회)."""
    if name.endswith("시청"):
        return aliases.get(name[:-1], (name[:-1],))[0]
    short = name[:2]
    if short in _PROVINCES_KO and name[2:3] == "도":
        return _PROVINCES_KO[short] + name[3:]
    return name


# A kind of company or group, then its name: "반도체 장비 업체 나노플렉스는", "스타트업 피에조닉스와", also ending a
# longer word ("설계업체 피에조닉스도", "공연기획사 블루아워가", "환경단체 그린브릿지의", "걸그룹 노바린(NOVALIN)이")
_CLASSIFIED_KO = re.compile(r"(?P<kind>업체|기업|회사|스타트업|제조사|제약사|운용사|자산운용사|증권사|보험사|건설사|통신사|"
                            r"게임사|기획사|제작사|배급사|유통사|투자사|벤처캐피털|팹리스|소속사|출판사|로펌|레이블|"
                            r"단체|모임|걸그룹|보이그룹|밴드) "
                            r"(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14})(?=[\s,.·)(])")
# A group's name in quote marks after the kind of group: "시민모임 '바닷길'의", "피해자 모임 ‘새봄’은", "서포터스 모임
# '푸른물결'은"; the marks say it is a name, so no tagger need know it
_QUOTED_GROUP_KO = re.compile(r"(?:모임|단체|연대|동호회|팬클럽|서포터스|서포터즈|응원단|봉사단|공동체|협동조합|레이블) ?"
                              r"['‘\"“](?P<name>[가-힣A-Za-z0-9&][가-힣A-Za-z0-9& ]{0,13}[가-힣A-Za-z0-9&])['’\"”]"
                              r"(?=[\s,.)]|[은는이가의과와도를을에])")
_GROUP_KINDS_KO = ("단체", "모임", "걸그룹", "보이그룹", "밴드", "레이블")
# "노스게이트 주가는", "다온전자의 영업이익": what only a company has, after a proper noun (not 양사의 주가, a common word)
_COMPANY_HAS_KO = re.compile(r"(?<![가-힣A-Za-z0-9&])(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14})(?:의 (?:영업이익|영업손실|"
                             r"매출액?|순이익|당기순이익|주가|시가총액|자회사|모회사|최대주주)|(?: 주가| 주식)(?:[은는이가를을도의]| ))")
# the loanwords after a company's own name that a second mention drops ("다온엔터테인먼트", then "다온")
_DROPPED_SUFFIXES_KO = ("엔터테인먼트", "엔터", "로보틱스", "랩스", "테크놀로지", "모빌리티", "파트너스", "벤처스", "게임즈",
                        "스튜디오", "솔루션", "시스템즈", "네트웍스", "헬스케어", "이노베이션", "커뮤니케이션즈")


def _as_a_word(body: str, name: str) -> list[int]:
    """Where the name stands as a word in the body (라피더스는, 라피더스와), not inside a longer one."""
    starts, at = [], body.find(name)
    while at >= 0:
        if not re.match(r"[가-힣A-Za-z0-9&]", body[at - 1:at]) and _KO_NAME_END_RE.match(body, at + len(name)):
            starts.append(at)
        at = body.find(name, at + len(name))
    return starts


# "Cortexia, a Paris-based developer …" is not a person: "<Name>, a … startup/company/firm/chipmaker …"; and
# "chief executive of Lumenfold"
# …the kind describing the name itself, not what follows a preposition ("Reyes, a spokesperson for the firm")
_CLASSIFIED_EN = re.compile(r"\b(?P<name>[A-Z][\w&'-]+(?: (?:&|[A-Z][\w&'-]+)){0,3}), (?:a|an) "
                            r"(?:(?!(?:for|of|at|with|to|from|by|in|on)\b)[\w$.,%-]+ ){0,6}?"
                            r"(?:startup|start-up|company|firm|chipmaker|automaker|carmaker|manufacturer|supplier|lender|"
                            r"insurer|retailer|brokerage|consultancy|conglomerate|shipbuilder|maker|producer|publisher|developer of [\w -]{0,40}software|"
                            # a body of people by its kind ("Tidewell, a Busan-based fishing cooperative", "a supporters'
                            # club"), not one of its people ("Kim, a charity worker")
                            r"(?:collective|cooperative|co-operative|charity|nonprofit|non-profit|club|association|"
                            r"organi[sz]ation|advocacy group|civic group|supporters' club|supporters' group|record label|talent agency)"
                            r"(?!'s| (?:member|worker|official|leader|chief|head|director|executive|manager|founder|owner|"
                            r"volunteer|activist|player|coach|fan|supporter|president|chair|spokes)))\b"
                            r"|\b(?:chief executive|CEO|founder|co-founder) of (?P<head>[A-Z][\w&'-]+"
                            r"(?: (?:&|[A-Z][\w&'-]+)){0,3})\b")
# "shipping consultancy Drewry", "London-based publisher Pinecone Press", "a lawyer at Shin & Kim", "policy director
# at the Korea Startup Forum": a kind of company before the name, or a job at it
_NAME_EN = r"[A-Z][\w&'-]+(?: (?:&|[A-Z][\w&'-]+)){0,3}"
_KIND_BEFORE_EN = re.compile(rf"\b(?:startup|start-up|chipmaker|automaker|carmaker|maker|consultancy|publisher|distributor|"
                             rf"lender|insurer|retailer|shipbuilder|conglomerate|brokerage|law firm|asset manager|club|[A-Z][a-z]+-based) "
                             rf"(?P<name>{_NAME_EN})"
                             rf"|\b(?:director|lawyer|attorney|analyst|economist|researcher|strategist|fellow|partner|"
                             rf"executive|engineer|spokesperson|spokesman|spokeswoman) (?:at|for) (?:the )?(?P<at>{_NAME_EN})")
_NAME_GOES_ON_EN = re.compile(r" (?:for|of|on|and) (?:the )?[A-Z]")  # "Center for Strategic and International Studies"
# "Corvell said in a statement / in a regulatory filing": one word that speaks in a statement is a company when the
# article never names a person so ("Laura Hale … Hale said in a statement", "Mr. Hale", "Park Ji-ho")
_STATEMENT_EN = re.compile(r"(?<![\w&'-])(?P<name>[A-Z][a-z]{3,}|[A-Z]{2,6}) (?:said|announced|disclosed|confirmed) "
                           r"(?:(?:on|late|early) \w+day )?in (?:a|its) (?:statement|(?:regulatory |stock-exchange )?filing|"
                           r"press release|news release|disclosure)\b")
# the word ends a longer name: "Ministry of Oceans and Fisheries said", "Lark & Reed said"
_NAME_BEFORE_EN = re.compile(r"(?:\b(?:of|and|for|the)|&|\b[A-Z][\w.'-]*) $")
_FUNCTION_WORDS_EN = set("""The A An Where When While As If But And In At On For After Before Since Because Unlike Like With
    Without From By Of To Under Over That This Its Their His Her Our Then So Yet Also Meanwhile""".split())


def _named_as_a_person(body: str, word: str) -> bool:
    """'Laura Hale', 'Mr. Hale', 'Park Ji-ho': the word is someone's surname in this article."""
    for m in re.finditer(rf"(?:\b(?P<before>[A-Z][\w'-]*\.?) ){re.escape(word)}\b|\b{re.escape(word)} [A-Z][a-z]+-[a-z]+", body):
        before = m.group("before")
        if before is None or before.rstrip(".") not in _FUNCTION_WORDS_EN:
            return True
    return False


# "Fenwick Mills's chief executive", "Tarrow's shareholders", "shares of Corvell rose": what only a company has, a
# company's name before it (not "Korea's", a place; not "Lee Ji-ho's shares in", a person's stake)
_NAME_NO_POSSESSIVE_EN = r"[A-Z][\w&-]+(?: (?:&|[A-Z][\w&-]+)){0,3}"
_OWNED_BY_ORG_EN = re.compile(rf"\b(?P<name>{_NAME_NO_POSSESSIVE_EN})['’]s (?:chief (?:executive|financial|operating)|CEO|CFO|"
                              r"board of directors|shareholders|headquarters|subsidiary|subsidiaries|parent company|"
                              r"(?:operating|net|quarterly|annual) (?:profit|loss|income|revenue|results)|market (?:value|"
                              r"capitalization)|share price|(?:shares|stock)(?! (?:in|of)\b))\b"
                              rf"|\b[Ss]hares of (?P<of>{_NAME_NO_POSSESSIVE_EN})(?![\w&-])")
_OWNED_CUE_EN = re.compile(r"['’]s (?:chief|CEO|CFO|board|shareholders|headquarters|subsidiar|parent|operating|net|"
                           r"quarterly|annual|market|share|stock)|hares of")
_NOT_NAME_EN = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
                          r"June|July|August|September|October|November|December|Chairman|Chief|CEO|President|Vice|"
                          r"Director|Executive|Head|Founder|Mr|Ms|Mrs|Dr)\b|^(?:South Korea|Korea|Seoul|Busan|Tokyo|"
                          r"Beijing|Washington|London|Paris|New York|Europe|Asia|China|Japan|America)$"
                          # people by their country ("London-based Koreans"), not a body
                          r"|^(?:[A-Z][a-z]+(?:ans|ese)|Britons|Filipinos|Thais)$")
# "라피더스 본사", "스튜디오해담 관계자", "정현철 대전하나시티즌 대표": a proper noun (kiwi NNP, so not 병원 or 업계)
# right before a word only an organization has is an organization; four letters at least, as three or fewer are
# mostly people (윤석열 측, A씨 측) and countries. Before a title a person also has (대표, 사장, CEO) it takes five, as
# foreign surnames reach four (야마모토 사장, 저커버그 CEO).
_ROLE_AFTER_KO = re.compile(r" (?:(?P<org_only>관계자|측(?=[은이의에과도 ])|본사|노조|노동조합|임직원|이사회|경영진)|"
                            r"대표이사|대표|회장|사장|부사장|CEO|최고경영자|대변인)"
                            r"(?:들)?(?:[은는이가의도와과에을를]|에서|에게|으로|로)?(?![가-힣A-Za-z])")
_WORD_BEFORE_KO = re.compile(r"(?<![가-힣A-Za-z0-9&])[가-힣A-Za-z][가-힣A-Za-z0-9&]{3,14}$")
_NOT_COMPANY_KO = {"관계자", "대표", "임직원", "직원", "관계", "대상", "가운데", "모두", "전체", "이번", "해당", "국내", "해외",
                   "측", "중", "간", "등", "다수", "상당수", "대부분", "일부"}


# "미국 연방준비제도", "일본 재무성", "국회 예결위": a country or the parent body written before a name the table knows
# alone is not part of that name (the parent, when the table knows it, is a mention of its own)
_DESCRIBED_KO = re.compile(r"(미국|미|일본|중국|영국|독일|프랑스|러시아|국회) ")
# Cities and counties by the name a province's name comes before ("경기도 안산의"); without the ones that are
# common words too (예산 'budget', 음성 'voice', 장수, 영광, 보은)
_CITIES_KO = set("""수원 성남 고양 용인 부천 안산 안양 남양주 화성 평택 의정부 시흥 파주 김포 광명 광주 군포 하남 오산 이천
    안성 의왕 양주 포천 여주 동두천 과천 구리 양평 가평 연천 춘천 원주 강릉 동해 태백 속초 삼척 홍천 횡성 영월 평창 정선
    철원 화천 양구 인제 고성 양양 청주 충주 제천 옥천 증평 진천 괴산 단양 천안 공주 보령 아산 서산 논산 계룡 당진 금산
    부여 서천 청양 홍성 태안 전주 군산 익산 정읍 남원 김제 완주 진안 무주 임실 순창 고창 부안 목포 여수 순천 나주 광양
    담양 곡성 구례 고흥 화순 장흥 강진 해남 영암 무안 함평 장성 완도 진도 신안 포항 경주 김천 안동 구미 영주 영천 상주
    문경 경산 의성 청송 영양 영덕 청도 고령 칠곡 예천 봉화 울진 울릉 창원 진주 통영 사천 김해 밀양 거제 양산 의령 함안
    창녕 남해 하동 산청 함양 거창 합천 서귀포 강남 서초 송파 강동 마포 용산 종로 성동 광진 동대문 중랑 성북 강북 도봉
    노원 은평 서대문 양천 강서 구로 금천 영등포 동작 관악 해운대 수영 기장 수성 달서 유성 연수 부평 계양 미추홀""".split())
_METROPOLITAN_KO = set("""서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 제주 충북 충남 전북 전남 경북 경남
    충청북 충청남 전라북 전라남 경상북 경상남""".split())
_LOCAL_PLACES_KO = _CITIES_KO | _METROPOLITAN_KO
_NOT_DISTRICTS_KO = {"연구", "요구", "지구", "추구", "기구", "도구", "창구", "출구", "입구", "가구", "인구", "친구", "탐구", "청구",
                     "복구", "강구", "촉구", "당시", "동시", "즉시", "지시", "수시", "감시", "전시", "개시", "게시", "무시"}
_PLACE_AFTER_KO = re.compile(r" (?:(?:아파트|지역|일대|일원|소재|인근|전역|곳곳|주민|시민|도민|구민|군민)|"
                             r"(?P<city>[가-힣]{1,4}?)(?:시|군|구)?)(?:[은는이가의에을를도]|에서|에는)?(?![가-힣])")
# a place's government: its name, the kind of place, and its hall ("서울특별시", "충북도청", "청주시")
_LOCAL_GOVERNMENT_KO = re.compile(r"(?P<place>[가-힣]{1,4}?)(?:특별자치시|특별자치도|특별시|광역시|시|도|군|구)(?P<hall>청)?")
_VENUE_AFTER_KO = re.compile(r"(?:에서|앞|광장|본관|별관|청사)(?![가-힣])| (?:앞|광장|본관|별관|청사|대회의실|브리핑룸)")


def _names_a_place(body: str, start: int, alias: str, kind: str) -> bool:
    """A local government's name that names a place, not the government: before a city or county of it
    ("경기도 안산의", "경기도 화성시"), before a word of places and the people there ("세종시 아파트", "서울시 주민"), or its
    hall as a venue ("서울시청에서 브리핑을 열고")."""
    local = _LOCAL_GOVERNMENT_KO.fullmatch(alias)
    if kind != "government" or local is None or local.group("place") not in _LOCAL_PLACES_KO:
        return False  # 국세청, 연방준비제도, 주한미군: not a place's government
    end = start + len(alias)
    if local.group("hall"):
        return bool(_VENUE_AFTER_KO.match(body, end))
    if local.group("place") not in _METROPOLITAN_KO:
        # a city or county acts where a particle of subject, topic, company or possession follows ("청주시가",
        # "천안시와"); bare before another word or with a particle of place it is the place ("경기 성남시 판교",
        # "천안시에 공장을", "원주시 등 12곳")
        return not re.match(r"(?:은|는|이|가|와|과|의|도|만|와의|과의|에 따르면)(?![가-힣])| 관계자", body[end:end + 6])
    after = _PLACE_AFTER_KO.match(body, end)
    if after is None:
        return False
    city = after.group("city")
    if city is None:
        return True
    word = re.match(r" ([가-힣]+)", body[end:]).group(1)
    return city in _CITIES_KO or (word.endswith(("시", "군", "구")) and len(word) >= 2 and word not in _NOT_DISTRICTS_KO
                                  and not word.endswith(("위원회", "연구")))


# what makes a longer name of an alias: more words of a name ("Lotte| Entertainment"), not a possessive or the
# next sentence ("National Assembly|'s Special Committee", "Korea Exchange|. Samsung Electronics")
_NAME_CONTINUES_EN = re.compile(r"(?: (?:[A-Z][\w&-]*|&|of|for|on|the))+\.?")


def _english_names(body: str, aliases: dict[str, tuple[str, str]]) -> list[tuple[str, int, str, str]]:
    """(name, start, type, canonical) of every English name ending like an organization ("Lotte Entertainment",
    "Ministry of Trade, Industry and Energy")."""
    names = []
    for m in _EN_ORG.finditer(body):
        group = "name" if m.group("name") else "ministry"
        name, start = m.group(group), m.start(group)
        while (lead := _EN_LEADING.match(name)) is not None:
            name, start = name[lead.end():], start + lead.end()
        # "Nexar Inc. Nexar said": a legal form with its dot ends the name; what follows starts a sentence
        name = _LEGAL_FORM_THEN_MORE.split(name)[0]
        if " of " in name and name.split(" of ")[0].split()[-1] not in _OF_HEADS:
            # "Lee Do-yun of Blue Harbor Pictures": the organization is what follows "of"
            cut = name.index(" of ") + 4
            name, start = name[cut:], start + cut
            if name.startswith("the "):
                name, start = name[4:], start + 4
        if " " not in name and group == "name" and not name.endswith((".", "Electronics", "Securities")):
            continue  # a lone "Union" or "Court": a word, not a name
        kind = "government" if group == "ministry" else _en_type(name)
        names.append((name, start, kind, _en_canonical(name, aliases)))
    return names


def find_organizations(body: str, aliases: dict[str, tuple[str, str]] | None = None,
                       proper: set[int] | None = None) -> list[OrganizationMention]:
    """proper: offsets kiwi tags as proper nouns; with them, a name after a kind of company is found too."""
    aliases = aliases if aliases is not None else alias_table()
    mentions: list[OrganizationMention] = []
    taken: set[int] = set()

    def add(surface: str, canonical: str, kind: str, start: int, from_table: bool) -> None:
        end = start + len(surface)
        if surface in NOT_ORGANIZATIONS or (not from_table and (surface in GENERIC_KO or re.search(
                r"(?:사업그룹|사업부|사업본부)$", surface))) or taken.intersection(range(start, end)):
            return
        taken.update(range(start, end))
        mentions.append(OrganizationMention(surface=surface, canonical=canonical, type=kind,
                                            start=start, end=end, from_alias_table=from_table))

    english = _english_names(body, aliases)
    longer_english = {start: (name, canonical) for name, start, _, canonical in english}
    for start, alias in find_aliases(body, aliases):
        canonical, kind = aliases[alias]
        longer = longer_english.get(start)
        if longer and longer[1] != canonical and _NAME_CONTINUES_EN.fullmatch(longer[0], len(alias)):
            continue  # "Lotte Entertainment" is not Lotte: the alias starts a longer name of another organization
        if _names_a_place(body, start, alias, kind):
            taken.update(range(start, start + len(alias)))  # nor is it an organization by its suffix (시청)
            continue
        described = _DESCRIBED_KO.match(alias)
        if described and aliases.get(alias[described.end():], ("",))[0] == canonical:
            if described.group(1) in aliases:  # 국회 is a mention of its own
                add(described.group(1), *aliases[described.group(1)], start, True)
            alias, start = alias[described.end():], start + described.end()
        add(alias, canonical, kind, start, True)
    for m in _KO_ORG.finditer(body):
        name = m.group("name")
        kind = next(t for s, t in SUFFIX_TYPES if name.endswith(s))
        if name.endswith("공사") and body.startswith("장", m.end("name")):
            continue  # 아파트공사장: a construction site
        if len(name) > len(next(s for s, _ in SUFFIX_TYPES if name.endswith(s))):
            add(name, _ko_local_canonical(name, aliases), kind, m.start("name"), False)
    for m in _KO_LEGAL_FORM.finditer(body):
        # "법무법인 새온", "사단법인 한국소비자연맹": the legal form names an organization no table knows
        name = m.group("name")
        particle = next((x for x in _PARTICLES_KO if name.endswith(x) and len(name) - len(x) >= 2), "")
        surface = m.group()[:len(m.group()) - len(particle)]
        kind = "company" if m.group("form") in ("법무법인", "회계법인", "주식회사") else "association"
        add(surface, surface, kind, m.start(), False)
    for name, start, kind, canonical in english:
        add(name, canonical, kind, start, False)
    for m in list(mentions):
        # "Arcadia Silicon Inc. … Arcadia Silicon said": the name again without its legal form
        short = _LEGAL_FORM_EN.sub("", m["surface"])
        if not m["from_alias_table"] and short != m["surface"] and " " in short:
            for again in re.finditer(rf"(?<![\w&'-]){re.escape(short)}(?![\w&-])", body):
                add(short, m["canonical"], m["type"], again.start(), False)
            first = short.split()[0]
            if len(first) >= 4 and first not in _GENERIC_FIRST_EN and first.isalpha() and first[1:].islower():
                # "Arcadia Silicon Inc. … Arcadia's chips": a distinctive first word alone, followed by no other
                # capitalized word (which would make it another name)
                for again in re.finditer(rf"(?<![\w&'-]){re.escape(first)}(?![\w&-])(?! [A-Z])", body):
                    add(first, m["canonical"], m["type"], again.start(), False)
        words = m["surface"].split()
        if aliases.get(words[0], (m["canonical"],))[0] == m["canonical"] and len(words) == 2 \
                and words[1] in _COMPANY_WORDS_EN and len(words[0]) >= 4 \
                and words[0] not in _GENERIC_FIRST_EN and words[0].isalpha() and words[0][1:].islower() \
                and not re.search(rf"\b{re.escape(words[0])} [A-Z][a-z]+-[a-z]+", body):
            # "Fenwick Robotics … Fenwick said": a company's own word before what it does is the company (unless the
            # article names a person so: "Park Robotics" and "Park Ji-ho"), a name the table knows too ("Murata
            # Manufacturing … Murata said") unless that word alone names another organization
            for again in re.finditer(rf"(?<![\w&'-]){re.escape(words[0])}(?![\w&-])(?! [A-Z])", body):
                add(words[0], m["canonical"], m["type"], again.start(), False)
    if proper is not None:
        for m in _CLASSIFIED_KO.finditer(body):
            name = m.group("name")
            name = name[:len(name) - len(next((x for x in _PARTICLES_KO if name.endswith(x) and len(name) - len(x) >= 2),
                                               ""))]  # 미래온페이는: the name without its particle
            if name not in _NOT_COMPANY_KO and any(i in proper for i in range(m.start("name"), m.start("name") + len(name))):
                kind = "association" if m.group("kind") in _GROUP_KINDS_KO else "company"
                add(name, aliases.get(name, (name,))[0], kind, m.start("name"), name in aliases)
                for at in _as_a_word(body, name):  # and wherever else it stands as a word (블루아워는 …)
                    add(name, aliases.get(name, (name,))[0], kind, at, name in aliases)
        for m in _QUOTED_GROUP_KO.finditer(body):
            name = m.group("name")
            if name not in _NOT_COMPANY_KO:
                add(name, aliases.get(name, (name,))[0], "association", m.start("name"), name in aliases)
                for at in _as_a_word(body, name):
                    add(name, aliases.get(name, (name,))[0], "association", at, name in aliases)
        from .people import COMMON_SURNAMES, PLACES_KO  # people imports this module

        for m in _COMPANY_HAS_KO.finditer(body):
            name = m.group("name")
            if (name in PLACES_KO or name in GENERIC_KO or name in _NOT_COMPANY_KO
                    or (len(name) == 3 and name[0] in COMMON_SURNAMES)  # 김민수의 주식: a person's
                    or not all(i in proper for i in range(m.start("name"), m.end("name")))):
                continue
            for at in _as_a_word(body, name):
                add(name, aliases.get(name, (name,))[0], "company", at, name in aliases)
    if proper is not None:
        from .people import PLACES_KO  # people imports this module

        for m in _ROLE_AFTER_KO.finditer(body):
            word = _WORD_BEFORE_KO.search(body, max(0, m.start() - 15), m.start())
            if word is None or (len(word.group()) < 5 and not m.group("org_only")):
                continue
            name, start = word.group(), word.start()
            if (name in PLACES_KO or name in NOT_ORGANIZATIONS or name in GENERIC_KO
                    or not all(i in proper for i in range(start, start + len(name)))):
                continue
            at = body.find(name)
            while at >= 0:  # the name wherever it stands as a word (라피더스는, 라피더스와)
                if not re.match(r"[가-힣A-Za-z0-9&]", body[at - 1:at]) and _KO_NAME_END_RE.match(body, at + len(name)):
                    add(name, aliases.get(name, (name,))[0], "company", at, name in aliases)
                at = body.find(name, at + len(name))
        # "다온엔터테인먼트 … 다온 측은": a company's name without the loanword that says what it does, when no other
        # company of the article starts so (한빛케미칼 and 한빛에너지 leave 한빛 to their group) and no table knows it
        stems: dict[str, set[str]] = {}
        for m in mentions:
            if not m["from_alias_table"] and m["surface"].endswith(_DROPPED_SUFFIXES_KO):
                stem = re.sub("(?:" + "|".join(_DROPPED_SUFFIXES_KO) + ")$", "", m["surface"])
                stems.setdefault(stem, set()).add(m["canonical"])
        for stem, canonicals in stems.items():
            if len(canonicals) > 1 or len(stem) < 2 or not re.fullmatch(r"[가-힣]+", stem) or stem in aliases \
                    or stem in PLACES_KO or stem in GENERIC_KO:
                continue
            for at in _as_a_word(body, stem):
                if all(i in proper for i in range(at, at + len(stem))):
                    add(stem, next(iter(canonicals)), "company", at, False)
    # (the last two only where their words are: most articles have neither, and the scans cost)
    owned = _OWNED_BY_ORG_EN.finditer(body) if _OWNED_CUE_EN.search(body) else ()
    statement = _STATEMENT_EN.finditer(body) if re.search(r" in (?:a|its) [a-z -]*(?:statement|filing|release|disclosure)",
                                                        body) else ()
    for m in [*_CLASSIFIED_EN.finditer(body), *_KIND_BEFORE_EN.finditer(body), *owned, *statement]:
        group = next(g for g in ("name", "head", "at", "of") if m.groupdict().get(g))
        name, start = m.group(group), m.start(group)
        if _EN_LEADING.match(name + " ") or re.search(r"\b[A-Z][a-z]+-[a-z]+\b", name) or name in NOT_ORGANIZATIONS \
                or (m.re is _KIND_BEFORE_EN and (_NOT_NAME_EN.match(name) or _NAME_GOES_ON_EN.match(body, m.end()))):
            continue  # "The firm, a …"; "Kang Tae-oh, a …" is a person's romanized name; "maker Monday said"
        canonical = _en_canonical(name, aliases)
        if m.re is _OWNED_BY_ORG_EN:
            if _NOT_NAME_EN.match(name) or name.split()[0] in _GENERIC_FIRST_EN:
                continue  # "Korea's shares", "South Korea's", "Samsung's" (the table's)
            # "Fenwick's chief executive" after "Fenwick Foods Inc.": the longer name's organization
            longer = next((x for x in mentions if x["surface"].startswith(name + " ")), None)
            canonical = longer["canonical"] if longer and name not in aliases else canonical
        if m.re is _STATEMENT_EN and (name in _FUNCTION_WORDS_EN or _NOT_NAME_EN.match(name)
                                      or name in _GENERIC_FIRST_EN or _named_as_a_person(body, name)
                                      or re.search(rf"\b(?:in|to|from|near|outside|across) {re.escape(name)}\b(?!['’])", body)
                                      or not (name.isupper() or re.search(rf"[a-z,] {re.escape(name)}\b", body))
                                      or (before := _NAME_BEFORE_EN.search(body[max(0, start - 40):start])) is not None
                                      and before.group().strip() not in _FUNCTION_WORDS_EN):
            continue  # "Officials said …": capitalized only where a sentence starts; "… and Fisheries"; "in Moscow"
        for again in re.finditer(rf"(?<![\w&'-]){re.escape(name)}(?![\w&-])", body):
            add(name, canonical, "company", again.start(), name in aliases)
    # "세계이동통신사업자연합회(GSMA)": an unknown acronym in brackets names the organization before it.
    for m in re.finditer(r"\((?P<acro>[A-Z][A-Za-z&]{1,9})\)", body):
        before = next((x for x in mentions if x["end"] == m.start()), None)
        if before and m.group("acro") not in NOT_ORGANIZATIONS:
            add(m.group("acro"), before["canonical"], before["type"], m.start("acro"), before["from_alias_table"])
    # "전국민주노동조합총연맹(민주노총)": a Korean short name in brackets whose letters the name before it has in that
    # order is its abbreviation, here and wherever it stands as a word later (민주노총은)
    for m in re.finditer(r"\((?P<short>[가-힣]{2,6})\)", body):
        before = next((x for x in mentions if x["end"] == m.start()), None)
        short = m.group("short")
        if before is None or short == before["surface"] or not re.search(".*".join(map(re.escape, short)), before["surface"]):
            continue
        at = m.start("short")
        while at >= 0:
            if not re.match(r"[가-힣A-Za-z0-9&]", body[at - 1:at]) and _KO_NAME_END_RE.match(body, at + len(short)):
                add(short, before["canonical"], before["type"], at, before["from_alias_table"])
            at = body.find(short, at + len(short))
    return _same_organization_shortened(sorted(mentions, key=lambda x: x["start"]))


def _same_organization_shortened(mentions: list[OrganizationMention]) -> list[OrganizationMention]:
    """A name no table knows that shortens another name in the article is that organization: "한빛대병원" after
    "한빛대학교병원", "게임산업협회" after "한국게임산업협회", "the Fishing Village Cooperative" after "Gwideok …"."""
    for m in mentions:
        if m["from_alias_table"]:
            continue
        short = m["surface"]
        longer = [o for o in mentions if o is not m and len(o["surface"]) > len(short) and (
            o["surface"].endswith((" " + short) if re.search(r"[A-Za-z]$", short) else short)
            or (short.endswith("대병원") and o["surface"] == short[:-3] + "대학교병원"))]
        if longer:
            m["canonical"], m["type"] = longer[0]["canonical"], longer[0]["type"]
    return mentions
