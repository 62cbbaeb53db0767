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


@lru_cache(maxsize=4096)
def is_common_noun(word: str) -> bool:
    """The word alone is one common noun in kiwi's dictionary (부동산, 여행사, 실무진), not a name (길정훈, 홍보람).

    kiwi tags a word it does not know as NNG too, but scores it by its letters alone: -20 or lower for three
    syllables, where the dictionary's nouns of that length score above -17.
    """
    tokens = kiwi().tokenize(word)
    return len(tokens) == 1 and tokens[0].tag in ("NNG", "NNB") and tokens[0].len == len(word) and tokens[0].score > -18
