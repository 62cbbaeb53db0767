"""Test settings: every path the pipeline writes points into a temporary folder.

Set before anything imports airflow or newsetl's DAG, which read the environment at import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
GOLD = ROOT.parent / "shared" / "gold" / "kt-ms-ai-alliance.gold.json"
SAMPLE = SAMPLES / "kt-ms-ai-alliance.ko.txt"

_TMP = Path(tempfile.mkdtemp(prefix="newsetl-tests-"))
os.environ.update({
    "AIRFLOW_HOME": str(_TMP / "airflow"),
    "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    "GX_ANALYTICS_ENABLED": "False",
    "NEWSETL_WAREHOUSE": str(_TMP / "warehouse" / "news.duckdb"),
    "NEWSETL_WORK": str(_TMP / "work"),
    "NEWSETL_RAW": str(_TMP / "raw"),
    "NEWSETL_REPORTS": str(_TMP / "reports"),
    "NEWSETL_LANDING": str(_TMP / "landing"),
})


@pytest.fixture(scope="session")
def tmp_root() -> Path:
    return _TMP


@pytest.fixture(scope="session")
def gold() -> dict:
    if GOLD.exists():
        return json.loads(GOLD.read_text(encoding="utf-8"))
    # the repository keeps its own copy for machines without ../shared
    return json.loads((ROOT / "tests" / "gold" / "kt-ms-ai-alliance.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def airflow_db(tmp_root: Path) -> Path:
    """A migrated Airflow metadata DB (SQLite) with the duckdb pool."""
    airflow = [sys.executable, "-m", "airflow"]
    subprocess.run([*airflow, "db", "migrate"], check=True, capture_output=True)
    subprocess.run([*airflow, "pools", "set", "duckdb", "1", "one DuckDB writer"], check=True, capture_output=True)
    return tmp_root / "airflow"


def fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())
