"""A real night over the hostile and broken corpus: every case ends in one clear, recorded place.

The corpus is generated (tests/hostile/generate.py) into a temporary folder; the HTTP cases are served
by tests/http_server.py on 127.0.0.1. The night runs ingest → clean → validate → extract → load and writes
the report, for real into its own DuckDB file; the assertions read the warehouse (raw.*) and the report.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote_plus

import httpx
import pytest
import yaml
from hostile.generate import (
    ATTRIBUTE_BREAK,
    SCRIPT,
    SQL_INJECTION,
    big_feed,
    gzip_bomb,
    html_article,
    write_files,
)
from http_server import Site

from newsetl import pipeline
from newsetl.alerts import WEBHOOK_ENV, write_alert
from newsetl.clean import clean_item
from newsetl.ingest import ingest_sources, item_bytes
from newsetl.load import connect
from newsetl.report import write_report
from newsetl.settings import load

CAP = 20 * 1024 * 1024  # the default NEWSETL_MAX_ITEM_BYTES
FEED_ENTRIES, FEED_READ = 10_000, 5
LOOP_TRAP = f'/feeds/loop-2.xml?next={ATTRIBUTE_BREAK}'  # a hostile string the report must show escaped
SCRIPT_PATH = f"/pages/{SCRIPT}.html"
TOKEN = "T0KEN-s3cr3t-8d7c6b"  # in the webhook URL: must never reach a log, an alert file or a report
BODY_LENGTH = "expect_column_values_to_be_between(body_length, min_value=200.0, max_value=200000.0)"

# file name -> (where it ends, stage, words the reason must hold); "loaded" cases have no reason
FILE_OUTCOMES = {
    "empty.txt": ("quarantine", "clean", "the item is empty"),
    f"{ATTRIBUTE_BREAK}.txt": ("quarantine", "clean", "the item is empty"),
    "random-bytes.bin": ("quarantine", "clean", "the item is binary (NUL bytes), not text"),
    "image.png": ("quarantine", "clean", "the item is binary (NUL bytes), not text"),
    "high-bytes-no-nul.txt": ("quarantine", "clean", "the item decodes as none of utf-8, cp949 and no encoding fits it"),
    "truncated.html": ("quarantine", "clean", "truncated HTML: the page opens <html>/<body> but never closes it"),
    "deeply-nested.html": ("quarantine", "clean", "HTML the parser cannot read whole (Excessive depth in document: 256"),
    "huge-100mb.html": ("quarantine", "clean",
                        f"item is {100 * 1024 * 1024:,} bytes, over the {CAP:,}-byte cap (NEWSETL_MAX_ITEM_BYTES); not read"),
    "chrome-only.html": ("quarantine", "clean", "no article text left after removing the page's chrome"),
    "one-sentence.txt": ("quarantine", "validate", BODY_LENGTH),
    "spaces-only.txt": ("quarantine", "clean", "no article text left after removing the page's chrome"),
    "no-records.json": ("quarantine", "clean", "a JSON file with no records in it"),
    "deeply-nested.json": ("quarantine", "clean", "JSON nested deeper than the parser can follow"),
    "wrong-types.json": ("quarantine", "clean", "record 0: no article text in the record (looked under body,"),
    "malformed.html": ("articles", None, None),
    "cp949-declared-utf8.html": ("articles", None, None),
    "utf8-declared-euckr.html": ("articles", None, None),
    "mixed-utf8-cp949.txt": ("articles", None, None),
    "mojibake.txt": ("articles", None, None),
    "rtl-zero-width.txt": ("articles", None, None),
    "control-characters.txt": ("articles", None, None),
    "ten-thousand-quotes.txt": ("articles", None, None),
    "unbalanced-quotes.txt": ("articles", None, None),
    "sql-injection.jsonl": ("articles", None, None),
    "script-title-copy.txt": ("articles", None, None),
    "script-title.txt": ("duplicates", None, None),  # the same bytes as script-title-copy.txt, read after it
}


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> Path:
    """The generated file cases, once per test session."""
    folder = tmp_path_factory.mktemp("hostile") / "landing"
    write_files(folder)
    return folder


def _serve(site: Site) -> dict[str, str]:
    """Every HTTP case on the test server; returns the URL of each."""
    site.page("/pages/after-429.html", html_article(20))
    site.status("/pages/after-429.html", 429, {"Retry-After": "1"}, times=1)
    site.status("/pages/500.html", 500)
    site.routes["/pages/bomb.html"] = {"status": 200, "body": gzip_bomb(),
                                       "headers": {"Content-Type": "text/html", "Content-Encoding": "gzip"}}
    site.status("/feeds/loop-1.xml", 302, {"Location": LOOP_TRAP})
    site.status(httpx.URL(site.url(LOOP_TRAP)).raw_path.decode(), 302, {"Location": "/feeds/loop-1.xml"})
    site.status(f"/hooks/T000/{TOKEN}", 500)  # the alert webhook, failing: its error must not carry its address
    site.page("/feeds/big.xml", big_feed(site.url("/big/{}.html"), FEED_ENTRIES), content_type="application/rss+xml")
    for i in range(FEED_READ):
        site.page(f"/big/{i}.html", html_article(100 + i))
    return {
        "after-429": site.url("/pages/after-429.html"), "500": site.url("/pages/500.html"),
        "404": site.url("/pages/404.html"), "bomb": site.url("/pages/bomb.html"), "script": site.url(SCRIPT_PATH),
        "loop": site.url("/feeds/loop-1.xml"), "silent": site.black_hole() + "/feed.xml",
        "big": site.url("/feeds/big.xml"),
    }


@pytest.fixture(scope="module")
def night(hostile_corpus: Path, tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile-night")
    with Site() as site, pytest.MonkeyPatch.context() as env:
        # a fast night: short timeouts, one retry, small back-off (the server that never answers costs 2 × 0.5 s)
        env.setenv("NEWSETL_HTTP_TIMEOUT", "0.5")
        env.setenv("NEWSETL_HTTP_RETRIES", "1")
        env.setenv("NEWSETL_HTTP_BACKOFF", "0.05")
        env.setenv("NEWSETL_MAX_ITEM_BYTES", str(CAP))
        env.setenv(WEBHOOK_ENV, site.url(f"/hooks/T000/{TOKEN}"))
        settings = replace(load(), landing=hostile_corpus, raw=work / "raw", work=work / "work",
                           warehouse=work / "news.duckdb", reports=work / "reports", sources_file=work / "sources.yml")
        urls = _serve(site)
        private = {"allow_private_addresses": True}
        settings.sources_file.write_text(yaml.safe_dump({"sources": [
            {"name": "landing", "kind": "folder", "path": "${NEWSETL_LANDING}"},
            {"name": "pages", "kind": "pages", **private,
             "urls": [urls["after-429"], urls["500"], urls["404"], urls["bomb"], urls["script"]]},
            {"name": "loop-feed", "kind": "feed", "url": urls["loop"], **private},
            {"name": "silent-feed", "kind": "feed", "url": urls["silent"], **private},
            {"name": "big-feed", "kind": "feed", "url": urls["big"], "max_items": FEED_READ, **private},
        ]}, allow_unicode=True))
        run = pipeline.make_run(*pipeline.window_for(None, None, None, {"start": "2024-10-01", "end": "2024-10-02"},
                                                     settings.timezone))
        handler, root = _Records(), logging.getLogger()
        level = root.level
        root.addHandler(handler)
        root.setLevel(logging.INFO)  # what an Airflow task log keeps: httpx's request lines included
        # Airflow's logging setup (an earlier test in this process may have run it) sets httpx to WARNING
        httpx_log = logging.getLogger("httpx")
        httpx_level = httpx_log.level
        httpx_log.setLevel(logging.INFO)
        started = time.perf_counter()
        try:
            night = pipeline.ingest(settings, run)
            for stage in (pipeline.clean, pipeline.validate, pipeline.extract, pipeline.load):
                stage(settings, night)
            # a task failure whose error quotes hostile article text, as the report will show it
            write_alert(settings.reports, "news_nightly", "manual__hostile", "extract",
                        RuntimeError(f"extraction failed on {SCRIPT} {ATTRIBUTE_BREAK}"), night=run["run_id"])
            # the report as the night writes it, less dbt source freshness (15 s of dbt; it shows no article text)
            write_report(settings, run["run_id"], check_freshness=False)
        finally:
            root.removeHandler(handler)
            root.setLevel(level)
            httpx_log.setLevel(httpx_level)
        seconds = time.perf_counter() - started
        requests = list(site.requests)
    with connect(settings.warehouse, read_only=True) as con:
        tables = {t: _rows(con, f"select * from raw.{t} where run_id = ?", [run["run_id"]])
                  for t in ("runs", "items", "item_sightings", "fetches", "articles", "quarantine", "duplicates")}
        quotes = _rows(con, "select q.*, a.body, a.title from raw.quotes q join raw.articles a using (article_id)")
        mentions = _rows(con, "select m.*, a.body from raw.organization_mentions m join raw.articles a using (article_id)")
        schema = sorted(r[0] for r in con.execute("select table_name from information_schema.tables "
                                                   "where table_schema = 'raw'").fetchall())
    return {"settings": settings, "run": run, "urls": urls, "seconds": seconds, "requests": requests,
            "log": handler.lines, "quotes": quotes, "mentions": mentions, "schema": schema, **tables}


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _places(night: dict, uri: str) -> list[tuple[str, dict]]:
    return [(table, row) for table in ("articles", "quarantine", "duplicates") for row in night[table]
            if row["uri"] == uri]


# --- the night finishes, and every item read is in exactly one place -----------------------------

def test_the_night_finishes_and_its_accounting_adds_up(night):
    [run] = night["runs"]
    assert run["records_in"] == run["articles_loaded"] + run["quarantined"] + run["duplicates"]
    assert (run["articles_loaded"], run["quarantined"], run["duplicates"]) == (
        len(night["articles"]), len(night["quarantine"]), len(night["duplicates"]))
    # every file, the page that answered after a 429, and the feed entries read
    assert run["items_in"] == len(night["item_sightings"]) == len(FILE_OUTCOMES) + 1 + FEED_READ
    assert night["seconds"] < 60, f"the night took {night['seconds']:.0f} s"


def test_every_item_read_is_in_exactly_one_place(night):
    for sighting in night["item_sightings"]:
        places = _places(night, sighting["uri"])
        assert len(places) == 1, (sighting["uri"], [t for t, _ in places])
        assert places[0][1]["item_id"] == sighting["item_id"]
    read = {s["uri"] for s in night["item_sightings"]}
    placed = {row["uri"] for t in ("articles", "quarantine", "duplicates") for row in night[t]}
    assert placed == read  # and nothing is anywhere that was not read


@pytest.mark.parametrize("name", list(FILE_OUTCOMES))
def test_each_file_case_has_its_outcome(night, name):
    where, stage, reason = FILE_OUTCOMES[name]
    [(table, row)] = _places(night, str(night["settings"].landing / name))
    assert table == where
    if where == "quarantine":
        assert row["stage"] == stage and reason in row["reason"], row["reason"]


def test_a_copy_points_at_its_original(night):
    [copy] = night["duplicates"]
    [original] = [a for a in night["articles"] if a["uri"].endswith("script-title-copy.txt")]
    assert copy["uri"].endswith("script-title.txt")
    assert (copy["kind"], copy["duplicate_of"]) == ("same_item", original["article_id"])


def test_the_100_mb_page_is_recorded_by_size_and_hash_and_never_copied(night):
    [item] = [i for i in night["items"] if i["uri"].endswith("huge-100mb.html")]
    assert item["byte_size"] == 100 * 1024 * 1024 and item["raw_path"] == ""
    assert max(p.stat().st_size for p in night["settings"].raw.rglob("*") if p.is_file()) < CAP


def test_the_100_mb_page_is_never_read_into_memory(hostile_corpus, tmp_path):
    """Ingest and clean of the 100 MB file allocate a few MB at most (tracemalloc counts every bytes object)."""
    landing = tmp_path / "landing"
    landing.mkdir()
    os.link(hostile_corpus / "huge-100mb.html", landing / "huge-100mb.html")  # the same file, not a copy
    settings = replace(load(), raw=tmp_path / "raw", max_item_bytes=CAP)
    tracemalloc.start()
    try:
        [item], _, _ = ingest_sources([{"name": "landing", "kind": "folder", "path": str(landing)}], settings)
        articles, [rejection] = clean_item(item, item_bytes(item, CAP), settings.timezone, CAP)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert articles == [] and rejection["reason"].startswith(f"item is {100 * 1024 * 1024:,} bytes, over the")
    assert item["item_id"] == hashlib.sha256((landing / "huge-100mb.html").read_bytes()).hexdigest()
    assert peak < 4 * 1024 * 1024, f"peak {peak:,} bytes"


def test_broken_encodings_are_read_and_repaired(night):
    by_name = {Path(a["uri"]).name: a for a in night["articles"]}
    assert by_name["cp949-declared-utf8.html"]["encoding"] == "cp949"
    assert by_name["utf8-declared-euckr.html"]["encoding"] == "utf-8"
    mixed = by_name["mixed-utf8-cp949.txt"]
    assert mixed["encoding"] == "utf-8+cp949" and "\ufffd" not in mixed["body"]
    assert mixed["body"].count("\n") == 6  # the UTF-8 lines and the CP949 lines, all of them
    assert by_name["mojibake.txt"]["text_repairs"] == ["UTF-8 read as Latin-1/Windows-1252"]
    assert "ì" not in by_name["mojibake.txt"]["body"]
    for article in night["articles"]:
        assert all("가" <= c <= "힣" or c.isascii() or c in "“”「」『』…·" for c in article["title"]), article["title"]


def test_invisible_and_control_characters_are_gone_and_text_kept(night):
    by_name = {Path(a["uri"]).name: a for a in night["articles"]}
    rtl, control = by_name["rtl-zero-width.txt"], by_name["control-characters.txt"]
    for article in (rtl, control):
        text = article["title"] + article["body"]
        assert not any(c in text for c in "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
                                          "\u2068\u2069"), article["uri"]
        assert not any(ord(c) < 32 and c != "\n" or ord(c) == 127 for c in text), article["uri"]
    assert "مرحبا بالعالم" in rtl["body"] and "שלום עולם" in rtl["body"]  # the right-to-left text itself stays
    assert rtl["body"].count("\n") == 7


def test_quote_marks_by_the_thousand_and_unbalanced_quotes_give_quotes_inside_the_body(night):
    by_name = {Path(a["uri"]).name: a for a in night["articles"]}
    assert '"' * 10_000 in by_name["ten-thousand-quotes.txt"]["body"]
    assert night["quotes"], "the corpus has quotes"
    for q in night["quotes"]:
        text = q["title"] if q["kind"] == "headline" else q["body"]
        assert 0 <= q["start_offset"] < q["end_offset"] <= len(text) and text[q["start_offset"]:q["end_offset"]] == q["text"]
    for m in night["mentions"]:
        assert m["body"][m["start_offset"]:m["end_offset"]] == m["surface"]


# --- HTTP --------------------------------------------------------------------------------------------

def _fetch(night: dict, key: str) -> dict:
    [row] = [f for f in night["fetches"] if f["url"] == night["urls"][key]]
    return row


def test_http_failures_are_recorded_with_their_reason_and_load_nothing(night):
    assert _fetch(night, "500")["error"].endswith("HTTP 500 Internal Server Error after 2 attempts")
    assert _fetch(night, "404")["error"].endswith("HTTP 404 Not Found")
    assert _fetch(night, "404")["attempts"] == 1  # a 404 is not retried
    assert _fetch(night, "bomb")["error"].endswith(f"more than {CAP:,} bytes, over the cap; stopped reading")
    read = {s["uri"] for s in night["item_sightings"]}
    for key in ("500", "404", "bomb", "script"):
        assert night["urls"][key] not in read and _fetch(night, key)["item_id"] is None


def test_a_429_with_retry_after_is_waited_out_and_the_page_loaded(night):
    fetched = _fetch(night, "after-429")
    assert (fetched["status"], fetched["attempts"], fetched["error"]) == (200, 2, None)
    assert fetched["elapsed"] >= 1.0  # Retry-After: 1 was honoured
    [(table, _)] = _places(night, night["urls"]["after-429"])
    assert table == "articles"


def test_feeds_that_loop_or_never_answer_fail_alone_with_their_reason(night):
    failed = json.loads(night["runs"][0]["failed_sources"])
    assert set(failed) == {"loop-feed", "silent-feed"}
    assert "more than 5 redirects" in failed["loop-feed"]
    assert "ReadTimeout" in failed["silent-feed"] and "after 2 attempts" in failed["silent-feed"]


def test_a_feed_of_10000_items_reads_max_items_and_says_so(night):
    loaded = [a for a in night["articles"] if a["source"] == "big-feed"]
    assert len(loaded) == FEED_READ
    asked = {r["path"] for r in night["requests"] if r["path"].startswith("/big/")}
    assert asked == {f"/big/{i}.html" for i in range(FEED_READ)}  # the other 9,995 entries are not fetched
    assert f"source big-feed: the feed lists {FEED_ENTRIES:,} entries; only the first {FEED_READ} (max_items) " \
           "are read tonight" in night["log"]


# --- security over the same night --------------------------------------------------------------------

def test_sql_in_title_body_and_url_is_stored_as_text_and_every_table_is_intact(night):
    [article] = [a for a in night["articles"] if a["uri"].endswith("sql-injection.jsonl")]
    assert article["title"].endswith(SQL_INJECTION) and SQL_INJECTION in article["body"]
    assert article["canonical_url"].endswith(quote_plus(SQL_INJECTION))  # the query, encoded as a URL's is
    assert {"items", "articles", "quarantine", "duplicates", "runs", "fetches", "quotes"} <= set(night["schema"])
    assert len(night["items"]) == len(night["item_sightings"])  # raw.items still holds every item


def test_hostile_text_and_urls_appear_only_escaped_in_the_report(night):
    reports = night["settings"].reports
    pages = {p.name: p.read_text(encoding="utf-8") for p in reports.rglob("*.html")}
    assert {"index.html", f"{night['run']['run_id']}.html"} <= set(pages)
    page = pages[f"{night['run']['run_id']}.html"]
    # the duplicate's original title, the hostile file name, the hostile URL and the redirect trap all reach the page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2
    assert page.count("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") >= 2
    for name, text in pages.items():
        assert SCRIPT not in text and "<img" not in text, name
        assert text.count("onerror") == text.count("&lt;img src=x onerror"), name


def test_the_webhook_secret_never_reaches_logs_alert_files_or_reports(night):
    hooks = [r for r in night["requests"] if r["path"].startswith("/hooks/")]
    assert hooks, "the night's alerts went to the webhook"
    assert any("HTTP Request: POST" in line for line in night["log"])  # httpx logged the calls, redacted
    assert not [line for line in night["log"] if TOKEN in line]
    written = [p for folder in (night["settings"].reports, night["settings"].work) for p in folder.rglob("*")
               if p.is_file()]
    assert any(p.parent.name == "alerts" for p in written)
    assert not [p for p in written if TOKEN.encode() in p.read_bytes()]
