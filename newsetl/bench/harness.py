"""`make bench`: a generated corpus through every stage, the baselines beside it, one results file.

Nights, each stage in its own process (newsetl/bench/stage.py):
1. full night: N items into an empty warehouse;
2. incremental night: 1% new items into the warehouse of night 1, then a full refresh of the dbt models
   on the same warehouse, to compare what an incremental night costs with what a rebuild costs;
3. growth night: NEW items (default N/10, the issue's 10,000 into 100,000) into the same warehouse.
Baselines run on night 1's corpus in the same run and on as many cores: Kiwi alone on every Korean body,
trafilatura alone on every HTML page. The machine is shared: compare figures within one results file.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from ..settings import PROJECT_ROOT
from . import corpus

PIPELINE_STAGES = ("ingest", "plan", "clean", "dedupe", "validate", "extract", "load", "dbt_build", "report")
WINDOWS = {1: ("2024-10-01", "2024-10-02"), 2: ("2024-10-02", "2024-10-03"), 3: ("2024-10-03", "2024-10-04")}


def environment(base: Path) -> dict[str, str]:
    """Every path the pipeline writes, inside the bench folder; dbt's target too (others may share the project)."""
    sources = base / "sources.yml"
    sources.write_text(f"sources:\n  - name: bench\n    kind: folder\n    path: {base / 'landing'}\n", encoding="utf-8")
    return {**os.environ, "NEWSETL_LANDING": str(base / "landing"), "NEWSETL_RAW": str(base / "raw"),
            "NEWSETL_WORK": str(base / "work"), "NEWSETL_WAREHOUSE": str(base / "warehouse" / "news.duckdb"),
            "NEWSETL_REPORTS": str(base / "reports"), "NEWSETL_SOURCES": str(sources),
            "DBT_TARGET_PATH": str(base / "dbt-target"), "DBT_LOG_PATH": str(base / "dbt-logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False", "GX_ANALYTICS_ENABLED": "False"}


def run_stage(stage: str, run_file: Path, workers: int, env: dict[str, str]) -> dict:
    code = f"from newsetl.bench.stage import main; main({[stage, str(run_file), str(workers)]!r})"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=PROJECT_ROOT)
    line = next((x for x in reversed(done.stdout.splitlines()) if x.startswith("BENCH-RESULT ")), None)
    if done.returncode or line is None:
        raise RuntimeError(f"bench stage {stage} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(line.removeprefix("BENCH-RESULT "))


def night(number: int, base: Path, env: dict[str, str], workers: int, stages=PIPELINE_STAGES) -> dict:
    """Every stage of one night; returns per-stage wall seconds, peak RSS and results."""
    from ..pipeline import make_run
    from ..settings import load

    start, end = WINDOWS[number]
    zone = load().timezone
    run = make_run(*(datetime.fromisoformat(d).replace(tzinfo=_zone(zone)) for d in (start, end)))
    run_file = base / f"run-{number}.json"
    run_file.write_text(json.dumps(run), encoding="utf-8")
    results = {}
    for stage in stages:
        out = run_stage(stage, run_file, workers, env)
        if stage == "ingest":
            run_file.write_text(json.dumps(out["run"]), encoding="utf-8")
            out["result"] = {k: out["run"][k] for k in ("items_in", "items_seen_before")}
        results[stage] = out
        print(f"  night {number} {stage:<10} {out['seconds']:8.2f} s  rss {out['rss_mb']:7.1f} MB", flush=True)
    folder = Path(env["NEWSETL_WORK"]) / run["run_id"]
    return {"run_id": run["run_id"], "folder": folder, "stages": results}


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _night_input(folder: Path) -> tuple[int, int]:
    items = json.loads((folder / "items.json").read_text(encoding="utf-8"))
    return len(items), sum(i["byte_size"] for i in items)


def _stage_rows(stages: dict, items: int, size: int) -> dict:
    rows = {}
    for stage, out in stages.items():
        seconds = max(out["seconds"], 1e-9)
        rows[stage] = {"seconds": out["seconds"], "articles_per_s": round(items / seconds, 1),
                       "mb_per_s": round(size / 1e6 / seconds, 2), "peak_rss_mb": out["rss_mb"],
                       "batch_peak_rss_mb": out.get("batch_rss_mb"), "import_s": out.get("import_s"),
                       "batch_import_s": out.get("batch_import_s"), "batch_work_s": out.get("batch_work_s"),
                       "result": out.get("result"),
                       **{k: out[k] for k in ("failed", "failed_nodes") if k in out}}
    return rows


def airflow_overhead(base: Path, items: int, seed: int) -> dict:
    """`airflow dags test` over a small night: wall time against the pipeline's own work in it."""
    airflow_base = base / "airflow-night"
    shutil.rmtree(airflow_base, ignore_errors=True)
    corpus.generate(airflow_base / "landing", items, seed=seed)
    env = environment(airflow_base)
    env.pop("DBT_TARGET_PATH")  # the DAG renders from the project's manifest
    env.update({"AIRFLOW_HOME": str(airflow_base / "airflow"), "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
                "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
                "AIRFLOW__COSMOS__CACHE_DIR": str(airflow_base / "cosmos-cache")})
    airflow = [sys.executable, "-m", "airflow"]
    subprocess.run([*airflow, "db", "migrate"], env=env, check=True, capture_output=True)
    subprocess.run([*airflow, "pools", "set", "duckdb", "1", "one DuckDB writer"], env=env, check=True,
                   capture_output=True)
    code = "from newsetl.bench.stage import airflow_night; airflow_night()"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=PROJECT_ROOT)
    wall = time.perf_counter() - started
    (airflow_base / "dags-test.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    line = next((x for x in reversed(done.stdout.splitlines()) if x.startswith("BENCH-RESULT ")), None)
    if done.returncode or line is None:
        raise RuntimeError(f"airflow dags test failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    out = json.loads(line.removeprefix("BENCH-RESULT "))
    out["log"] = str(airflow_base / "dags-test.log")  # a failed night (a failing dbt test) still times its tasks
    from ..pipeline import timings

    folder = next((airflow_base / "work").iterdir())
    stage_times = timings(folder)
    out["stage_seconds"] = stage_times
    if any(stage.startswith("dbt") for stage in stage_times):  # dbt ran as one task that times itself
        dbt_alone = None
    else:  # cosmos: a task per model; dbt alone on the same warehouse (a full build, like the DAG's first)
        run_file = airflow_base / "run.json"
        run_file.write_text(json.dumps({"run_id": folder.name}), encoding="utf-8")
        dbt_alone = run_stage("dbt_full_refresh", run_file, 1,
                              {**env, "DBT_TARGET_PATH": str(airflow_base / "dbt-target")})["seconds"]
    work = sum(stage_times.values()) + (dbt_alone or 0)
    out.update({"items": items, "process_wall_s": round(wall, 3), "pipeline_work_s": round(work, 3),
                "dbt_build_alone_s": dbt_alone, "overhead_s": round(wall - work, 3)})
    return out


def main(n: int, new: int | None, workers: int, out_path: Path, base: Path, seed: int, airflow_items: int) -> dict:
    new = n // 10 if new is None else new
    started = time.perf_counter()
    load_before = os.getloadavg()
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    env = environment(base)
    t = time.perf_counter()
    generated = corpus.generate(base / "landing", n, seed=seed)
    generated.update({"seconds": round(time.perf_counter() - t, 3), "manifest": corpus.manifest(base / "landing")})
    print(f"corpus: {generated['items']} items, {generated['bytes'] / 1e6:.1f} MB in {generated['seconds']} s", flush=True)

    results: dict = {"n": n, "new": new, "workers": workers, "seed": seed, "corpus": generated}
    first = night(1, base, env, workers)
    items, size = _night_input(first["folder"])
    results["full_night"] = {"items": items, "bytes": size, "stages": _stage_rows(first["stages"], items, size)}

    run_file = base / "run-1.json"
    baselines = {stage: run_stage(stage, run_file, workers, env) for stage in ("baseline_kiwi", "baseline_trafilatura")}
    for stage, out in baselines.items():
        print(f"  {stage:<20} {out['seconds']:8.2f} s over {out['inputs']} inputs", flush=True)
    pipeline_s = sum(first["stages"][s]["seconds"] for s in ("clean", "dedupe", "extract"))
    baseline_s = sum(out["seconds"] for out in baselines.values())
    results["baselines"] = {stage: {"seconds": out["seconds"], "inputs": out["inputs"],
                                    "peak_rss_mb": out["batch_rss_mb"]} for stage, out in baselines.items()}
    results["clean_extract"] = {
        "pipeline_seconds": round(pipeline_s, 3), "baseline_seconds": round(baseline_s, 3),
        "pipeline_articles_per_s": round(items / pipeline_s, 1),
        "baseline_articles_per_s": round(items / baseline_s, 1),
        "ratio": round(baseline_s / pipeline_s, 3), "target": 0.5}

    small = max(1, n // 100)
    corpus.generate(base / "landing", small, seed=seed, start=n)
    second = night(2, base, env, workers)
    items2, size2 = _night_input(second["folder"])
    refresh = run_stage("dbt_full_refresh", base / "run-2.json", workers, env)
    print(f"  dbt --full-refresh {refresh['seconds']:8.2f} s", flush=True)
    night2_s = sum(s["seconds"] for s in second["stages"].values())
    night1_s = sum(s["seconds"] for s in first["stages"].values())
    results["incremental_night"] = {
        "items": items2, "bytes": size2, "stages": _stage_rows(second["stages"], items2, size2),
        "dbt_incremental_seconds": second["stages"]["dbt_build"]["seconds"],
        "dbt_full_refresh_seconds": refresh["seconds"],
        "dbt_ratio": round(second["stages"]["dbt_build"]["seconds"] / refresh["seconds"], 3),
        "night_seconds": round(night2_s, 3), "full_night_seconds": round(night1_s, 3),
        "night_ratio": round(night2_s / night1_s, 3), "target": 0.1}

    if new:
        corpus.generate(base / "landing", new, seed=seed, start=n + small)
        third = night(3, base, env, workers)
        items3, size3 = _night_input(third["folder"])
        results["growth_night"] = {"items": items3, "bytes": size3, "warehouse_items_before": n + small,
                                   "stages": _stage_rows(third["stages"], items3, size3),
                                   "night_seconds": round(sum(s["seconds"] for s in third["stages"].values()), 3)}

    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    if airflow_items:  # the nights are saved above: a failure here keeps them
        print(f"airflow dags test over {airflow_items} items …", flush=True)
        results["airflow"] = airflow_overhead(base, airflow_items, seed)
        if "growth_night" in results:
            growth = results["growth_night"]
            growth["end_to_end_estimate_seconds"] = round(growth["night_seconds"] + results["airflow"]["overhead_s"], 1)

    results["peak_rss_mb"] = max(max(s["peak_rss_mb"], s["batch_peak_rss_mb"] or 0)
                                 for key in ("full_night", "incremental_night", "growth_night") if key in results
                                 for s in results[key]["stages"].values())
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                          "loadavg_before": [round(x, 2) for x in load_before],
                          "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    print(table(results))
    return results


def table(results: dict) -> str:
    """The printed summary: per stage, then the ratios against the targets."""
    lines = [f"newsetl bench: N={results['n']}, {results['workers']} workers, load average "
             f"{results['machine']['loadavg_before']} -> {results['machine']['loadavg_after']}", ""]
    for key in ("full_night", "incremental_night", "growth_night"):
        if key not in results:
            continue
        part = results[key]
        lines.append(f"{key.replace('_', ' ')}: {part['items']} items, {part['bytes'] / 1e6:.1f} MB")
        lines.append(f"  {'stage':<12}{'seconds':>10}{'articles/s':>12}{'MB/s':>9}{'peak RSS MB':>13}{'batch RSS MB':>14}")
        for stage, row in part["stages"].items():
            batch = "" if row["batch_peak_rss_mb"] is None else f"{row['batch_peak_rss_mb']:.0f}"
            lines.append(f"  {stage:<12}{row['seconds']:>10.2f}{row['articles_per_s']:>12.1f}{row['mb_per_s']:>9.2f}"
                         f"{row['peak_rss_mb']:>13.0f}{batch:>14}" + ("  FAILED (see dbt.log)" if "failed" in row else ""))
        lines.append("")
    base = results["baselines"]
    ce = results["clean_extract"]
    lines += [f"baselines ({results['workers']} processes): kiwi alone {base['baseline_kiwi']['seconds']:.2f} s over "
              f"{base['baseline_kiwi']['inputs']} Korean bodies, trafilatura alone "
              f"{base['baseline_trafilatura']['seconds']:.2f} s over {base['baseline_trafilatura']['inputs']} HTML pages",
              f"clean+extract {ce['pipeline_seconds']:.2f} s ({ce['pipeline_articles_per_s']} articles/s) vs "
              f"tokenizer+parser alone {ce['baseline_seconds']:.2f} s ({ce['baseline_articles_per_s']} articles/s): "
              f"ratio {ce['ratio']:.2f} (target >= {ce['target']})"]
    inc = results["incremental_night"]
    lines += [f"incremental night ({inc['items']} items): {inc['night_seconds']:.1f} s vs full night "
              f"{inc['full_night_seconds']:.1f} s, ratio {inc['night_ratio']:.3f}; dbt build incremental "
              f"{inc['dbt_incremental_seconds']:.1f} s vs --full-refresh {inc['dbt_full_refresh_seconds']:.1f} s, "
              f"ratio {inc['dbt_ratio']:.3f} (target <= {inc['target']})"]
    if "growth_night" in results:
        g = results["growth_night"]
        estimate = g.get("end_to_end_estimate_seconds")
        lines.append(f"growth night: {g['items']} new items into a warehouse of {g['warehouse_items_before']} items: stages "
                     f"{g['night_seconds']:.1f} s" + (f", with Airflow's overhead {estimate:.1f} s" if estimate else ""))
    if "airflow" in results:
        a = results["airflow"]
        lines.append(f"airflow dags test ({a['items']} items, {a['tasks']} tasks, {a['state']}): "
                     f"{a['process_wall_s']:.1f} s wall = "
                     f"the stages' own work {a['pipeline_work_s']:.1f} s (dbt included) + Airflow's overhead "
                     f"{a['overhead_s']:.1f} s (of which imports and DAG parse {a['import_and_parse_s']:.1f} s)")
    lines.append(f"peak RSS of any process: {results['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)
