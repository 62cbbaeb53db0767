"""news_nightly: tonight's articles from the landing folder to the marts and the quality report.

The logic lives in the newsetl package; this file only wires the stages together.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, get_current_context, task
from airflow.timetables.interval import CronDataIntervalTimetable

from newsetl import pipeline
from newsetl.alerts import on_task_failure
from newsetl.backup import backup_before_load
from newsetl.settings import load as load_settings

logging.getLogger("great_expectations._docs_decorators").setLevel(logging.WARNING)

settings = load_settings()
WAREHOUSE = Asset(f"file://{settings.warehouse}")
REPORT = Asset(f"file://{settings.reports / 'index.html'}")
DUCKDB_POOL = "duckdb"  # one slot: DuckDB takes one writer at a time

DOC = """
### news_nightly
Every night at 02:00 Asia/Seoul: **ingest** the landing folder into the raw zone → **clean** (chrome removed,
duplicates pointed at their originals) → **validate** with Great Expectations (failures quarantined with their
reason) → **extract** quotes, organizations, people and events → **load** into DuckDB → **dbt build** (every model, its
tests after it; each node's outcome in the report) → **quality report** (`reports/index.html`).

A scheduled run covers its data interval, 02:00 to 02:00 Asia/Seoul; a manual run takes
`{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}` from its conf, or else the day ending at its logical date.
A night processes the items it reads that no other night loaded; a rerun or backfill of a past night takes back
exactly the items it loaded before, so it replaces its own rows and changes nothing else.
"""


def _night() -> dict:
    context = get_current_context()
    dag_run = context["dag_run"]
    start, end = pipeline.window_for(
        context.get("data_interval_start"), context.get("data_interval_end"), context.get("logical_date"),
        dag_run.conf if dag_run else None, settings.timezone,
    )
    return pipeline.make_run(start, end)


@dag(
    dag_id="news_nightly",
    # a data interval per night: [yesterday 02:00, today 02:00) Asia/Seoul (a bare cron string has none)
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone="Asia/Seoul"),
    start_date=pendulum.datetime(2024, 1, 1, tz="Asia/Seoul"),
    catchup=False,
    max_active_runs=1,
    doc_md=DOC,
    tags=["news", "etl", "duckdb", "dbt"],
    default_args={
        "owner": "newsetl",
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "on_failure_callback": on_task_failure,  # reports/alerts/*.json, an ERROR line, the webhook if set
    },
)
def news_nightly():
    @task
    def ingest() -> dict:
        return pipeline.ingest(settings, _night())

    @task
    def plan(run: dict) -> list[int]:
        return pipeline.plan_batches(settings, run)

    @task
    def clean(run: dict, batch: int) -> dict:
        """One batch of the night's items (a mapped task: the batches run in parallel)."""
        return pipeline.clean_batch(settings, run, batch)

    @task
    def dedupe(run: dict, cleaned: list[dict]) -> dict:
        """Duplicates across every batch and the warehouse."""
        pipeline.dedupe(settings, run)
        return run

    @task
    def validate(run: dict) -> dict:
        pipeline.validate(settings, run)
        return run

    @task
    def extract(run: dict, batch: int) -> dict:
        """One batch of the night's valid articles (a mapped task: the batches run in parallel)."""
        return pipeline.extract_batch(settings, run, batch)

    @task(pool=DUCKDB_POOL)
    def backup() -> str | None:
        """A dated copy of the warehouse before tonight's load: what `make restore` brings back."""
        path = backup_before_load(settings)
        return str(path) if path else None

    @task(pool=DUCKDB_POOL, outlets=[WAREHOUSE])
    def load(run: dict, extracted: list[dict]) -> dict:
        """Every batch into DuckDB in one transaction: the single writer."""
        pipeline.load(settings, run)
        return run

    @task(pool=DUCKDB_POOL, outlets=[WAREHOUSE], retries=0)  # a failing test fails again: the report says which
    def dbt_build(run: dict) -> dict:
        """`dbt build`: seeds, staging → intermediate → marts, each model's tests after it, in one dbt process.

        One task, not a task per model: under the scheduler every task is a process that imports dbt (seconds
        each), and cosmos' watcher mode deadlocks under `airflow dags test`. Each node's outcome goes to
        dbt_state.node_results and the report; a failing model or test fails this task with their names.
        """
        pipeline.dbt_build(settings, run)
        return run

    @task(outlets=[REPORT], trigger_rule="all_done", pool=DUCKDB_POOL)  # dbt source freshness opens the warehouse
    def quality_report(run: dict) -> str:
        """Runs even when a dbt test failed, so the report says what failed."""
        return pipeline.report(settings, run)

    @task
    def night_succeeded() -> None:
        """Fails the run when a stage before it failed: the report is written either way."""

    night = ingest()
    batches = plan(night)
    validated = validate(dedupe(night, clean.partial(run=night).expand(batch=batches)))
    loaded = load(validated, extract.partial(run=validated).expand(batch=batches))
    backup() >> loaded
    built = dbt_build(loaded)
    report = quality_report(loaded)
    built >> report
    [built, report] >> night_succeeded()


news_nightly()
