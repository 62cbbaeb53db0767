"""Speaker attribution in house styles: how outlets name who speaks (newsetl/extract/quotes.py)."""

from test_clean import clean_bytes

from newsetl.extract import extract_article

_FILLER_KO = "업계는 이번 결정을 주목하고 있다. " * 3
_FILLER_EN = "Markets were mixed on the day. " * 3


def _said(text: str) -> list[tuple[str | None, str, str | None]]:
    """(speaker, text, cue) of every quote extracted from a Korean or English article given as plain text."""
    [article], _ = clean_bytes(text.encode())
    return [(q["speaker"], q["text"], q["cue"]) for q in extract_article(article)["quotes"]]


def test_bare_검찰_speaks_for_the_one_district_office_the_story_names():
    one = _said("선고\n입력 2025.06.18 10:00\n수원지검 형사2부는 지난달 대표를 구속기소했다. 검찰은 \"판결을 검토해 "
                "항소하겠다\"고 밝혔다.\n" + _FILLER_KO)
    assert one == [("Suwon District Prosecutors' Office", "판결을 검토해 항소하겠다", "밝혔다")]
    two = _said("선고\n입력 2025.06.18 10:00\n수원지검과 인천지검이 함께 수사했다. 검찰은 \"판결을 검토해 항소하겠다\"고 "
                "밝혔다.\n" + _FILLER_KO)
    assert two == [("Supreme Prosecutors' Office", "판결을 검토해 항소하겠다", "밝혔다")]


def test_a_company_shortened_to_its_first_word_before_측_is_that_company():
    said = _said("게임\n입력 2025.06.18 10:00\n게임사 별빛소프트웨어는 신작 출시를 미뤘다. 별빛 측은 \"완성도를 높이겠다\"고 "
                 "강조했다.\n" + _FILLER_KO)
    assert said == [("별빛소프트웨어", "완성도를 높이겠다", "강조했다")]


def test_korean_organization_as_topic_reports_what_a_person_it_names_will_do():
    said = _said("체육\n입력 2025.06.18 10:00\n대한체육회는 김도윤 선수가 다음 달 대표팀에 합류한다고 설명했다.\n" + _FILLER_KO)
    assert said == [("Korean Sport & Olympic Committee", "김도윤 선수가 다음 달 대표팀에 합류한다", "설명했다")]


def test_korean_organization_subject_after_a_modifier_that_ends_like_a_particle():
    said = _said("공시\n입력 2025.06.18 10:00\n같은 날 반도체 장비업체 나래테크는 청주 공장을 두 배로 증설한다고 공시했다.\n"
                 + _FILLER_KO)
    assert said == [("나래테크", "청주 공장을 두 배로 증설한다", "공시했다")]


def test_korean_reporting_verbs_contracted_into_one_syllable():
    said = _said("전망\n입력 2025.06.18 10:00\n박서윤 키움증권 연구원은 내년 수출이 10% 넘게 늘 것이라고 내다봤다. 그는 올해가 "
                 "가장 힘들었다고 털어놨다.\n" + _FILLER_KO)
    assert said == [("박서윤", "내년 수출이 10% 넘게 늘 것이라", "내다봤다"), ("박서윤", "올해가 가장 힘들었다", "털어놨다")]


def test_korean_pronoun_never_means_the_person_its_own_sentence_names():
    said = _said("음반\n입력 2025.06.18 10:00\n윤가람 작가는 \"긴 공백이었다\"고 말했다. 편곡은 박도윤 프로듀서가 맡았다. 그녀는 "
                 "박 프로듀서와 가장 오래 다툰 곡이 타이틀곡이 됐다고 털어놨다.\n" + _FILLER_KO)
    assert said == [("윤가람", "긴 공백이었다", "말했다"), ("윤가람", "박 프로듀서와 가장 오래 다툰 곡이 타이틀곡이 됐다", "털어놨다")]


def test_english_object_of_a_verb_is_not_the_subject_and_said_afterwards_that():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\n\"I just kept shooting,\" Tomas Ferreira said after scoring "
                 "twice for Rovers. He now has nine league goals. The forward was taken off late on and embraced Aldo "
                 "Whitfield, the Rovers coach, on the bench. He said afterwards that the coach's trust had carried him "
                 "through a hard winter.\n" + _FILLER_EN)
    assert said == [("Tomas Ferreira", "I just kept shooting,", "said"),
                    ("Tomas Ferreira", "the coach's trust had carried him through a hard winter", "said")]


