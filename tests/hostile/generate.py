"""The hostile and broken input corpus (issue 8), generated: nothing binary is committed.

    python tests/hostile/generate.py OUT_DIR     # writes OUT_DIR/<case file> for every file case

The same functions build the HTTP cases (gzip bomb, a feed of 10,000 items, the article pages a feed links
to); tests/test_hostile_input.py serves them from tests/http_server.py. Every byte comes from a seeded
random generator or a fixed template, so two runs write the same files.

Each "good" article gets its own sentences (drawn from a seeded vocabulary) so that no two cases are
near-duplicates of each other: a case is loaded, quarantined or skipped for what it is, not because it
looks like another case.
"""

from __future__ import annotations

import random
import sys
import zlib
from pathlib import Path

PUBLISHED = "2024-10-01T14:13:29+09:00"
BIG_PAGE_BYTES = 100 * 1024 * 1024
BOMB_BYTES = 200 * 1024 * 1024  # what the gzip bomb inflates to: 10 times the default cap, 200 KB sent
SQL_INJECTION = "'); drop table raw.items; --"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'

_ORGS = ["KT", "삼성전자", "네이버", "카카오", "LG유플러스", "현대자동차", "SK텔레콤", "포스코", "한화", "CJ",
         "롯데", "셀트리온", "과학기술정보통신부", "산업통상자원부", "서울시", "부산시", "한국전력", "쿠팡"]
_PEOPLE = ["김민준", "이서연", "박지훈", "최수아", "정우진", "강하은", "조현우", "윤지민", "장도윤", "임서진",
           "한예준", "오채원", "서지호", "신유나", "권민재", "황다은"]
_TITLES = ["대표", "사장", "부사장", "본부장", "장관", "시장", "교수", "연구원", "팀장", "위원장"]
_PLACES = ["서울", "부산", "대전", "광주", "인천", "판교", "세종", "제주", "울산", "수원"]
_TOPICS = ["인공지능", "반도체", "클라우드", "데이터센터", "자율주행", "배터리", "바이오", "로봇", "6G 통신",
           "스마트시티", "수소 에너지", "양자 컴퓨팅", "디지털 헬스케어", "우주 항공", "핀테크"]
_VERBS = ["밝혔다", "설명했다", "강조했다", "말했다", "덧붙였다"]


def korean_article(seed: int, sentences: int = 7) -> tuple[str, list[str]]:
    """(title, paragraphs): a plausible, distinct Korean news text made of seeded choices."""
    rnd = random.Random(seed)
    org, org2 = rnd.sample(_ORGS, 2)
    person, title_word = rnd.choice(_PEOPLE), rnd.choice(_TITLES)
    topic, topic2 = rnd.sample(_TOPICS, 2)
    templates = [
        "{org}는 {day}일 {place}에서 {topic} 사업 설명회를 열고 {n}억원 규모의 투자 계획을 {verb}.",
        "{person} {org} {title}은 \"{topic} 경쟁력은 {topic2}와 함께 커진다\"고 {verb}.",
        "{org}와 {org2}는 {place}에 {topic2} 공동 연구소를 세우기로 합의했으며 {n}명의 연구 인력을 둔다.",
        "업계에서는 {org}의 이번 결정이 {topic} 시장의 판도를 바꿀 수 있다는 전망이 나온다.",
        "{org2} 관계자는 \"{n}개 협력사와 {topic} 표준을 만들겠다\"고 {verb}.",
        "{place} 지역 {topic} 기업 {n}곳이 이번 협력에 참여 의사를 밝혔다.",
        "{person} {title}은 {day}일 기자간담회에서 {topic2} 인재 {n}명을 새로 뽑겠다고 {verb}.",
        "정부는 {topic} 분야 규제를 {day}월까지 정비하고 {n}억원의 예산을 지원할 계획이다.",
    ]
    paragraphs = []
    for _ in range(sentences):
        paragraphs.append(rnd.choice(templates).format(
            org=org, org2=org2, person=person, title=title_word, topic=topic, topic2=topic2,
            place=rnd.choice(_PLACES), verb=rnd.choice(_VERBS), day=rnd.randint(1, 28), n=rnd.randint(2, 990)))
    return f"{org}, {topic} 분야 {rnd.choice(['협력', '투자', '연구', '진출'])} 확대 ({seed})", paragraphs


def text_article(seed: int, extra: list[str] = (), title: str | None = None) -> str:
    """A scraped-text article: title, publication line, body paragraphs (then `extra` lines)."""
    headline, paragraphs = korean_article(seed)
    return "\n".join([title or headline, "입력 2024.10.01 14:13", *paragraphs, *extra]) + "\n"


