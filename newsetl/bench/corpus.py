"""A deterministic benchmark corpus: news items in Korean and English, as text and HTML.

Paragraphs come from the bundled articles (data/samples and the gold articles under tests/gold), cleaned
by the pipeline itself; titles, bylines, dates, page chrome and HTML come from templates here. Each item
is a function of (seed, its number) alone, so item i is the same whatever N, and a later night can add
items N..N+k to the same landing folder. About 20% of items are near-duplicates of an earlier item (new
title, one paragraph dropped, a credit line added: MinHash similarity about 0.8-0.95), and about 1 in
200 is a bad file (empty, binary, truncated HTML, chrome only, a teaser with no body).
"""

from __future__ import annotations

import hashlib
import html
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from ..settings import PROJECT_ROOT

CORPUS_SOURCES = (PROJECT_ROOT / "data" / "samples", PROJECT_ROOT / "tests" / "gold" / "articles",
                  PROJECT_ROOT / "tests" / "gold" / "heldout" / "articles")
NEAR_DUPLICATE_SHARE = 0.2
BAD_FILE_EVERY = 200  # one item in this many is a bad file

ORGS_KO = ["KT", "삼성전자", "SK하이닉스", "LG유플러스", "네이버", "카카오", "현대자동차", "한국은행", "기획재정부",
           "과학기술정보통신부", "서울시", "포스코홀딩스", "LG에너지솔루션", "한화오션", "셀트리온"]
TOPICS_KO = ["AI 데이터센터", "반도체 투자", "기준금리", "수출 실적", "전기차 배터리", "6G 연구개발", "청년 주거",
             "클라우드 협력", "원전 수주", "바이오 신약", "통신 요금", "자율주행 버스"]
ACTIONS_KO = ["발표", "추진", "확대", "합의", "공개", "착수", "논의", "협약 체결"]
ORGS_EN = ["Samsung Electronics", "SK Hynix", "Hyundai Motor", "the Bank of Korea", "LG Energy Solution", "Naver",
           "the finance ministry", "Kakao", "POSCO Holdings", "Microsoft", "Toyota", "Celltrion"]
TOPICS_EN = ["AI chips", "interest rates", "exports", "battery plants", "cloud deal", "data centers", "chip subsidies",
             "EV sales", "housing loans", "a rail strike"]
ACTIONS_EN = ["announces", "weighs", "expands", "signs", "unveils", "pauses", "doubles down on", "reviews"]
REPORTERS_KO = ["김정은", "윤선훈", "박지민", "이서연", "최민호", "정하늘", "한지우", "오세훈"]
REPORTERS_EN = ["Jane Doe", "Emily Hart", "Daniel Kim", "Sarah Park", "Michael Lee", "Hannah Cho"]
OUTLETS_KO = ["한빛일보", "새아침뉴스", "연합경제"]
OUTLETS_EN = ["Example News", "Korea Business Wire", "Seoul Herald"]
SECTIONS = ["economy", "tech", "politics", "society", "world"]
_KST = ZoneInfo("Asia/Seoul")


@dataclass(frozen=True)
class Story:
    language: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    reporter: str
    outlet: str
    section: str


@lru_cache(maxsize=1)
def paragraph_pool() -> dict[str, tuple[str, ...]]:
    """Paragraphs of every bundled article, by language, as the cleaner leaves them."""
    from ..clean import clean_item

    pool: dict[str, list[str]] = {"ko": [], "en": []}
    for folder in CORPUS_SOURCES:
        for path in sorted(folder.glob("*.*")):
            if path.suffix not in (".txt", ".html") or path.name == "README.md":
                continue
            item = {"item_id": path.name, "source": "bench", "uri": str(path), "encoding": None, "hints": {}}
            for article in clean_item(item, path.read_bytes(), "Asia/Seoul", 10**8)[0]:
                if article["language"] in pool:
                    pool[article["language"]] += [p for p in article["body"].split("\n") if len(p) >= 40]
    if not pool["ko"] or not pool["en"]:
        raise RuntimeError(f"no Korean or English paragraphs under {CORPUS_SOURCES}: the bench corpus needs them")
    return {lang: tuple(paragraphs) for lang, paragraphs in pool.items()}


def _vary_numbers(text: str, rng: random.Random) -> str:
    # numbers change from story to story, so two stories sharing a paragraph are not copies of each other
    return re.sub(r"\d+", lambda m: str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in m.group()[1:])
                  if rng.random() < 0.5 else m.group(), text)


def story(seed: int, number: int) -> Story:
    rng = random.Random(f"{seed}:{number}")
    language = "ko" if rng.random() < 0.65 else "en"
    pool = paragraph_pool()[language]
    paragraphs, size = [], 0
    target = rng.randint(2500, 6500)  # bytes of body, like the bundled articles
    while size < target:
        paragraph = _vary_numbers(rng.choice(pool), rng)
        paragraphs.append(paragraph)
        size += len(paragraph.encode())
    published = datetime(2024, 9, 30, 15, tzinfo=UTC) + timedelta(minutes=rng.randrange(24 * 60))
    if language == "ko":
        title = f"{rng.choice(ORGS_KO)}, {rng.choice(TOPICS_KO)} {rng.choice(ACTIONS_KO)}…{number}번째 소식"
        reporter, outlet = rng.choice(REPORTERS_KO), rng.choice(OUTLETS_KO)
    else:
        title = f"{rng.choice(ORGS_EN)} {rng.choice(ACTIONS_EN)} {rng.choice(TOPICS_EN)}, report {number}"
        reporter, outlet = rng.choice(REPORTERS_EN), rng.choice(OUTLETS_EN)
    return Story(language, title, tuple(paragraphs), published, reporter, outlet, rng.choice(SECTIONS))