def test_english_words_of_people_described_and_not_named_are_kept_with_no_speaker():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nA ferry worker, who asked not to be named, said the new "
                 "timetable was \"simply impossible\" for the crews. The bridge will reopen to traffic on Monday, officials "
                 "said Friday.\n" + _FILLER_EN)
    assert said == [(None, "simply impossible", "said"), (None, "The bridge will reopen to traffic on Monday", "said")]


def test_english_name_in_apposition_after_its_title_speaks():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nThe ferry operator has been fined. Its chief executive, Marta "
                 "Lindqvist, said the company would appeal. The transport minister, Nadia Pryce, told MPs that the fine "
                 "was fair. She said the ruling was \"a shock\" to the crews.\n" + _FILLER_EN)
    assert said == [("Marta Lindqvist", "the company would appeal", "said"),
                    ("Nadia Pryce", "the fine was fair", "told MPs"), ("Nadia Pryce", "a shock", "said")]


def test_korean_speakers_named_as_a_fund_partner_after_a_place_or_as_a_group_in_quote_marks():
    said = _said("투자\n입력 2025.06.18 10:00\n투자를 이끈 한빛벤처스의 장도윤 파트너는 \"드문 팀\"이라고 평가했다. 행사장에서 "
                 "만난 남기윤 외교부 기후대사는 \"협상이 팽팽하다\"고 말했다. 환경 시민모임 '푸른물길'은 기자회견을 열고 "
                 "‘매립을 멈춰야 한다’고 밝혔다. 대한상공회의소(대한상의)는 이번 대책이 요금에 미칠 영향을 따져보고 있다고 "
                 "전했다.\n" + _FILLER_KO)
    assert said == [("장도윤", "드문 팀", "평가했다"), ("남기윤", "협상이 팽팽하다", "말했다"), ("푸른물길", "매립을 멈춰야 한다", "밝혔다"),
                    ("Korea Chamber of Commerce and Industry", "이번 대책이 요금에 미칠 영향을 따져보고 있다", "전했다")]


def test_coach_of_a_rarer_surname_named_before_the_club_place_and_title():
    said = _said("축구\n입력 2025.06.18 10:00\n전남은 후반에 무너졌다. 편재훈 전남 감독은 \"집중력이 떨어졌다\"고 말했다.\n" + _FILLER_KO)
    assert said == [("편재훈", "집중력이 떨어졌다", "말했다")]


def test_english_company_described_after_its_name_and_bodies_written_in_capitals():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nSamsung Electro-Mechanics will build a new plant in Vietnam, the "
                 "South Korean components maker said on Tuesday, as orders from data centres outrun its factories. The "
                 "RSPB, the bird "
                 "charity, said it had counted fewer nesting pairs. The Office for Coastal Planning (OCP) said officials "
                 "were \"watching closely\" this spring.\n" + _FILLER_EN)
    assert said == [("Samsung Electro-Mechanics", "Samsung Electro-Mechanics will build a new plant in Vietnam", "said"),
                    ("RSPB", "it had counted fewer nesting pairs", "said"),
                    ("Office for Coastal Planning", "watching closely", "said")]


def test_announcing_a_plan_is_no_reported_clause_but_saying_the_plan_would_is():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nOrbis announced the plan alongside its quarterly results, which "
                 "showed profit rising 12%. Its chief financial officer, Lena Varga, said the plan would cost about "
                 "$2 billion.\n" + _FILLER_EN)
    assert said == [("Lena Varga", "the plan would cost about $2 billion", "said")]


def test_english_headline_words_in_single_quotes_that_a_body_quote_says():
    [article], _ = clean_bytes(("Minister says export rally 'not over yet'; festival to light 'Lantern Row'\n"
                                "March 12, 2025 9:30 AM KST\n\"The rally is not over yet,\" Trade Minister Oh Min-jae told "
                                "reporters. \"We will call the new street 'Lantern Row' for the season,\" said Kim Na-yeon, "
                                "director of the festival.\n" + _FILLER_EN).encode())
    headline = [(q["speaker"], q["text"]) for q in extract_article(article)["quotes"] if q["kind"] == "headline"]
    assert headline == [("Oh Min-jae", "not over yet")]


