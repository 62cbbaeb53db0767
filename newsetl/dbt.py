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
