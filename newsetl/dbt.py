"""dbt helpers: the manifest cosmos renders the DAG from, and a plain `dbt build` for the CLI."""

from __future__ import annotations

import logging
from pathlib import Path

from .settings import Settings, export_for_dbt

log = logging.getLogger(__name__)


def manifest_path(settings: Settings) -> Path:
    return settings.dbt_project / "target" / "manifest.json"


def _project_files(project: Path) -> list[Path]:
    return [p for d in ("models", "seeds", "macros", "tests", "analyses") for p in (project / d).rglob("*")
            if p.is_file()] + [project / "dbt_project.yml"]


def ensure_manifest(settings: Settings) -> Path:
    """Run `dbt parse` when the manifest is missing or older than any project file; cheap otherwise."""
    manifest = manifest_path(settings)
    newest = max(p.stat().st_mtime for p in _project_files(settings.dbt_project))
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        return manifest
    log.info("dbt manifest is missing or stale: running dbt parse")
    run_dbt(settings, ["parse"])
    return manifest


def run_dbt(settings: Settings, args: list[str]) -> None:
    from dbt.cli.main import dbtRunner

    export_for_dbt(settings)
    project = str(settings.dbt_project)
    result = dbtRunner().invoke([*args, "--project-dir", project, "--profiles-dir", project])
    if not result.success:
        raise RuntimeError(f"dbt {' '.join(args)} failed: {result.exception or 'see the dbt log above'}")


def source_freshness(settings: Settings, target: Path) -> list[dict]:
    """`dbt source freshness` on the warehouse: one row per source table with its status and age.

    A failing check is a result to report, not an exception; a dbt that cannot run at all gives one row
    saying why, so the report shows it instead of losing it in a log.
    """
    from dbt.cli.main import dbtRunner

    export_for_dbt(settings)
    project = str(settings.dbt_project)
    try:
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
