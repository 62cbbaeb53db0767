from datetime import date

import pytest
from conftest import SAMPLE, fold
from test_clean import clean_bytes

from newsetl.extract import extract_article
from newsetl.extract.dates import find_dates
from newsetl.extract.organizations import find_organizations
from newsetl.extract.text import sentence_spans


@pytest.fixture(scope="module")
def sample_article():
    [article], _ = clean_bytes(SAMPLE.read_bytes(), str(SAMPLE))
    return article


@pytest.fixture(scope="module")
def sample_facts(sample_article):
    return extract_article(sample_article)


def test_every_gold_direct_quote_is_found_with_its_speaker(sample_facts, gold):
    direct = [q for q in sample_facts["quotes"] if q["kind"] == "direct"]
    expected = [q for q in gold["quotes"] if q["kind"] == "direct"]
    assert len(direct) == len(expected) == 11
    by_text = {fold(q["text"]): q for q in direct}
    for want in expected:
        got = by_text[fold(want["text"])]
        assert got["speaker"] == want["speaker"], want["text"][:20]
        assert got["speaker_org"] == want["speaker_org"], want["text"][:20]
        assert got["cue"] == want["cue"], want["text"][:20]


def test_quote_offsets_point_into_the_body(sample_article, sample_facts):
    for q in sample_facts["quotes"]:
        if q["kind"] == "direct":
            assert sample_article["body"][q["start"]:q["end"]] == q["text"]
            assert q["sentence_start"] <= q["start"] < q["end"] <= q["sentence_end"]


def test_headline_quote_is_flagged(sample_facts, gold):
    [headline] = [q for q in sample_facts["quotes"] if q["kind"] == "headline"]
    [want] = [q for q in gold["quotes"] if q["kind"] == "headline"]
    assert headline["text"] == want["text"]
    assert headline["speaker"] == want["speaker"]


def test_pronoun_after_another_speakers_quote_means_the_topic_person(sample_facts):
    quote = next(q for q in sample_facts["quotes"] if q["text"].startswith("AI 시대 빅테크"))
    assert quote["speaker"] == "김영섭"  # the previous quote was Nadella's


def test_organizations_are_canonicalized_and_concepts_are_not_organizations(sample_facts, gold):
    found = {(o["surface"], o["canonical"]) for o in sample_facts["organizations"]}
    canon = {o["canonical"] for o in sample_facts["organizations"]}
    for org in gold["organizations"]:
        if org["canonical"] == "아주경제":
            continue  # the outlet comes from the byline, not the body
        assert org["canonical"] in canon
        for surface in org["mentions_include"]:
            assert (surface, org["canonical"]) in found, surface
    surfaces = {o["surface"] for o in sample_facts["organizations"]}
    assert not surfaces & set(gold["not_organizations"])


def test_people_with_title_and_organization(sample_facts, gold):
    people = {(p["name"], p["title"], p["organization"]) for p in sample_facts["people"]}
    for person in gold["people"]:
        if person["title"] == "기자":
            continue  # the reporter comes from the byline
        assert (person["name"], person["title"], person["organization"]) in people


def test_sample_events_are_typed_and_dated(sample_facts):
    events = {(e["type"], e["date"]) for e in sample_facts["events"]}
    assert ("partnership", "2024-09-30") in events
    assert any(kind in ("conference", "keynote") and day == "2024-10-01" for kind, day in events)
    partnership = next(e for e in sample_facts["events"] if e["type"] == "partnership")
    assert {"KT", "Microsoft"} <= set(partnership["participants"])


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("지난달 30일 협약", date(2024, 10, 1), date(2024, 9, 30)),
        ("지난달 30일 협약", date(2024, 10, 15), date(2024, 9, 30)),
        ("1일 서울에서", date(2024, 10, 1), date(2024, 10, 1)),
        ("30일 발표", date(2024, 10, 1), date(2024, 9, 30)),
        ("오는 15일 개최", date(2025, 5, 8), date(2025, 5, 15)),
        ("오는 3일 개최", date(2025, 5, 8), date(2025, 6, 3)),
        ("이날 행사", date(2024, 10, 1), date(2024, 10, 1)),
        ("전날 발표", date(2024, 10, 1), date(2024, 9, 30)),
        ("다음 달 2일 출시", date(2025, 5, 13), date(2025, 6, 2)),
        ("지난 달 28일", date(2025, 5, 13), date(2025, 4, 28)),
        ("12월 30일 결심공판", date(2025, 1, 8), date(2024, 12, 30)),  # the nearest 30 December
    ],
)
def test_korean_relative_dates(text, published, expected):
    assert find_dates(text, "ko", published)[0][0] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("signed last Tuesday", date(2024, 3, 4), date(2024, 2, 27)),  # 2024-03-04 is a Monday
        ("on Tuesday unveiled", date(2025, 4, 8), date(2025, 4, 8)),
        ("on Sept. 30 the firms", date(2024, 10, 1), date(2024, 9, 30)),
        ("the pilot program, which starts Jan. 1", date(2025, 11, 20), date(2026, 1, 1)),
        ("is scheduled to attend a forum on Friday", date(2025, 10, 16), date(2025, 10, 17)),
    ],
)
def test_english_relative_dates(text, published, expected):
    assert find_dates(text, "en", published)[0][0] == expected


def test_latin_alias_needs_word_edges():
    surfaces = [o["surface"] for o in find_organizations("한국통신사업자연합회(KTOA)와 KT가 참여했다.")]
    assert surfaces.count("KT") == 1 and "KTOA" in surfaces


def test_sentences_do_not_split_inside_quotes():
    body = '그는 "첫 문장이다. 둘째 문장이다"라고 말했다. 다음 문장.'
    spans = sentence_spans(body)
    assert [body[s:e] for s, e in spans] == ['그는 "첫 문장이다. 둘째 문장이다"라고 말했다.', "다음 문장."]


def test_quote_without_a_speaker_is_kept_unattributed():
    from newsetl.clean.article import body_hash

    body = '한 시민은 "요금이 너무 올랐다"고 말했다.'
    article = {"article_id": "x", "body": body, "language": "ko", "title": "제목", "published_at": None,
               "body_hash": body_hash(body)}
    [quote] = extract_article(article)["quotes"]
    assert quote["speaker"] is None and quote["cue"] == "말했다"


def test_every_gold_indirect_quote_is_found_with_its_speaker_and_cue(sample_facts, gold):
    indirect = [q for q in sample_facts["quotes"] if q["kind"] == "indirect"]
    for want in (q for q in gold["quotes"] if q["kind"] == "indirect"):
        found = [q for q in indirect if fold(want["text_contains"]) in fold(q["text"])]
        assert len(found) == 1, want["text_contains"]
        assert (found[0]["speaker"], found[0]["cue"]) == (want["speaker"], want["cue"])
        assert found[0]["speaker_is_organization"] == want.get("speaker_is_organization", False)
    body = clean_bytes(SAMPLE.read_bytes())[0][0]["body"]
    assert all(body[q["start"]:q["end"]] == q["text"] for q in indirect)


def _facts(text: str):
    [article], _ = clean_bytes(text.encode())
    return extract_article(article)