def html_article(seed: int, charset: str = "utf-8", head_extra: str = "", body_extra: str = "") -> str:
    headline, paragraphs = korean_article(seed)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>{headline}</title>'
            f'<meta property="article:published_time" content="{PUBLISHED}">{head_extra}</head>'
            f"<body><nav>홈 | 경제 | 산업</nav><article><h1>{headline}</h1>{body}{body_extra}</article>"
            f"<footer>ⓒ 2024 예시뉴스 무단전재 및 재배포 금지</footer></body></html>")


# --- the file cases --------------------------------------------------------------------------------

def _png() -> bytes:
    rnd = random.Random(89)
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    return header + bytes(rnd.randrange(256) for _ in range(2048))


def _malformed() -> str:
    """Tag soup a browser shrugs off: unclosed and misnested tags, stray closers, unquoted attributes."""
    headline, paragraphs = korean_article(4)
    soup = "".join(f"<P class=lead><b><i>{p[:20]}</b></i>{p[20:]}&nbsp<br/></span>" for p in paragraphs)
    return (f"<!doctype html><HTML><head><title>{headline}</title><meta property=article:published_time "
            f"content={PUBLISHED}></head><body></div><body><article><h1>{headline}</h2>{soup}</td></tr></table>"
            "</article><!-- a comment never closed </body></html>")


def _deeply_nested(depth: int = 5000) -> str:
    headline, paragraphs = korean_article(5)
    inner = "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    outer = "".join(f"<p>{p}</p>" for p in paragraphs[:3])
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{headline}</title>'
            f'<meta property="article:published_time" content="{PUBLISHED}"></head><body><article>'
            f"<h1>{headline}</h1>{outer}{'<div>' * depth}{inner}{'</div>' * depth}</article></body></html>")


def _mixed_encodings() -> bytes:
    """A UTF-8 template around a CP949 story: lines in two encodings in one file."""
    headline, paragraphs = korean_article(8)
    utf8 = "\n".join([headline, "입력 2024.10.01 14:13", *paragraphs[:3]]).encode("utf-8")
    cp949 = "\n".join(paragraphs[3:]).encode("cp949")
    return utf8 + b"\n" + cp949 + b"\n"


def _mojibake() -> bytes:
    """UTF-8 text once read as Windows-1252 and saved again as UTF-8: 'ì‚¼ì„±' for '삼성'."""
    def misread(line: str) -> str:  # the five bytes Windows-1252 leaves undefined pass through as Latin-1
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in line.encode("utf-8"))

    lines = text_article(9).split("\n")
    return "\n".join(lines[:2] + [misread(line) if i % 2 == 0 else line
                                   for i, line in enumerate(lines[2:])]).encode("utf-8")


def _rtl_and_zero_width() -> str:
    headline, paragraphs = korean_article(10)
    zw = "\u200b"
    spiked = [p.replace(" ", f" {zw}", 2) for p in paragraphs]  # zero-width spaces after words
    spiked[0] = "\u202e" + spiked[0] + "\u202c"  # right-to-left override around a whole paragraph
    spiked[1] = spiked[1][:10] + "\u2067" + "مرحبا بالعالم" + "\u2069" + "\u200d\u2060\ufeff" + spiked[1][10:]
    spiked.append("שלום עולם: הכנס נערך בסיאול, ונציגים מ-30 מדינות השתתפו בו. \u200f")
    return "\n".join([headline, "입력 2024.10.01 14:13", *spiked]) + "\n"


def _control_characters() -> str:
    headline, paragraphs = korean_article(11)
    controls = "\x01\x02\x07\x08\x0b\x0c\x1b\x1f\x7f"
    dirty = [p[:12] + controls[i % len(controls)] + p[12:] for i, p in enumerate(paragraphs)]
    dirty[2] = "\x1b[31m" + dirty[2] + "\x1b[0m"  # terminal colour codes pasted from a log
    return "\n".join([headline + "\x07", "입력 2024.10.01 14:13", *dirty]) + "\r\n"


def _chrome_only() -> str:
    links = "".join(f'<li><a href="/news/{i}">{topic} 뉴스</a></li>' for i, topic in enumerate(_TOPICS))
    return ('<!doctype html><html><head><meta charset="utf-8"><title>예시뉴스</title></head><body>'
            f"<header><nav><ul>{links}</ul></nav></header><div class=share>공유하기 페이스북 트위터 URL복사</div>"
            "<aside>많이 본 뉴스</aside><footer>ⓒ 2024 예시뉴스 무단전재 및 재배포 금지 | 회사소개 | 광고문의"
            "</footer></body></html>")


def _ten_thousand_quotes() -> str:
    return text_article(12, extra=['"' * 10_000, "“”" * 2_500 + "「」" * 2_500])


