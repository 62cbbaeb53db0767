"""The bench harness on a tiny corpus: every stage measured, every figure present and sane. No timing limits:
the machine is shared, so only make bench's own ratios mean anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsetl.bench import corpus, harness

pytestmark = pytest.mark.e2e


def test_the_corpus_is_the_same_for_the_same_seed_and_holds_copies_and_bad_files(tmp_path: Path):
    first, second = corpus.generate(tmp_path / "a", 40), corpus.generate(tmp_path / "b", 40)
    assert first == second and corpus.manifest(tmp_path / "a") == corpus.manifest(tmp_path / "b")
    corpus.generate(tmp_path / "c", 40, seed=1)
    assert corpus.manifest(tmp_path / "c") != corpus.manifest(tmp_path / "a")
    # item i does not depend on N: a later night adds items to the same corpus
    corpus.generate(tmp_path / "d", 20, start=20)
    assert all((tmp_path / "d" / p.name).read_bytes() == p.read_bytes()
               for p in (tmp_path / "a").iterdir() if int(p.name[:7]) >= 20)
    kinds = [corpus.item(20241001, i)[2] for i in range(600)]
    near = sum(k["kind"] == "near_duplicate" for k in kinds) / len(kinds)
    assert 0.1 < near < 0.3
    assert sum(k["kind"] == "bad" for k in kinds) == 3
    assert {k.get("format") for k in kinds} == {"text", "html", None}
    languages = {name.split(".")[1] for name, *_ in (corpus.item(20241001, i) for i in range(60)) if "bad" not in name}
    assert languages == {"ko", "en"}


def test_make_bench_measures_every_stage_and_the_baselines(tmp_path: Path):
    out = tmp_path / "results.json"
    # no growth night (it is the same code as the others) and no Airflow night: each stage is a process, keep it short
    harness.main(n=40, new=0, workers=2, out_path=out, base=tmp_path / "bench", seed=20241001, airflow_items=0)
    results = json.loads(out.read_text(encoding="utf-8"))
    assert "growth_night" not in results and "airflow" not in results
    for night in ("full_night", "incremental_night"):
        stages = results[night]["stages"]
        assert list(stages) == list(harness.PIPELINE_STAGES), night
        for stage, row in stages.items():
            assert row["seconds"] >= 0 and row["articles_per_s"] > 0 and row["peak_rss_mb"] > 0, (night, stage)
            if stage != "dbt_build":  # a failing dbt test is the night's finding, recorded, not the bench's error
                assert "failed" not in row, (night, stage, row.get("failed"))
        for mapped in ("clean", "extract"):
            assert stages[mapped]["batch_peak_rss_mb"] > 0
    assert results["full_night"]["items"] == 40 and results["incremental_night"]["items"] == 1
    loaded = results["full_night"]["stages"]["load"]["result"]
    assert loaded["articles_loaded"] + loaded["quarantined"] + loaded["duplicates"] == 40  # one record per item
    for baseline in ("baseline_kiwi", "baseline_trafilatura"):
        assert results["baselines"][baseline]["seconds"] > 0 and results["baselines"][baseline]["inputs"] > 0
    ce = results["clean_extract"]
    assert ce["ratio"] > 0 and ce["pipeline_seconds"] > 0 and ce["baseline_seconds"] > 0
    inc = results["incremental_night"]
    assert inc["dbt_full_refresh_seconds"] > 0 and inc["dbt_ratio"] > 0 and inc["night_ratio"] > 0
    assert results["peak_rss_mb"] > 0 and len(results["machine"]["loadavg_before"]) == 3
