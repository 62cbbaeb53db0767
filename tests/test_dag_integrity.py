from conftest import ROOT


def test_dagbag_has_no_import_errors_and_news_nightly_is_configured():
    from airflow.models import DagBag

    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert bag.import_errors == {}
    dag = bag.dags.get("news_nightly")
    assert dag is not None
    assert dag.tags and {"news", "etl"} <= set(dag.tags)
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert dag.doc_md
    assert str(dag.timezone) in ("Asia/Seoul", "Timezone('Asia/Seoul')")
    for task in dag.tasks:
        if not task.task_id.startswith("dbt_build"):
            assert task.retries >= 1, task.task_id
    ids = set(dag.task_ids)
    assert {"ingest", "clean", "validate", "extract", "load", "quality_report"} <= ids
    assert "dbt_build" in ids
    assert "backup" in dag.task_dict["load"].upstream_task_ids  # a copy of the warehouse before it is written
    # every task alerts when it fails (reports/alerts/, the log, the webhook)
    from newsetl.alerts import on_task_failure

    for task in dag.tasks:
        callbacks = task.on_failure_callback if isinstance(task.on_failure_callback, list) else [task.on_failure_callback]
        assert on_task_failure in callbacks, task.task_id
    # every task that writes DuckDB takes the one-slot pool
    for task in dag.tasks:
        if task.task_id in ("load", "dbt_build", "quality_report", "backup"):
            assert task.pool == "duckdb", task.task_id


def test_manual_run_window_comes_from_conf_or_the_logical_date():
    from datetime import UTC, datetime

    from newsetl.pipeline import window_for

    start, end = window_for(None, None, datetime(2024, 10, 2, tzinfo=UTC),
                            {"start": "2024-09-01", "end": "2024-09-02"}, "Asia/Seoul")
    assert start.isoformat() == "2024-09-01T00:00:00+09:00" and end.isoformat() == "2024-09-02T00:00:00+09:00"
    start, end = window_for(None, None, datetime(2024, 10, 2, tzinfo=UTC), None, "Asia/Seoul")
    assert (end - start).days == 1 and end == datetime(2024, 10, 2, tzinfo=UTC)
