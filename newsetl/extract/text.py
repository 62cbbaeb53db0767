"""Sentences with character offsets into the cleaned body."""

from __future__ import annotations

import re
from functools import lru_cache

OPENING = {"“": "”", "「": "」", "『": "』", '"': '"'}
_END = re.compile(r"[.!?。]")
# A period after these ends no sentence: "Samsung Electronics Co. said", "U.S. officials", "Sept. 30"
_ABBREVIATION = re.compile(
    r"(?:\b(?:Co|Corp|Inc|Ltd|Mr|Mrs|Ms|Dr|Prof|Gen|Gov|Sen|Rep|St|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])$")


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence. Never splits inside a double or corner quote."""
    return list(_sentence_spans(body))


@lru_cache(maxsize=8)  # quotes and events split the same body: the character walk is done once
def _sentence_spans(body: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", body):
        text, base = line.group(), line.start()
        start, closer = 0, None
        for i, ch in enumerate(text):
            if closer:
                if ch == closer:
                    closer = None
                    # '… was "steep but defensible." "The real risk …," she said': a quote that ends its
                    # sentence, followed by another quote, starts a new sentence
                    if i > 0 and text[i - 1] in ".!?" and re.match(r" +[\"“‘]", text[i + 1:i + 4]):
                        spans.append((base + start, base + i + 1))
                        start = i + 2
            elif ch in OPENING:
                closer = OPENING[ch]
            elif _END.match(ch) and (i + 1 == len(text) or text[i + 1] == " ") and \
                    not (ch == "." and _ABBREVIATION.search(text[max(0, i - 6):i])):
                spans.append((base + start, base + i + 1))
                start = i + 2
        if start < len(text) and text[start:].strip():
            spans.append((base + start, base + len(text)))
    return tuple((s + (len(body[s:e]) - len(body[s:e].lstrip())), e) for s, e in spans if body[s:e].strip())

