"""Incremental marts on a real DuckDB file: several nights, a reprocessed night, a seed edit, then a full refresh.

The incremental warehouse and a full refresh of a copy of it must hold identical marts, and every step is
checked on its own: the same event from two articles is one event, a later night's copy recounts an old
article, a reprocessed article leaves no orphan, a seed edit recanonicalizes history.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil

import pytest
from conftest import SAMPLES
from test_dbt_marts import (
    PROJECT,
    answer,
    compiled_analyses,
    dbt,
    load_night,
    query,
    settings_for,
    snapshot,
    target_path,
)

from newsetl import batches, pipeline

# Two articles about one event, in two languages; the companies are real, the people fictional.
KOREAN = """KT·네이버, AI 데이터센터 '맞손'…박서연 전무 "AI 인프라는 협력의 문제"

입력 2024.11.05 10:30

KT와 네이버가 인공지능(AI) 데이터센터를 함께 짓는다.

KT와 네이버는 5일 서울 종로구 KT 광화문빌딩에서 AI 데이터센터 공동 구축을 위한 전략적 파트너십을 체결했다고 밝혔다.

두 회사는 2026년까지 경기 지역에 AI 전용 데이터센터를 세우고 그래픽처리장치(GPU) 자원을 함께 운영하기로 했다.

박서연 KT 전무는 "AI 인프라는 한 회사가 홀로 감당할 수 있는 규모를 넘어섰다"며 "네이버와 함께 국내 기업이 쓸 수 있는 AI 자원을 늘리겠다"고 말했다.

최도윤 네이버 상무는 "이번 협력으로 하이퍼스케일 AI 서비스의 안정성을 높일 수 있을 것"이라고 설명했다.

업계에서는 통신사와 플랫폼 기업의 AI 인프라 협력이 늘어날 것으로 보고 있다.
"""

ENGLISH = """KT and Naver team up to build AI data centers

November 5, 2024 11:00 AM KST

SEOUL, Nov 5 (Example Wire) - KT Corp. and Naver Corp. signed a strategic partnership on Tuesday to build artificial intelligence data centers together, the two companies said.

Under the partnership, the South Korean telecom operator and the internet company will build a dedicated AI data center in Gyeonggi province by 2026 and share graphics processing units.

"AI infrastructure has outgrown what any single company can carry on its own," said Park Seo-yeon, a senior vice president at KT.

Choi Do-yoon, a managing director at Naver, said the deal would make its hyperscale AI services more stable.

