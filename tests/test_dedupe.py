"""Duplicates of each kind, the MinHash threshold, and duplicates of what earlier nights loaded."""

from itertools import combinations

import numpy as np
import pytest
from conftest import SAMPLES
from test_clean import clean_bytes

from newsetl import load as loader
from newsetl.clean.article import body_hash
from newsetl.dedupe import (
    NEAR_DUPLICATE_THRESHOLD,
    Known,
    find_duplicates,
    jaccard,
    shingles,
    signature,
    similarity,
)

PAIR = {"microsoft-openai-partnership.en.txt", "microsoft-openai-partnership-syndicated.en.txt"}


def _clean(name: str):
    path = SAMPLES / name
    [article], _ = clean_bytes(path.read_bytes(), str(path))
    return article


@pytest.fixture(scope="module")
def samples() -> dict:
    return {p.name: _clean(p.name) for p in sorted(SAMPLES.iterdir()) if p.name != "README.md"}


def _sigs(*articles):
    return {a["article_id"]: signature(a["body"]) for a in articles}


def test_syndicated_copy_is_a_near_duplicate_of_the_original(samples):
    original, copy = (samples[n] for n in sorted(PAIR))
    kept, duplicates = find_duplicates([copy, original], _sigs(copy, original))
    assert len(kept) == 1 and len(duplicates) == 1
    assert duplicates[0]["kind"] == "near"
    assert duplicates[0]["duplicate_of"] == kept[0]["article_id"]
    assert duplicates[0]["similarity"] >= NEAR_DUPLICATE_THRESHOLD
    assert duplicates[0]["similarity"] > 0.9  # the figure README.md and dedupe.py quote


def test_minhash_estimates_jaccard_within_its_error_on_every_sample_pair(samples):
    names = list(samples)
    sigs = _sigs(*samples.values())
    for a, b in combinations(names, 2):
        exact = jaccard(shingles(samples[a]["body"]), shingles(samples[b]["body"]))
        estimate = similarity(sigs[samples[a]["article_id"]], sigs[samples[b]["article_id"]])
        assert abs(exact - estimate) < 0.12, (a, b, exact, estimate)  # three standard errors at 128 hashes


def test_different_stories_are_far_below_the_threshold(samples):
    sigs = _sigs(*samples.values())
    others = [similarity(sigs[samples[a]["article_id"]], sigs[samples[b]["article_id"]])
              for a, b in combinations(samples, 2) if {a, b} != PAIR]
    assert len(others) == len(samples) * (len(samples) - 1) // 2 - 1
    assert max(others) < 0.05  # README.md: "different stories at most 0.05"
    kept, duplicates = find_duplicates(list(samples.values()), sigs)
    assert len(duplicates) == 1 and len(kept) == len(samples) - 1


def test_signatures_are_stable_across_processes():
    # stored in the warehouse and compared with tomorrow's: must not depend on PYTHONHASHSEED
    sig = signature("김영섭 KT 대표가 인공지능(AI)과 통신 간 융합이 필수적이라고 강조했다.")
    assert sig.dtype == np.uint32 and len(sig) == 128
    assert int(sig.sum()) == int(signature("김영섭 KT 대표가 인공지능(AI)과 통신 간 융합이 필수적이라고 강조했다.").sum())
    assert [int(x) for x in sig[:3]] == [int(x) for x in signature("김영섭KT대표가인공지능AI과통신간융합이필수적이라고강조했다")[:3]]


def test_exact_copy_already_in_the_warehouse_points_at_it(samples):
    article = samples["kt-ms-ai-alliance.ko.txt"]
    known = Known(body_hashes={article["body_hash"]: "earlier-id"}, urls={}, signatures={})
    kept, duplicates = find_duplicates([article], _sigs(article), known)
    assert kept == [] and duplicates[0]["duplicate_of"] == "earlier-id" and duplicates[0]["kind"] == "exact"


def test_reformatted_copy_is_an_exact_duplicate(samples):
    article = samples["kt-ms-ai-alliance.ko.txt"]
    copy = {**article, "article_id": "copy", "item_id": "copy", "body": article["body"].replace("\n", "\n\n  ").upper()}
    copy["body_hash"] = body_hash(copy["body"])
    kept, duplicates = find_duplicates([article, copy], _sigs(article, copy))
    assert [d["kind"] for d in duplicates] == ["exact"] and len(kept) == 1


