"""The whole DAG with dag.test(): samples plus broken files in, marts and report out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from newsetl.load import connect

pytestmark = pytest.mark.e2e

MART_TABLES = ("dim_articles", "fct_quotes", "dim_organizations", "fct_events", "dim_people", "fct_organization_mentions",
               "bridge_event_participants", "dim_date")


def _run_dag():
    from airflow.models import DagBag
    from airflow.utils.state import DagRunState

    dag = DagBag(dag_folder=str(ROOT / "dags")).dags["news_nightly"]
    run = dag.test(run_conf={"start": "2024-10-01", "end": "2024-10-02"})
    assert run.state == DagRunState.SUCCESS
    return run


def _snapshot(warehouse: Path) -> dict:
    """Every row of every mart, every column included."""
    with connect(warehouse, read_only=True) as con:
        return {t: sorted(map(str, con.execute(f"select * from marts.{t}").fetchall())) for t in MART_TABLES}


@pytest.fixture(scope="module")
def night(airflow_db, tmp_root: Path):
    landing = tmp_root / "landing"
    shutil.copytree(SAMPLES, landing, dirs_exist_ok=True)
    (landing / "empty.txt").write_bytes(b"")
    (landing / "broken.html").write_bytes(b"<html><body><nav>Home | World</nav><article><p>The minister said")
    (landing / "chrome-only.html").write_bytes(b"<html><body><nav>Home | World</nav></body></html>")
    naver = (SAMPLES / "naver-ai-summit.ko.txt").read_text(encoding="utf-8")
    (landing / "naver-in-euc-kr.txt").write_bytes(naver.encode("cp949"))
    (landing / "teaser.txt").write_text("짧은 제목\n\n본문 없이 끝난 기사…\n", encoding="utf-8")
    (landing / "copy-of-kt.txt").write_bytes((SAMPLES / "kt-ms-ai-alliance.ko.txt").read_bytes())
    _run_dag()
    warehouse = tmp_root / "warehouse" / "news.duckdb"
    return {"warehouse": warehouse, "landing": landing, "reports": tmp_root / "reports"}


def test_every_mart_is_filled(night):
    with connect(night["warehouse"], read_only=True) as con:
        for table in MART_TABLES:
            assert con.execute(f"select count(*) from marts.{table}").fetchone()[0] > 0, table


def test_sample_quote_is_attributed_to_kim_young_shub_of_kt(night):
    with connect(night["warehouse"], read_only=True) as con:
        row = con.execute("select speaker_name, speaker_organization, speaker_title, cue, sentence from marts.fct_quotes "
                          "where quote_text like '지난 1년간 AI를 기반으로%'").fetchall()
    assert len(row) == 1
    speaker, org, title, cue, sentence = row[0]
    assert (speaker, org, title, cue) == ("김영섭", "KT", "대표", "말했다")
    assert "지난 1년간 AI를 기반으로" in sentence


def test_marts_hold_the_gold_facts_of_the_kt_article(night, gold):
    """The issue's Done-when, through the DAG: ten direct quotes by 김영섭 and one by 사티아 나델라, the three
    events, the organizations canonicalized."""
    with connect(night["warehouse"], read_only=True) as con:
        (article_id,) = con.execute("select article_id from marts.dim_articles where title = ?",
                                    [gold["article"]["title"]]).fetchone()
        speakers = dict(con.execute("select speaker_name, count(*) from marts.fct_quotes where article_id = ? "
                                    "and quote_kind = 'direct' group by 1", [article_id]).fetchall())
        events = set(con.execute("select event_type, cast(event_date as varchar), article_count from marts.fct_events "
                                 "where first_article_id = ?", [article_id]).fetchall())
        organizations = dict(con.execute("select canonical_name, organization_type from marts.dim_organizations")
                             .fetchall())
    assert speakers == {"김영섭": 10, "사티아 나델라": 1}
    assert events == {(e["type"], e["date"], 1) for e in gold["events"]}
    assert {o["canonical"]: o["type"] for o in gold["organizations"]}.items() <= organizations.items()


def test_every_item_ends_in_exactly_one_place(night):
    files = [p for p in night["landing"].iterdir() if p.is_file() and p.name != "README.md"]
    with connect(night["warehouse"], read_only=True) as con:
        run = con.execute("select records_in, articles_loaded, quarantined, duplicates from raw.runs").fetchone()
        quarantine = dict(con.execute("select regexp_extract(uri, '[^/]+$'), reason from raw.quarantine").fetchall())
        duplicates = dict(con.execute("select regexp_extract(uri, '[^/]+$'), kind from raw.duplicates").fetchall())
        loaded = con.execute("select count(*) from marts.dim_articles").fetchone()[0]
    records_in, articles_loaded, quarantined, duplicate_count = run
    assert records_in == len(files) == articles_loaded + quarantined + duplicate_count
    assert loaded == articles_loaded
    assert "empty" in quarantine["empty.txt"]
    assert "truncated HTML" in quarantine["broken.html"]
    assert "no article text" in quarantine["chrome-only.html"]
    assert "body_length" in quarantine["teaser.txt"]
    pair = {"microsoft-openai-partnership.en.txt", "microsoft-openai-partnership-syndicated.en.txt"}
    assert [duplicates[name] for name in pair if name in duplicates] == ["near"]  # one of the two, not both
    assert "copy-of-kt.txt" in duplicates or "kt-ms-ai-alliance.ko.txt" in duplicates
    # the EUC-KR copy decodes to the very text of the UTF-8 original
    assert duplicates.get("naver-in-euc-kr.txt", duplicates.get("naver-ai-summit.ko.txt")) in ("exact", "same_item")


def test_every_item_read_is_recorded_with_its_encoding(night):
    with connect(night["warehouse"], read_only=True) as con:
        encodings = dict(con.execute("select regexp_extract(uri, '[^/]+$'), encoding from raw.items").fetchall())
        sightings = con.execute("select count(*), count(*) filter (where loaded_before) from raw.item_sightings "
                                "where run_id = (select max(run_id) from raw.runs)").fetchone()
    files = [p for p in night["landing"].iterdir() if p.is_file() and p.name != "README.md"]
    assert len(encodings) == len(files) == sightings[0] and sightings[1] == 0
    assert encodings["naver-in-euc-kr.txt"] == "cp949" and encodings["kt-ms-ai-alliance.ko.txt"] == "utf-8"
    assert encodings["empty.txt"] is None


def test_organizations_are_one_row_per_canonical_name(night):
    with connect(night["warehouse"], read_only=True) as con:
        row = con.execute("select organization_type, aliases_seen from marts.dim_organizations "
                          "where canonical_name = 'Microsoft'").fetchone()
    assert row[0] == "company"
    assert {"MS", "마이크로소프트"} <= set(row[1])


def test_report_is_written_and_escapes_article_text(night):
    index = night["reports"] / "index.html"
    pages = list((night["reports"] / "runs").glob("*.html"))
    assert index.exists() and pages
    page = pages[0].read_text(encoding="utf-8")
    assert "quarantined" in page and "empty.txt" in page
    assert "<script" not in page.lower()


def test_rerun_of_the_same_night_changes_no_row(night):
    before = _snapshot(night["warehouse"])
    _run_dag()
    assert _snapshot(night["warehouse"]) == before
