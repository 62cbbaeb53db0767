"""Extraction quality against the hand-made gold set: no score may fall below the committed baseline."""

import json

import pytest
from conftest import ROOT

from newsetl.evaluate import article_for, evaluate, summary

GOLD = ROOT / "tests" / "gold"
HELDOUT = GOLD / "heldout"  # annotated by a writer who saw neither the extractor nor the other gold; never tuned on
METRICS = ("quotes", "quotes_with_speaker", "direct_quotes_with_speaker", "organization_mentions",
           "organizations", "people", "events")


@pytest.fixture(scope="module")
def scores() -> dict:
    return summary(evaluate(GOLD))


@pytest.fixture(scope="module")
def heldout_scores() -> dict:
    return summary(evaluate(HELDOUT))


@pytest.mark.parametrize("gold_file", sorted([*GOLD.glob("*.gold.json"), *HELDOUT.glob("*.gold.json")]),
                         ids=lambda p: p.name)
def test_each_gold_file_points_into_its_article(gold_file):
    """The annotation is about the text it names: every quote, surface and name is in the article."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = " ".join(article_for(gold, gold_file).read_text(encoding="utf-8").replace("\u00a0", " ").split())
    for quote in gold["quotes"]:
        piece = quote.get("text") or quote.get("text_contains")
        assert " ".join(piece.split()) in text, piece
        assert quote["kind"] in ("direct", "indirect", "headline")
    for organization in gold["organizations"]:
        for surface in organization["mentions_include"]:
            assert surface in text, surface
    for person in gold["people"]:
        assert person["name"] in text, person["name"]


def test_the_gold_set_covers_both_languages_and_every_section(scores):
    sections = {json.loads(p.read_text(encoding="utf-8")).get("section") for p in GOLD.glob("*.gold.json")}
    assert scores["articles"] >= 21
    assert {"economy", "it", "politics", "society", "world", "culture"} <= sections


@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("gold_set", ["development", "heldout"])
def test_no_score_falls_below_the_committed_baseline(scores, heldout_scores, metric, gold_set):
    folder, measured = (GOLD, scores) if gold_set == "development" else (HELDOUT, heldout_scores)
    baseline = json.loads((folder / "baseline.json").read_text())
    for measure in ("precision", "recall", "f1"):
        assert measured[metric][measure] >= baseline[metric][measure] - 0.001, (metric, measure, measured[metric])
