from pathlib import Path

import pytest
from conftest import SAMPLE, SAMPLES, fold

from newsetl.clean import clean_item, detect_format
from newsetl.clean.decode import UndecodableError, decode_bytes, normalize_text
from newsetl.clean.lines import file_timestamp, is_counter
from newsetl.ingest import RawItem, transient_item


def _item(data: bytes, uri: str = "test") -> RawItem:
    return transient_item(data, "test", uri)


def clean_bytes(data: bytes, uri: str = "test"):
    return clean_item(_item(data, uri), data, "Asia/Seoul", 10_000_000)


@pytest.fixture(scope="module")
def sample():
    articles, rejections = clean_bytes(SAMPLE.read_bytes(), str(SAMPLE))
    assert rejections == []
    assert len(articles) == 1
    return articles[0]


def test_sample_article_fields_match_gold(sample, gold):
    expected = gold["article"]
    assert fold(sample["title"]) == fold(expected["title"])
    assert sample["section"] == expected["section"]
    assert sample["language"] == expected["language"]
    assert sample["outlet"] == expected["outlet"]
    assert sample["reporters"] == [expected["reporter"]]
    assert sample["reporter_emails"] == []  # hidden by the site: never recorded as an address
    assert sample["email_hidden"] is True
    assert sample["published_at"].startswith(expected["published_date"])
    assert sample["published_at_source"] == "image_filename"
    assert [fold(c) for c in sample["captions"]] == [fold(c) for c in expected["photo_captions"]]
    assert sample["photo_credits"] == [expected["photo_credit"]]


def test_sample_body_is_the_article_and_nothing_else(sample, gold):
    body_lines = sample["body"].split("\n")
    assert fold(body_lines[0]) == fold(gold["article"]["body_first_sentence"])
    assert fold(body_lines[-1]) == fold(gold["article"]["body_last_sentence"])
    for chrome in gold["article"]["not_in_body"]:
        assert all(fold(line) != fold(chrome) for line in body_lines), chrome
    assert "[email" not in sample["body"]
    assert "\u00a0" not in sample["body"]
    reasons = {r["reason"] for r in sample["removed_lines"]}
    assert {"repeated title", "counter", "image file name", "photo credit", "byline"} <= reasons


def test_html_page_goes_through_trafilatura_with_metadata():
    page = SAMPLES / "toyota-ev-launch.en.html"
    [article], _ = clean_bytes(page.read_bytes(), str(page))
    assert article["format"] == "html"
    assert article["language"] == "en"
    assert article["published_at_source"] == "html_meta"
    assert article["published_at"].startswith("2025-04-08")
    assert article["canonical_url"] == "https://example-news.test/autos/toyota-ev-launch"
    assert "Related stories" not in article["body"]
    assert "Toyota" in article["body"]


def test_yonhap_dateline_gives_outlet_and_reporter_and_leaves_the_body():
    page = SAMPLES / "samsung-chip-investment.ko.txt"
    [article], _ = clean_bytes(page.read_bytes(), str(page))
    assert article["outlet"] == "연합뉴스"
    assert article["reporters"] == ["박지민"]
    assert not article["body"].startswith("(서울=")
    assert "무단전재" not in article["body"]


def test_euc_kr_bytes_decode_to_the_same_text():
    text = "김영섭 KT 대표는 \"협력이 필요하다\"고 말했다."
    assert decode_bytes(text.encode("cp949")) == (text, "cp949")
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


def test_normalize_folds_no_break_and_zero_width_spaces_and_composes():
    assert normalize_text("A\u00a0B\u200bC\u3000D") == "A BC D"
    assert normalize_text("\u1100\u1161") == "가"  # NFC


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
     (b"<html><head><title>Page</title></head><body><script>var a=1;</script></body></html>", "no main text"),
     (b"<!doctype html><html><body><nav>Home | World</nav></body></html>", "no article text left"),
     (b"<!doctype html><html><body><article><p>" + b"A long story that was cut off in transit. " * 20,
      "truncated HTML"),
     ("\ufffd".encode() * 3 + b"\xff\xfe\xfd" * 50, "decodes as none"),
     ("제목\n[사진=KT]\nM 최고관리자 0 43\n0 Comments\n".encode(), "no article text left")],
)
def test_bad_items_are_rejected_with_a_clear_reason(data, reason):
    articles, rejections = clean_bytes(data)
    assert articles == []
    assert len(rejections) == 1 and reason in rejections[0]["reason"]


def test_oversized_item_is_rejected_without_reading_it():
    data = "가".encode() * 100
    articles, rejections = clean_item(_item(data), data, "Asia/Seoul", max_bytes=50)
    assert articles == [] and "cap" in rejections[0]["reason"]


def test_fifty_megabytes_of_text_is_rejected_under_the_default_cap():
    from newsetl.settings import load

    data = b"A sentence of filler text that goes on. " * (50 * 1024 * 1024 // 40)
    articles, rejections = clean_item(_item(data), data, "Asia/Seoul", load().max_item_bytes)
    assert articles == [] and "over the" in rejections[0]["reason"] and "NEWSETL_MAX_ITEM_BYTES" in rejections[0]["reason"]


def test_undecodable_error_names_what_was_tried():
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"abc\x00def")


