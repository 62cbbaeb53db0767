"""Metamorphic robustness: the development gold rewritten by meaning-preserving perturbations (newsetl/perturb.py)
must score no lower than the committed floor, and the rewrite must keep the gold true of its article."""

import json
import random
import re

import pytest
from conftest import ROOT

from newsetl.evaluate import article_for, evaluate, summary
from newsetl.perturb import PERTURBATIONS, perturb

GOLD = ROOT / "tests" / "gold"
FLOOR = json.loads((GOLD / "baseline-perturbed.json").read_text())
METRICS = ("quotes", "quotes_with_speaker", "direct_quotes_with_speaker", "organization_mentions",
           "organizations", "people", "events")


def _flat(text: str) -> str:
    return re.sub(r"[\s\"“”「」]+", "", text)


def _rewritten(kinds: tuple[str, ...]):
    for gold_file in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = article_for(gold, gold_file).read_text(encoding="utf-8")
        new_text, new_gold = perturb(text, gold, kinds, random.Random(f"{FLOOR['seed']}:{gold_file.name}"))
        yield gold_file.name, gold, text, new_gold, new_text


def test_the_rewritten_gold_is_still_true_of_its_rewritten_article():
    for name, _, _, gold, text in _rewritten(PERTURBATIONS):
        flat = _flat(text)
        for quote in gold["quotes"]:
            assert _flat(quote.get("text") or quote["text_contains"]) in flat, (name, quote)
        for organization in gold["organizations"]:
            for surface in organization["mentions_include"]:
                assert _flat(surface) in flat, (name, surface)
        for person in gold["people"]:
            assert person["name"] in text, (name, person["name"])


def test_people_get_new_names_and_their_short_forms_follow():
    renamed = 0
    for name, gold, text, new_gold, new_text in _rewritten(("people",)):
        old_names = {p["name"] for p in gold["people"]}
        new_names = {p["name"] for p in new_gold["people"]}
        renamed += len(old_names - new_names)
        for person in old_names - new_names:
            assert not re.search(rf"(?<![\w가-힣]){re.escape(person)}(?![\w-])", new_text), (name, person)
        short = re.findall(r"(?<![가-힣])([가-힣]) 대표(?=[은는이가])", text)
        new_short = re.findall(r"(?<![가-힣])([가-힣]) 대표(?=[은는이가])", new_text)
        assert len(short) == len(new_short), name  # '송 대표는' becomes '황 대표는', not lost
    assert renamed >= 300


def test_quote_marks_take_one_style_per_article():
    styles = set()
    for name, _, text, _, new_text in _rewritten(("quote_marks",)):
        used = {mark for mark in "\"“「" if mark in new_text}
        assert len(used) <= 1 or ("\"" in used and text.count('"') % 2), (name, used)
        styles |= used
    assert styles == {"\"", "“", "「"}


@pytest.fixture(scope="module")
def perturbed_scores() -> dict:
    return summary(evaluate(GOLD, perturbations=tuple(FLOOR["perturbations"]), seed=FLOOR["seed"]))


@pytest.mark.parametrize("metric", METRICS)
def test_no_perturbed_score_falls_below_the_committed_floor(perturbed_scores, metric):
    for measure in ("precision", "recall", "f1"):
        assert perturbed_scores[metric][measure] >= FLOOR[metric][measure] - 0.001, (metric, measure,
                                                                                     perturbed_scores[metric])