def test_the_pronoun_for_a_speaker_tells_which_one_she_or_he_is_next():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nThe singer Lena Moss won her case on Thursday. Her lawyer, Tom "
                 "Barker, said Moss had been relieved. \"She wants to get back on stage,\" he said. \"Thank you for "
                 "waiting with me,\" she wrote on social media.\n" + _FILLER_EN)
    assert said == [("Tom Barker", "Moss had been relieved", "said"), ("Tom Barker", "She wants to get back on stage,", "said"),
                    ("Lena Moss", "Thank you for waiting with me,", "wrote")]


def test_korean_feature_styles_recalled_words_advice_given_and_praise_of_a_partner():
    said = _said("인터뷰\n입력 2025.06.18 10:00\n하늘로봇 강서린 대표는 \"가격이 답\"이라고 말했다. 공동창업자 윤재성 이사와는 대학 "
                 "동기다. 윤 이사는 \"처음엔 다들 비싼 장비만 찾았다\"며 창업 초기를 떠올렸다. 정작 그녀는 \"윤 이사가 "
                 "없었다면 저는 아직 회사원이었을 겁니다\"라고 말했다.\n인터뷰 말미에 그녀는 후배 창업자들에게 조언을 "
                 "건넸다.\n\"고객이 지갑을 여는 이유를 먼저 찾으세요.\"\n" + _FILLER_KO)
    assert [(s, c) for s, _, c in said] == [("강서린", "말했다"), ("윤재성", "떠올렸다"), ("강서린", "말했다"),
                                            ("강서린", "이렇다")]


def test_korean_reported_speech_introduced_forecast_explained_and_beside_a_title():
    said = _said("행사\n입력 2025.06.18 10:00\n푸른상사 민도윤 대표는 \"올해가 고비\"라고 말했다. 민 대표는 수출 물량이 지난해의 두 배로 "
                 "늘었다고 소개했다. 그는 하반기 매출이 1천억원을 넘을 것으로 내다봤다. 재고는 석 달 치면 충분하다는 설명이다. "
                 "초록문화재단은 『바람의 지도』 5만 부를 더 찍기로 했다고만 밝혔다.\n" + _FILLER_KO)
    assert said == [("민도윤", "올해가 고비", "말했다"), ("민도윤", "수출 물량이 지난해의 두 배로 늘었다", "소개했다"),
                    ("민도윤", "하반기 매출이 1천억원을 넘을 것", "내다봤다"), ("민도윤", "재고는 석 달 치면 충분하다", "설명이다"),
                    ("초록문화재단", "『바람의 지도』 5만 부를 더 찍기로 했다", "밝혔다")]
    owned = _said("합병\n입력 2025.06.18 10:00\n두 회사는 내년 3월 합병한다. 합병 법인은 업계 3위에 오른다는 게 초록홀딩스의 "
                  "설명이다. 통계에서 수출은 10% 늘어날 것으로 나타났다.\n" + _FILLER_KO)
    assert owned == [("초록홀딩스", "합병 법인은 업계 3위에 오른다", "설명이다")]


def test_english_reported_speech_with_a_long_subject_a_trailing_attribution_or_a_statement_from():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nNorvik Shipping will buy six tankers for $900 million, the "
                 "company said in a regulatory filing Tuesday, adding that deliveries would begin in 2027. Freight "
                 "rates rose 12 percent in May, the Baltic Freight Corp. said. The port will open a second terminal, "
                 "harbor master Ilse Brandt told a briefing. Brandt said most of the older cranes at the terminal "
                 "were due for replacement. The summit ended with a joint declaration, according to the presidential "
                 "office. The court ruled against the operator, according to a statement from the Ministry of "
                 "Justice.\n" + _FILLER_EN)
    assert said == [("Norvik Shipping", "Norvik Shipping will buy six tankers for $900 million", "said"),
                    ("Norvik Shipping", "deliveries would begin in 2027", "adding"),
                    ("Baltic Freight", "Freight rates rose 12 percent in May", "said"),
                    ("Ilse Brandt", "The port will open a second terminal", "told"),
                    ("Ilse Brandt", "most of the older cranes at the terminal were due for replacement", "said"),
                    ("Office of the President", "The summit ended with a joint declaration", "according to"),
                    ("Ministry of Justice", "The court ruled against the operator", "according to")]


