"""Event typing and dating rules, each on a sentence written for the test."""

import re
from datetime import date

import pytest

from newsetl.extract.dates import find_dates
from newsetl.extract.events import find_events


def events_of(body: str, language: str, published: date) -> set[tuple[str, str]]:
    return {(e["type"], e["date"]) for e in find_events(body, language, published, [])}


def test_a_length_of_time_is_no_date():
    assert find_dates("대표단은 5박 6일간 일정을 소화했다.", "ko", date(2025, 3, 12)) == []
    assert find_dates("협상은 9일 만에 타결됐다.", "ko", date(2025, 3, 12)) == []
    # "전날 … 입국해 3박 4일간의 국빈 방한": the visit began the day before
    assert events_of("총리는 전날 김해공항으로 입국해 3박 4일간의 공식 방한 일정을 시작했다.", "ko",
                     date(2025, 3, 12)) == {("visit", "2025-03-11")}


def test_oneun_inside_a_word_is_not_a_future_day():
    # the "오는" that ends "카카오는" is no "오는 13일" (the coming 13th)
    assert find_dates("카카오는 13일 신제품을 내놨다.", "ko", date(2025, 5, 20))[0][0] == date(2025, 5, 13)


def test_a_deadline_is_no_event_day():
    assert events_of("위원회는 오는 20일까지 회의를 이어간다.", "ko", date(2025, 3, 12)) == set()
    assert events_of("A draft would be finalized by March 20 and unveiled to lawmakers.", "en",
                     date(2025, 3, 12)) == set()


def test_the_day_of_the_report_gives_way_to_the_day_of_the_event():
    assert events_of("한빛은행은 전날 서울 본점에서 다온카드와 업무협약을 체결했다고 12일 밝혔다.", "ko",
                     date(2025, 3, 12)) == {("agreement", "2025-03-11")}


def test_a_day_inside_a_quotation_is_the_speakers_story():
    assert events_of('다온서점은 이날 "전날보다 두 배 팔렸다"고 밝혔다.', "ko", date(2025, 3, 12)) == \
        {("announcement", "2025-03-12")}


def test_a_second_day_dates_a_second_event():
    assert events_of("다온전자는 12일 서울 본사에서 기자간담회를 열고 새 노트북을 다음 달 2일 출시한다고 밝혔다.", "ko",
                     date(2025, 3, 12)) == {("announcement", "2025-03-12"), ("product_launch", "2025-04-02")}


def test_a_press_conference_is_an_announcement():
    assert events_of("한빛건설은 12일 서울 본사에서 기자간담회를 열고 새 브랜드를 공개했다.", "ko", date(2025, 3, 12)) == \
        {("announcement", "2025-03-12")}
    assert events_of("The minister told a press conference in Sejong on Tuesday that rents would be capped.", "en",
                     date(2025, 3, 12)) == {("announcement", "2025-03-11")}


def test_talks_between_heads_of_state_are_a_summit():
    assert events_of("두 나라 정상은 이날 서울에서 단독 회담과 확대 회담을 잇달아 가졌다.", "ko", date(2025, 3, 12)) == \
        {("summit", "2025-03-12")}


def test_an_mou_for_cooperation_is_a_partnership():
    assert events_of("다온제약은 지난달 3일 한빛바이오와 신약 공동 개발을 위한 업무협약(MOU)을 맺었다.", "ko",
                     date(2025, 3, 12)) == {("partnership", "2025-02-03")}
    assert events_of("시는 이날 다온전자와 2천억원 규모의 투자협약을 맺었다.", "ko", date(2025, 3, 12)) == \
        {("agreement", "2025-03-12")}


def test_a_partnership_mentioned_is_not_a_partnership_formed():
    assert events_of("The president urged Ottawa on Tuesday to deepen the two countries' defence partnership.", "en",
                     date(2025, 3, 12)) == set()
    assert events_of("Corvane said on Tuesday it had signed a partnership with Lumio to build chips.", "en",
                     date(2025, 3, 12)) == {("partnership", "2025-03-11")}


def test_a_launch_at_a_show_is_the_launch():
    assert events_of("다온게임즈는 오는 20일 부산에서 열리는 '게임쇼 2030'에서 신작을 처음 공개한다.", "ko",
                     date(2025, 3, 12)) == {("product_launch", "2025-03-20")}
    assert events_of("Lumio plans to unveil the robot at its developer conference in Austin on May 5.", "en",
                     date(2025, 3, 12)) == {("product_launch", "2025-05-05")}