def test_format_is_detected_from_content_not_name():
    assert detect_format("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_format('{"title": "t", "body": "b"}') == "json"
    assert detect_format("제목\n\n본문입니다.") == "text"


def test_json_lines_give_one_article_per_record(tmp_path: Path):
    body = "김영섭 KT 대표는 1일 서울에서 열린 행사에서 협력이 필요하다고 강조했다. " * 5
    data = "\n".join(
        f'{{"title": "기사 {i}", "body": "{body}", "published_at": "2024-10-01T10:00:00+09:00"}}' for i in range(3)
    ).encode()
    articles, rejections = clean_bytes(data)
    assert rejections == []
    assert [a["title"] for a in articles] == ["기사 0", "기사 1", "기사 2"]
    assert len({a["article_id"] for a in articles}) == 3
    assert all(a["published_at_source"] == "json" for a in articles)


def test_line_rules():
    assert file_timestamp("newhub_20241001141329492045.jpg") == "2024-10-01T14:13:29"
    assert file_timestamp("photo_20241399999999.jpg") is None
    assert is_counter("M 최고관리자 0 43")
    assert not is_counter("KT는 지난달 30일 MS와 협약을 맺었다.")


PARAGRAPHS = [
    "(서울=연합뉴스) 김정은 기자 = 정부는 2일 반도체 산업 지원을 위해 내년까지 10조원을 투입한다고 밝혔다.",
    "산업통상자원부 관계자는 \"반도체는 국가 경제의 핵심\"이라며 지원을 이어가겠다고 말했다.",
    "업계는 이번 대책이 투자 심리 회복에 도움이 될 것으로 기대하고 있다.",
]


@pytest.mark.parametrize(("line", "reason"), [
    ("[경제] 정부, 반도체에 10조 투입…\"국가 경제의 핵심\" …", "repeated title"),  # label and ellipsis aside
    ("정부, 반도체에 10조 투입…\"국가 경제의 핵심\"", "repeated title"),
    ("- 내년까지 10조원 투입, 세제 지원도 확대", "subtitle"),
    ("M 관리자 0 43", "counter"),
    ("조회수 1,024 댓글 3 공유 7", "counter"),
    ("chip_20241002093000.jpg", "image file name"),
    ("[사진=연합뉴스]", "photo credit"),
    ("입력 2024.10.02 09:30 | 수정 2024.10.02 10:00", "publication time"),
    ("Facebook Twitter 카카오톡 URL복사", "share bar"),
    ("공유하기", "widget label"),
    ("삼성전자, 3분기 영업이익 9조…전년比 274% 증가 …", "truncated teaser"),
    ("ⓒ 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지", "copyright"),
    ("jekim@yna.co.kr", "e-mail"),
])
def test_each_chrome_rule_removes_its_line_and_says_why(line, reason):
    text = "\n".join(["정부, 반도체에 10조 투입…\"국가 경제의 핵심\"", line, *PARAGRAPHS])
    [article], _ = clean_bytes(text.encode())
    removed = {r["line"]: r["reason"] for r in article["removed_lines"]}
    assert line not in article["body"]
    assert removed[line] == reason
    assert article["body"].split("\n")[-1] == PARAGRAPHS[-1]
    assert article["outlet"] == "연합뉴스" and article["reporters"] == ["김정은"]


def test_comment_blocks_and_what_follows_a_closing_byline_are_not_the_article():
    text = "\n".join(["제목입니다", *PARAGRAPHS, "댓글 2", "좋은 기사네요", "동의합니다 정말 그렇습니다."])
    [article], _ = clean_bytes(text.encode())
    assert article["body"].split("\n")[-1] == PARAGRAPHS[-1]
    assert [r["reason"] for r in article["removed_lines"]][-3:] == ["comment block"] * 3
    text = "\n".join(["제목입니다", *PARAGRAPHS, "연합뉴스=김정은 기자 jekim@yna.co.kr", "많이 본 기사 1위 제목"])
    [article], _ = clean_bytes(text.encode())
    assert article["reporter_emails"] == ["jekim@yna.co.kr"]
    assert article["removed_lines"][-1] == {"line": "많이 본 기사 1위 제목", "reason": "after closing byline"}


def test_english_byline_and_subtitle():
    text = "\n".join(["Chipmakers rally on export data", "By Jane Doe and John Roe, Reuters",
                      *[p for p in ("Shares of chipmakers rose on Tuesday after export data beat forecasts. " * 3,
                                    "\"This is the turn we waited for,\" said one trader in Seoul.")]])
    [article], _ = clean_bytes(text.encode())
    assert article["reporters"] == ["Jane Doe", "John Roe"] and article["outlet"] == "Reuters"
    assert article["language"] == "en" and article["body"].startswith("Shares of chipmakers")


def test_english_byline_names_an_outlet_of_several_words_after_the_reporter():
    text = "\n".join(["Ferry routes cut for winter", "By Mara Lindqvist, Busan Harbor Daily",
                      "Ferry operators cut three routes on Tuesday as passenger numbers fell for a fifth month. " * 3])
    [article], _ = clean_bytes(text.encode())
    assert article["reporters"] == ["Mara Lindqvist"] and article["outlet"] == "Busan Harbor Daily"


def test_published_time_trusts_html_metadata_then_text_then_image_file_name():
    page = SAMPLES / "toyota-ev-launch.en.html"
    [html], _ = clean_bytes(page.read_bytes())
    assert (html["published_at"], html["published_at_source"]) == ("2025-04-08T09:30:00+09:00", "html_meta")
    text = "\n".join(["제목입니다", "입력 2024.10.02 09:30", "photo_20241001141329.jpg", *PARAGRAPHS])
    [article], _ = clean_bytes(text.encode())
    assert (article["published_at"], article["published_at_source"]) == ("2024-10-02T09:30:00+09:00", "text")
    text = "\n".join(["제목입니다", "photo_20241001141329.jpg", *PARAGRAPHS])
    [article], _ = clean_bytes(text.encode())
    assert (article["published_at"], article["published_at_source"]) == ("2024-10-01T14:13:29+09:00", "image_filename")