def test_english_reported_clause_beside_quotes_or_around_a_quoted_title():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nThe Busan District Court said in its ruling that the landlord "
                 "had broken the lease, as the repairs were \"long overdue\" by then. Tenant lawyer Mina Scholz called the "
                 "decision \"a relief\" and said her clients would stay in the building. Painter Oskar Lind won the "
                 "top prize for \"Low Tide,\" a series of harbor scenes, the Busan District Court said.\n" + _FILLER_EN)
    assert said == [("Busan District Court", "long overdue", "said"),
                    ("Busan District Court", "the landlord had broken the lease", "said"),
                    ("Mina Scholz", "a relief", "called"), ("Mina Scholz", "her clients would stay in the building", "said"),
                    ("Busan District Court", "Painter Oskar Lind won the top prize for \"Low Tide,\" a series of harbor "
                                             "scenes", "said")]


def test_english_reported_wish_and_forecast_in_the_present():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nHarlow Foods Group, which makes frozen meals, has said it wants "
                 "exports to double by 2028. Its chief economist, Vera Lindqvist, expects that demand will slow next "
                 "year.\n" + _FILLER_EN)
    assert said == [("Harlow Foods Group", "it wants exports to double by 2028", "said"),
                    ("Vera Lindqvist", "demand will slow next year", "expects")]


def test_english_bare_surname_shared_by_two_people_is_the_one_the_text_is_about_or_no_one():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\n\"The bridge is safe,\" said Elena Marsh, the city engineer.\n"
                 "Tom Marsh, who runs the ferry company, disagreed. \"The cracks are getting wider,\" Marsh said.\n"
                 "The mayor, Aldo Whitfield, said the bridge would stay open until the survey in June.\n"
                 "\"Nobody has shown me the survey,\" Marsh said.\n" + _FILLER_EN)
    assert said == [("Elena Marsh", "The bridge is safe,", "said"), ("Tom Marsh", "The cracks are getting wider,", "said"),
                    ("Aldo Whitfield", "the bridge would stay open until the survey in June", "said"),
                    (None, "Nobody has shown me the survey,", "said")]


def test_english_name_in_a_relative_clause_after_a_fronted_question_is_not_the_speaker():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nFerry operator Tom Marsh said fares would rise in May.\n"
                 "Elena Brook, the city engineer, said she had approved the new pier. \"It is ready,\" she said.\n"
                 "Asked about the pier, which Brook had approved on Monday, he said, \"We will use it from June.\"\n"
                 + _FILLER_EN)
    assert said[-1] == ("Tom Marsh", "We will use it from June.", "said")


def test_korean_short_reference_shared_by_two_namesakes_is_the_nearer_or_the_one_not_named_beside_it():
    said = _said("국회\n입력 2025.06.18 10:00\n김도현 의원은 \"법안을 다시 내겠다\"고 말했다.\n"
                 "같은 당 김유진 의원도 공동 발의에 이름을 올렸다. 김 의원은 \"청년 주거가 먼저\"라고 강조했다.\n"
                 "김 의원은 김도현 의원과 같은 대학을 나왔다고 소개했다.\n"
                 "법안은 다음 달 상임위에 오른다. 업계는 법안 내용을 주시하고 있다.\n"
                 "김 의원은 \"통과를 자신한다\"고 말했다.\n" + _FILLER_KO)
    assert [(who, words) for who, words, _ in said] == [
        ("김도현", "법안을 다시 내겠다"), ("김유진", "청년 주거가 먼저"),
        ("김유진", "김도현 의원과 같은 대학을 나왔다"), (None, "통과를 자신한다")]


