from itertools import combinations

from conftest import SAMPLES
from test_clean import clean_bytes

from newsetl.dedupe import NEAR_DUPLICATE_THRESHOLD, find_duplicates, jaccard, shingles


def _clean(name: str):
    path = SAMPLES / name
    [article], _ = clean_bytes(path.read_bytes(), str(path))
    return article


def test_syndicated_copy_is_a_near_duplicate_of_the_original():
    original = _clean("microsoft-openai-partnership.en.txt")
    copy = _clean("microsoft-openai-partnership-syndicated.en.txt")
    kept, duplicates = find_duplicates([copy, original])
    assert len(kept) == 1 and len(duplicates) == 1
    assert duplicates[0]["kind"] == "near"
    assert duplicates[0]["duplicate_of"] == kept[0]["article_id"]
    assert duplicates[0]["similarity"] >= NEAR_DUPLICATE_THRESHOLD


def test_different_stories_are_far_below_the_threshold():
    pair = {"microsoft-openai-partnership.en.txt", "microsoft-openai-partnership-syndicated.en.txt"}
    names = sorted(p.name for p in SAMPLES.iterdir() if p.name != "README.md")
    grams = {n: shingles(_clean(n)["body"]) for n in names}
    others = [jaccard(grams[a], grams[b]) for a, b in combinations(names, 2) if {a, b} != pair]
    assert len(others) == len(names) * (len(names) - 1) // 2 - 1
    assert max(others) < 0.2


def test_exact_copy_already_in_the_warehouse_points_at_it():
    article = _clean("kt-ms-ai-alliance.ko.txt")
    kept, duplicates = find_duplicates([article], known_hashes={article["body_hash"]: "earlier-id"})
    assert kept == [] and duplicates[0]["duplicate_of"] == "earlier-id" and duplicates[0]["kind"] == "exact"


def test_same_bytes_under_two_names_count_once():
    article = _clean("kt-ms-ai-alliance.ko.txt")
    kept, duplicates = find_duplicates([article, {**article, "uri": "elsewhere"}])
    assert len(kept) == 1 and duplicates[0]["kind"] == "same_item"