def _unbalanced_quotes() -> str:
    headline, paragraphs = korean_article(13)
    paragraphs[1] = paragraphs[1].replace("\"", "“", 1)  # opened with a curly quote, closed with a straight one
    paragraphs[2] = "“" + paragraphs[2] + " 그리고 끝나지 않는 인용"  # never closed
    paragraphs[3] = paragraphs[3] + "” 닫는 따옴표만 있다. '작은따옴표도 열고"
    paragraphs.append('그는 "첫 번째 "중첩된 "따옴표" 문장"이라고 말했다.')
    return "\n".join([headline, "입력 2024.10.01 14:13", *paragraphs]) + "\n"


def _one_sentence() -> str:
    return "한 문장짜리 기사 제목입니다\n입력 2024.10.01 14:13\n이 기사는 한 문장으로 끝난다.\n"


def _sql_injection() -> str:
    import json

    headline, paragraphs = korean_article(14)
    record = {"title": f"{headline} {SQL_INJECTION}", "body": "\n".join([paragraphs[0] + SQL_INJECTION, *paragraphs[1:]]),
              "url": f"https://news.example.com/a?id=1{SQL_INJECTION}", "published_at": PUBLISHED}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _script_title() -> str:
    return text_article(15, title=f"{SCRIPT} {ATTRIBUTE_BREAK} 보안 점검 기사")


def file_cases() -> dict[str, bytes | str]:
    """File name -> content, for every case that lives in a landing folder (the 100 MB page apart)."""
    rnd = random.Random(7)
    return {
        "empty.txt": b"",
        "random-bytes.bin": bytes(rnd.randrange(256) for _ in range(4096)),
        "image.png": _png(),
        "high-bytes-no-nul.txt": bytes(rnd.randrange(0x80, 0x100) for _ in range(4096)),
        "truncated.html": html_article(1)[: len(html_article(1)) * 3 // 5],
        "malformed.html": _malformed(),
        "deeply-nested.html": _deeply_nested(),
        "cp949-declared-utf8.html": html_article(2, charset="utf-8").encode("cp949"),
        "utf8-declared-euckr.html": html_article(3, charset="euc-kr").encode("utf-8"),
        "mixed-utf8-cp949.txt": _mixed_encodings(),
        "mojibake.txt": _mojibake(),
        "rtl-zero-width.txt": _rtl_and_zero_width(),
        "control-characters.txt": _control_characters(),
        "chrome-only.html": _chrome_only(),
        "one-sentence.txt": _one_sentence(),
        "ten-thousand-quotes.txt": _ten_thousand_quotes(),
        "unbalanced-quotes.txt": _unbalanced_quotes(),
        "spaces-only.txt": "\u00a0 \u3000\n\t\n",
        "no-records.json": "[]",
        "deeply-nested.json": "[" * 100_000 + "]" * 100_000,
        "wrong-types.json": '{"title": true, "body": [null], "url": true, "author": {"name": 1}}',
        "sql-injection.jsonl": _sql_injection(),
        "script-title.txt": _script_title(),
        "script-title-copy.txt": _script_title(),  # the same bytes again: a duplicate, shown with its title
        f"{ATTRIBUTE_BREAK}.txt": b"",  # a hostile file name, shown in the report as the item's address
    }


def write_big_page(path: Path, size: int = BIG_PAGE_BYTES) -> Path:
    """An HTML page of `size` bytes, streamed to disk in 1 MB blocks (never whole in memory)."""
    block = ("<p>" + "아주 긴 페이지의 반복되는 문단입니다. " * 40 + "</p>\n").encode("utf-8")
    block = block * (1024 * 1024 // len(block))
    head, tail = b'<!doctype html><html><head><meta charset="utf-8"><title>100 MB</title></head><body>', \
        b"</body></html>"
    with path.open("wb") as out:
        out.write(head)
        written = len(head)
        while written + len(block) + len(tail) <= size:
            out.write(block)
            written += len(block)
        out.write(b" " * (size - written - len(tail)) + tail)
    return path


def write_files(folder: Path, big_page: bool = True) -> dict[str, Path]:
    """Write every file case into folder; return case file name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, content in file_cases().items():
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written[name] = path
    if big_page:
        written["huge-100mb.html"] = write_big_page(folder / "huge-100mb.html")
    return written


# --- the HTTP cases --------------------------------------------------------------------------------

def gzip_bomb(inflated: int = BOMB_BYTES) -> bytes:
    """A gzip body of `inflated` zero bytes: about a thousandth of that on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(inflated // len(zeros))]
    return b"".join(parts) + packer.flush()


def big_feed(link: str, entries: int = 10_000) -> str:
    """An RSS feed of `entries` items linking to link.format(i)."""
    items = "".join(f"<item><title>기사 {i}</title><link>{link.format(i)}</link>"
                    f"<pubDate>Tue, 01 Oct 2024 05:13:29 GMT</pubDate></item>" for i in range(entries))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>큰 피드</title>{items}</channel></rss>'


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/generate.py OUT_DIR")
    for name, path in sorted(write_files(Path(sys.argv[1])).items()):
        print(f"{path.stat().st_size:>12,}  {name}")
