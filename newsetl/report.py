"""The data-quality report: one self-contained HTML page per night, and an index of nights.

Article text is untrusted input: everything shown is escaped. The page carries its own
styles and loads nothing from the network.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

from .alerts import recent_alerts, write_alert
from .charts import bar_chart, line_chart, stacked_bar_chart
from .ingest import raw_path
from .load import _has_table, connect, mart_counts
from .settings import Settings

log = logging.getLogger(__name__)

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans KR',sans-serif;margin:2rem auto;max-width:72rem;
padding:0 1rem;color:#1d2330;background:#fff}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #dde;
padding-bottom:.2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;
padding:.3rem .5rem;border-bottom:1px solid #eef;vertical-align:top}th{background:#f5f6fa;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#17723b;font-weight:600}
.fail{color:#b42318;font-weight:600}.muted{color:#667}.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #dde;border-radius:8px;padding:.6rem 1rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
code{background:#f5f6fa;padding:0 .2rem;border-radius:3px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
figure.chart{margin:0;border:1px solid #dde;border-radius:8px;padding:.5rem}figure.chart figcaption{font-weight:600}
svg text{font:11px system-ui,sans-serif;fill:#556}details summary{cursor:pointer;margin:.4rem 0}
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    if not rows:
        return '<p class="muted">none</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{esc(c)}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{STYLE}</style></head>'
            f"<body>{body}</body></html>")


def _rows(con, sql: str, params: list | dict | None = None) -> list[list]:
    return [list(r) for r in con.execute(sql, params or []).fetchall()]


def dbt_results(con, since) -> list[dict]:
    """The latest outcome of every dbt model and test run after `since` (this night's load), failures first."""
    if not _has_table(con, "dbt_state", "node_results"):
        return []
    rows = con.execute("""
        select resource_type, node_name, status, failures, message, failures_relation
        from dbt_state.node_results
        where recorded_at >= ? and resource_type in ('model', 'seed', 'test', 'unit_test')
        qualify row_number() over (partition by unique_id order by recorded_at desc) = 1
        order by status in ('pass', 'success'), resource_type, node_name""", [since]).fetchall()
    results = []
    for kind, name, status, failures, message, relation in rows:
        examples = []
        if failures and relation:  # the failing rows dbt kept (store_failures); the relation name is dbt's own
            try:
                examples = [", ".join(map(str, r)) for r in con.execute(f"select * from {relation} limit 3").fetchall()]
            except Exception as exc:  # noqa: BLE001 - a dropped failures table must not stop the report
                examples = [f"(failing rows not readable: {exc})"]
        results.append({"kind": kind, "name": name, "status": status, "failures": failures,
                        "message": message, "examples": examples})
    return results


def _dbt_section(results: list[dict]) -> str:
    if not results:
        return '<p class="fail">no dbt results recorded since this night\'s load: dbt build did not run</p>'
    failed = [r for r in results if r["status"] not in ("pass", "success")]
    tests = [r for r in results if r["kind"] in ("test", "unit_test")]
    verdict = (f'<p class="fail">{len(failed)} dbt node(s) did not pass</p>' if failed
               else f'<p class="ok">every model built and all {len(tests)} tests passed</p>')
    rows = [[r["status"], r["kind"], r["name"], r["failures"], (r["message"] or "") if r in failed else "",
             " | ".join(r["examples"])] for r in results]
    return verdict + ("" if not failed else _table(["result", "kind", "node", "failing rows", "message", "examples"],
                                                   [row for row, r in zip(rows, results, strict=True) if r in failed],
                                                   {3})) \
        + f"<details><summary>all {len(results)} models and tests</summary>" \
        + _table(["result", "kind", "node", "failing rows", "message", "examples"], rows, {3}) + "</details>"


def _quarantine_table(settings: Settings, rows: list[list]) -> str:
    """Each quarantined item with its reason and a link to its bytes in the raw zone (kept read-only there)."""
    if not rows:
        return '<p class="ok">nothing was quarantined</p>'
    body = []
    for stage, source, uri, reason, item_id in rows:
        stored = raw_path(settings.raw, item_id) if item_id else None
        link = (f'<a href="{esc(stored.as_uri())}">raw bytes</a>' if stored and stored.exists()
                else '<span class="muted">not stored (over the size cap or unread)</span>')
        body.append(f"<tr><td>{esc(stage)}</td><td>{esc(source)}</td><td>{esc(uri)}</td><td>{esc(reason)}</td>"
                    f"<td>{link}</td></tr>")
    return ("<table><thead><tr><th>stage</th><th>source</th><th>item</th><th>reason</th><th>kept</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _freshness_section(freshness: list[dict] | None) -> str:
    if freshness is None:
        return '<p class="muted">not checked for this page</p>'
    late = [f for f in freshness if f["status"] != "pass"]
    verdict = (f'<p class="fail">{len(late)} source table(s) not fresh</p>' if late
               else '<p class="ok">every source table is fresh</p>')
    return verdict + _table(["source", "status", "newest row loaded", "age (hours)", "message"],
                            [[f["source"], f["status"], f["max_loaded_at"], f["age_hours"], f["message"] or ""]
                             for f in freshness], {3})


def build_run_page(settings: Settings, run_id: str, timings: dict | None = None,
                   freshness: list[dict] | None = None) -> str:
    with connect(settings.warehouse, read_only=True) as con:
        run = con.execute("select * from raw.runs where run_id = ?", [run_id]).fetchone()
        if run is None:
            raise LookupError(f"run {run_id} is not in the warehouse")
        run = dict(zip([d[0] for d in con.description], run, strict=True))
        quarantine = _rows(con, "select stage, source, uri, reason, item_id from raw.quarantine where run_id = ? "
                                "order by stage, uri", [run_id])
        duplicates = _rows(con, "select d.uri, d.kind, d.similarity, a.title from raw.duplicates d "
                                "left join raw.articles a on a.article_id = d.duplicate_of where d.run_id = ? "
                                "order by d.uri", [run_id])
        expectations = _rows(con, "select case when success then 'pass' else 'FAIL' end, expectation, "
                                  "unexpected_count, array_to_string(examples, ', ') from raw.validation_results "
                                  "where run_id = ? order by success, expectation", [run_id])
        per_source = _rows(con, """
            with seen as (
                select source, count(*) as items, count(*) filter (where loaded_before) as before
                from raw.item_sightings where run_id = $run group by 1),
            outcome as (
                select source, 'loaded' as outcome from raw.articles where run_id = $run
                union all select source, 'quarantined' from raw.quarantine where run_id = $run
                union all select source, 'duplicate' from raw.duplicates where run_id = $run),
            http as (
                select source, count(*) filter (where status between 200 and 299) as ok,
                       count(*) filter (where not_modified) as unchanged, count(*) filter (where error is not null) as errors
                from raw.fetches where run_id = $run group by 1)
            select coalesce(s.source, o.source), any_value(s.items), any_value(s.before),
                   count(o.outcome) filter (where o.outcome = 'loaded'),
                   count(o.outcome) filter (where o.outcome = 'quarantined'),
                   count(o.outcome) filter (where o.outcome = 'duplicate'),
                   any_value(h.ok), any_value(h.unchanged), any_value(h.errors)
            from seen s full join outcome o using (source) left join http h on h.source = coalesce(s.source, o.source)
            group by 1 order by 1""", {"run": run_id})
        fetch_errors = _rows(con, "select source, url, attempts, error from raw.fetches "
                                  "where run_id = ? and error is not null order by source, url", [run_id])
        yield_rows = _rows(con, """
            with quotes as (
                select article_id, count(*) as quotes, count(*) filter (where speaker is null) as unattributed
                from raw.quotes where run_id = $run group by 1),
            organizations as (select article_id, count(*) as mentions from raw.organization_mentions
                              where run_id = $run group by 1),
            events as (select article_id, count(*) as events from raw.events where run_id = $run group by 1)
            select a.source, coalesce(a.outlet, '(unknown)'), count(*),
                   round(sum(coalesce(q.quotes, 0)) / count(*), 2),
                   round(sum(coalesce(o.mentions, 0)) / count(*), 2),
                   round(sum(coalesce(e.events, 0)) / count(*), 2),
                   count(*) filter (where q.quotes is null),
                   round(100.0 * sum(q.unattributed) / nullif(sum(q.quotes), 0), 1)
            from raw.articles a
            left join quotes q using (article_id)
            left join organizations o using (article_id)
            left join events e using (article_id)
            where a.run_id = $run group by 1, 2 order by 1, 2""", {"run": run_id})
        dbt = dbt_results(con, run["finished_at"])

    records_in = run["records_in"] or 0
    balanced = records_in == run["articles_loaded"] + run["quarantined"] + run["duplicates"]
    cards = "".join(f'<div class="card"><span class="muted">{esc(k)}</span><b>{esc(v)}</b></div>' for k, v in [
        ("items in", run["items_in"]), ("loaded before", run["items_seen_before"]), ("records", records_in),
        ("loaded", run["articles_loaded"]), ("quarantined", run["quarantined"]), ("duplicates", run["duplicates"]),
        ("quotes", run["quotes"]), ("organization mentions", run["organization_mentions"]), ("events", run["events"]),
    ])
    accounting = (f'<p class="{"ok" if balanced else "fail"}">records in ({records_in}) = loaded '
                  f'({run["articles_loaded"]}) + quarantined ({run["quarantined"]}) + duplicates ({run["duplicates"]})'
                  f'{"" if balanced else " — DOES NOT ADD UP"}</p>')
    failed = json.loads(run.get("failed_sources") or "{}")
    failed_sources = "".join(f'<p class="fail">source {esc(name)} failed: {esc(why)}</p>'
                             for name, why in failed.items()) or '<p class="ok">every source was read</p>'
    alerts = [[a["at"], a["task_id"], a["try_number"], a["error"].splitlines()[0] if a["error"] else "",
               a["what_to_do"]] for a in recent_alerts(settings.reports, run_id)]
    alert_block = (f'<p class="fail">{len(alerts)} alert(s) this night</p>'
                   + _table(["at", "task", "try", "error", "what to do first"], alerts, {2})) if alerts \
        else '<p class="ok">no alert this night</p>'
    gx_docs = settings.expectations / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    timing_rows = [[stage, seconds] for stage, seconds in (timings or {}).items()]
    body = f"""
<h1>Night {esc(run_id)}</h1>
<p class="muted">window {esc(run["window_start"])} → {esc(run["window_end"])} · finished {esc(run["finished_at"])}
· <a href="../index.html">all nights</a></p>
<div class="cards">{cards}</div>
<h2>Accounting</h2>{accounting}
<h2>Alerts</h2>{alert_block}
<h2>Sources</h2>{failed_sources}
{_table(["source", "items read", "loaded before", "loaded", "quarantined", "duplicates", "HTTP 2xx",
         "HTTP 304 (unchanged)", "fetch errors"], per_source, {1, 2, 3, 4, 5, 6, 7, 8})}
<h3>Fetch errors</h3>{_table(["source", "url", "attempts", "error"], fetch_errors, {2})}
<h2>Quarantine</h2>{_quarantine_table(settings, quarantine)}
<h2>Duplicates</h2>{_table(["copy", "kind", "similarity", "original"], duplicates, {2})}
<h2>Validation (Great Expectations)</h2>{_table(["result", "expectation", "failing rows", "examples"], expectations, {2})}
<p><a href="{esc(gx_docs.as_uri())}">GX Data Docs</a></p>
<h2>dbt models and tests</h2>{_dbt_section(dbt)}
<h2>Source freshness (dbt source freshness)</h2>{_freshness_section(freshness)}
<h2>Extraction yield</h2>{_table(["source", "outlet", "articles", "quotes per article", "organization mentions per article",
                                  "events per article", "articles with no quote", "unattributed quotes (%)"],
                                 yield_rows, {2, 3, 4, 5, 6, 7})}
<h2>Stage durations (seconds)</h2>{_table(["stage", "seconds"], timing_rows, {1})}
"""
    return _page(f"newsetl night {run_id}", body)


def _dbt_docs_link(settings: Settings) -> str:
    """The warehouse documentation: dbt's static docs page (every model and column), built by `make docs`."""
    page = settings.dbt_project / "target" / "static_index.html"
    note = "" if page.exists() else ' <span class="muted">(not built yet: run <code>make docs</code>)</span>'
    return (f'<p><a href="{esc(page.as_uri())}">Warehouse documentation (dbt docs: every table and column)'
            f"</a>{note}</p>")


def _trends(settings: Settings, con) -> str:
    """The last 30 nights as charts: articles, quarantine rate, quotes per article, seconds per stage."""
    nights = _rows(con, "select run_id, window_end, records_in, articles_loaded, quarantined, quotes "
                        "from (select * from raw.runs order by window_end desc limit 30) order by window_end")
    label = {n[0]: f"{n[1]:%Y-%m-%d}" if hasattr(n[1], "strftime") else str(n[1])[:10] for n in nights}
    durations = []
    for run_id, *_ in nights:
        record = settings.reports / "runs" / f"{run_id}.json"
        timings = json.loads(record.read_text()).get("timings", {}) if record.exists() else {}
        durations.append((label[run_id], {k: float(v) for k, v in timings.items()}))
    return '<div class="charts">' + "".join([
        bar_chart("Articles loaded per night", [(label[n[0]], n[3] or 0) for n in nights]),
        line_chart("Quarantine rate (% of records)",
                   [(label[n[0]], 100.0 * (n[4] or 0) / n[2]) for n in nights if n[2]]),
        line_chart("Quotes per article", [(label[n[0]], (n[5] or 0) / n[3]) for n in nights if n[3]]),
        stacked_bar_chart("Run duration per stage (seconds)", durations),
    ]) + "</div>"


def raise_data_alerts(settings: Settings, run_id: str, freshness: list[dict] | None) -> list[Path]:
    """Alerts for what went wrong inside a night that still finished: failed sources, quarantined items,
    stale source tables. One file per kind and night (a rerun replaces it), the same as a task failure's."""
    with connect(settings.warehouse, read_only=True) as con:
        failed = con.execute("select failed_sources from raw.runs where run_id = ?", [run_id]).fetchone()
        reasons = con.execute("select stage, reason, count(*) from raw.quarantine where run_id = ? "
                              "group by all order by 3 desc, 2", [run_id]).fetchall()
    problems = {}
    sources = json.loads(failed[0] or "{}") if failed else {}
    if sources:
        problems["sources"] = "; ".join(f"source {name} failed: {why}" for name, why in sources.items())
    if reasons:
        total = sum(n for *_, n in reasons)
        problems["quarantine"] = f"{total} item(s) quarantined: " + "; ".join(
            f"{n} at {stage}: {reason[:200]}" for stage, reason, n in reasons[:10])
    stale = [f for f in freshness or [] if f["status"] != "pass"]
    if stale:
        oldest = max(stale, key=lambda f: f["age_hours"] or 0)
        problems["freshness"] = (f"{len(stale)} source table(s) not fresh: "
                                 + ", ".join(f"{f['source']} ({f['status']})" for f in stale)
                                 + f"; the oldest newest row is {oldest['max_loaded_at']} ({oldest['age_hours']} h old)")
    return [write_alert(settings.reports, "news_nightly", run_id, kind, message, night=run_id, key=kind)
            for kind, message in problems.items()]


def write_report(settings: Settings, run_id: str, timings: dict | None = None, check_freshness: bool = True) -> Path:
    """Write reports/runs/<run_id>.html (and .json), rebuild reports/index.html; return the index path."""
    runs_dir = settings.reports / "runs"
    runs_dir.mkdir(parents=True, exist_ok=True)
    freshness = None
    if check_freshness:
        from .dbt import source_freshness  # dbt takes seconds to import: only a report that checks pays

        freshness = source_freshness(settings, settings.work / run_id / "dbt-freshness")
    raise_data_alerts(settings, run_id, freshness)
    with connect(settings.warehouse, read_only=True) as con:
        finished = con.execute("select finished_at from raw.runs where run_id = ?", [run_id]).fetchone()
        nodes = dbt_results(con, finished[0]) if finished else []
    (runs_dir / f"{run_id}.json").write_text(json.dumps({
        "run_id": run_id, "timings": timings or {},
        "dbt_failed": [n["name"] for n in nodes if n["status"] not in ("pass", "success")],
        "stale_sources": [f["source"] for f in freshness or [] if f["status"] != "pass"],
    }, default=str, indent=1))
    (runs_dir / f"{run_id}.html").write_text(build_run_page(settings, run_id, timings, freshness), encoding="utf-8")
    with connect(settings.warehouse, read_only=True) as con:
        nights = _rows(con, "select run_id, window_start, window_end, records_in, articles_loaded, quarantined, "
                            "duplicates, quotes, events from raw.runs order by window_end desc limit 30")
        marts = {t: "not built" if n is None else n for t, n in mart_counts(con).items()}
        trends = _trends(settings, con)
    links = "".join(
        f'<tr><td><a href="runs/{esc(n[0])}.html">{esc(n[0])}</a></td>'
        + "".join(f"<td class=n>{esc(v)}</td>" for v in n[3:]) + "</tr>" for n in nights
    )
    body = f"""
<h1>newsetl data quality</h1>
<p class="muted">warehouse {esc(settings.warehouse)}</p>
<h2>Trends (last 30 nights)</h2>{trends}
<h2>Marts</h2>{_table(["table", "rows"], [[k, v] for k, v in marts.items()], {1})}
{_dbt_docs_link(settings)}
<h2>Nights</h2>
<table><thead><tr><th>night</th><th>records</th><th>loaded</th><th>quarantined</th><th>duplicates</th>
<th>quotes</th><th>events</th></tr></thead><tbody>{links}</tbody></table>
"""
    index = settings.reports / "index.html"
    index.write_text(_page("newsetl data quality", body), encoding="utf-8")
    (settings.reports / "latest.json").write_text(json.dumps({"run_id": run_id, "marts": marts}, default=str))
    log.info("report written: %s", index)
    return index
