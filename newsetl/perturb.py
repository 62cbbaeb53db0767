"""Metamorphic rewrites of a gold article and its annotation: changes a correct reader's answer would not depend on.

Each perturbation rewrites the article text and every gold string (names, speakers, surfaces, quote texts) with the
same function, so the gold stays true of the new text. Scoring the rewritten development set shows which rules
depend on the particular words of our articles:

- ``people``: every person gets another fictional name (Korean: another surname, rarer ones and 남궁/제갈
  compounds included, one- or two-syllable given names; English: other shapes, "Maria T. Reyes", "Sean O'Neill",
  "Anne-Marie Dubois", "Tak Hyuk"); short forms follow ("송 대표" -> "황 대표", "Kim said" -> "Reyes said");
- ``organizations``: invented or little-known companies, associations, schools and groups get another invented
  stem, keeping their telling suffix (한결케미칼 -> 세리온케미칼, Halo Holdings -> Veltrix Holdings); government
  bodies, courts, media and the alias table's organizations keep their names;
- ``quote_marks``: every double-quote pair takes one style per article ("…", “…”, and 「…」 in Korean);
- ``verbs``: reporting verbs swap for equivalents where the grammar allows (말했다/밝혔다/설명했다 after a quoted
  clause; said/added/told reporters).
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable

from .extract.organizations import alias_table
from .extract.people import _GLUED_TITLES, COMPOUND_SURNAMES, TITLES_KO

PERTURBATIONS = ("people", "organizations", "quote_marks", "verbs")

# New Korean surnames: frequent ones, rarer ones and compounds (a correct reader knows 편, 탁, 육 and 제갈 too)
_SURNAMES_KO = (list("강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천")
                + list("편탁봉육변추여함염맹왕길석설옥명현용")
                + ["남궁", "제갈", "선우", "황보", "독고"])
_GIVEN_KO = ("서진 도윤 하람 윤슬 지안 태오 은채 가온 라온 세아 시우 예준 하율 채원 주원 다인 연우 서하 로운 지호 수아 "
             "건우 해든 민결 소율 정훈 영재 혜린 나래 보람 한별 새롬 예린 준서 승윤 다올 이솔 찬희 유진").split()
_GIVEN_KO_SHORT = "혁 율 찬 솔 건 훈 린 진".split()  # not 결, 담: 표결, 민담 read as words
# English families: (surname, korean order?) and given names of several shapes
_SURNAMES_EN = ["Reyes", "O'Neill", "Okafor", "Lindqvist", "Castellanos", "Whitaker-Boyd", "Dubois", "Fitzgerald",
                "Kowalczyk", "Haddad", "Moreau", "Sandoval", "Ferreira", "Brennan", "McAllister", "Abernathy"]
_GIVEN_EN = ["Maria", "Sean", "Aisling", "Tomasz", "Priya", "Lucas", "Anne-Marie", "Jean-Luc", "Olusegun", "Henrik",
             "Ines", "Mateo", "Grace", "Rafael", "Noor", "Elena"]
_INITIALS_EN = ["J.", "T.", "R.", "K."]
_SURNAMES_ROMAN = ["Hwang", "Namgung", "Jegal", "Pyeon", "Tak", "Yook", "Eom", "Byun", "Chu", "Yeo", "Ham", "Pyo",
                   "Maeng", "Wang", "Gil", "Seok", "Seol", "Bang", "Hyun", "Gong", "Ban", "Seon"]
_GIVEN_ROMAN = ["Ji-ho", "Seo-yeon", "Do-yun", "Ha-eun", "Tae-oh", "Eun-chae", "Ga-on", "Ra-on", "Se-ah", "Yun-seul",
                "Min-gyeol", "Hyuk", "Yul", "Chan"]
# Invented organization stems: Korean spelling and its romanization
_STEMS = [("세리온", "Serion"), ("다온", "Daon"), ("루벤타", "Ruventa"), ("가람누리", "Garamnuri"), ("벨트릭스", "Veltrix"),
          ("한솔빛", "Hansolbit"), ("오로라인", "Auroline"), ("미르온", "Mireon"), ("코렌스", "Korens"),
          ("새봄", "Saebom"), ("이음누리", "Ieumnuri"), ("파로스", "Pharos"), ("누리벨", "Nuribel"), ("아스텔", "Astel")]
_RENAMED_TYPES = {"company", "association", "other", "union", "university", "research"}
# English words that describe rather than name: the invented stem replaces the first word that is none of these
_GENERIC_EN = set("""Korea Korean Seoul National The of and for & Federation Association Associations Startup Parents
    Youth Policy Institute Asset Management Money Alliance Fishing Village Middle High School University Cooperative
    Forum Holdings Entertainment Securities Investment Corp. Inc. Co. Ltd. Brokerage Services Precision Patients
    Organizations Merchants Alley Digital Rights Teachers Teachers' Education Workers Union Group Bank Fisheries
    Cooperatives Haenyeo Council Foundation Center Centre Society League Partners Capital Labs Jeju Busan Incheon
    Daegu Gwangju Daejeon Ulsan Sejong Mapo Gangnam""".split())
# Real, well-known organizations the alias table happens to lack: they keep their names
_REAL_STEMS = {"Shinhan", "Konkuk", "Shin", "Strategic", "Lotte", "Morgan", "Lazard", "Munhakdongne", "Drewry",
               "Maritime"}
# a romanized Korean name puts the family name first: "Kang Tae-won", "Lee Jae Myung", "Tak Hyuk"
_ROMAN_KOREAN = re.compile(r"^[A-Z][a-z]{1,6} [A-Z][a-z]+-[a-z]+$|^(?:Kim|Lee|Park|Choi|Jung|Chung|Kang|Cho|Yoon|Jang|"
                           r"Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Yoo|Hong|Jeon|Ko|Moon|Yang|Son|Bae|Baek|Heo|Nam|"
                           r"Noh|Ha|Kwak|Sung|Cha|Joo|Woo|Koo|Min|Ryu|Jin|Na|Ji|Eom|Chae|Won|Cheon|Bang|Gong|Hyun|Byun|"
                           r"Yeo|Chu|Seok|Seol|Gil|Pyo|Wang|Ok|Yook|Tak|Pyeon|Namgung|Jegal|Seon|Ham|Maeng|"
                           # Chinese names keep that order too: "Liang Wenjie"
                           r"Li|Zhang|Liu|Chen|Zhao|Huang|Zhou|Wu|Xu|Sun|Zhu|Hu|Guo|He|Lin|Gao|Liang|Xi|Xie|Tang|Deng)"
                           r"(?: [A-Z][a-z]+){1,2}$")


# where an English name ends: not inside a longer word, but a possessive may follow ("Marco Dias's header")
_WORD_END_EN = r"(?![\w-])(?!['’](?![sS]\b))"


class Rewriter:
    """Ordered (pattern, replacement) pairs applied at once: a replacement is never rewritten again."""

    def __init__(self) -> None:
        self.rules: list[tuple[re.Pattern, str]] = []

    def add(self, pattern: str, replacement: str) -> None:
        self.rules.append((re.compile(pattern), replacement))

    def __call__(self, text: str) -> str:
        finals: list[str] = []

        def hold(replacement: str) -> Callable[[re.Match], str]:
            def put(_: re.Match) -> str:
                finals.append(replacement)
                return f"\x00{len(finals) - 1}\x00"
            return put

        for pattern, replacement in self.rules:
            text = pattern.sub(hold(replacement), text)
        return re.sub(r"\x00(\d+)\x00", lambda m: finals[int(m.group(1))], text)


def _korean_person(name: str) -> tuple[str, str] | None:
    """(surname, given name) of a Korean-shaped name, or None (a foreign name in Hangul keeps its name)."""
    if not re.fullmatch(r"[가-힣]{2,4}", name):
        return None
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return (name[0], name[1:]) if len(name) <= 3 else None


def _short_en(name: str) -> str:
    """The word an English article calls a person by: a romanized Korean's family name comes first."""
    return name.split()[0] if _ROMAN_KOREAN.match(name) else name.split()[-1]