def test_same_canonical_url_is_a_duplicate_even_when_the_page_changed(samples):
    a = {**samples["toyota-ev-launch.en.html"]}
    b = {**samples["naver-ai-summit.ko.txt"], "canonical_url": a["canonical_url"]}
    kept, duplicates = find_duplicates([a, b], _sigs(a, b))
    assert len(kept) == 1 and duplicates[0]["kind"] == "canonical_url"


def test_same_bytes_under_two_names_count_once(samples):
    article = samples["kt-ms-ai-alliance.ko.txt"]
    kept, duplicates = find_duplicates([article, {**article, "uri": "elsewhere"}], _sigs(article))
    assert len(kept) == 1 and duplicates[0]["kind"] == "same_item"


def test_a_near_copy_read_twice_points_both_times_at_the_loaded_original(samples):
    """The second reading of a copy must not point at the first: that one is not loaded (the bench found it)."""
    original = {**samples["microsoft-openai-partnership.en.txt"], "published_at": "2024-10-01T09:00:00+09:00"}
    copy = {**samples["microsoft-openai-partnership-syndicated.en.txt"], "published_at": "2024-10-01T11:00:00+09:00"}
    again = {**copy, "uri": "elsewhere/the-same-copy"}
    kept, duplicates = find_duplicates([original, copy, again], _sigs(original, copy))
    assert [a["article_id"] for a in kept] == [original["article_id"]]
    assert sorted((d["uri"], d["duplicate_of"], d["kind"]) for d in duplicates) == sorted(
        (c["uri"], original["article_id"], "near") for c in (copy, again))


def test_a_near_duplicate_of_an_article_loaded_on_an_earlier_night_is_found_through_the_warehouse(samples, tmp_path):
    """The band table finds the candidate; nothing else of history is read."""
    warehouse = tmp_path / "w.duckdb"
    original, copy = samples["microsoft-openai-partnership.en.txt"], samples["microsoft-openai-partnership-syndicated.en.txt"]
    others = [samples["kt-ms-ai-alliance.ko.txt"], samples["naver-ai-summit.ko.txt"]]
    night_one = [original, *others]
    run = {"run_id": "n1", "window_start": "2024-10-01T00:00:00+09:00", "window_end": "2024-10-02T00:00:00+09:00",
           "started_at": "2024-10-02T02:00:00+09:00", "items_in": 3, "items_seen_before": 0, "records_in": 3}
    loader.load_night(warehouse, run, [], night_one, [], [], [], [],
                      signatures={a["article_id"]: signature(a["body"]).tolist() for a in night_one})

    known = loader.known_for_dedupe(warehouse, [copy], _sigs(copy))
    assert set(known["signatures"]) == {original["article_id"]}  # only the likely copy is read back
    kept, duplicates = find_duplicates([copy], _sigs(copy), known)
    assert kept == [] and duplicates[0]["kind"] == "near" and duplicates[0]["duplicate_of"] == original["article_id"]

    # reprocessing the original itself is not a duplicate of its own earlier load
    assert loader.known_for_dedupe(warehouse, [original], _sigs(original))["signatures"] == {}


def test_one_story_syndicated_by_five_outlets_is_loaded_once(samples):
    """Each outlet adds its own title, byline and credit and rewords a sentence; one original remains."""
    base = samples["kt-ms-ai-alliance.ko.txt"]
    sentences = base["body"].split("\n")
    outlets = ["아주경제", "연합뉴스", "뉴시스", "뉴스1", "머니투데이"]
    copies = []
    for day, outlet in enumerate(outlets, start=1):
        body = "\n".join([f"({outlet}) 김영섭 KT 대표가 AI와 통신의 융합을 강조했다.",
                          *[s for i, s in enumerate(sentences) if i != day], f"[사진={outlet}]"])
        copies.append({**base, "article_id": f"copy-{day}", "item_id": f"copy-{day}", "outlet": outlet,
                       "title": f"{outlet}: KT, MS와 AI 동맹", "body": body, "body_hash": body_hash(body),
                       "published_at": f"2024-10-0{day}T09:00:00+09:00"})
    kept, duplicates = find_duplicates(copies[::-1], _sigs(*copies))
    assert [a["article_id"] for a in kept] == ["copy-1"]  # the earliest published is the original
    assert sorted(d["article_id"] for d in duplicates) == ["copy-2", "copy-3", "copy-4", "copy-5"]
    assert {d["kind"] for d in duplicates} == {"near"} and {d["duplicate_of"] for d in duplicates} == {"copy-1"}
