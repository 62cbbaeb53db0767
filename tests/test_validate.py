"""The Great Expectations suite, run for real over cleaned articles."""

from datetime import UTC, datetime, timedelta

import pytest
from conftest import ROOT, SAMPLE
from test_clean import clean_bytes

from newsetl.validate import validate_articles

EXPECTATIONS = ROOT / "expectations"
NOW = datetime(2024, 10, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def outcome():
    [good], _ = clean_bytes(SAMPLE.read_bytes())

    def variant(article_id: str, **changes):
        return {**good, "article_id": article_id, "item_id": article_id, **changes}

    articles = [
        good,
        variant("no-title", title=""),
        variant("short-body", body="한 줄짜리 기사입니다."),
        variant("french", language="fr"),
        variant("undated", published_at=None),
        variant("future", published_at=(NOW + timedelta(days=3)).isoformat()),
        variant("chrome", body=good["body"] + "\n공유하기"),
        variant("hidden-mail", body=good["body"] + " 아주경제=윤선훈 기자 [email protected]"),
        variant("twin"), variant("twin"),
    ]
    committed = {p: p.read_bytes() for p in (EXPECTATIONS / "gx").rglob("*") if p.is_file() and "uncommitted" not in p.parts}
    valid, rejected, outcomes = validate_articles(articles, EXPECTATIONS, NOW)
    after = {p: p.read_bytes() for p in committed}
    return {"valid": valid, "reasons": {r["article_id"]: r["reason"] for r in rejected}, "outcomes": outcomes,
            "config_unchanged": committed == after}


def test_a_clean_article_passes(outcome):
    assert [a["article_id"] for a in outcome["valid"]] == [clean_bytes(SAMPLE.read_bytes())[0][0]["article_id"]]


@pytest.mark.parametrize(("article_id", "expectation"), [
    ("no-title", "expect_column_values_to_not_be_null(title"),
    ("short-body", "expect_column_values_to_be_between(body_length"),
    ("french", "expect_column_values_to_be_in_set(language"),
    ("undated", "expect_column_values_to_not_be_null(published_at"),
    ("future", "expect_column_values_to_be_in_set(published_in_future"),
    ("chrome", "expect_column_values_to_not_match_regex(body"),
    ("hidden-mail", "expect_column_values_to_not_match_regex(body"),
    ("twin", "expect_column_values_to_be_unique(article_id"),
])
def test_each_failing_row_is_quarantined_with_the_expectation_it_failed(outcome, article_id, expectation):
    assert expectation in outcome["reasons"][article_id]


def test_every_expectation_is_reported_with_its_examples(outcome):
    failed = {o["expectation"].split("(")[0] for o in outcome["outcomes"] if not o["success"]}
    assert {"expect_column_values_to_be_unique", "expect_column_values_to_not_match_regex",
            "expect_column_values_to_be_in_set"} <= failed
    regex = next(o for o in outcome["outcomes"] if o["expectation"].startswith("expect_column_values_to_not_match"))
    assert regex["unexpected_count"] == 2 and regex["examples"] == ["chrome", "hidden-mail"]


def test_a_validation_run_leaves_the_committed_gx_project_untouched(outcome):
    assert outcome["config_unchanged"]
