"""DuckDB's memory limit (NEWSETL_DUCKDB_MEMORY_LIMIT) reaches every connection: the pipeline's and dbt's.

Without it DuckDB takes up to 80% of RAM; the bench measured dbt at 2.8 GB on a 20,000-article warehouse.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from newsetl.load import connect
from newsetl.settings import dbt_environment
from newsetl.settings import load as load_settings


def test_the_pipeline_connection_takes_the_configured_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSETL_DUCKDB_MEMORY_LIMIT", "300MB")
    with connect(tmp_path / "news.duckdb") as con:
        limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert limit == "286.1 MiB"  # DuckDB reports 300 MB in MiB


def test_a_limit_that_is_not_a_size_is_refused_with_what_to_write(monkeypatch):
    monkeypatch.setenv("NEWSETL_DUCKDB_MEMORY_LIMIT", "1GB'; drop schema raw cascade; --")
    with pytest.raises(ValueError, match=r"not a memory size: write it as DuckDB does, e.g. 1GB"):
        load_settings()


def test_dbt_runs_with_the_limit_of_the_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSETL_DUCKDB_MEMORY_LIMIT", raising=False)
    settings = dataclasses.replace(load_settings(), warehouse=tmp_path / "news.duckdb", duckdb_memory_limit="700MB")
    project = str(settings.dbt_project)
    show = [sys.executable, "-m", "dbt.cli.main", "show", "--inline", "select current_setting('memory_limit') as m",
            "--output", "json", "--log-format", "json", "--project-dir", project, "--profiles-dir", project,
            "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")]
    with dbt_environment(settings):
        done = subprocess.run(show, capture_output=True, text=True, env=dict(os.environ), cwd=ROOT)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    previews = [json.loads(line)["data"].get("preview") for line in done.stdout.splitlines() if '"preview"' in line]
    assert [json.loads(p) for p in previews if p] == [[{"m": "667.5 MiB"}]]
    assert "NEWSETL_DUCKDB_MEMORY_LIMIT" not in os.environ  # set for the one call only
