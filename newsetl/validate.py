"""Validate: the Great Expectations suite over the night's cleaned articles.

The suite lives in expectations/gx/expectations/cleaned_articles.json (edit it there). Rows
that fail any expectation are quarantined with every failed expectation as their reason;
the rest of the night goes on.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TypedDict

import pandas as pd

from .clean import Article, Rejection

log = logging.getLogger(__name__)

SUITE_NAME = "cleaned_articles"


class ExpectationOutcome(TypedDict):
    expectation: str
    column: str | None
    success: bool
    unexpected_count: int
    examples: list[str]


def articles_frame(articles: list[Article], run_started: datetime) -> pd.DataFrame:
    """One row per article with the columns the suite checks (derived ones included)."""
    rows = []
    for a in articles:
        published = pd.to_datetime(a["published_at"], utc=True) if a["published_at"] else None
        rows.append({
            "article_id": a["article_id"],
            "title": a["title"] or None,
            "body": a["body"] or None,
            "body_length": len(a["body"]),
            "language": a["language"],
            "published_at": published,
            "published_in_future": bool(published is not None and published > pd.Timestamp(run_started)),
        })
    columns = ["article_id", "title", "body", "body_length", "language", "published_at", "published_in_future"]
    return pd.DataFrame(rows, columns=columns)


def _quiet_gx() -> None:
    for name in ("great_expectations._docs_decorators", "great_expectations"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _describe(config) -> str:
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("column", "batch_id")}
    column = config.kwargs.get("column")
    detail = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{config.type}({column}{', ' if column and detail else ''}{detail})"


def run_suite(frame: pd.DataFrame, project_root: Path) -> dict:
    """Run the checkpoint; return per-article failures and every expectation's outcome."""
    _quiet_gx()
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(project_root))
    # reuse what the project already declares: re-adding would rewrite committed config with new ids
    source = context.data_sources.all().get("news") or context.data_sources.add_pandas("news")
    asset = next((a for a in source.assets if a.name == SUITE_NAME), None) or source.add_dataframe_asset(SUITE_NAME)
    batch = next((b for b in asset.batch_definitions if b.name == "night"), None) or \
        asset.add_batch_definition_whole_dataframe("night")
    suite = context.suites.get(SUITE_NAME)
    try:
        definition = context.validation_definitions.get(SUITE_NAME)
    except Exception:  # GX raises a bare DataContextError subclass when it is missing
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=SUITE_NAME, data=batch, suite=suite))
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name=SUITE_NAME,
            validation_definitions=[definition],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["article_id"]},
        )
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    validation = next(iter(result.run_results.values()))

    failures: dict[str, list[str]] = {}
    outcomes: list[ExpectationOutcome] = []
    for r in validation.results:
        described = _describe(r.expectation_config)
        ids = [row["article_id"] for row in (r.result.get("unexpected_index_list") or []) if isinstance(row, dict)]
        for article_id in ids:
            failures.setdefault(article_id, []).append(described)
        outcomes.append(ExpectationOutcome(
            expectation=described, column=r.expectation_config.kwargs.get("column"), success=bool(r.success),
            unexpected_count=int(r.result.get("unexpected_count") or 0), examples=sorted(set(ids))[:5],
        ))
    return {"success": bool(validation.success), "failures": failures, "outcomes": outcomes}


def validate_articles(
    articles: list[Article], project_root: Path, run_started: datetime
) -> tuple[list[Article], list[Rejection], list[ExpectationOutcome]]:
    """Split the night's articles into valid ones and quarantined ones (with every reason)."""
    if not articles:
        return [], [], []
    report = run_suite(articles_frame(articles, run_started), project_root)
    valid, rejected = [], []
    for a in articles:
        reasons = report["failures"].get(a["article_id"])
        if reasons:
            rejected.append(Rejection(item_id=a["item_id"], article_id=a["article_id"], source=a["source"],
                                      uri=a["uri"], stage="validate", reason="; ".join(reasons)))
        else:
            valid.append(a)
    log.info("validated %d articles: %d passed, %d quarantined", len(articles), len(valid), len(rejected))
    return valid, rejected, report["outcomes"]
