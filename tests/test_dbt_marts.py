"""The dbt marts over the samples: the gold facts, every test, every analysis's answer, the docs page, freshness.

The warehouse is built the way a night builds it (ingest → clean → validate → extract → load, then
`dbt build`), without Airflow, in a temporary folder; dbt runs as a subprocess on a target folder of its
own, so nothing here touches the repository's dbt_project/target/ or the environment of other tests.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SAMPLES, fold

from newsetl import pipeline
from newsetl.settings import Settings
from newsetl.settings import load as load_settings

DBT = Path(sys.executable).parent / "dbt"
PROJECT = ROOT / "dbt_project"
KT_ARTICLE = "kt-ms-ai-alliance.ko.txt"
MARTS = ("dim_articles", "dim_organizations", "dim_people", "dim_date", "fct_quotes", "fct_organization_mentions",
         "fct_events", "bridge_event_participants")


# --- helpers shared with test_dbt_incremental.py ----------------------------------------------------------

def settings_for(folder: Path, landing: Path, project: Path = PROJECT) -> Settings:
    """Settings whose every written path is under `folder`."""
    return dataclasses.replace(
        load_settings(), landing=landing, raw=folder / "raw", work=folder / "work",
        warehouse=folder / "warehouse" / "news.duckdb", reports=folder / "reports", dbt_project=project)


def load_night(settings: Settings, start: str, end: str) -> dict:
    """One night's stages up to the load, as `newsetl run` runs them; returns the run."""
    zone = datetime.now().astimezone().tzinfo
    run = pipeline.ingest(settings, pipeline.make_run(datetime.fromisoformat(start).replace(tzinfo=zone),
                                                      datetime.fromisoformat(end).replace(tzinfo=zone)))
    pipeline.clean(settings, run)
    pipeline.validate(settings, run)
    pipeline.extract(settings, run)
    pipeline.load(settings, run)
    return run


