"""dbt from Python: `dbt build` for the DAG and the CLI, `dbt source freshness` for the report."""

from __future__ import annotations

from pathlib import Path

from .settings import Settings, dbt_environment


class DbtFailed(RuntimeError):
    """dbt ran and some node failed; the message names them (the report has their failing rows)."""


def run_dbt(settings: Settings, args: list[str]) -> None:
    """`dbt ARGS` in this process on the settings' warehouse; raises DbtFailed naming every failing node."""
    from dbt.cli.main import dbtRunner

    project = str(settings.dbt_project)
    with dbt_environment(settings):
        result = dbtRunner().invoke([*args, "--project-dir", project, "--profiles-dir", project])
    if result.success:
        return
    failed = []
    for node in getattr(result.result, "results", None) or []:
        status = str(node.status)
        if status in ("error", "fail", "runtime error"):
            rows = f", {node.failures} failing rows" if getattr(node, "failures", None) else ""
            failed.append(f"{node.node.resource_type} {node.node.name} ({status}{rows})")
    if failed:
        raise DbtFailed(f"dbt {' '.join(args)}: {len(failed)} node(s) failed: " + "; ".join(failed[:20]))
    raise DbtFailed(f"dbt {' '.join(args)} failed: {result.exception or 'see the dbt log above'}")


def source_freshness(settings: Settings, target: Path) -> list[dict]:
    """`dbt source freshness` on the warehouse: one row per source table with its status and age.

    A failing check is a result to report, not an exception; a dbt that cannot run at all gives one row
    saying why, so the report shows it instead of losing it in a log.
    """
    from dbt.cli.main import dbtRunner

    project = str(settings.dbt_project)
    try:
        with dbt_environment(settings):
            outcome = dbtRunner().invoke(["source", "freshness", "--project-dir", project, "--profiles-dir", project,
                                          "--target-path", str(target), "--quiet"])
    except Exception as exc:  # noqa: BLE001 - the report says what went wrong
        return [{"source": "(dbt)", "status": "runtime error", "max_loaded_at": None, "age_hours": None,
                 "message": str(exc)}]
    if outcome.result is None:
        return [{"source": "(dbt)", "status": "runtime error", "max_loaded_at": None, "age_hours": None,
                 "message": str(outcome.exception or "dbt source freshness did not run")}]
    rows = []
    for result in outcome.result.results:
        node = result.node
        if node.resource_type != "source":  # the on-run-end hook is a result too
            continue
        age = getattr(result, "age", None)
        rows.append({"source": f"{node.source_name}.{node.name}", "status": str(result.status),
                     "max_loaded_at": getattr(result, "max_loaded_at", None),
                     "age_hours": round(age / 3600, 1) if age is not None else None,
                     "message": getattr(result, "message", None)})
    return sorted(rows, key=lambda r: (r["status"] == "pass", r["source"]))