def test_earnings_and_their_call_are_earnings():
    assert events_of("다온증권은 전날 공시를 통해 3분기 순이익이 20% 늘었다고 밝혔다.", "ko", date(2025, 11, 6)) == \
        {("earnings", "2025-11-05")}
    assert events_of("재무책임자는 전날 열린 실적 설명회(콘퍼런스콜)에서 배당을 늘리겠다고 말했다.", "ko",
                     date(2025, 11, 6)) == {("earnings", "2025-11-05")}


@pytest.mark.parametrize("sentence", [
    '비상대책위원장은 지난 18일 성명을 내고 "수급추계위원회의 추계부터 공개하라"고 요구했다.',  # 대책위, 위원회의
    '보건정책관은 이날 세종청사에서 기자들과 만나 "대화는 열려 있다"고 말했다.',  # met reporters, a title
    "종합정책질의는 7일까지 이어진다.",
])
def test_words_inside_longer_words_trigger_nothing(sentence):
    assert events_of(sentence, "ko", date(2025, 8, 21)) == set()


@pytest.mark.parametrize(("text", "published", "expected"), [
    # the verb before the date gives its tense; a "will" after it belongs to another clause
    ("The firm signed a supply deal with the city on Monday, under which the city will buy buses.",
     date(2025, 6, 10), date(2025, 6, 9)),
    ("The union said it would hold a rally on Friday.", date(2025, 6, 10), date(2025, 6, 13)),
    ('"We will not move," he said at a briefing on Monday.', date(2025, 6, 10), date(2025, 6, 9)),
    ("a referendum to be held alongside the June 3 local elections", date(2025, 11, 19), date(2026, 6, 3)),
    ("Earlier in the day, the minister convened an emergency meeting.", date(2025, 6, 10), date(2025, 6, 10)),
])
def test_english_dates_take_the_tense_of_their_clause(text, published, expected):
    assert find_dates(text, "en", published)[0][0] == expected


@pytest.mark.parametrize(("sentence", "published", "expected"), [
    # a board or shareholders' meeting that decides
    ("다온화학은 전날 이사회를 열고 공장 증설 안건을 의결했다고 12일 밝혔다.", date(2025, 3, 12), {("meeting", "2025-03-11")}),
    ("두 회사는 오는 5월 20일 각각 임시 주주총회를 열어 정관 변경을 승인받는다.", date(2025, 3, 12), {("meeting", "2025-05-20")}),
    ("The lender's board approved the sale on Monday, according to a filing.", date(2025, 3, 12), {("meeting", "2025-03-10")}),
    # a sentence, a ruling, an injunction and the hearings of a case
    ("서울남부지법은 12일 횡령 혐의로 기소된 대표에게 징역 5년을 선고했다.", date(2025, 3, 12), {("lawsuit", "2025-03-12")}),
    ("검찰은 지난달 20일 결심공판에서 징역 10년을 구형했다.", date(2025, 3, 12), {("lawsuit", "2025-02-20")}),
    ("법원은 오는 20일 첫 심문기일을 연다.", date(2025, 3, 12), {("lawsuit", "2025-03-20")}),
    ("A Busan court ruled Tuesday that the dismissal was unlawful.", date(2025, 3, 12), {("lawsuit", "2025-03-11")}),
    # ceremonies, strikes, concerts and openings the taxonomy has no type for
    ("시상식은 다음 달 3일 서울 광화문에서 열린다.", date(2025, 3, 12), {("other", "2025-04-03")}),
    ("철도노조가 12일 오전 9시부터 총파업에 들어갔다.", date(2025, 3, 12), {("other", "2025-03-12")}),
    ("Dockworkers went on an indefinite strike Tuesday, halting cargo.", date(2025, 3, 12), {("other", "2025-03-11")}),
    ("The design fair opens Saturday at the convention centre.", date(2025, 3, 12), {("other", "2025-03-15")}),
    # money received is an investment; a day from which a benefit is widened is a policy
    ("다온로보틱스는 지난달 27일 200억원 규모의 시리즈A 투자를 유치했다.", date(2025, 3, 12), {("investment", "2025-02-27")}),
    ("구청은 다음 달 1일부터 지원 대상을 60세 이상으로 넓힌다고 12일 밝혔다.", date(2025, 3, 12), {("policy", "2025-04-01")}),
    # the disclosure day is the report's; the deal is the day before
    ("다온전자는 전날 한빛테크 지분 51%를 인수하는 계약을 맺었다고 이날 공시했다.", date(2025, 3, 12),
     {("acquisition", "2025-03-11")}),
    # a draft put to a council is not an agreement yet
    ("시의회 위원회는 12일 임시회 회의에서 시가 낸 개발 협약안 심사를 보류했다.", date(2025, 3, 12), {("meeting", "2025-03-12")}),
    # a technology first shown at a conference, told as background, is not launched there
    ("이 기능은 지난해 10월 5일 열린 개발자 콘퍼런스 '다온 2024'에서 처음 공개된 기술을 썼다.", date(2025, 3, 12),
     {("conference", "2024-10-05")}),
    # a show named in quotes is still the place of a launch
    ("다온게임즈는 게임 전시회 '플레이 2025'에서 신작을 처음 공개하고, 내달 10일 출시한다고 밝혔다.", date(2025, 3, 12),
     {("product_launch", "2025-04-10")}),
])
def test_more_event_types_read_from_their_trigger_words(sentence, published, expected):
    assert events_of(sentence, "ko" if re.search("[가-힣]", sentence) else "en", published) == expected