# a title may carry a department or a rank glued in front: '정 선임연구위원', '김 경제정책국장'
_TITLE_AFTER_SURNAME = ("(?= (?:전 |前 |현 )?[가-힣]{0,8}?(?:" + "|".join(map(re.escape, sorted({*TITLES_KO, *_GLUED_TITLES}, key=len, reverse=True)))
                        + r")(?:$|[^가-힣]|님|[은는이가도의께에와과를을로다](?:$|[^가-힣]))| ?씨)")


def _rename_people(gold: dict, text: str, rng: random.Random, language: str, rewriter: Rewriter) -> None:
    names = sorted({p["name"] for p in gold["people"]}, key=lambda n: (-len(n), n))  # fixed order: same seed, same names
    taken = set()
    if language == "ko":
        family: dict[str, str] = {}
        for name in names:
            parts = _korean_person(name)
            if not parts:
                continue
            surname = parts[0]
            if surname not in family:
                family[surname] = rng.choice([s for s in _SURNAMES_KO if s != surname and s not in family.values()])
            for _ in range(50):
                given = rng.choice(_GIVEN_KO_SHORT if rng.random() < 0.15 else _GIVEN_KO)
                new = family[surname] + given
                if new not in taken and new not in text:
                    break
            taken.add(new)
            rewriter.add(rf"(?<![가-힣]){re.escape(name)}", new)
        for surname, new in sorted(family.items(), key=lambda kv: -len(kv[0])):
            rewriter.add(rf"(?<![가-힣]){re.escape(surname)}{_TITLE_AFTER_SURNAME}", new)
        return
    family_en: dict[str, tuple[str, bool]] = {}
    for name in names:
        if not re.fullmatch(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){1,3}", name):
            continue
        short = _short_en(name)
        if short not in family_en:
            korean_order = rng.random() < 0.4
            pool = _SURNAMES_ROMAN if korean_order else _SURNAMES_EN
            used = {s for s, _ in family_en.values()}
            family_en[short] = (rng.choice([s for s in pool if s not in used and s not in text]), korean_order)
        surname, korean_order = family_en[short]
        for _ in range(50):
            if korean_order:
                new = f"{surname} {rng.choice(_GIVEN_ROMAN)}"
            else:
                given = rng.choice(_GIVEN_EN)
                new = f"{given} {rng.choice(_INITIALS_EN)} {surname}" if rng.random() < 0.3 else f"{given} {surname}"
            if new not in taken:
                break
        taken.add(new)
        rewriter.add(rf"(?<![\w'-]){re.escape(name)}{_WORD_END_EN}", new)
    for short, (surname, _) in sorted(family_en.items(), key=lambda kv: -len(kv[0])):
        # the short form alone, not the first word of another (unrenamed) full name
        rewriter.add(rf"(?<![\w'-]){re.escape(short)}{_WORD_END_EN}(?! [A-Z][a-z]+-[a-z])", surname)


