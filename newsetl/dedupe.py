"""Duplicates: the same story twice is loaded once, and every copy points at its original.

Kinds, checked in this order:
- ``same_item``: the same bytes under two names in one night;
- ``canonical_url``: another article already has this canonical URL;
- ``exact``: the bodies are equal once case, spaces and punctuation are folded (``body_hash``);
- ``near``: syndicated or lightly edited copies, found by MinHash over character 5-grams.

MinHash: 128 multiply-shift hash functions give each body a signature; the share of equal
positions in two signatures estimates the Jaccard similarity of their 5-gram sets (standard
error about 0.04 at 0.7). Locality-sensitive hashing cuts the signature into 32 bands of 4:
articles sharing a band are candidates, so a night compares each article with its likely
copies only, never with all of history. A pair at similarity 0.7 shares a band with
probability 0.9998; at 0.3, 0.23 (and is then rejected by the estimate).

NEAR_DUPLICATE_THRESHOLD = 0.7: on the bundled samples the syndicated copy (new title and byline,
one sentence reworded, a credit line added) scores about 0.92 against its original and any two
different stories under 0.1. tests/test_dedupe.py checks both, and the estimate against exact Jaccard.
"""

from __future__ import annotations

import hashlib
import re
from typing import TypedDict

import numpy as np

from .clean import Article

NEAR_DUPLICATE_THRESHOLD = 0.7
SHINGLE = 5
NUM_PERM = 128
BANDS, ROWS = 32, 4
assert BANDS * ROWS == NUM_PERM

_rng = np.random.default_rng(20241001)  # fixed: signatures stored in the warehouse must stay comparable
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_BASE = np.uint64(1_000_003)


class Duplicate(TypedDict):
    article_id: str
    item_id: str
    source: str
    uri: str
    duplicate_of: str
    kind: str  # same_item | canonical_url | exact | near
    similarity: float


class Known(TypedDict):
    """What the warehouse already holds that tonight's articles may duplicate."""
    body_hashes: dict[str, str]  # body hash -> article id
    urls: dict[str, str]  # canonical URL -> article id
    signatures: dict[str, np.ndarray]  # article id -> MinHash signature, for LSH candidates only


def fold(body: str) -> str:
    return re.sub(r"[\W_]+", "", body.casefold())


def shingles(body: str) -> set[str]:
    folded = fold(body)
    return {folded[i : i + SHINGLE] for i in range(max(len(folded) - SHINGLE + 1, 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def shingle_hashes(body: str) -> np.ndarray:
    """Stable 64-bit hashes of the body's distinct character 5-grams (vectorized, no Python loop)."""
    codes = np.frombuffer(fold(body).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < SHINGLE:
        codes = np.pad(codes, (0, SHINGLE - len(codes)))
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrap-around is the hash
        for k in range(SHINGLE):
            h = h * _BASE + codes[k : k + n]
    return np.unique(h)


def signature(body: str) -> np.ndarray:
    """MinHash signature: for each of NUM_PERM hash functions, the least hash over the body's shingles."""
    x = shingle_hashes(body)
    with np.errstate(over="ignore"):  # in place: one 128 x shingles matrix instead of three
        hashed = np.multiply.outer(_A, x)
        hashed += _B[:, None]
        hashed >>= np.uint64(32)
    return hashed.min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two bodies from their signatures."""
    return float(np.mean(a == b))


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (DuckDB bigint), band number mixed in."""
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + sig[band * ROWS:(band + 1) * ROWS].tobytes(),
                                          digest_size=8).digest(), "big", signed=True)
            for band in range(BANDS)]


def _order(article: Article) -> tuple[str, str]:
    # The earliest published copy is the original; ties go to the smaller id, so runs agree.
    return (article["published_at"] or "9999", article["article_id"])


def find_duplicates(articles: list[Article], signatures: dict[str, np.ndarray],
                    known: Known | None = None) -> tuple[list[Article], list[Duplicate]]:
    """Split tonight's articles into originals and duplicates of tonight's or earlier articles.

    signatures holds tonight's MinHash signatures by article id; known what the warehouse holds.
    """
    known = known or Known(body_hashes={}, urls={}, signatures={})
    hashes, urls = dict(known["body_hashes"]), dict(known["urls"])
    kept: dict[str, np.ndarray] = dict(known["signatures"])
    # Band keys mix the band number in, so one int names a bucket. Only a key two articles share can ever
    # point at a candidate: buckets are kept for those alone, and memory follows the night's near-duplicates,
    # not its size (32 buckets an article otherwise).
    keys_of = {aid: np.array(band_hashes(sig), dtype=np.int64) for aid, sig in known["signatures"].items()}
    keys_of.update((a["article_id"], np.array(band_hashes(signatures[a["article_id"]]), dtype=np.int64))
                   for a in articles if a["article_id"] not in keys_of)
    every_key = np.concatenate([*keys_of.values(), np.empty(0, dtype=np.int64)])
    unique, counts = np.unique(every_key, return_counts=True)
    shared = set(unique[counts > 1].tolist())
    del every_key, unique, counts
    buckets: dict[int, list[str]] = {}
    for article_id in known["signatures"]:
        for key in keys_of[article_id].tolist():
            if key in shared:
                buckets.setdefault(key, []).append(article_id)

    originals: list[Article] = []
    duplicates: list[Duplicate] = []
    # what became of each article id seen tonight: None when kept, else where its duplicate record points
    seen: dict[str, tuple[str, str, float] | None] = {}
    for article in sorted(articles, key=_order):
        def point(at: str, kind: str, score: float, article: Article = article) -> None:
            duplicates.append(Duplicate(article_id=article["article_id"], item_id=article["item_id"],
                                        source=article["source"], uri=article["uri"], duplicate_of=at,
                                        kind=kind, similarity=round(score, 4)))
            seen.setdefault(article["article_id"], (at, kind, score))

        aid, sig = article["article_id"], signatures[article["article_id"]]
        keys = [key for key in keys_of[aid].tolist() if key in shared]
        if aid in seen:
            # the same bytes again: a copy of the kept article, or of what the first copy duplicated
            # (pointing at itself would point at an article that is not loaded)
            first = seen[aid]
            point(*(first if first else (aid, "same_item", 1.0)))
            continue
        url = article.get("canonical_url")
        if url and urls.get(url, aid) != aid:
            point(urls[url], "canonical_url", similarity(sig, kept[urls[url]]) if urls[url] in kept else 1.0)
            continue
        if hashes.get(article["body_hash"], aid) != aid:
            point(hashes[article["body_hash"]], "exact", 1.0)
            continue
        candidates = {c for key in keys for c in buckets.get(key, ()) if c != aid}
        best = max(((similarity(sig, kept[c]), c) for c in candidates), default=(0.0, None))
        if best[1] is not None and best[0] >= NEAR_DUPLICATE_THRESHOLD:
            point(best[1], "near", best[0])
            continue
        hashes[article["body_hash"]] = aid
        if url:
            urls[url] = aid
        kept[aid] = sig
        for key in keys:
            buckets.setdefault(key, []).append(aid)
        seen[aid] = None
        originals.append(article)
    return originals, duplicates