@pytest.mark.parametrize(("body", "published", "expected"), [
    # official figures made public, a festival, a match result
    ("Retail sales rose 2 percent in May, government data showed Tuesday.", date(2025, 6, 11), {("announcement", "2025-06-10")}),
    ("The lantern festival runs from Sept. 26 to Oct. 5 in Jeonju.", date(2025, 9, 19), {("other", "2025-09-26")}),
    ("포항은 26일 대전을 2-0으로 꺾었다.", date(2025, 10, 26), {("other", "2025-10-26")}),
    ("Fulham beat Brentford 3-1 at Craven Cottage on Saturday.", date(2025, 10, 26), {("other", "2025-10-25")}),
    ("검찰은 지난 10월 2일 결심 공판에서 징역 7년을 구형했다.", date(2025, 11, 20), {("lawsuit", "2025-10-02")}),
    # a minority stake bought is an investment; a majority one a takeover
    ("다온캐피탈은 12일 한빛소재 지분 15%를 사들였다.", date(2025, 3, 12), {("investment", "2025-03-12")}),
    ("다온전자는 12일 한빛소재 지분 60%를 인수했다.", date(2025, 3, 12), {("acquisition", "2025-03-12")}),
    ("Corvane said Monday it would acquire a 20 percent stake in Lumio.", date(2025, 3, 12), {("investment", "2025-03-10")}),
    # "같은 날" is the day of the event told just before
    ("다온전자는 12일 한빛과 공급계약을 맺었다. 같은 날 다온캐피탈은 다온전자 지분 10%를 사들였다.", date(2025, 3, 12),
     {("agreement", "2025-03-12"), ("investment", "2025-03-12")}),
    # the dateline and "organizers said Friday" date the report, not an event given a time of its own
    ("SEOUL, March 20 (Yonhap) -- Corvane said Wednesday it has signed a partnership with Lumio.", date(2025, 3, 20),
     {("partnership", "2025-03-19")}),
    ("Lanterns will fill the old town next week as the festival returns, organizers said Friday.", date(2025, 9, 19), set()),
    # the day next to an arrival is the visit's
    ("The minister, who arrived in Seoul on Monday for a two-day visit, held talks with her counterpart.",
     date(2025, 3, 12), {("visit", "2025-03-10")}),
    # a statement of position answers a story and announces nothing
    ("한빛엔터는 이날 입장문을 내고 \"법적 대응을 검토하겠다\"고 밝혔다.", date(2025, 3, 12), set()),
])
def test_events_from_figures_festivals_matches_stakes_and_reports(body, published, expected):
    assert events_of(body, "ko" if re.search("[가-힣]", body) else "en", published) == expected