def _korean_stem(surfaces: list[str]) -> str:
    """The invented part of a Korean organization's names: their common start, less a telling suffix."""
    from .extract.organizations import SUFFIX_TYPES

    common = surfaces[0]
    for s in surfaces[1:]:
        while not s.startswith(common):
            common = common[:-1]
    for suffix, _ in sorted(SUFFIX_TYPES, key=lambda st: -len(st[0])):
        if common.endswith(suffix) and len(common) - len(suffix) >= 2:
            common = common[:-len(suffix)]
            break
    if len(common) >= 3 and common.endswith("대"):  # 한빛대학교병원 and 한빛대병원: the school's short form
        common = common[:-1]
    # a long stem is mostly a description (한국환자단체연합회: 한국환자단체): such organizations keep their names
    return common if len(common) <= 4 else ""


def _rename_organizations(gold: dict, text: str, rng: random.Random, language: str, rewriter: Rewriter) -> None:
    aliases = alias_table()
    known = set(aliases) | {c for c, _ in aliases.values()}
    stems: dict[str, tuple[str, str]] = {}
    free = [s for s in _STEMS if s[0] not in text and s[1] not in text]
    rng.shuffle(free)
    for org in gold["organizations"]:
        surfaces = org["mentions_include"]
        if (org["type"] not in _RENAMED_TYPES or org["canonical"] not in surfaces
                or known & {org["canonical"], *surfaces}):
            continue
        hangul = [s for s in surfaces if re.search(r"[가-힣]", s)]
        if language == "ko" and hangul:
            stem = _korean_stem(hangul)
            latin = [s for s in surfaces if s not in hangul]
            if not stem or any(not s.startswith(stem) for s in hangul) or any(not s.isupper() for s in latin):
                continue
        else:
            words = [w for w in org["canonical"].split() if w not in _GENERIC_EN and re.fullmatch(r"[A-Z][\w'-]+", w)]
            if not words or any(words[0] not in s for s in surfaces):
                continue
            stem = words[0]
            if stem in _REAL_STEMS:
                continue
        if stem not in stems:
            if not free:
                return
            stems[stem] = free.pop()
    for stem, (korean, roman) in sorted(stems.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"[가-힣]", stem):
            rewriter.add(rf"(?<![가-힣]){re.escape(stem)}", korean)
        else:
            rewriter.add(rf"(?<![\w'-]){re.escape(stem)}{_WORD_END_EN}", roman)
    for org in gold["organizations"]:  # an all-capital Latin name of a Korean organization: NOVALIN -> SERION
        for s in org["mentions_include"]:
            stem = next((k for k in stems if re.search(r"[가-힣]", k) and s.isupper()
                         and any(h.startswith(k) for h in org["mentions_include"])), None)
            if stem:
                rewriter.add(rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])", stems[stem][1].upper())


