"""Line rules that turn a scraped page into title, body and metadata.

Each rule names the reason a line was removed, so the cleaner's work can be audited.
The rules look at the shape of a line (a lone file name, a counter, a byline, a
copyright notice), never at the words of one particular site.
"""

from __future__ import annotations

import re

SECTION_LABEL = re.compile(r"^\[(?P<section>[^\]\[=]{1,20})\]\s*")
IMAGE_FILE = re.compile(r"^[\w.\-]+\.(?:jpe?g|png|gif|webp|bmp)$", re.IGNORECASE)
FILE_TIMESTAMP = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})")
PHOTO_CREDIT = re.compile(r"^\[(?:사진|자료|그래픽|이미지|영상|photo|image)\s*=\s*(?P<credit>[^\]]+)\]$", re.I)
# "아주경제=윤선훈 기자 email" standing alone, usually closing the article
BYLINE_KO = re.compile(
    r"^(?P<outlet>[가-힣A-Za-z0-9]{2,15})\s*=\s*(?P<names>[가-힣]{2,4}(?:[ ·,]+[가-힣]{2,4})*)\s*(?:기자|특파원)"
    r"(?P<rest>.*)$"
)
# "(서울=연합뉴스) 김정은 기자 =" opening the first paragraph
DATELINE_KO = re.compile(
    r"^\((?P<place>[가-힣A-Za-z ]{1,10})\s*=\s*(?P<outlet>[^)]{2,15})\)\s*"
    r"(?P<names>[가-힣]{2,4}(?:[ ·,]+[가-힣]{2,4})*)\s*(?:기자|특파원)\s*=\s*"
)
BYLINE_EN = re.compile(r"^By (?P<names>[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+)+(?:(?:,| and) [A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+)+)*)(?:,\s*(?P<outlet>[A-Z][\w.&' ]+))?\s*$")
# "김하은 기자 | 입력 2024.11.20 14:35 | 수정 …": a header line of reporter and times
DATE_HEADER = re.compile(r"^(?:(?P<names>[가-힣]{2,4}(?:[ ·,]+[가-힣]{2,4})*) (?:기자|특파원)\s*[|ㅣ]?\s*)?(?:입력|등록|발행|송고|Published|Updated)\s*:?\s*", re.I)
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+\.[\w.\-]+")
HIDDEN_EMAIL = re.compile(r"\[email[\s\u00a0]*protected\]", re.I)
COPYRIGHT = re.compile(r"무단\s*전재|재배포\s*금지|copyright|all rights reserved|ⓒ|©", re.I)
COMMENT_BLOCK = re.compile(r"^(?:\d+\s+)?(?:comments?|댓글)(?:\s+\d+)?$", re.I)
WIDGET_LABELS = {
    "chat", "chat ×", "share", "공유", "공유하기", "tweet", "print", "인쇄", "구독", "subscribe",
    "관련기사", "related", "related stories", "많이 본 뉴스", "top", "맨위로", "이전", "다음",
    "좋아요", "like", "facebook", "twitter", "kakao", "카카오톡", "url 복사", "기사 공유",
}
# a share bar: only network and action names ("Facebook Twitter 카카오톡 URL복사")
SHARE_WORDS = {
    "facebook", "twitter", "x", "kakao", "kakaotalk", "카카오톡", "카카오스토리", "페이스북", "트위터", "네이버",
    "band", "밴드", "line", "라인", "linkedin", "email", "e-mail", "이메일", "메일", "print", "인쇄", "url", "복사",
    "url복사", "링크복사", "share", "공유", "공유하기", "스크랩", "글자크기", "가", "+", "-", "|", "whatsapp", "reddit",
}
# "- 부제목", "▶ 부제목": a deck line between the title and the body
SUBTITLE = re.compile(r"^(?:[-–―—▶■◆●△▲]|\u25b3)\s*(?P<text>\S.{3,150})$")
TEASER = re.compile(r"\s(?:…|\.\.\.)$")  # a line cut off with a spaced ellipsis: a teaser of another story
SENTENCE_END = re.compile(r"[.!?。다\"”’']\)?$")
TRUNCATED = re.compile(r"(?:…|\.\.\.)$")


COUNTER_LABELS = {
    "조회", "조회수", "댓글", "공유", "추천", "좋아요", "스크랩", "views", "view", "comments", "comment",
    "shares", "share", "likes", "like", "reads",
}
_NUMBER = re.compile(r"^\d[\d,.]*[kKmM만천]?$")


def is_counter(line: str) -> bool:
    """Short lines made mostly of numbers: view and comment counters, 'M 관리자 0 43', '조회수 1,024 댓글 3'."""
    if len(line) > 60:  # most lines: no need to tokenize them
        return False
    tokens = line.replace("|", " ").split()
    numbers = sum(bool(_NUMBER.match(t)) for t in tokens)
    labels = sum(t.casefold().strip(":") in COUNTER_LABELS for t in tokens)
    return (numbers >= 2 and not SENTENCE_END.search(line)
            and (numbers * 2 >= len(tokens) - 1 or numbers + labels == len(tokens)))


def is_widget(line: str) -> bool:
    return line.casefold() in WIDGET_LABELS


def is_share_bar(line: str) -> bool:
    tokens = re.split(r"[\s|·/]+", line.casefold().strip())
    return len(tokens) >= 2 and all(t in SHARE_WORDS for t in tokens if t)


def opens_comments(line: str) -> bool:
    """'0 Comments', '댓글 3', 'Comments': what follows is readers' comments, not the article."""
    return COMMENT_BLOCK.match(line) is not None


def file_timestamp(name: str) -> str | None:
    """'newhub_20241001141329492045.jpg' -> '2024-10-01T14:13:29' when the digits form a real time."""
    m = FILE_TIMESTAMP.search(name)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and s < 60):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"


def strip_truncation(line: str) -> str:
    return TRUNCATED.sub("", line).strip()