def dbt(settings: Settings, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    """`dbt ARGS` on the settings' warehouse, with target and logs under its work folder."""
    env = {**os.environ, "NEWSETL_WAREHOUSE": str(settings.warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    command = [str(DBT), *args, "--project-dir", str(settings.dbt_project), "--profiles-dir",
               str(settings.dbt_project), "--target-path", str(target_path(settings)),
               "--log-path", str(settings.work / "dbt-logs")]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    if ok:
        assert result.returncode == 0, f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}{result.stderr[-2000:]}"
    return result


def target_path(settings: Settings) -> Path:
    return settings.work / "dbt-target"


def query(settings: Settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def snapshot(warehouse: Path) -> dict[str, list[str]]:
    """Every row of every mart, every column included."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: sorted(map(str, con.execute(f"select * from marts.{t}").fetchall())) for t in MARTS}


def compiled_analyses(settings: Settings, variables: dict | None = None) -> dict[str, str]:
    """Every analysis compiled by dbt (with `variables`), by name."""
    args = ["compile", "--select", "resource_type:analysis"]
    if variables:
        args += ["--vars", json.dumps(variables, ensure_ascii=False)]
    dbt(settings, *args)
    folder = target_path(settings) / "compiled" / "newsetl" / "analyses"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.sql"))}


def answer(settings: Settings, sql: str) -> list[dict]:
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


# --- the sample warehouse ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("dbt-samples")
    landing = folder / "landing"
    shutil.copytree(SAMPLES, landing)
    settings = settings_for(folder, landing)
    load_night(settings, "2024-10-01", "2024-10-02")
    dbt(settings, "build")
    return settings


@pytest.fixture(scope="module")
def kt_article(samples) -> str:
    rows = query(samples, "select article_id from marts.dim_articles where source_uri like ?", [f"%/{KT_ARTICLE}"])
    assert len(rows) == 1
    return rows[0][0]


def test_dbt_build_runs_every_model_and_test_and_all_pass(samples):
    results = json.loads((target_path(samples) / "run_results.json").read_text())["results"]
    kinds = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        kinds.setdefault(kind, []).append(result["status"])
        expected = ("no-op",) if kind == "exposure" else ("success", "pass")
        assert result["status"] in expected, (result["unique_id"], result["status"], result["message"])
    assert len(kinds["model"]) == len(list((PROJECT / "models").rglob("*.sql")))
    assert len(kinds["test"]) >= 150 and len(kinds["unit_test"]) >= 6 and len(kinds["seed"]) == 2


def test_every_model_and_column_is_described(samples):
    nodes = json.loads((target_path(samples) / "manifest.json").read_text())["nodes"]
    models = [n for n in nodes.values() if n["resource_type"] in ("model", "seed", "analysis")]
    assert len([m for m in models if m["resource_type"] == "model"]) >= 30
    for model in models:
        assert model["description"].strip(), model["name"]
        if model["resource_type"] != "analysis":
            assert model["columns"], model["name"]
        for column in model["columns"].values():
            assert column["description"].strip(), (model["name"], column["name"])


def test_every_documented_column_exists_in_the_warehouse(samples):
    manifest = json.loads((target_path(samples) / "manifest.json").read_text())
    with duckdb.connect(str(samples.warehouse), read_only=True) as con:
        for node in manifest["nodes"].values():
            if node["resource_type"] not in ("model", "seed"):
                continue
            actual = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                                "where table_schema = ? and table_name = ?",
                                                [node["schema"], node["alias"]]).fetchall()}
            assert set(node["columns"]) == actual, (node["name"], set(node["columns"]) ^ actual)


# --- the Done-when facts of the gold annotation -----------------------------------------------------------

def test_kt_article_quotes_are_the_gold_ones(samples, kt_article, gold):
    rows = query(samples, "select quote_text, speaker_name, speaker_title, speaker_organization, speaker_kind, "
                          "speaker_person_key is not null, speaker_organization_key is not null from marts.fct_quotes "
                          "where article_id = ? and quote_kind = 'direct'", [kt_article])
    by_speaker = {}
    for text, speaker, title, organization, kind, has_person, has_organization in rows:
        by_speaker.setdefault(speaker, []).append(fold(text))
        assert kind == "person" and has_person and has_organization
        assert (title, organization) == {"김영섭": ("대표", "KT"), "사티아 나델라": ("CEO", "Microsoft")}[speaker]
    gold_direct = [q for q in gold["quotes"] if q["kind"] == "direct"]
    assert {s: len(t) for s, t in by_speaker.items()} == {"김영섭": 10, "사티아 나델라": 1}
    for speaker in by_speaker:
        assert sorted(by_speaker[speaker]) == sorted(fold(q["text"]) for q in gold_direct if q["speaker"] == speaker)
    headline = query(samples, "select quote_text, speaker_name from marts.fct_quotes where article_id = ? "
                              "and quote_kind = 'headline'", [kt_article])
    assert headline == [(q["text"], q["speaker"]) for q in gold["quotes"] if q["kind"] == "headline"]


def test_kt_article_events_are_the_gold_three(samples, kt_article, gold):
    rows = query(samples, "select event_type, event_date, location, organizer, participants, people, article_count "
                          "from marts.fct_events where first_article_id = ? order by event_date, event_type",
                 [kt_article])
    assert {(r[0], r[1]) for r in rows} == {(e["type"], date.fromisoformat(e["date"])) for e in gold["events"]}
    assert len(rows) == 3 and all(r[6] == 1 for r in rows)
    events = {r[0]: r for r in rows}
    gold_events = {e["type"]: e for e in gold["events"]}
    assert set(gold_events["partnership"]["participants_include"]) <= set(events["partnership"][4])
    assert events["conference"][3] == gold_events["conference"]["organizer"] == "GSMA"
    assert "조선호텔" in events["conference"][2] and "KT" in events["conference"][4]
    assert events["keynote"][5] == [gold_events["keynote"]["speaker"]]


def test_organizations_are_canonicalized_as_the_gold_says(samples, kt_article, gold):
    mentioned = {r[0] for r in query(samples, "select canonical_name from marts.fct_organization_mentions "
                                              "where article_id = ?", [kt_article])}
    for organization in gold["organizations"]:
        row = query(samples, "select organization_type, aliases_seen from marts.dim_organizations "
                             "where canonical_name = ?", [organization["canonical"]])
        assert len(row) == 1, organization["canonical"]
        assert row[0][0] == organization["type"], organization["canonical"]
        assert set(organization["mentions_include"]) <= set(row[0][1]), organization["canonical"]
        if organization.get("note") != "the outlet, from the byline":
            assert organization["canonical"] in mentioned
    # one row whatever the language or form: MS, 마이크로소프트, Microsoft, Microsoft Corp., MSFT
    assert query(samples, "select count(*) from marts.dim_organizations where canonical_name ilike '%microsoft%'"
                          " or list_contains(aliases_seen, 'MS')") == [(1,)]
    outlet = query(samples, "select articles_published from marts.dim_organizations where canonical_name = '아주경제'")
    assert outlet == [(1,)]


def test_people_have_their_latest_title_and_organization(samples, gold):
    for person in gold["people"]:
        row = query(samples, "select latest_title, latest_organization from marts.dim_people where person_name = ?",
                    [person["name"]])
        assert row == [(person["title"], person["organization"])], person["name"]
    kim = query(samples, "select quote_count, mention_count, article_count from marts.dim_people "
                         "where person_name = '김영섭'")
    assert kim == [(17, 4, 1)]  # 10 direct + 1 headline + 6 indirect quotes


def test_every_quote_speaker_is_a_person_or_organization_of_the_dimensions(samples):
    rows = query(samples, """
        select q.speaker_kind, count(*), count(p.person_key), count(o.organization_key)
        from marts.fct_quotes q
        left join marts.dim_people p on p.person_key = q.speaker_person_key
        left join marts.dim_organizations o on o.organization_key = q.speaker_organization_key
        group by 1 order by 1""")
    kinds = {r[0]: r[1:] for r in rows}
    assert kinds["person"][0] == kinds["person"][1] > 30
    assert kinds["organization"][0] == kinds["organization"][2] >= 4
    assert kinds[None][1] == kinds[None][2] == 0


def test_mentions_carry_the_sentence_they_are_in(samples, kt_article):
    rows = query(samples, "select surface, canonical_name, sentence, canonicalized_by from marts.fct_organization_mentions "
                          "where article_id = ? and surface = '세계이동통신사업자연합회'", [kt_article])
    assert rows == [("세계이동통신사업자연합회", "GSMA",
                     "세계이동통신사업자연합회(GSMA) 주최로 열린 M360 APAC은 지난해에 이어 2년 연속 KT가 주관했다.", "alias")]


# --- analyses ---------------------------------------------------------------------------------------------

def _check_most_quoted_people(rows):
    assert [(r["person_name"], r["quotes"]) for r in rows[:2]] == [("김영섭", 17), ("이정훈", 6)]
    assert rows[0]["direct_quotes"] == 10 and rows[0]["latest_organization"] == "KT" and len(rows) == 10


def _check_person_said_about_keyword(rows):
    assert len(rows) == 5 and {r["speaker_name"] for r in rows} == {"김영섭"}
    assert all("협력" in r["quote_text"] and r["quote_text"] in r["sentence"] for r in rows)


def _check_organizations_co_mentioned_with(rows):
    shared = {r["co_mentioned_organization"]: r["shared_articles"] for r in rows}
    assert rows[0]["co_mentioned_organization"] == "KT" and rows[0]["mentions_in_shared_articles"] == 9
    # "빅테크" (big tech) is a concept, not an organization co-mentioned with Microsoft; "Alphabet's Google" is two
    assert shared["OpenAI"] == 1 and "Microsoft" not in shared and "빅테크" not in shared
    assert shared["Alphabet"] == shared["Google"] == 1 and len(rows) == 14


def _check_events_by_type_per_month(rows):
    counts = {(r["year_month"], r["event_type"]): r["events"] for r in rows}
    assert counts[("2024-10", "conference")] == counts[("2024-10", "keynote")] == 1
    assert counts[("2024-09", "partnership")] == counts[("2024-03", "partnership")] == 1
    # the Samsung sample: "착공식을 열고 … 20조원을 투자해" is an investment and a groundbreaking (other) that day
    assert counts[("2025-03", "investment")] == counts[("2025-03", "other")] == 1
    assert sum(counts.values()) == 12


def _check_partnerships_involving_company(rows):
    assert [(str(r["event_date"]), r["partners"]) for r in rows] == [("2024-03-04", ["OpenAI"]),
                                                                      ("2024-09-30", ["KT"])]


def _check_quotes_by_organization_per_outlet(rows):
    counts = {(r["outlet"], r["speaker_organization"]): r["quotes"] for r in rows}
    assert counts[("아주경제", "KT")] == 19 and counts[("아주경제", "Microsoft")] == 1
    # 8 since '삼성전자는 … 고용 유발 효과가 생길 것으로 추산했다' is reported speech (a forecast by its maker)
    assert counts[("연합뉴스", "Samsung Electronics")] == 8


def _check_bilingual_topic_speakers(rows):
    # no organization speaks about AI in both languages in the samples (the fixture in
    # test_dbt_incremental.py has KT and Naver doing so)
    assert rows == []


def _check_unattributed_quotes_by_outlet(rows):
    shares = {r["outlet"]: (r["quotes"], r["unattributed_quotes"]) for r in rows}
    # Reuters' "Japan's Ministry of Economy, Trade and Industry, which …, said in a statement that …" is the ministry's
    # (and 'Hargrove said construction of the first site would begin …, with the first capacity expected …' is his)
    assert shares["아주경제"] == (20, 0) and shares["Reuters"] == (7, 0)


def _check_people_speaking_for_organization(rows):
    assert [(r["speaker_name"], r["title"], r["quotes"]) for r in rows] == [("김영섭", "대표", 17)]


def _check_events_of_organization(rows):
    assert [(r["event_type"], r["role"], r["organizer"]) for r in rows] == [("conference", "organizer", "GSMA"),
                                                                             ("keynote", "organizer", "GSMA")]


def _check_most_copied_articles(rows):
    assert len(rows) == 1 and rows[0]["duplicate_count"] == 1 and rows[0]["copy_kinds"] == ["near"]
    assert rows[0]["title"].startswith("Microsoft and OpenAI") and rows[0]["highest_similarity"] > 0.9


ANALYSIS_CHECKS = {name.removeprefix("_check_"): check for name, check in globals().items()
                   if name.startswith("_check_")}


def test_every_analysis_says_what_it_answers():
    analyses = sorted((PROJECT / "analyses").glob("*.sql"))
    assert len(analyses) >= 10
    for path in analyses:
        assert path.read_text(encoding="utf-8").startswith("-- Answers: "), path.name


def test_every_analysis_gives_the_right_answer_on_the_samples(samples):
    compiled = compiled_analyses(samples)
    assert set(compiled) == set(ANALYSIS_CHECKS)
    for name, sql in compiled.items():
        ANALYSIS_CHECKS[name](answer(samples, sql))


def test_analyses_take_their_parameters(samples):
    compiled = compiled_analyses(samples, {"person": "이정훈", "keyword": "HBM", "organization": "마이크로소프트",
                                           "company": "KT", "quotes_from": "2025-01-01", "top_n": 3})
    said = answer(samples, compiled["person_said_about_keyword"])
    assert len(said) == 3 and all("HBM" in r["quote_text"] and r["speaker_name"] == "이정훈" for r in said)
    assert [r["quote_kind"] for r in said].count("headline") == 1
    top = [(r["person_name"], r["quotes"]) for r in answer(samples, compiled["most_quoted_people"])]
    assert top == [("이정훈", 6), ("Yusuke Onishi", 3), ("Megan Cole", 2)]  # 2025 only; ties by name
    assert answer(samples, compiled["organizations_co_mentioned_with"])[0]["co_mentioned_organization"] == "KT"
    assert [r["partners"] for r in answer(samples, compiled["partnerships_involving_company"])] == [["Microsoft"]]


# --- docs, freshness, report ------------------------------------------------------------------------------

def test_static_docs_page_is_one_offline_file(samples):
    dbt(samples, "docs", "generate", "--static")
    page = (target_path(samples) / "static_index.html").read_text(encoding="utf-8")
    assert len(page) > 1_000_000
    assert not re.search(r"""<(script|img|iframe)[^>]+src=["']?(https?:)?//""", page, re.I)
    assert not re.search(r"""<link[^>]+href=["']?(https?:)?//""", page, re.I)
    assert not re.search(r"@import\s+(url\()?[\"']?(https?:)?//", page, re.I)
    for name in (*MARTS, "data_quality_report", "analyst_questions", "bilingual_topic_speakers"):
        assert name in page, name
    assert "Every form it was written in" in page  # column descriptions are inside


def test_source_freshness_warns_when_a_night_did_not_arrive(samples, tmp_path):
    stale = dataclasses.replace(samples, warehouse=tmp_path / "news.duckdb", work=tmp_path / "work")
    shutil.copy(samples.warehouse, stale.warehouse)

    def freshness(hours_ago: int) -> dict:
        with duckdb.connect(str(stale.warehouse)) as con:
            for table, column in (("articles", "loaded_at"), ("quotes", "loaded_at"), ("runs", "finished_at"),
                                  ("organization_mentions", "loaded_at"), ("person_mentions", "loaded_at"),
                                  ("events", "loaded_at"), ("duplicates", "loaded_at"),
                                  ("validation_results", "loaded_at"), ("items", "fetched_at"),
                                  ("item_sightings", "fetched_at")):
                con.execute(f"update raw.{table} set {column} = now() - interval {hours_ago} hour")
        result = dbt(stale, "source", "freshness", ok=False)
        statuses = {r["unique_id"].split(".")[-1]: r["status"]
                    for r in json.loads((target_path(stale) / "sources.json").read_text())["results"]}
        return {"returncode": result.returncode, **statuses}

    night_missing = freshness(48)
    assert night_missing["returncode"] == 0
    assert night_missing["articles"] == night_missing["runs"] == night_missing["quotes"] == "warn"
    on_time = freshness(2)
    assert on_time["articles"] == on_time["runs"] == "pass"
    three_missing = freshness(80)
    assert three_missing["returncode"] != 0 and three_missing["articles"] == "error"


def test_quality_report_links_the_dbt_docs_page(samples):
    run_id = query(samples, "select run_id from raw.runs")[0][0]
    index = Path(pipeline.report(samples, {"run_id": run_id}))
    page = index.read_text(encoding="utf-8")
    link = (PROJECT / "target" / "static_index.html").as_uri()
    assert f'href="{link}"' in page and "Warehouse documentation" in page