Analysts expect more AI infrastructure deals between telecom operators and platform companies.
"""

NIGHT_1 = ("kt-ms-ai-alliance.ko.txt", "samsung-chip-investment.ko.txt", "microsoft-openai-partnership.en.txt")
NIGHT_2 = ("naver-ai-summit.ko.txt", "seoul-transit-policy.ko.txt", "toyota-ev-launch.en.html",
           "microsoft-openai-partnership-syndicated.en.txt")


def _article(settings, file_name: str) -> str:
    rows = query(settings, "select article_id from raw.articles where uri like ? union "
                           "select article_id from raw.duplicates where uri like ?", [f"%/{file_name}"] * 2)
    assert len(rows) == 1, file_name
    return rows[0][0]


def _counts(settings, article_id: str) -> dict[str, int]:
    return {table: query(settings, f"select count(*) from marts.{table} where article_id = ?", [article_id])[0][0]
            for table in ("dim_articles", "fct_quotes", "fct_organization_mentions")}


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dbt-incremental")
    project = folder / "dbt_project"  # a copy: the seed is edited below
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    landing = folder / "landing"
    landing.mkdir()
    settings = settings_for(folder, landing, project)
    steps = {"settings": settings}

    # night 1: three samples, a first (full) build; the tests run on the final state (seed_edited)
    for name in NIGHT_1:
        shutil.copy(SAMPLES / name, landing / name)
    run_1 = load_night(settings, "2024-10-01", "2024-10-02")
    dbt(settings, "build", "--select", "resource_type:seed", "resource_type:model")
    steps["run_1"] = run_1

    # night 2: the landing folder keeps night 1's files (skipped) and gains the rest of the samples, the
    # syndicated copy of night 1's Microsoft story, and two articles about one event
    for name in NIGHT_2:
        shutil.copy(SAMPLES / name, landing / name)
    (landing / "kt-naver-datacenter.ko.txt").write_text(KOREAN, encoding="utf-8")
    (landing / "kt-naver-datacenter.en.txt").write_text(ENGLISH, encoding="utf-8")
    load_night(settings, "2024-10-02", "2024-10-03")
    dbt(settings, "run")
    steps["after_night_2"] = snapshot(settings.warehouse)
    steps["night_2_sql"] = (target_path(settings) / "run" / "newsetl" / "models" / "marts" / "fct_quotes.sql").read_text()
    return steps


@pytest.fixture(scope="module")
def reprocessed(nights):
    """Night 1 again, as a new extractor and deduplicator would see it: the KT article loses three quotes and
    every 'MS' mention, and the Samsung article turns out to be a copy of it."""
    settings, run_1 = nights["settings"], nights["run_1"]
    kt, samsung = _article(settings, NIGHT_1[0]), _article(settings, NIGHT_1[1])
    before = {"kt": _counts(settings, kt), "samsung": _counts(settings, samsung)}
    work = settings.work / run_1["run_id"]
    for path in batches.files(work, "quotes"):
        rows = batches.read_parquet(path)
        dropped = sorted(r["quote_index"] for r in rows if r["article_id"] == kt)[-3:]
        batches.write_parquet([r for r in rows if r["article_id"] != kt or r["quote_index"] not in dropped],
                              "quotes", path)
    for path in batches.files(work, "organization_mentions"):
        rows = batches.read_parquet(path)
        batches.write_parquet([r for r in rows if r["article_id"] != kt or r["surface"] != "MS"],
                              "organization_mentions", path)
    copy = next(a for a in batches.read_parquet(batches.files(work, "articles")) if a["article_id"] == samsung)
    duplicates = json.loads((work / "duplicates.json").read_text(encoding="utf-8"))
    duplicates.append({"article_id": samsung, "item_id": copy["item_id"], "source": copy["source"], "uri": copy["uri"],
                       "duplicate_of": kt, "kind": "near", "similarity": 0.75})
    (work / "duplicates.json").write_text(json.dumps(duplicates, ensure_ascii=False), encoding="utf-8")
    pipeline.load(settings, run_1)
    dbt(settings, "run")
    return {"kt": kt, "samsung": samsung, "before": before,
            "after": {"kt": _counts(settings, kt), "samsung": _counts(settings, samsung)}}


@pytest.fixture(scope="module")
def seed_edited(reprocessed, nights):
    """An analyst renames Microsoft, drops the MSFT alias and adds one for Harborview Securities."""
    settings = nights["settings"]
    seed = settings.dbt_project / "seeds" / "organization_aliases.csv"
    with seed.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["canonical_name"] == "Microsoft":
            row["canonical_name"] = "Microsoft Corporation"
    rows = [r for r in rows if r["alias"] != "MSFT"]
    rows.append({"alias": "Harborview Securities", "canonical_name": "Harborview Securities Co.",
                 "organization_type": "company"})
    with seed.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["alias", "canonical_name", "organization_type"])
        writer.writeheader()
        writer.writerows(rows)
    dbt(settings, "build")  # seeds, incremental models and every test, on the incremental warehouse
    return snapshot(settings.warehouse)


def test_night_2_was_built_incrementally(nights):
    assert "merge into" in nights["night_2_sql"].lower()
    assert "load_finished_at >" in nights["night_2_sql"]


def test_the_same_event_from_two_articles_is_one_event_with_article_count_2(nights):
    rows = query(nights["settings"], "select event_type, event_date, participants, article_count, report_count "
                                     "from marts.fct_events where event_date = date '2024-11-05'")
    assert [(r[0], str(r[1]), r[2], r[3], r[4]) for r in rows] == [
        ("partnership", "2024-11-05", ["KT", "Naver"], 2, 2)]
    people = query(nights["settings"], "select count(distinct article_id) from marts.fct_quotes "
                                        "where speaker_name in ('박서연', 'Park Seo-yeon')")
    assert people == [(2,)]


def test_a_later_night_copy_is_counted_on_the_earlier_article(nights):
    microsoft = _article(nights["settings"], NIGHT_1[2])
    assert query(nights["settings"], "select duplicate_count from marts.dim_articles where article_id = ?",
                 [microsoft]) == [(1,)]


def test_bilingual_speakers_answer_on_the_two_language_fixture(nights):
    rows = answer(nights["settings"], compiled_analyses(nights["settings"])["bilingual_topic_speakers"])
    by_organization = {r["organization"]: r for r in rows}
    assert sorted(by_organization) == ["KT", "Naver"]
    assert by_organization["KT"]["english_speakers"] == ["Park Seo-yeon"]
    assert "박서연" in by_organization["KT"]["korean_speakers"]
    # the company itself, its man in the fixture, and its CTO in the naver-ai-summit sample ("정하늘 네이버 최고기술책임자")
    assert by_organization["Naver"]["korean_speakers"] == ["Naver", "정하늘", "최도윤"]
    assert by_organization["Naver"]["english_speakers"] == ["Choi Do-yoon"]


def test_a_reprocessed_article_replaces_its_facts_and_leaves_no_orphan(reprocessed, nights):
    settings = nights["settings"]
    kt, samsung = reprocessed["kt"], reprocessed["samsung"]
    before, after = reprocessed["before"], reprocessed["after"]
    assert after["kt"]["fct_quotes"] == before["kt"]["fct_quotes"] - 3
    raw_quotes = query(settings, "select count(*) from raw.quotes where article_id = ?", [kt])[0][0]
    assert after["kt"]["fct_quotes"] == raw_quotes
    assert query(settings, "select count(*) from marts.fct_organization_mentions where article_id = ? "
                           "and surface = 'MS'", [kt]) == [(0,)]
    assert after["kt"]["fct_organization_mentions"] < before["kt"]["fct_organization_mentions"]
    # the Samsung article became a copy: none of its facts is left, and it counts on the KT article
    # (11 quotes: two of them forecasts reported as speech, '…생길 것으로 추산했다', '…이어질 것으로 내다봤다')
    assert before["samsung"] == {"dim_articles": 1, "fct_quotes": 11, "fct_organization_mentions": 12}
    assert after["samsung"] == {"dim_articles": 0, "fct_quotes": 0, "fct_organization_mentions": 0}
    assert query(settings, "select duplicate_of from raw.duplicates where article_id = ?", [samsung]) == [(kt,)]
    assert query(settings, "select duplicate_count from marts.dim_articles where article_id = ?", [kt]) == [(1,)]
    # the articles of night 2 were not touched
    assert query(settings, "select count(*) from marts.fct_events where article_count = 2") == [(1,)]


def test_a_seed_edit_recanonicalizes_history_on_the_next_run(seed_edited, nights):
    settings = nights["settings"]
    assert query(settings, "select count(*) from marts.dim_organizations where canonical_name = 'Microsoft'") == [(0,)]
    row = query(settings, "select aliases_seen, organization_type from marts.dim_organizations "
                          "where canonical_name = 'Microsoft Corporation'")
    # every form still seen; MS went with the reprocessed KT article, its only user
    assert row == [(["MSFT", "Microsoft", "Microsoft Corp.", "마이크로소프트"], "company")]
    by = dict(query(settings, "select surface, any_value(canonicalized_by) from marts.fct_organization_mentions "
                              "where canonical_name = 'Microsoft Corporation' group by 1"))
    assert by["MSFT"] == "extracted_name" and by["Microsoft"] == "alias"
    assert query(settings, "select speaker_organization from marts.fct_quotes where speaker_name = '사티아 나델라'") \
        == [("Microsoft Corporation",)]
    assert query(settings, "select distinct canonical_name, canonicalized_by from marts.fct_organization_mentions "
                           "where surface = 'Harborview Securities'") == [("Harborview Securities Co.", "alias")]
    assert query(settings, "select participants from marts.fct_events where event_date = date '2024-09-30'") \
        == [(["KT", "Microsoft Corporation"],)]


def test_a_second_run_over_the_same_input_changes_no_row(seed_edited, nights):
    dbt(nights["settings"], "run")
    assert snapshot(nights["settings"].warehouse) == seed_edited


def test_a_full_refresh_gives_the_same_marts_as_the_incremental_runs(seed_edited, nights, tmp_path):
    settings = nights["settings"]
    refreshed = dataclasses.replace(settings, warehouse=tmp_path / "news.duckdb", work=tmp_path / "work")
    shutil.copy(settings.warehouse, refreshed.warehouse)
    dbt(refreshed, "run", "--full-refresh")
    assert "merge into" not in (target_path(refreshed) / "run" / "newsetl" / "models" / "marts" /
                                "fct_quotes.sql").read_text().lower()
    full = snapshot(refreshed.warehouse)
    assert full == seed_edited
    assert all(full[t] for t in full), [t for t in full if not full[t]]
    assert full != nights["after_night_2"]  # the steps did change the marts


def test_incremental_marts_hold_only_current_articles(seed_edited, nights):
    """The singular test of the same name passed in the seed-edit build; check its claim directly too."""
    settings = nights["settings"]
    for mart, key, source in (("marts.fct_quotes", "quote_id", "int_quotes__speakers_resolved"),
                              ("marts.fct_organization_mentions", "mention_id", "int_organization_mentions__canonicalized"),
                              ("intermediate.int_organization_mentions__sentences", "mention_id",
                               "int_organization_mentions__canonicalized")):
        built = set(query(settings, f"select {key} from {mart}"))
        current = set(query(settings, f"select s.{key} from intermediate.{source} s join raw.articles a using "
                                      "(article_id)"))
        assert built == current and len(built) > 40, mart
    watermarks = dict(query(settings, "select model, loaded_through from dbt_state.incremental_watermarks"))
    assert set(watermarks) == {"dim_articles", "fct_quotes", "fct_organization_mentions",
                               "int_organization_mentions__sentences"}
    assert len(set(watermarks.values())) == 1
    assert watermarks["fct_quotes"] == query(settings, "select max(finished_at) from raw.runs")[0][0]