def test_reported_speech_in_korean_and_english():
    ko = _facts("정부, 반도체 지원\n입력 2024.10.02 09:30\n박민수 산업통상자원부 장관은 2일 반도체 지원을 "
                "내년까지 두 배로 늘려야 한다고 강조했다. 산업통상자원부는 세부 계획을 이달 말 발표하겠다고 밝혔다. "
                + "업계는 이번 대책을 환영했다. " * 5)
    said = {(q["speaker"], q["speaker_is_organization"], q["cue"], q["text"]) for q in ko["quotes"]}
    assert ("박민수", False, "강조했다", "반도체 지원을 내년까지 두 배로 늘려야 한다") in said
    assert ("Ministry of Trade, Industry and Energy", True, "밝혔다", "세부 계획을 이달 말 발표하겠다") in said
    en = _facts("Chip aid doubled\nMarch 4, 2024 9:12 AM PST\nJane Park, the minister of industry, said that the "
                "government would double its support for chipmakers next year. " + "Markets rose on the news. " * 5)
    [quote] = [q for q in en["quotes"] if q["kind"] == "indirect"]
    assert quote["speaker"] == "Jane Park" and quote["text"].startswith("the government would double")


def test_a_keynote_at_a_named_gathering_gives_the_conference_too(sample_facts):
    events = {(e["type"], e["date"]): e for e in sample_facts["events"]}
    assert set(events) == {("keynote", "2024-10-01"), ("conference", "2024-10-01"), ("partnership", "2024-09-30")}
    conference = events["conference", "2024-10-01"]
    assert conference["name"] == "M360 APAC" and "GSMA" in conference["participants"]


def test_sample_events_have_their_venue(sample_facts):
    located = {e["type"]: e["location"] for e in sample_facts["events"]}
    assert located["keynote"] == located["conference"] == "서울 중구 조선호텔"


def test_abbreviations_end_no_sentence():
    body = "Samsung Electronics Co. said Thursday it has signed a deal. U.S. officials met on Sept. 30 in Seoul. Done."
    assert [body[s:e] for s, e in sentence_spans(body)] == [
        "Samsung Electronics Co. said Thursday it has signed a deal.", "U.S. officials met on Sept. 30 in Seoul.",
        "Done."]


