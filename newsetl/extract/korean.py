"""Korean morphology through kiwipiepy: one analyser per process, each article tokenized once."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


def proper_noun_chars(text: str) -> set[int]:
    """Character offsets that kiwi tags as proper nouns (NNP) or foreign letters (SL)."""
    covered: set[int] = set()
    for token in kiwi().tokenize(text):
        if token.tag in ("NNP", "SL", "SH"):
            covered.update(range(token.start, token.start + token.len))
    return covered