def test_that_day_is_the_day_of_the_story():
    # a morning paper of the 16th on talks held on the 15th (local time): 이날 is the 15th
    body = ("차관은 15일(현지시간) 워싱턴에서 열린 재무장관회의에 참석했다. "
            "국제기구 관계자는 이날 별도 브리핑에서 성장률 전망을 내놨다.")
    assert events_of(body, "ko", date(2025, 10, 16)) == {("meeting", "2025-10-15"), ("announcement", "2025-10-15")}
    # a story that names only the day before keeps 이날 on the publication day
    body = "다온은 전날 이사회를 열고 증설을 의결했다. 대표는 이날 기자간담회에서 계획을 설명했다."
    assert events_of(body, "ko", date(2025, 3, 12)) == {("meeting", "2025-03-11"), ("announcement", "2025-03-12")}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("다온종합병원이 다음 달 1일부터 야간 진료를 중단한다.", {("other", "2025-04-01")}),  # 종합병원 holds no 합병
    ("미술관은 조각가의 회고전을 오는 18일부터 연다고 12일 밝혔다.", {("other", "2025-03-18")}),
])
def test_closures_and_exhibitions_are_other_events(sentence, expected):
    assert events_of(sentence, "ko", date(2025, 3, 12)) == expected


@pytest.mark.parametrize(("body", "published", "expected"), [
    # talks that end in an accord are two facts
    ("두 장관은 12일 서울에서 회담을 갖고 교류를 두 배로 늘리기로 합의했다.", date(2025, 3, 12),
     {("meeting", "2025-03-12"), ("agreement", "2025-03-12")}),
    ("Korea and Chile held a summit on Tuesday and agreed to launch a minerals dialogue.", date(2025, 3, 12),
     {("summit", "2025-03-11"), ("agreement", "2025-03-11")}),
    # a plan for "next week" announced on the 4th: the 4th is only the report's day
    ("정부는 노사 대표와의 회담을 다음 주 중 추진하겠다고 4일 밝혔다.", date(2025, 3, 4), set()),
    # talks asked for are not talks held; a meeting proposed for a day is dated
    ("Farm groups on Monday urged the trade ministry to join industry-wide talks on import quotas.", date(2025, 3, 12),
     set()),
    ("She said she had emailed the mayor on Sunday suggesting that the two meet next Monday.", date(2025, 3, 12),
     {("meeting", "2025-03-17")}),
    # a plan told in the present progressive: the coming Monday
    ("The ministry is sending a delegation to meet officials in Washington on Monday.", date(2025, 3, 12),
     {("meeting", "2025-03-17")}),
])
def test_talks_agreements_and_plans(body, published, expected):
    assert events_of(body, "ko" if re.search("[가-힣]", body) else "en", published) == expected


@pytest.mark.parametrize(("body", "published", "expected"), [
    ("그룹은 10일 서울 마포구에서 새 앨범 발매 기념 쇼케이스를 열었다.", date(2025, 6, 11), {("product_launch", "2025-06-10")}),
    ("윤 후보자는 지난달 30일 개각에서 장관 후보자로 지명됐다.", date(2025, 8, 13), {("appointment", "2025-07-30")}),
    ("The brewer disclosed on Feb. 6 that its fourth-quarter operating profit had halved, and its stock slid.",
     date(2025, 2, 17), {("earnings", "2025-02-06")}),
])
def test_showcases_nominations_and_quarterly_results(body, published, expected):
    assert events_of(body, "ko" if re.search("[가-힣]", body) else "en", published) == expected


@pytest.mark.parametrize(("body", "published", "expected"), [
    ("다온전자는 12일 공장 착공식을 열고 2027년까지 총 5조원을 투자해 생산 거점을 짓겠다고 밝혔다.", date(2025, 3, 12),
     {("investment", "2025-03-12")}),
    ("Lumio and Corvane have signed an agreement to jointly build data centers, the companies said on Monday.",
     date(2025, 3, 12), {("partnership", "2025-03-10")}),
])
def test_money_put_in_and_agreements_to_work_jointly(body, published, expected):
    assert events_of(body, "ko" if re.search("[가-힣]", body) else "en", published) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # no coming Feb. 29 in the next three years, and no Feb. 30 ever: no date rather than a crash or a wrong day
    ("The vote will be held on Feb. 29, officials said.", "en", []),
    ("The vote will be held on Feb. 30.", "en", []),
    ("투표는 오는 2월 29일 열린다.", "ko", []),
    # "오는" before a month and day is the coming one, even when last year's lies nearer
    ("투표는 오는 2월 28일 열린다.", "ko", [date(2026, 2, 28)]),
    ("투표는 오는 1월 5일 열린다.", "ko", [date(2026, 1, 5)]),
    ("투표는 2월 28일 열렸다.", "ko", [date(2025, 2, 28)]),
])
def test_a_day_no_coming_year_has_is_no_date_and_oneun_looks_ahead(text, language, expected):
    assert [found[0] for found in find_dates(text, language, date(2025, 3, 1))] == expected