@pytest.mark.parametrize(("sentence", "speaker", "cue"), [
    ('"북미 시장을 공략하겠다." 김 대표는 이렇게 말했다.', "김창한", "말했다"),
    ('김창한 크래프톤 대표는 13일 "북미 시장을 공략하겠다"고 했다.', "김창한", "했다"),
    ('"북미 시장을 공략하겠다"는 게 김 대표의 설명이다.', "김창한", "설명이다"),
    ('김 대표의 설명은 이렇다. "북미 시장을 공략하겠다."', "김창한", "이렇다"),
    ('크래프톤 측은 "북미 시장을 공략하겠다"는 입장을 밝혔다.', "Krafton", "입장을 밝혔다"),
    ('업계 관계자는 "북미 시장을 공략하겠다"고 전했다.', None, "전했다"),
])
def test_korean_attribution_shapes(sentence, speaker, cue):
    facts = _facts("크래프톤, 북미 공략\n입력 2025.06.18 10:00\n김창한 크래프톤 대표는 13일 기자간담회를 열었다. "
                   + sentence + "\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = [q for q in facts["quotes"] if q["text"].startswith("북미 시장을")]
    assert (quote["speaker"], quote["cue"]) == (speaker, cue)


@pytest.mark.parametrize(("paragraph", "expected"), [
    ('"Our exports are holding up," according to Trade Minister Ahn Duk-geun.', ("direct", "Ahn Duk-geun")),
    ("Ahn Duk-geun, the trade minister, told Yonhap News Agency that exports would grow 5 percent.",
     ("indirect", "Ahn Duk-geun")),
    ("The Bank of Korea said in a statement that it would keep rates at 3 percent.", ("indirect", "Bank of Korea")),
    ('"We will not back down," union leader Kwon Nam-il told a rally in Seoul on Saturday.', ("direct", "Kwon Nam-il")),
    ('"I am disappointed," said one investor who asked not to be named.', ("direct", None)),
    ('"We will respond," President Kang Do-yoon said.', ("direct", "Kang Do-yoon")),
])
def test_english_attribution_shapes(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"]) for q in facts["quotes"]] == [expected]


@pytest.mark.parametrize(("sentence", "speaker", "cue"), [
    ('김 대표는 "북미 시장을 공략하겠다"고 말했습니다.', "김창한", "말했습니다"),  # broadcast style
    ('"북미 시장을 공략하겠다"고 김 대표는 강조한다.', "김창한", "강조한다"),  # features in the present
    ('김 대표: "북미 시장을 공략하겠다."', "김창한", ":"),  # a transcript line
    ('크래프톤 측은 "북미 시장을 공략하겠다"고만 답했다.', "Krafton", "답했다"),
])
def test_korean_attribution_styles(sentence, speaker, cue):
    facts = _facts("크래프톤, 북미 공략\n입력 2025.06.18 10:00\n김창한 크래프톤 대표는 13일 기자간담회를 열었다. "
                   + sentence + "\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = [q for q in facts["quotes"] if q["text"].startswith("북미 시장을")]
    assert (quote["speaker"], quote["cue"]) == (speaker, cue)


def test_transcript_lines_of_an_unnamed_interviewer_are_not_quotes():
    facts = _facts("인터뷰\n입력 2025.06.18 10:00\n김창한 크래프톤 대표를 만났다. 기자: \"언제 출시하나.\" "
                   "김 대표: \"내년 봄이다.\"\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert [(q["text"], q["speaker"]) for q in facts["quotes"]] == [("내년 봄이다.", "김창한")]


def test_korean_organization_subject_wins_over_a_person_it_names():
    facts = _facts("인수 공시\n입력 2025.06.18 10:00\n크래프톤은 전날 이사회를 열고 최대주주인 김철민 대표 등이 "
                   "보유한 지분 30%를 인수하는 안건을 의결했다고 공시했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = facts["quotes"]
    assert (quote["speaker"], quote["speaker_is_organization"], quote["cue"]) == ("Krafton", True, "공시했다")


def test_korean_titles_of_office_and_no_name_across_sentences():
    facts = _facts("총리 발언\n입력 2025.06.18 10:00\n한덕수 국무총리는 \"국민께 송구하다\"고 말했다. 이창용 한국은행 "
                   "총재는 \"금리를 신중히 판단하겠다\"고 말했다. 이 총재는 \"환율도 보겠다\"고 덧붙였다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert {(p["name"], p["title"]) for p in facts["people"]} == {("한덕수", "국무총리"), ("이창용", "총재")}
    assert [q["speaker"] for q in facts["quotes"]] == ["한덕수", "이창용", "이창용"]


@pytest.mark.parametrize(("paragraph", "expected"), [
    ('"We are ready," the union\'s leader, Kwon Nam-il, said.', [("direct", "Kwon Nam-il")]),
    ('As Kim Do-hyun stepped away, a reporter called out, "Will you resign?"', [("direct", None)]),
    ('The Democratic Party said the budget came "far too late."', [("direct", "Democratic Party of Korea")]),
    ("Laura Mitchell, the chief executive, said the deal was fair to both sides. Park Seo-yeon, an analyst at Mirae Asset "
     'Securities, called the price "steep." "The risk is integration," she told reporters.',
     [("indirect", "Laura Mitchell"), ("direct", "Park Seo-yeon"), ("direct", "Park Seo-yeon")]),
    ("Kim Min-ho, a professor at Korea University, said the rule was too strict. Lee Ji-eun, a lawyer, said it was "
     "fair to the students. Unlike Kim, she said complaints from parents had been rare.",
     [("indirect", "Kim Min-ho"), ("indirect", "Lee Ji-eun"), ("indirect", "Lee Ji-eun")]),
    ("Daniel Whitcombe, a British translator, won the prize. Whitcombe said he had spent two years on the dialect.",
     [("indirect", "Daniel Whitcombe")]),
])
def test_english_attribution_in_context(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"]) for q in facts["quotes"]] == expected


def test_english_organization_named_with_of_is_one_organization_and_no_person():
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nThe Korea Alliance of Rare Disease Groups said patients had "
                   "waited too long for the ruling.\n" + "Markets were mixed on the day. " * 3)
    assert [o["surface"] for o in facts["organizations"]] == ["Korea Alliance of Rare Disease Groups"]
    assert facts["people"] == []
    [quote] = facts["quotes"]
    assert (quote["speaker"], quote["speaker_is_organization"]) == ("Korea Alliance of Rare Disease Groups", True)


def test_transliterated_names_before_an_organization_and_a_title():
    facts = _facts("AI 협력\n입력 2025.06.18 10:00\n레이철 던컨 구글 클라우드 아시아태평양 총괄 부사장은 \"한국은 중요한 "
                   "시장\"이라고 평가했다. 젠슨 황 엔비디아 CEO는 \"수요가 폭발적\"이라고 말했다. 황 CEO는 \"공급을 "
                   "늘리겠다\"고 밝혔다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert {p["name"] for p in facts["people"]} == {"레이철 던컨", "젠슨 황"}
    assert [q["speaker"] for q in facts["quotes"]] == ["레이철 던컨", "젠슨 황", "젠슨 황"]


def test_korean_law_firm_and_quoted_group_between_name_and_title():
    facts = _facts("판결\n입력 2025.06.18 10:00\n정다은 법무법인 새온 변호사는 \"의미 있는 판결\"이라고 말했다. "
                   "박상철 '온페이 피해자모임' 대표는 \"배상액이 적다\"고 했다. 박 대표는 \"항소를 검토하겠다\"고 덧붙였다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    people = {(p["name"], p["title"], p["organization"]) for p in facts["people"]}
    assert people == {("정다은", "변호사", "법무법인 새온"), ("박상철", "대표", "온페이 피해자모임")}
    assert [q["speaker"] for q in facts["quotes"]] == ["정다은", "박상철", "박상철"]


def test_korean_statement_issuer_is_an_organization_and_its_side_goes_on():
    facts = _facts("입장\n입력 2025.06.18 10:00\n온누리페이는 이날 입장문을 내고 \"판결문을 검토하겠다\"고 밝혔다. "
                   "회사 측은 보안 인력을 두 배로 늘렸다고 덧붙였다. 한국프로배구연맹은 규정을 바꿨다. 연맹은 "
                   "\"재정 건전성을 지키려는 조치\"라고 설명했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    said = [(q["speaker"], q["speaker_is_organization"], q["text"]) for q in facts["quotes"]]
    assert said == [("온누리페이", True, "판결문을 검토하겠다"), ("온누리페이", True, "보안 인력을 두 배로 늘렸다"),
                    ("한국프로배구연맹", True, "재정 건전성을 지키려는 조치")]


def test_korean_court_bench_speaks_for_its_court_and_goes_on_after_이어():
    facts = _facts("판결\n입력 2025.09.18 14:10\n인천지법 형사13부(김영호 부장판사)는 18일 임대업자에게 징역 15년을 "
                   "선고했다. 재판부는 \"피고인은 임차인들을 끌어들였다\"고 판시했다. 이어 \"피해자 대부분이 "
                   "사회초년생\"이라고 지적했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert [(q["speaker"], q["speaker_is_organization"]) for q in facts["quotes"]] == [
        ("Incheon District Court", True), ("Incheon District Court", True)]


def test_korean_names_with_rarer_surnames_and_particle_like_endings():
    facts = _facts("소아응급실\n입력 2025.09.18 14:10\n반지우(34)씨는 \"대전까지 40분을 달려야 한다\"고 했다. "
                   "어경수 대한소아청소년과학회 이사장은 \"10년 전부터 경고해 온 일\"이라고 말했다. 채하은 부평 "
                   "전세사기 피해자대책위원회 위원장은 \"보증금이 돌아오지 않는다\"고 말했다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert {p["name"] for p in facts["people"]} == {"반지우", "어경수", "채하은"}
    assert [q["speaker"] for q in facts["quotes"]] == ["반지우", "어경수", "채하은"]


def test_broadcast_captions_name_who_speaks():
    facts = _facts("폭염 전력\n입력 2025.08.05 21:24\n[앵커]\n\n전력 수요가 최고치를 경신했습니다.\n\n"
                   "[인터뷰] 반도영/전력거래소 수급운영처장 : \"오늘을 최대 고비로 봤습니다.\"\n\n"
                   "[국정훈/한국무역협회 통상지원단장]\n\"관세가 오르면 부담은 소비자에게 돌아갑니다.\"\n\n"
                   "무역협회 국 단장은 \"단가 협상에서는 불리할 수밖에 없습니다\"라고 말했습니다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert [(q["speaker"], q["cue"]) for q in facts["quotes"]] == [
        ("반도영", ":"), ("국정훈", ":"), ("국정훈", "말했습니다")]
    assert ("국정훈", "통상지원단장") in {(p["name"], p["title"]) for p in facts["people"]}


def test_a_quote_running_over_paragraphs_is_the_first_paragraphs_speaker():
    facts = _facts("요약 유료화\n입력 2025.05.13 17:40\n하윤석 카카오 AI서비스 성과리더는 간담회를 열었다.\n\n"
                   "하 리더는 \"대화 내용은 즉시 서버에서 지워진다. 학습에도 쓰지 않는다.\n\n"
                   "\"감사 결과도 하반기에 공개하겠다\"고 말했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert [(q["text"], q["speaker"]) for q in facts["quotes"]] == [
        ("대화 내용은 즉시 서버에서 지워진다. 학습에도 쓰지 않는다.", "하윤석"), ("감사 결과도 하반기에 공개하겠다", "하윤석")]


@pytest.mark.parametrize(("paragraph", "expected"), [
    ('Vice Minister Pyon Jae-hun told the envoy that "any unilateral activity is unacceptable," the Foreign Ministry '
     "said in a statement.", [("direct", "Pyon Jae-hun")]),
    ('The Korea Coast Guard said its ships had kept watch on the site. "We have seen no construction crews," the coast '
     "guard said in a statement.", [("indirect", "Korea Coast Guard"), ("direct", "Korea Coast Guard")]),
    ("HMM Chief Executive Ahn Dong-hwi spoke in March. Seok Ji-ho, an analyst at Hana Securities, noted the shift "
     'from March, when the chief executive warned of a "prolonged downturn."', [("direct", "Ahn Dong-hwi")]),
])
def test_english_reports_of_what_someone_else_said(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"]) for q in facts["quotes"]] == expected


def test_korean_side_noun_is_the_organization_introduced_with_it():
    facts = _facts("가처분\n입력 2025.06.02 10:00\n멤버들은 소속사 스텔라엔터테인먼트를 상대로 가처분을 신청했다. 멤버들의 "
                   "대리인인 법무법인 청람은 입장문을 냈다. 소속사 측은 \"신뢰를 훼손했다\"고 반박했다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = facts["quotes"]
    assert (quote["speaker"], quote["speaker_is_organization"]) == ("스텔라엔터테인먼트", True)


def test_kinds_of_organization_are_not_organizations():
    body = ("시중은행과 저축은행, 대학병원과 상급종합병원, 걸그룹과 빅테크, 핀테크 업체, 교통카드, 유전자 검사, 법안심사소위원회, "
            "LG유플러스 AI인프라사업그룹. 신한은행과 서울대병원은 달랐다.")
    surfaces = [o["surface"] for o in find_organizations(body)]
    assert surfaces == ["LG유플러스", "신한은행", "서울대병원"]


@pytest.mark.parametrize(("paragraph", "speaker"), [
    ("Hanwha Aerospace, which supplies howitzers to Poland, said in a statement that it would expand its supply "
     "chain to 40 local firms.", "Hanwha Aerospace"),
    ("The Korean Teachers and Education Workers' Union (KTU), however, warned that the burden would fall on "
     "individual teachers.", "Korean Teachers and Education Workers' Union"),
    ("State-run Korea Development Bank, HMM's largest shareholder, said it had no plans to sell its stake this year.",
     "Korea Development Bank"),
])
def test_english_organization_subject_with_an_aside(paragraph, speaker):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    [quote] = facts["quotes"]
    assert (quote["speaker"], quote["speaker_is_organization"]) == (speaker, True)


def test_a_shortened_name_is_the_organization_named_in_full():
    orgs = find_organizations("다온대학교병원 노조가 파업했다. 다온대병원은 진료를 이어갔다. 한국미래산업협회는 반발했고 "
                              "미래산업협회 관계자도 우려했다.")
    assert [(o["surface"], o["canonical"]) for o in orgs] == [
        ("다온대학교병원", "다온대학교병원"), ("다온대병원", "다온대학교병원"),
        ("한국미래산업협회", "한국미래산업협회"), ("미래산업협회", "한국미래산업협회")]


def test_headline_quote_after_an_organization_no_body_quote_echoes():
    facts = _facts("美 관세 예비판정…삼성전자 \"현지 생산 앞당긴다\"\n입력 2025.04.16 20:35\n미국 상무부가 관세를 매겼다. "
                   "삼성전자는 \"멤피스 공장 증설 시점을 올해로 당기겠다\"고 밝혔다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [headline] = [q for q in facts["quotes"] if q["kind"] == "headline"]
    assert (headline["speaker"], headline["speaker_is_organization"]) == ("Samsung Electronics", True)


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Outbound shipments reached US$58.2 billion last month, according to the Ministry of Trade, Industry and Energy.",
     [("indirect", "Ministry of Trade, Industry and Energy", "Outbound shipments reached US$58.2 billion last month")]),
    ("Its board approved the order on Monday, according to a regulatory filing.", []),
    ("Lee Jae-myung wrote on Facebook that the government had failed small merchants.",
     [("indirect", "Lee Jae-myung", "the government had failed small merchants")]),
    ("CJ CheilJedang makes dumplings. CJ CheilJedang sells noodles. The Korea Exchange opened. The stock slipped after "
     "the company reported that its fourth-quarter profit dropped 9 percent.",
     [("indirect", "CJ CheilJedang", "its fourth-quarter profit dropped 9 percent")]),
])
def test_english_sources_and_reporting_verbs(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"], q["text"]) for q in facts["quotes"]] == expected


def test_korean_reported_speech_inside_reported_speech_keeps_the_inner_verb():
    facts = _facts("면담\n입력 2025.04.20 10:00\n김민수 기획재정부 차관보는 사카모토 재무관이 핫라인을 상시 가동하자고 "
                   "제안했다고 전했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = facts["quotes"]
    assert (quote["speaker"], quote["cue"]) == ("김민수", "전했다")
    assert quote["text"].endswith("핫라인을 상시 가동하자고 제안했다")


def test_foreign_leader_named_before_the_country_and_the_office():
    facts = _facts("국빈 방한\n입력 2024.11.21 10:00\n미할 크르제넥 체코 대통령이 21일 정상회담을 열었다. 크르제넥 대통령은 "
                   "\"한국은 믿을 만한 파트너\"라고 말했다. 역대 최장수 미국 대통령은 \"관세를 올리겠다\"고 말했다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert [p["name"] for p in facts["people"]] == ["미할 크르제넥", "미할 크르제넥"]
    assert [q["speaker"] for q in facts["quotes"]] == ["미할 크르제넥", None]


def test_korean_topic_particle_wins_over_an_embedded_subject():
    facts = _facts("수율\n입력 2025.09.02 10:00\n최문석 태성전자 대표는 간담회를 열었다. 서지훈 하나증권 연구원은 수율이 "
                   "관건이라고 지적했다. 최 대표는 시험 라인 성적표를 내놨다. 서 연구원이 관건으로 꼽은 초기 수율에 대해 "
                   "그는 \"이미 85%를 넘겼다\"고 말했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = [q for q in facts["quotes"] if q["kind"] == "direct"]
    assert quote["speaker"] == "최문석"  # 그는, the one the story is about; 서 연구원이 belongs to 꼽은


def test_english_the_company_is_the_one_that_spoke_and_based_is_no_name():
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nCJ CheilJedang said Monday it has agreed to buy a stake from "
                   "Samsung Electronics, and that the Seoul-based Daewon Foundation would fund a research chair. In a "
                   "regulatory filing, the company said its board had approved the deal.\n"
                   + "Markets were mixed on the day. " * 3)
    assert "Daewon Foundation" in {o["surface"] for o in facts["organizations"]}
    assert [(q["speaker"], q["text"][:9]) for q in facts["quotes"]] == [("CJ CheilJedang", "it has ag"),
                                                                       ("CJ CheilJedang", "its board")]


def test_korean_city_speaks_by_its_name_and_as_시는():
    facts = _facts("청년 월세\n입력 2025.04.08 10:00\n다온시는 8일 청년 주거 대책을 발표했다. 시는 올해 85억원을 편성해 "
                   "6,000명을 지원하겠다고 밝혔다. 강북구청은 \"신청 절차를 줄였다\"고 설명했다. 대도시는 "
                   "\"비슷한 대책을 검토한다\"고 밝혔다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    said = [(q["speaker"], q["speaker_is_organization"], q["text"][:6]) for q in facts["quotes"]]
    assert said == [("다온시", True, "올해 85억"), ("강북구청", True, "신청 절차를"), (None, False, "비슷한 대책")]


def test_english_it_added_goes_on_with_the_organization_that_spoke():
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nThe Ministry of Economy and Finance said in a statement that it "
                   "would review the plan. It added that no decision had been made on the budget.\n"
                   + "Markets were mixed on the day. " * 3)
    assert [(q["speaker"], q["cue"]) for q in facts["quotes"]] == [("Ministry of Economy and Finance", "said"),
                                                                   ("Ministry of Economy and Finance", "added")]


@pytest.mark.parametrize(("title", "paragraph", "expected"), [
    ("Title here\nMarch 12, 2025 9:30 AM KST\n", 'Samsung Electronics CEO Han Jong-hee spoke on Monday. "Demand is '
     'back," the chief executive said.', ["Han Jong-hee"]),
    ("Title here\nMarch 12, 2025 9:30 AM KST\n", "Finance Minister Choi Sang-mok met Trade Minister Ahn Duk-geun on "
     'Monday. "The economy is recovering," the minister said.', [None]),  # two ministers: no guess
    ("예산\n입력 2025.06.18 10:00\n", '김민수 산업통상자원부 장관은 이날 간담회를 열었다. 장관은 "예산을 늘리겠다"고 '
     "말했다.", ["김민수"]),
])
def test_a_title_alone_is_the_one_person_known_with_it(title, paragraph, expected):
    filler = ("Markets were mixed on the day. " if title.startswith("Title") else "업계는 이번 결정을 주목하고 있다. ") * 3
    facts = _facts(title + paragraph + "\n" + filler)
    assert [q["speaker"] for q in facts["quotes"]] == expected


def test_korean_reporting_verb_with_an_auxiliary():
    facts = _facts("규제\n입력 2025.06.18 10:00\n김민수 산업통상자원부 장관은 그동안 규제를 풀어야 한다고 강조해 왔다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert [(q["speaker"], q["cue"], q["text"]) for q in facts["quotes"]] == [
        ("김민수", "강조해 왔다", "그동안 규제를 풀어야 한다")]


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("HMM is South Korea's largest container line. The vessels will replace older ships from 2028, the company said.",
     [("indirect", "HMM", "The vessels will replace older ships from 2028")]),
    ("Seok Ji-ho, an analyst at Hana Securities, said the timing was bold.",
     [("indirect", "Seok Ji-ho", "the timing was bold")]),
    ("Exports rose for a third month, helped by chips and cars.", []),
])
def test_english_attribution_after_reported_speech(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"], q["text"]) for q in facts["quotes"]] == expected


@pytest.mark.parametrize(("sentence", "speaker", "cue"), [
    ('김 대표는 "북미 시장을 공략하겠다"고 내다봤다.', "김창한", "내다봤다"),  # any verb in the past tense
    ('김 대표는 "북미 시장을 공략하겠다"고 털어놨다.', "김창한", "털어놨다"),
    ('업계 관계자는 "북미 시장을 공략하겠다"며 말을 아꼈다.', None, "말을 아꼈다"),
    ('회의장에서는 "북미 시장을 공략하겠다"는 외침도 터져 나왔다.', None, "외침도 터져 나왔다"),
    ('커뮤니티에는 "북미 시장을 공략하겠다"는 글이 잇따라 올라왔다.', None, "글이 잇따라 올라왔다"),
])
def test_korean_cues_in_any_past_tense_and_unnamed_voices(sentence, speaker, cue):
    facts = _facts("크래프톤, 북미 공략\n입력 2025.06.18 10:00\n김창한 크래프톤 대표는 13일 기자간담회를 열었다. "
                   + sentence + "\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    [quote] = [q for q in facts["quotes"] if q["text"].startswith("북미 시장을")]
    assert (quote["speaker"], quote["cue"]) == (speaker, cue)


def test_korean_title_before_the_name():
    facts = _facts("연봉 상한\n입력 2025.12.16 10:00\n대구FC 주장 이강민은 다른 시각을 내놨다. 그는 \"협상력이 떨어지는 게 "
                   "사실\"이라고 털어놨다. 이강민은 유스 조항을 반겼다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert ("이강민", "주장") in {(p["name"], p["title"]) for p in facts["people"]}
    assert [q["speaker"] for q in facts["quotes"]] == ["이강민"]


def test_a_name_at_one_place_is_one_person_mention():
    """Found by the bench corpus: '장관 후보자' gave one mention per title word, and the warehouse's mention key
    (article, start, end) was no longer unique."""
    from newsetl.extract import extract_article

    body = ('윤재헌 해양수산부 장관 후보자는 10일 국회 인사청문회에서 "해운 재건에 힘쓰겠다"고 말했다. '
            '윤 후보자는 "항만 노동자의 안전을 먼저 챙기겠다"고 덧붙였다.')
    people = extract_article({"article_id": "a", "body": body, "language": "ko", "title": "t",
                              "published_at": "2024-10-01T09:00:00+09:00"})["people"]
    spans = [(p["start"], p["end"]) for p in people]
    assert len(spans) == len(set(spans)) and spans[0] == (0, 3)
    first = people[0]
    assert (first["name"], first["title"]) == ("윤재헌", "후보자")
    assert body[first["mention_start"]:first["mention_end"]] == "윤재헌 해양수산부 장관 후보자"


def test_organizations_by_the_words_their_names_end_with():
    """Names no alias table knows: English company words and legal forms (a dot or none, later without it),
    Korean company suffixes that end the word, a city's hall and a province's council."""
    en = find_organizations("Daerim Heavy Industries and Seorim Investment & Securities hired Korea Railroad Corp. "
                            "and Nexar Technologies Inc. Nexar Technologies said Nexar's chips were ready.")
    assert [(o["surface"], o["canonical"]) for o in en] == [
        ("Daerim Heavy Industries", "Daerim Heavy Industries"),
        ("Seorim Investment & Securities", "Seorim Investment & Securities"),
        ("Korea Railroad Corp.", "Korea Railroad Corporation"),
        ("Nexar Technologies Inc.", "Nexar Technologies"), ("Nexar Technologies", "Nexar Technologies"),
        ("Nexar", "Nexar Technologies")]
    ko = find_organizations("다온로지스틱스와 한결파트너스, 엠디바이오랩은 청주시청, 충북도의회와 협약을 맺었다. "
                            "녹음스튜디오에서 열린 행사였다.")
    assert [(o["surface"], o["canonical"]) for o in ko] == [
        ("다온로지스틱스", "다온로지스틱스"), ("한결파트너스", "한결파트너스"), ("엠디바이오랩", "엠디바이오랩"),
        ("청주시청", "청주시"), ("충북도의회", "충청북도의회")]


def test_korean_coordinated_reports_each_have_their_own_speaker():
    facts = _facts("연금 개혁 공방\n입력 2025.06.18 10:00\n근로자위원인 이정민 한국노총 사무총장과 류기철 경총 전무가 만났다. "
                   '이 사무총장은 "두 자릿수 인상이 필요하다"고 말했고, 류 전무는 "소상공인은 이미 한계"라고 맞섰다. '
                   "김민준 의원은 보험료율을 먼저 올려야 한다고 했고, 박서연 의원은 소득대체율 인상이 먼저라고 반박했다.\n"
                   + "업계는 이번 결정을 주목하고 있다. " * 3)
    said = [(q["speaker"], q["text"]) for q in facts["quotes"]]
    assert said == [("이정민", "두 자릿수 인상이 필요하다"), ("류기철", "소상공인은 이미 한계"),
                    ("김민준", "보험료율을 먼저 올려야 한다"), ("박서연", "소득대체율 인상이 먼저라")]


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Jung Hae-rin, who heads the Korea Blockchain Industry Association, contended that the rules would drive "
     "trading offshore.", [("indirect", "Jung Hae-rin", "contended")]),
    ("Lawmaker Han Seung-min of the Democratic Party, however, cautioned that the commission was moving too slowly.",
     [("indirect", "Han Seung-min", "cautioned")]),
    ("Vice Minister Ahn Sung-jin met the envoy. Ahn's deputy, Director Park Ji-yeon, said separately that chip "
     "tariffs were not on the table.", [("indirect", "Park Ji-yeon", "said")]),
    ('"The market has grown faster than the rules," Kim Byung-hwan said, adding that a draft would come in May. '
     '"We cannot wait for another hack."', [("direct", "Kim Byung-hwan", "said"), ("indirect", "Kim Byung-hwan", "adding"),
                                            ("direct", "Kim Byung-hwan", "said")]),
    ("The Financial Services Commission lowered its fee cap but signaled that a further cut was far from certain.",
     [("indirect", "Financial Services Commission", "signaled")]),
])
def test_english_reports_with_rarer_verbs_asides_and_quotes_that_go_on(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"], q["cue"]) for q in facts["quotes"]] == expected


@pytest.mark.parametrize(("paragraph", "expected"), [
    # she is not the man the text is about: his and her in sentences naming one person tell who is who
    ("Yoon Ji-soo thanked her fans after the ruling. Park Min-ho said his team would appeal. Park met Yoon on Friday. "
     '"I never doubted it," she said.', [("indirect", "Park Min-ho"), ("direct", "Yoon Ji-soo")]),
    # the object of a preposition is not the subject the pronoun goes back to
    ('Lee Su-jin chairs the panel. The panel will meet with Kim Dae-ho on Tuesday. "We need a calendar," she said.',
     [("direct", "Lee Su-jin")]),
    # a name inside the reported clause is what the report is about, not who made it
    ("A Seoul court ruled Thursday that singer Yoon Ji-soo can keep her title.", [("indirect", None)]),
])
def test_english_pronouns_by_gender_and_subjects_that_are_not_objects(paragraph, expected):
    facts = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n" + paragraph + "\n" + "Markets were mixed on the day. " * 3)
    assert [(q["kind"], q["speaker"]) for q in facts["quotes"]] == expected


def test_korean_people_after_a_modifier_or_an_organization_and_their_short_references():
    facts = _facts("회고전 개막\n입력 2025.06.18 10:00\n작가의 장남인 한도윤 한빛미술재단 이사장은 \"작업실을 그대로 옮겼다\"고 "
                   "전했다. 전시를 맡은 여서린 학예연구사는 \"보존처리를 거쳤다\"고 설명했다. 도로교통공단 변재호 교육본부장도 "
                   "참석했다. 관람객 반지호(34)씨는 \"다시 오겠다\"고 했다. 반씨는 아이와 함께 왔다고 말했다. 여 학예연구사가 "
                   "'언제 끝나냐'고 묻자 한 이사장은 \"연말까지 연다\"고 답했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert {("한도윤", "이사장"), ("여서린", "학예연구사"), ("변재호", "교육본부장")} <= \
        {(p["name"], p["title"]) for p in facts["people"]}
    said = {(q["speaker"], q["text"]) for q in facts["quotes"]}
    assert {("한도윤", "작업실을 그대로 옮겼다"), ("여서린", "보존처리를 거쳤다"), ("반지호", "아이와 함께 왔다"),
            ("여서린", "언제 끝나냐"), ("한도윤", "연말까지 연다")} <= said


def test_organizations_named_after_a_kind_of_company():
    ko = _facts("공급망\n입력 2025.06.18 10:00\n반도체 장비 업체 다온플렉스는 일본 수주를 따냈다. 스타트업 누리닉스와 함께 "
                "개발한 장비다. 업체 관계자는 기대가 크다고 했다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    assert {"다온플렉스", "누리닉스"} <= {o["canonical"] for o in ko["organizations"]}
    assert "관계자" not in {o["canonical"] for o in ko["organizations"]}
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nVelora, a Paris-based developer of imaging software, "
                "entered Korea last year. Kang Min-ho, chief executive of Brightloom, said Velora was a rival.\n"
                + "Markets were mixed on the day. " * 3)
    names = [o["surface"] for o in en["organizations"]]
    assert names.count("Velora") == 2 and "Brightloom" in names and "Kang Min-ho" not in names


def test_korean_organization_named_before_a_word_only_an_organization_has():
    ko = _facts("로봇\n입력 2025.06.18 10:00\n정민수 하늘마루테크 대표는 올해 매출을 늘리겠다고 말했다. 누리온로보틱스 관계자는 "
                "신제품을 다음 달 내놓는다고 전했다. 누리온로보틱스는 지난해 설립됐다. 야마모토 사장은 답하지 않았다. "
                "저커버그 CEO도 왔다. 인도네시아 측은 말을 아꼈다. 병원 관계자도 같은 말을 했다.\n"
                + "업계는 이번 결정을 주목하고 있다. " * 3)
    surfaces = [o["surface"] for o in ko["organizations"]]
    assert "하늘마루테크" in surfaces and surfaces.count("누리온로보틱스") == 2
    assert not {"야마모토", "저커버그", "인도네시아", "병원"} & set(surfaces)


def test_korean_organization_speaker_after_a_long_modifier_or_its_short_name():
    ko = _facts("물류\n입력 2025.06.18 10:00\n지난해 말부터 물류센터에서 로봇 50대를 시범 운영해 온 LG유플러스는 "
                "\"작업 속도가 20% 빨라졌다\"고 밝혔다. 한국경영자총협회(경총)는 \"현장의 유연성을 살리는 조치\"라고 밝혔다. "
                "경기도의회 소속 박지훈 의원(국민의힘)은 \"형평성을 따져봐야 한다\"고 말했다.\n"
                + "업계는 이번 결정을 주목하고 있다. " * 3)
    speakers = {q["text"]: (q["speaker"], q["speaker_is_organization"]) for q in ko["quotes"]}
    assert speakers["작업 속도가 20% 빨라졌다"] == ("LG Uplus", True)
    assert speakers["현장의 유연성을 살리는 조치"][1]
    assert speakers["형평성을 따져봐야 한다"] == ("박지훈", False)


def test_english_organization_after_a_kind_of_company_or_a_job_at_it():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nPrices fell 20%, according to shipping consultancy Tidewell. "
                "Oslo-based publisher Fernhill Books will print it. \"It works,\" said Cho Min-ah, a lawyer at Lark & Reed. "
                "Park Ji-su, policy director at the Korea Fintech Forum, agreed. Nam Ho-jin, a fellow at the Center for "
                "Policy Studies, disagreed. Olvane Metals, a 30-employee maker of steel casings, hired more. The chipmaker "
                "Monday said it would wait.\n" + "Markets were mixed on the day. " * 3)
    names = {o["surface"] for o in en["organizations"]}
    assert {"Tidewell", "Fernhill Books", "Lark & Reed", "Korea Fintech Forum", "Olvane Metals"} <= names
    assert not {"Center", "Monday", "Cho Min-ah", "Oslo"} & names


def test_english_organization_set_off_by_commas_speaks():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nIn a statement, the label's parent company, Corvane Holdings, "
                "said: \"We will appeal the ruling.\"\nAhn Tae-ho, chief executive of Corvane Holdings, said: \"We are calm.\"\n"
                + "Markets were mixed on the day. " * 3)
    speakers = {q["text"]: (q["speaker"], q["speaker_is_organization"]) for q in en["quotes"]}
    assert speakers["We will appeal the ruling."] == ("Corvane Holdings", True)
    assert speakers["We are calm."] == ("Ahn Tae-ho", False)


def test_korean_abbreviation_in_brackets_after_an_organization():
    ko = _facts("노동\n입력 2025.06.18 10:00\n전국해운노동조합총연맹(해운노총)은 파업을 예고했다. 해운노총은 \"협상은 끝났다\"고 "
                "밝혔다. 한빛해운노동조합(가칭)도 참여한다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    shorts = [o for o in ko["organizations"] if o["surface"] == "해운노총"]
    assert len(shorts) == 2 and {o["canonical"] for o in shorts} == {"전국해운노동조합총연맹"}
    assert "가칭" not in {o["surface"] for o in ko["organizations"]}
    assert {q["speaker"] for q in ko["quotes"] if q["text"] == "협상은 끝났다"} == {"전국해운노동조합총연맹"}


def test_an_alias_is_not_found_inside_a_longer_name():
    """A short alias that starts a longer name is not that name's organization: Latin letters joined to Hangul
    ("KDB산업은행", "LG화학") or Hangul joined to Latin letters ("대구FC") make one longer word, and an English
    alias before more words of a name ("Lotte Entertainment") starts another organization's name; with a
    particle, a possessive or a full stop after it, the alias stands alone."""
    aliases = {"HBX": ("Hanbit Exchange", "company"), "청운": ("Cheongun Group", "company"),
               "Halo": ("Halo Group", "company")}
    ko = find_organizations("HBX한빛은행과 청운FC가 손잡았다. HBX는 청운의 지분을 샀다.", aliases)
    assert [(o["surface"], o["canonical"]) for o in ko] == [("HBX한빛은행", "HBX한빛은행"), ("HBX", "Hanbit Exchange"),
                                                            ("청운", "Cheongun Group")]
    en = find_organizations("Halo Pictures Inc. said Halo's film will open. Shares of Halo. Sunrise Bank fell.", aliases)
    assert [(o["surface"], o["canonical"]) for o in en][:3] == [
        ("Halo Pictures Inc.", "Halo Pictures"), ("Halo", "Halo Group"), ("Halo", "Halo Group")]


def test_a_local_government_named_as_a_place_and_a_country_before_a_name_are_not_mentions():
    """'경기도 안산의 공장', '세종시 아파트', '서울시청에서 브리핑': the place, not the government (which '경기도 관계자는'
    and '서울시는' are); '미국 연방준비제도', '국회 예결위': the country or the parent body is not part of the name."""
    found = find_organizations("경기도 평택의 공장과 세종시 아파트를 두고 서울시는 서울시청에서 브리핑을 열었다. 경기도 관계자는 "
                               "미국 연방준비제도의 결정을 지켜본다고 했다. 국회 예결위는 충청북도 청주시에서 열렸다.")
    assert [(o["surface"], o["canonical"]) for o in found] == [
        ("서울시", "Seoul Metropolitan Government"), ("경기도", "Gyeonggi Provincial Government"),
        ("연방준비제도", "Federal Reserve"), ("국회", "National Assembly"),
        ("예결위", "National Assembly Special Committee on Budget and Accounts")]


def test_groups_named_after_their_kind_or_in_quote_marks():
    """A company or group no table knows, named after its kind, also at the end of a longer word ('공연기획사 달빛마루',
    '환경단체 초록바람') or in quote marks after a kind of group ('시민모임 '물빛나루''), is an organization wherever
    else its name stands as a word; a kind before a common word or a slogan in quote marks is not."""
    ko = _facts("항만\n입력 2025.06.18 10:00\n공연기획사 달빛마루가 무대를 맡았다. 달빛마루는 지난해 설립됐다. 환경단체 초록바람의 "
                "대변인은 반대했다. 해양 시민모임 '물빛나루'의 대표는 성명을 냈다. 물빛나루는 집회를 예고했다. 환경단체 관계자들도 "
                "왔다. 정부는 기업 '밸류업' 프로그램을 이어간다. 모임 '다음 주'에 다시 만난다.\n"
                + "업계는 이번 결정을 주목하고 있다. " * 3)
    surfaces = [o["surface"] for o in ko["organizations"]]
    assert surfaces.count("달빛마루") == 2 and surfaces.count("물빛나루") == 2 and "초록바람" in surfaces
    assert not {"관계자", "밸류업"} & set(surfaces)


def test_english_body_of_people_named_by_its_kind_in_an_appositive():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nVolunteers from Tidewell, a Busan-based fishing cooperative, "
                "cleared the beach. Marrowgate, a supporters' club for Korean fans, paid for the banner. Kim Na-ri, a "
                "charity worker, joined them. Oh Se-jin, a member of the club, said little.\n"
                + "Markets were mixed on the day. " * 3)
    names = {o["surface"] for o in en["organizations"]}
    assert {"Tidewell", "Marrowgate"} <= names
    assert not {"Kim Na-ri", "Oh Se-jin"} & names


def test_a_company_by_what_only_a_company_has_or_its_name_without_the_loanword():
    """'<Name>'s chief executive/shareholders', 'shares of <Name>': a company, not a place ('Korea's shares') nor a
    person's stake ('Warren Hale's shares in …'); '다온엔터테인먼트 … 다온 측은': the name without its loanword, unless
    two companies of the article start so (한빛로보틱스, 한빛모빌리티: 한빛 is their group)."""
    en = find_organizations("Fenwick Mills Inc. agreed to buy Corvell. Shares of Corvell rose 3%. Tarrow's shareholders "
                            "approved. Korea's shares rose too. Warren Hale's shares in Corvell were sold.")
    assert [o["surface"] for o in en].count("Corvell") == 3 and "Tarrow" in {o["surface"] for o in en}
    assert not {"Korea", "Warren Hale"} & {o["surface"] for o in en}
    ko = _facts("가요\n입력 2025.06.18 10:00\n가수 한서윤의 소속사 다온엔터테인먼트는 새 앨범을 낸다고 밝혔다. 다온 측은 일정을 곧 "
                "알리겠다고 했다. 한빛로보틱스와 한빛모빌리티가 합병한다. 한빛은 지주사를 세운다.\n"
                + "업계는 이번 결정을 주목하고 있다. " * 3)
    found = [(o["surface"], o["canonical"]) for o in ko["organizations"]]
    assert ("다온", "다온엔터테인먼트") in found and "한빛" not in {s for s, _ in found}


def test_english_company_named_again_by_its_own_word_a_club_and_a_cooperative():
    """'Velmora Manufacturing … Velmora said': the company's own word alone is the company (not a common first word:
    'Korea Electronics … Korea said'); 'K League club Daejin Tigers'; '… Fishing Cooperative'; 'Paris-based Koreans'
    are people, not a body."""
    found = find_organizations("Velmora Manufacturing will invest 10 billion yen in a plant. The plant, Velmora's largest, "
                               "opens in 2027, Velmora said. The Harwick Fishing Cooperative agreed. Ahn joined from K League "
                               "club Daejin Tigers last year. Paris-based Koreans cheered. Korea Electronics will hire, Korea said.")
    pairs = [(o["surface"], o["canonical"]) for o in found]
    assert pairs.count(("Velmora", "Velmora Manufacturing")) == 2
    assert {"Harwick Fishing Cooperative", "Daejin Tigers", "Korea Electronics"} <= {s for s, _ in pairs}
    assert not {"Koreans", "Korea"} & {s for s, _ in pairs}


def test_one_word_that_speaks_in_a_statement_or_a_filing_is_a_company():
    """'Corvane said in a statement': a company, unless the word is someone's surname here ('Laura Hale … Hale'),
    capitalized only where a sentence starts ('Officials'), the end of a longer name ('… and Fisheries') or a place
    ('talks in Minsk … Minsk said')."""
    found = find_organizations("Corvane said in a statement that it would appeal. Shares fell after Corvane cut its "
                               "forecast. Laura Hale joined the board. Hale said in a statement that she was glad. "
                               "Officials said in a statement that roads were shut. The Ministry of Oceans and Fisheries "
                               "said in a statement it agreed. Talks in Minsk ended. Minsk said in a statement it was pleased.")
    surfaces = [o["surface"] for o in found]
    assert surfaces.count("Corvane") == 2
    assert not {"Hale", "Officials", "Fisheries", "Minsk"} & set(surfaces)


def test_korean_company_by_its_share_price_or_its_results():
    """'노스브릿지 주가는', '…의 영업이익': what only a company has, after a proper noun; not a common word (양사의 주가),
    a person (김민수의 주식) or a country (미국의 매출)."""
    ko = _facts("증시\n입력 2025.06.18 10:00\n노스브릿지 주가는 12% 올랐다. 노스브릿지는 신공장을 짓는다. 양사의 주가를 기준으로 "
                "했다. 김민수의 주식은 팔렸다. 미국의 매출은 늘었다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    surfaces = [o["surface"] for o in ko["organizations"]]
    assert surfaces.count("노스브릿지") == 2
    assert not {"양사", "김민수", "미국"} & set(surfaces)


def test_a_city_government_acts_where_a_particle_of_subject_or_company_follows():
    """A city or county is its government as the subject, topic or partner ('청주시가', '천안시와', '천안시의 지원');
    bare before another word or with a particle of place it is the place ('경기 성남시 판교에서', '천안시에 공장을')."""
    aliases = {"청주시": ("청주시", "government"), "성남시": ("성남시", "government"), "천안시": ("천안시", "government")}
    found = find_organizations("충북 청주시가 지원을 늘린다. 한빛전자는 경기 성남시 판교에서 행사를 열고 천안시에 공장을 짓기로 "
                               "천안시와 협약했다. 청주시 관계자는 환영했다.", aliases)
    assert [(o["surface"], o["start"]) for o in found if o["canonical"] != "한빛전자"] == [
        ("청주시", 3), ("천안시", 55), ("청주시", 66)]


def test_english_name_with_a_middle_initial_and_a_spokesperson_for_a_firm():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\n\"We will appeal the decision at once,\" said Dana J. Whitcombe, "
                "a spokesperson for the firm. Whitcombe added that the firm expected a ruling by March.\n"
                + "Markets were mixed on the day. " * 3)
    assert [p["name"] for p in en["people"]][:1] == ["Dana J. Whitcombe"]
    assert "Whitcombe" not in {o["surface"] for o in en["organizations"]}
    assert {q["speaker"] for q in en["quotes"]} == {"Dana J. Whitcombe"}


def test_english_person_named_with_an_age_or_later_by_the_last_word_alone():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nNovelist Ilse Marrow-Keane won the prize on Saturday. "
                "Her editor, Tomas Brekke, 58, flew in from Oslo. \"This book belongs to the island,\" Marrow-Keane said. "
                "Trade Minister Han told reporters the talks went well. Where Aldana said more was needed, few agreed.\n"
                + "Markets were mixed on the day. " * 3)
    names = {p["name"] for p in en["people"]}
    assert {"Ilse Marrow-Keane", "Tomas Brekke"} <= names
    assert not {"Novelist Ilse Marrow-Keane", "Trade Minister Han", "Where Aldana"} & names
    assert {q["text"]: q["speaker"] for q in en["quotes"]}["This book belongs to the island,"] == "Ilse Marrow-Keane"


def test_english_reported_clause_after_told_and_who_was_told_without_that():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nFerry operators cut three routes on Tuesday. Dana Whitcombe, an "
                "analyst at Harbor Securities, told reporters the timing was bold. Oslo Ferries told Reuters it had no plans "
                "to cut more routes. She told the story of her first year.\n" + "Markets were mixed on the day. " * 3)
    said = {(q["speaker"], q["text"]) for q in en["quotes"] if q["kind"] == "indirect"}
    assert ("Dana Whitcombe", "the timing was bold") in said
    assert ("Oslo Ferries", "it had no plans to cut more routes") in said
    assert not any("first year" in text for _, text in said)


def test_korean_name_of_a_rarer_surname_opening_its_clause_before_a_title():
    ko = _facts("지역\n입력 2025.06.18 10:00\n편도윤 청림시장은 이날 브리핑에서 \"청년 예산을 두 배로 늘리겠다\"고 말했다. "
                "여행사 대표는 말을 아꼈다. 부동산 애널리스트는 신중론을 폈다.\n" + "업계는 이번 결정을 주목하고 있다. " * 3)
    names = {p["name"] for p in ko["people"]}
    assert "편도윤" in names and not {"여행사", "부동산"} & names
    assert {q["text"]: q["speaker"] for q in ko["quotes"]}["청년 예산을 두 배로 늘리겠다"] == "편도윤"


def test_a_company_the_table_knows_goes_by_its_own_word_too():
    """'Halden Robotics … Halden said': the first word of a company's name before what it does stands for the
    company whether or not the alias table knows the full name; not when that word alone is another organization."""
    aliases = {"Halden Robotics": ("Halden Robotics", "company"), "Norde Motors": ("Norde Motors", "company"),
               "Norde": ("Norde Group", "company")}
    found = find_organizations("Halden Robotics and Norde Motors signed a deal. Halden said Norde would buy arms.", aliases)
    assert [(o["surface"], o["canonical"]) for o in found] == [
        ("Halden Robotics", "Halden Robotics"), ("Norde Motors", "Norde Motors"), ("Halden", "Halden Robotics"),
        ("Norde", "Norde Group")]


def test_english_person_after_a_lowercase_job_prof_or_an_opening_word():
    en = _facts("Title here\nMarch 12, 2025 9:30 AM KST\nHead coach Marta Lindqvist praised the squad. The club said head "
                "coach Ines T. Moravec would travel to London, and lead actress Noor Haddad of Fernhill Pictures spent three "
                "months in Busan. Prof. Aldo Brenner of Hanseo University disagreed. For Tuva Okonkwo, a graduate student "
                "in Daejeon, the rule came late. Oskar Vell, the region’s vice governor for economic affairs, called it fair.\n"
                + "Markets were mixed on the day. " * 3)
    names = {p["name"] for p in en["people"]}
    assert {"Ines T. Moravec", "Noor Haddad", "Aldo Brenner", "Tuva Okonkwo", "Oskar Vell"} <= names
    assert not {"For Tuva Okonkwo", "Fernhill Pictures"} & names