def near_copy(original: Story, rng: random.Random) -> Story:
    """A syndicated copy: a new title, one paragraph dropped, a credit line added, published later."""
    paragraphs = list(original.paragraphs)
    if len(paragraphs) > 4:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    credit = "(사진=연합뉴스 제공)" if original.language == "ko" else "(Additional reporting by wire services)"
    paragraphs.append(credit)
    title = f"[종합] {original.title}" if original.language == "ko" else f"UPDATE 1-{original.title}"
    return Story(original.language, title, tuple(paragraphs), original.published + timedelta(minutes=37),
                 original.reporter, original.outlet, original.section)


def _email(number: int) -> str:
    return f"reporter{number % 97}@bench-news.test"


def render_text(s: Story, number: int) -> str:
    if s.language == "ko":
        stamp = s.published.astimezone(_KST).strftime("%Y.%m.%d %H:%M")
        return (f"{s.title}\n\n입력 {stamp}\n\n(서울={s.outlet}) {s.reporter} 기자 = " + "\n\n".join(s.paragraphs)
                + f"\n\n{s.reporter} 기자 {_email(number)}\nⓒ {s.outlet} 무단전재 및 재배포 금지\n")
    stamp = s.published.astimezone(_KST).strftime("%B %-d, %Y %-I:%M %p KST")
    return (f"{s.title}\n\nBy {s.reporter}\n{stamp}\n\nSEOUL ({s.outlet}) - " + "\n\n".join(s.paragraphs)
            + f"\n\nReporting by {s.reporter}; Editing by the {s.outlet} desk\n")


def render_html(s: Story, number: int) -> str:
    e = html.escape
    url = f"https://bench-news.test/{s.section}/{number}"
    body = "\n".join(f"      <p>{e(p)}</p>" for p in s.paragraphs)
    related = "\n".join(f'        <li><a href="/{s.section}/{number - k}">{e(s.title[:20])} {k}</a></li>'
                        for k in range(1, 6))
    return f"""<!DOCTYPE html>
<html lang="{s.language}">
<head>
  <meta charset="utf-8">
  <title>{e(s.title)} | {e(s.outlet)}</title>
  <meta property="og:title" content="{e(s.title)}">
  <meta property="og:site_name" content="{e(s.outlet)}">
  <meta name="author" content="{e(s.reporter)}">
  <meta property="article:published_time" content="{s.published.isoformat()}">
  <meta property="article:section" content="{s.section}">
  <link rel="canonical" href="{url}">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/{s.section}">{s.section.title()}</a></li></ul></nav>
  <main>
    <article>
      <h1>{e(s.title)}</h1>
      <p class="byline">{e(s.reporter)} · {s.published.isoformat()}</p>
{body}
    </article>
    <aside><h2>Most read</h2><ul>
{related}
    </ul></aside>
  </main>
  <footer><p>© 2024 {e(s.outlet)}. All rights reserved.</p><p>Subscribe | Contact | Privacy</p></footer>
</body>
</html>
"""


def bad_file(number: int) -> tuple[str, bytes]:
    kinds = [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 8),
        ("truncated.html", b"<html><body><nav>Home | World</nav><article><p>The minister said the budget"),
        ("chrome-only.html", b"<html><body><nav>Home | World | Tech</nav><footer>Subscribe</footer></body></html>"),
        ("teaser.txt", "짧은 제목\n\n본문 없이 끝난 기사…\n".encode()),
    ]
    name, data = kinds[(number // BAD_FILE_EVERY) % len(kinds)]
    return name, data


def item(seed: int, number: int) -> tuple[str, bytes, dict]:
    """Item `number` of the corpus: (file name, bytes, what it is)."""
    rng = random.Random(f"{seed}:item:{number}")
    if number % BAD_FILE_EVERY == BAD_FILE_EVERY - 1:
        name, data = bad_file(number)
        return f"{number:07d}-bad-{name}", data, {"kind": "bad"}
    kind = "original"
    s = story(seed, number)
    if number > 10 and rng.random() < NEAR_DUPLICATE_SHARE:
        original = rng.randrange(max(0, number - 500), number)  # copies follow their originals closely
        if original % BAD_FILE_EVERY != BAD_FILE_EVERY - 1:
            s, kind = near_copy(story(seed, original), rng), "near_duplicate"
    if rng.random() < 0.35:
        return f"{number:07d}.{s.language}.html", render_html(s, number).encode(), {"kind": kind, "format": "html"}
    text = render_text(s, number)
    if s.language == "ko" and rng.random() < 0.1:  # Korean sites still serve CP949
        return f"{number:07d}.ko.txt", text.encode("cp949", errors="replace"), {"kind": kind, "format": "text"}
    return f"{number:07d}.{s.language}.txt", text.encode(), {"kind": kind, "format": "text"}


def generate(folder: Path, count: int, seed: int = 20241001, start: int = 0) -> dict:
    """Write items start .. start+count-1 into folder; return what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    stats = {"items": 0, "bytes": 0, "bad": 0, "near_duplicate": 0, "html": 0, "text": 0}
    for number in range(start, start + count):
        name, data, what = item(seed, number)
        (folder / name).write_bytes(data)
        stats["items"] += 1
        stats["bytes"] += len(data)
        stats[what["kind"]] = stats.get(what["kind"], 0) + 1
        if "format" in what:
            stats[what["format"]] += 1
    return stats


def manifest(folder: Path) -> str:
    """A digest of every file name and its bytes: equal manifests mean equal corpora."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
