"""Decoding: every encoding a Korean or English news source sends, and mojibake repaired."""

import pytest
from test_clean import _item, clean_bytes

from newsetl.clean import clean_item
from newsetl.clean.decode import UndecodableError, decode_bytes, detect_encoding, repair_mojibake

KOREAN = '김영섭 KT 대표는 "협업을 통해 AI·데이터 주권을 확보해야 한다"고 강조했다.'
ENGLISH = "Microsoft’s chief executive said the deal — worth $10 billion — would “change everything”."
FRENCH = "Le président a déclaré que l'accord était très important pour l'économie française."


@pytest.mark.parametrize(("data", "encoding"), [
    (KOREAN.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + KOREAN.encode("utf-8"), "utf-8-sig"),
    (KOREAN.encode("utf-16"), "utf-16"),  # with its byte-order mark
    (KOREAN.encode("cp949"), "cp949"),
    (KOREAN.encode("euc-kr"), "cp949"),  # cp949 reads EUC-KR and its extra syllables
    ("똠방각하 똘똘이".encode("cp949"), "cp949"),  # syllables only cp949 has
    (ENGLISH.encode("cp1252"), "cp1252"),
])
def test_each_encoding_is_detected_and_decodes_to_the_same_text(data, encoding):
    text, detected = decode_bytes(data)
    assert detected == encoding
    assert text.lstrip("\ufeff") in (KOREAN, ENGLISH, "똠방각하 똘똘이")


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8():
    page = f'<html><head><meta charset="euc-kr"></head><body><p>{KOREAN}</p></body></html>'.encode("cp949")
    assert detect_encoding(page) == "cp949"
    assert detect_encoding(FRENCH.encode("latin-1"), declared="iso-8859-1") == "cp1252"
    assert decode_bytes(FRENCH.encode("latin-1"), declared="latin-1")[0] == FRENCH


def test_a_wrong_declaration_loses_to_valid_utf8():
    page = f'<meta charset="euc-kr"><p>{KOREAN}</p>'.encode()
    assert detect_encoding(page, declared="euc-kr") == "utf-8"


@pytest.mark.parametrize("data", [b"", b"  \n ", b"GIF89a\x00\x01\x00\x00", bytes(range(128, 256)) * 8])
def test_what_is_not_text_raises_with_a_reason(data):
    with pytest.raises(UndecodableError, match="empty|binary|decodes as none"):
        decode_bytes(data)


def _read_as_cp1252(data: bytes) -> str:
    """How a browser shows bytes as Windows-1252: its five undefined bytes pass through."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize(("original", "broken", "note"), [
    (KOREAN, _read_as_cp1252(KOREAN.encode("utf-8")), "UTF-8 read as Latin-1/Windows-1252"),
    (KOREAN, KOREAN.encode("utf-8").decode("latin-1"), "UTF-8 read as Latin-1/Windows-1252"),
    (ENGLISH, _read_as_cp1252(ENGLISH.encode("utf-8")), "UTF-8 read as Latin-1/Windows-1252"),
    (KOREAN, KOREAN.encode("cp949").decode("latin-1"), "CP949 read as Latin-1/Windows-1252"),
    # only some UTF-8 reads as CP949 without losing bytes; such text can be given back
    ("기술 개발 발표", "기술 개발 발표".encode().decode("cp949"), "UTF-8 read as CP949"),
])
def test_mojibake_is_repaired(original, broken, note):
    assert broken != original
    assert repair_mojibake(broken) == (original, [note])


@pytest.mark.parametrize("text", [
    KOREAN, ENGLISH, FRENCH, "中 견제 나선 美 정부, 日과 공조", "Ångström, Øresund, naïve café", "ⓒ 아주경제 무단전재",
])
def test_correct_text_is_never_repaired(text):
    assert repair_mojibake(text) == (text, [])


def test_only_the_broken_lines_are_repaired_and_the_article_says_so():
    broken_line = KOREAN.encode("utf-8").decode("latin-1")
    text = f"KT와 MS의 동맹\n{broken_line}\n{KOREAN}\n" + "KT는 1일 협약을 맺었다고 밝혔다. " * 10
    [article], _ = clean_bytes(text.encode("utf-8"))
    assert article["body"].split("\n")[:2] == [KOREAN, KOREAN]
    assert article["text_repairs"] == ["UTF-8 read as Latin-1/Windows-1252"]


def test_the_item_encoding_from_ingest_is_honoured():
    data = ("Titre\n" + FRENCH * 5).encode("latin-1")
    item = {**_item(data), "encoding": "latin-1"}
    [article], _ = clean_item(item, data, "Asia/Seoul", 10_000_000)
    assert article["encoding"] == "cp1252" and "président" in article["body"]