_PAIRS = re.compile(r'"(?P<a>[^"\n]+?)"|“(?P<b>[^”\n]+?)”|「(?P<c>[^」\n]+?)」')


def _swap_quote_marks(text: str, rng: random.Random, language: str) -> Callable[[str], str]:
    styles = [('"', '"'), ("“", "”")] + ([("「", "」")] if language == "ko" else [])
    opening, closing = rng.choice(styles)
    return lambda s: _PAIRS.sub(lambda m: opening + (m.group("a") or m.group("b") or m.group("c")) + closing, s)


_KO_VERBS = ("말했다", "밝혔다", "설명했다")
_KO_VERB = re.compile(r"(?<=[고며] )(?P<v>말했다|밝혔다|설명했다)")
_EN_SAID = re.compile(r"(?<![Ww]as )(?<![Ww]ere )(?<![Ii]s )(?<![Bb]e )(?<![Bb]een )\bsaid\b(?P<next> [A-Z])?")


def _swap_verbs(text: str, rng: random.Random, language: str) -> Callable[[str], str]:
    if language == "ko":
        order = list(_KO_VERBS)
        rng.shuffle(order)
        mapping = dict(zip(_KO_VERBS, order, strict=True))
        return lambda s: _KO_VERB.sub(lambda m: mapping[m.group("v")], s)
    plain, inverted = rng.choice([("told reporters", "added"), ("added", "added"), ("told reporters", "said")])

    def swap(m: re.Match) -> str:
        # 'said Jane Doe' takes 'added' only; 'Doe said the …' takes either
        return (inverted + m.group("next")) if m.group("next") else plain
    return lambda s: _EN_SAID.sub(swap, s)


def perturb(text: str, gold: dict, kinds: tuple[str, ...], rng: random.Random) -> tuple[str, dict]:
    """The article text and its gold, both rewritten by the chosen perturbations."""
    language = gold.get("article", {}).get("language", "ko")
    gold = copy.deepcopy(gold)
    steps: list[Callable[[str], str]] = []
    rewriter = Rewriter()
    if "people" in kinds:
        _rename_people(gold, text, rng, language, rewriter)
    if "organizations" in kinds:
        _rename_organizations(gold, text, rng, language, rewriter)
    steps.append(rewriter)
    if "quote_marks" in kinds:
        steps.append(_swap_quote_marks(text, rng, language))
    if "verbs" in kinds:
        steps.append(_swap_verbs(text, rng, language))

    def rewrite(s):
        for step in steps:
            s = step(s) if isinstance(s, str) else s
        return s

    for quote in gold["quotes"]:
        for key in ("text", "text_contains", "speaker", "speaker_org"):
            if quote.get(key):
                quote[key] = rewrite(quote[key])
    for org in gold["organizations"]:
        org["canonical"] = rewrite(org["canonical"])
        org["mentions_include"] = [rewrite(s) for s in org["mentions_include"]]
    for person in gold["people"]:
        person["name"] = rewrite(person["name"])
        person["organization"] = rewrite(person.get("organization"))
    gold["not_organizations"] = [rewrite(s) for s in gold.get("not_organizations", [])]
    if "title" in gold.get("article", {}):
        gold["article"]["title"] = rewrite(gold["article"]["title"])
    return rewrite(text), gold
