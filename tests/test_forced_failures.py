"""A night that goes wrong three ways at once, run by real Airflow (`airflow dags test`), real dbt and GX:

- a feed whose server is down (nothing listens on its port),
- a corrupt file in the landing folder,
- a dbt test that fails (added to a copy of the project).

Each yields an alert (reports/alerts/*.json) and the report says what failed and why, while the rest of the
night's data lands. Then the report is opened in headless Chromium: it renders, its charts are there, no
script error occurs, and a screenshot is saved under reports/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
FORCED_TEST = """-- forced failure for tests/test_forced_failures.py: every person is a failing row
select person_key, person_name, latest_title from {{ ref('dim_people') }}
"""


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: connections are refused


@pytest.fixture(scope="module")
def night(airflow_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("forced-failures")
    landing = folder / "landing"
    landing.mkdir()
    for name in ("kt-ms-ai-alliance.ko.txt", "naver-ai-summit.ko.txt", "toyota-ev-launch.en.html"):
        shutil.copy(SAMPLES / name, landing / name)
    (landing / "corrupt.html").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8)  # a cut gzip stream
    project = folder / "dbt_project"
    shutil.copytree(ROOT / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    (project / "tests" / "assert_forced_failure.sql").write_text(FORCED_TEST, encoding="utf-8")
    sources = folder / "sources.yml"
    sources.write_text(f"""sources:
  - name: landing
    kind: folder
    path: {landing}
  - name: dead-feed
    kind: feed
    url: http://127.0.0.1:{_closed_port()}/rss.xml
    allow_private_addresses: true
""", encoding="utf-8")
    env = {**os.environ, "NEWSETL_LANDING": str(landing), "NEWSETL_SOURCES": str(sources),
           "NEWSETL_DBT_PROJECT": str(project), "NEWSETL_WAREHOUSE": str(folder / "warehouse" / "news.duckdb"),
           "NEWSETL_RAW": str(folder / "raw"), "NEWSETL_WORK": str(folder / "work"),
           "NEWSETL_REPORTS": str(folder / "reports"), "NEWSETL_HTTP_RETRIES": "0", "NEWSETL_HTTP_TIMEOUT": "3"}
    result = subprocess.run([sys.executable, "-m", "airflow", "dags", "test", "news_nightly", "-c",
                             json.dumps({"start": "2024-10-01", "end": "2024-10-02"})],
                            env=env, capture_output=True, text=True, timeout=900)
    (folder / "dags-test.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    warehouse = folder / "warehouse" / "news.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        run_id = con.execute("select run_id from raw.runs").fetchone()[0]
    alerts = [json.loads(p.read_text(encoding="utf-8")) for p in (folder / "reports" / "alerts").glob("*.json")]
    return {"folder": folder, "log": result.stdout + result.stderr, "warehouse": warehouse, "run_id": run_id,
            "alerts": alerts, "reports": folder / "reports",
            "page": (folder / "reports" / "runs" / f"{run_id}.html").read_text(encoding="utf-8")}


def test_the_night_fails_but_its_data_lands(night):
    assert "state=failed" in night["log"]  # night_succeeded fails the run: the dbt test failed
    with duckdb.connect(str(night["warehouse"]), read_only=True) as con:
        loaded = con.execute("select count(*) from raw.articles").fetchone()[0]
        quarantined = con.execute("select uri, reason from raw.quarantine").fetchall()
        people = con.execute("select count(*) from marts.dim_people").fetchone()[0]
        quotes = con.execute("select count(*) from marts.fct_quotes").fetchone()[0]
    assert loaded == 3
    assert [uri.rsplit("/", 1)[-1] for uri, _ in quarantined] == ["corrupt.html"]
    assert people > 0 and quotes > 0  # the marts were built; only the forced test failed


def test_each_failure_yields_an_alert(night):
    by_task = {a["task_id"]: a for a in night["alerts"]}
    dbt_alerts = [a for task, a in by_task.items() if task.startswith("dbt_build")]
    assert dbt_alerts and any("assert_forced_failure" in a["task_id"] + a["error"] for a in dbt_alerts)
    assert "dbt model or test failed" in dbt_alerts[0]["what_to_do"]
    assert "dead-feed" in by_task["sources"]["error"]
    assert "1 item(s) quarantined" in by_task["quarantine"]["error"]
    assert all(a["night"] == night["run_id"] for a in (by_task["sources"], by_task["quarantine"]))


def test_the_report_says_what_failed_and_why(night):
    page = night["page"]
    assert "source dead-feed failed" in page
    assert "corrupt.html" in page  # in the quarantine table, with its reason and a link to its bytes
    links = re.findall(r'href="file://([^"]+)">raw bytes</a>', page)
    assert len(links) == 1
    assert Path(unquote(links[0])).read_bytes() == (night["folder"] / "landing" / "corrupt.html").read_bytes()
    assert "assert_forced_failure" in page and "did not pass" in page
    assert "failing rows" in page
    with duckdb.connect(str(night["warehouse"]), read_only=True) as con:
        people = {name for (name,) in con.execute("select person_name from marts.dim_people").fetchall()}
    assert any(name in page for name in people)  # examples of the failing rows
    assert "alert(s) this night" in page
    with duckdb.connect(str(night["warehouse"]), read_only=True) as con:  # the yield table's numbers
        no_quote = con.execute("select count(*) from raw.articles a where not exists "
                               "(select 1 from raw.quotes q where q.article_id = a.article_id)").fetchone()[0]
    yield_section = page[page.index("<h2>Extraction yield"):page.index("<h2>Stage durations")]
    assert "articles with no quote" in yield_section and "unattributed quotes (%)" in yield_section
    assert f"<td class=n>{no_quote}</td>" in yield_section


def test_the_report_renders_in_headless_chromium(night):
    assert CHROMIUM.exists(), "Chromium is missing: `make test` installs Debian's chromium package"
    from playwright.sync_api import sync_playwright

    shots = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, path in (("index", night["reports"] / "index.html"),
                           ("night", night["reports"] / "runs" / f"{night['run_id']}.html")):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
            requests: list[str] = []
            page.on("request", lambda req, requests=requests: requests.append(req.url))
            page.goto(path.as_uri())
            shots[name] = {"errors": errors, "requests": requests, "svg": page.locator("svg").count(),
                           "h1": page.locator("h1").inner_text(), "height": page.evaluate("document.body.scrollHeight")}
            page.screenshot(path=str(night["reports"] / f"screenshot-{name}.png"), full_page=True)
            page.close()
        browser.close()
    for name, shot in shots.items():
        assert shot["errors"] == [], name
        assert all(url.startswith("file://") for url in shot["requests"]), shot["requests"]  # nothing from a network
        assert shot["height"] > 600, name
    assert shots["index"]["svg"] == 4 and shots["index"]["h1"] == "newsetl data quality"
    assert shots["night"]["h1"].startswith("Night ")
    assert (night["reports"] / "screenshot-index.png").stat().st_size > 10_000