def test_korean_pronoun_quoting_a_namesake_by_another_title_stays_with_the_speaker():
    said = _said("국회\n입력 2025.06.18 10:00\n정민수 국민연합 원내대표는 \"예산안을 받을 수 없다\"고 말했다.\n"
                 "정수아 새미래당 대표는 \"민생을 외면했다\"고 비판했다. 그녀는 \"정 원내대표가 합의를 뒤집었다\"고 "
                 "주장했다.\n" + _FILLER_KO)
    assert [who for who, _, _ in said] == ["정민수", "정수아", "정수아"]


def test_korean_speaker_after_the_quote_says_it_while_doing_something_else():
    said = _said("포럼\n입력 2025.06.18 10:00\n\"올해 안에 신제품을 내놓겠습니다. 준비는 끝났습니다.\" 기조연설에 나선 "
                 "오세훈 나래전자 사장은 이렇게 말하며 연설을 시작했다.\n" + _FILLER_KO)
    assert said == [("오세훈", "올해 안에 신제품을 내놓겠습니다. 준비는 끝났습니다.", "말하며")]


def test_korean_pronoun_answering_a_question_is_not_the_one_who_asked():
    said = _said("국정감사\n입력 2025.06.18 10:00\n남도윤 국토교통부 장관은 \"연내 착공하겠다\"고 밝혔다. 국회 국토위 "
                 "윤하진 의원이 \"재원은 어디서 마련하느냐\"고 묻자 그는 \"민자 사업으로 충당하겠다\"고 답했다.\n"
                 + _FILLER_KO)
    assert [who for who, _, _ in said] == ["남도윤", "윤하진", "남도윤"]


def test_korean_short_reference_by_a_compound_party_title_is_the_subject():
    said = _said("국회\n입력 2025.06.18 10:00\n윤재석 새미래당 원내대표는 \"법안을 이번 주에 처리하겠다\"고 말했다. "
                 "마도현 국민연합 수석대변인은 브리핑을 열었다.\n마 수석대변인은 윤 원내대표가 제안한 회동에 대해 선을 "
                 "그었다. 그는 \"당론부터 바꾸는 것이 순서\"라고 말했다.\n" + _FILLER_KO)
    assert [who for who, _, _ in said] == ["윤재석", "마도현"]


def test_english_one_member_of_an_organization_speaks_for_themselves_not_for_it():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nThe bill passed late on Friday. \"The vote was rushed,\" one "
                 "Democratic Party lawmaker said on condition of anonymity.\n" + _FILLER_EN)
    assert said == [(None, "The vote was rushed,", "said")]


def test_english_the_company_is_the_one_the_sentence_before_opens_with():
    said = _said("Title here\nMarch 12, 2025 9:30 AM KST\nLotte Chemical agreed to buy Hanwha Solutions' plant. Hanwha "
                 "Solutions will use the money to cut debt, Hanwha Solutions said. Hanwha Solutions has sold two other "
                 "plants this year.\nShares of Lotte Chemical fell 3 percent on the Korea Exchange on Monday. The stock "
                 "had already slipped after the company reported on Feb. 6 that its quarterly profit dropped by half.\n"
                 + _FILLER_EN)
    assert said[-1] == ("Lotte Chemical", "its quarterly profit dropped by half", "reported")


def test_korean_headline_quote_echoing_a_paraphrase_and_a_quote_equally_is_the_quoted_speakers():
    said = _said("의협 \"수가 인하 땐 집단 휴진\"\n입력 2025.06.18 10:00\n대한의사협회(의협)가 정부가 수가를 인하할 경우 "
                 "집단 휴진에 나서겠다고 밝혔다. 김태석 의협 대변인은 \"수가를 인하하면 집단 휴진에 나설 수밖에 "
                 "없다\"고 말했다.\n" + _FILLER_KO)
    assert said[0] == ("김태석", "수가 인하 땐 집단 휴진", None)


def test_korean_pronoun_after_a_passer_by_who_did_something_to_the_topic_is_still_the_topic():
    said = _said("경기\n입력 2025.06.18 10:00\n서태오는 \"팀이 이겨서 기쁘다\"고 말했다. 경기 뒤 주장 문성빈도 그를 "
                 "끌어안았다. 그는 \"동료들 덕분에 넣은 골\"이라고 말했다.\n" + _FILLER_KO)
    assert [who for who, _, _ in said] == ["서태오", "서태오"]
