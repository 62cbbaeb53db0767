"""Sentences with character offsets into the cleaned body."""

from __future__ import annotations

import re

OPENING = {"“": "”", "「": "」", "『": "』", '"': '"'}
_END = re.compile(r"[.!?。]")


def sentence_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence. Never splits inside a double or corner quote."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", body):
        text, base = line.group(), line.start()
        start, closer = 0, None
        for i, ch in enumerate(text):
            if closer:
                if ch == closer:
                    closer = None
            elif ch in OPENING:
                closer = OPENING[ch]
            elif _END.match(ch) and (i + 1 == len(text) or text[i + 1] == " "):
                spans.append((base + start, base + i + 1))
                start = i + 2
        if start < len(text) and text[start:].strip():
            spans.append((base + start, base + len(text)))
    return [(s + (len(body[s:e]) - len(body[s:e].lstrip())), e) for s, e in spans if body[s:e].strip()]

