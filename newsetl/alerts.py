"""Alerts: when a task fails, say so where someone will see it.

Each failure writes one JSON file under ``reports/alerts/`` and an ERROR log line; when
NEWSETL_ALERT_WEBHOOK is set, the same JSON is POSTed there (Slack, Teams or any endpoint that
takes JSON). The webhook URL is a secret: it is read from the environment and never logged or
written anywhere. A webhook that fails is logged; it never hides the alert file or the task's error.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

import httpx

log = logging.getLogger(__name__)

WEBHOOK_ENV = "NEWSETL_ALERT_WEBHOOK"


class Alert(TypedDict):
    at: str  # when the alert was raised, UTC
    dag_id: str
    run_id: str  # Airflow's run id
    night: str | None  # the pipeline's run id (its window), as the report and raw.runs name it
    task_id: str
    try_number: int | None
    error: str  # the exception, one line per cause
    log_url: str | None
    what_to_do: str


class _HideSecret(logging.Filter):
    """httpx logs every request's URL at INFO ("HTTP Request: POST https://hooks…/T0/B0/token"): not this one."""

    def __init__(self, secret: str):
        super().__init__()
        self.secrets = {secret}
        try:  # httpx logs the URL as it normalized it (percent-encoded): hide that spelling too
            self.secrets.add(str(httpx.URL(secret)))
        except (httpx.InvalidURL, TypeError, ValueError):
            pass

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in sorted(self.secrets, key=len, reverse=True):
                message = message.replace(secret, f"${WEBHOOK_ENV}")
            record.msg, record.args = message, ()
        return True


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text)[:80]


def advice(task_id: str) -> str:
    """One line on where to look first, by stage."""
    stage = task_id.split(".")[-1]
    hints = {
        "ingest": "a source could not be read: see the report's Sources section and raw.fetches",
        "clean": "an item broke the cleaner: find it in the task log, then run `newsetl clean PATH` on it",
        "validate": "Great Expectations could not run: check expectations/gx and the task log",
        "extract": "extraction raised on an article: run `newsetl extract PATH` on the article in the task log",
        "load": "the warehouse refused the load: is another process writing it? (make stop, then retry)",
        "quality_report": "the report could not be written: check the reports folder and the task log",
        # data alerts: the night went on, but something in it needs a look
        "sources": "a source could not be read tonight (the others were loaded): see the report's Sources section; "
                   "the next night retries it",
        "quarantine": "items were quarantined: see the report's Quarantine section for each item and its reason; "
                      "the raw bytes stay in the raw zone (`newsetl clean PATH` shows what the cleaner makes of one)",
        "freshness": "a source table has no recent rows: did the last nights run? see the report's freshness section",
    }
    if stage in hints:
        return hints[stage]
    if task_id.startswith("dbt_build"):
        return "a dbt model or test failed: see the report's dbt section, then `make sql` to look at the rows"
    return "see the task log; rerun the night with `make run RUN_DATE=…` once fixed (reruns replace, never append)"


def write_alert(reports: Path, dag_id: str, run_id: str, task_id: str, error: BaseException | str | None,
                try_number: int | None = None, log_url: str | None = None, webhook: str | None = None,
                night: str | None = None, key: str | None = None) -> Path:
    """Write the alert file, log it, and POST it to the webhook when one is configured.

    A data alert passes `key`: its file is named by night and key, so a rerun of the night replaces it.
    """
    at = datetime.now(UTC)
    alert = Alert(at=at.isoformat(timespec="seconds"), dag_id=dag_id, run_id=run_id, night=night, task_id=task_id,
                  try_number=try_number, error=str(error or "unknown error")[:4000], log_url=log_url,
                  what_to_do=advice(task_id))
    folder = reports / "alerts"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{_slug(night or run_id)}_{_slug(key)}" if key else \
        f"{at:%Y%m%dT%H%M%S}_{_slug(dag_id)}_{_slug(run_id)}_{_slug(task_id)}"
    path = folder / f"{name}.json"
    path.write_text(json.dumps(alert, ensure_ascii=False, indent=1), encoding="utf-8")
    log.error("ALERT %s.%s %s in run %s (try %s): %s — %s; alert written to %s",
              dag_id, task_id, "needs a look" if key else "failed", run_id, try_number, alert["error"].splitlines()[0] if alert["error"] else "",
              alert["what_to_do"], path)
    url = webhook if webhook is not None else os.environ.get(WEBHOOK_ENV)
    if url:
        hide = _HideSecret(url)
        logging.getLogger("httpx").addFilter(hide)
        try:
            response = httpx.post(url, json={"text": f"newsetl: {dag_id}.{task_id} failed in {run_id}: "
                                                     f"{alert['error'][:300]}", "alert": alert}, timeout=10)
            response.raise_for_status()
        except httpx.HTTPError as exc:  # the URL is a secret: name the failure, not the address
            log.warning("alert webhook (%s) failed: %s", WEBHOOK_ENV, type(exc).__name__)
        finally:
            logging.getLogger("httpx").removeFilter(hide)
    return path


def recent_alerts(reports: Path, run_id: str | None = None) -> list[Alert]:
    """Alerts on disk, newest first; only one run's when run_id is given."""
    folder = reports / "alerts"
    if not folder.is_dir():
        return []
    alerts = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")]
    alerts.sort(key=lambda a: a["at"], reverse=True)
    return [a for a in alerts if run_id is None or run_id in (a["run_id"], a.get("night"))]


def on_task_failure(context: dict) -> None:
    """Airflow's on_failure_callback: every field from the task context, the error as Airflow saw it."""
    from . import pipeline
    from .settings import load

    settings = load()
    ti = context.get("task_instance") or context.get("ti")
    dag_run = context.get("dag_run")
    try:
        night = pipeline.make_run(*pipeline.window_for(
            context.get("data_interval_start"), context.get("data_interval_end"), context.get("logical_date"),
            getattr(dag_run, "conf", None), settings.timezone))["run_id"]
    except (ValueError, TypeError):  # a bad run conf is itself what failed: alert anyway
        night = None
    write_alert(
        settings.reports,
        night=night,
        dag_id=getattr(ti, "dag_id", None) or getattr(dag_run, "dag_id", "unknown"),
        run_id=getattr(dag_run, "run_id", None) or getattr(ti, "run_id", "unknown"),
        task_id=getattr(ti, "task_id", "unknown"),
        error=context.get("exception"),
        try_number=getattr(ti, "try_number", None),
        log_url=getattr(ti, "log_url", None),
    )
