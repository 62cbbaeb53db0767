"""Ingest from every source kind, over real HTTP on 127.0.0.1: feeds, pages, folders, the raw zone."""

from __future__ import annotations

import gzip
import json
import stat
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from conftest import SAMPLES
from http_server import Site

from newsetl import batches, pipeline
from newsetl.fetch import FetchError, FetchPolicy, check_url, fetch
from newsetl.ingest import ingest_sources
from newsetl.settings import load
from newsetl.sources import SourceConfigError, load_sources

FAST = FetchPolicy(timeout=2, retries=2, backoff=0.01, max_wait=0.05, allow_private=True, max_bytes=1_000_000)

PARAGRAPH_KO = "김영섭 KT 대표는 1일 서울에서 열린 행사에서 \"AI 주권을 확보해야 한다\"고 강조했다. "
PARAGRAPH_KO2 = "과학기술정보통신부는 2일 6G 이동통신 연구개발에 내년까지 4천억원을 투입한다고 밝혔다. "
PARAGRAPH_EN = "Toyota Motor Corp. said on Tuesday it would build the new crossover at its Motomachi plant. "


def _page(title: str, paragraph: str, extra_head: str = "", charset: str = "utf-8") -> str:
    body = "".join(f"<p>{paragraph * 2}{i}</p>" for i in range(4))
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title>{extra_head}</head>'
            f"<body><nav>Home | News</nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>ⓒ 2024 Example News</footer></body></html>")


def _rss(site: Site, links: list[tuple[str, str, str]]) -> str:
    items = "".join(f"<item><title>{t}</title><link>{site.url(p)}</link><pubDate>{d}</pubDate></item>"
                    for t, p, d in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{items}</channel></rss>'


def _atom(site: Site, path: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ex</title>'
            f'<entry><title>Toyota EV</title><link rel="alternate" href="{site.url(path)}"/>'
            "<updated>2025-04-08T00:30:00Z</updated><id>urn:1</id></entry></feed>")


@pytest.fixture()
def site():
    with Site() as s:
        yield s


@pytest.fixture()
def settings(tmp_path: Path):
    return replace(load(), raw=tmp_path / "raw", work=tmp_path / "work", warehouse=tmp_path / "w.duckdb",
                   sources_file=tmp_path / "sources.yml", http_backoff=0.01, landing=tmp_path / "landing")


def _write_sources(settings, sources: list[dict]) -> None:
    import yaml

    settings.sources_file.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True))


# --- fetch ---------------------------------------------------------------------------------------

def test_fetch_sends_a_user_agent_and_a_conditional_get_the_second_time(site):
    site.page("/a", _page("A", PARAGRAPH_EN))
    with httpx.Client() as client:
        first = fetch(client, site.url("/a"), FAST)
        second = fetch(client, site.url("/a"), FAST, {"etag": first.etag, "last_modified": first.last_modified})
    assert first.status == 200 and first.data and first.etag
    assert second.not_modified and second.data is None
    sent = site.hits("/a")
    assert sent[0]["headers"]["User-Agent"] == FAST.user_agent
    assert "If-None-Match" not in sent[0]["headers"]
    assert sent[1]["headers"]["If-None-Match"] == first.etag
    assert sent[1]["headers"]["If-Modified-Since"] == first.last_modified


def test_transient_errors_are_retried_with_back_off_and_retry_after(site):
    site.page("/flaky", "ok")
    site.status("/flaky", 503, times=1)
    site.status("/flaky", 429, {"Retry-After": "3600"}, times=1)  # capped at max_wait
    with httpx.Client() as client:
        response = fetch(client, site.url("/flaky"), FAST)
    assert response.status == 200 and response.attempts == 3 and response.data == b"ok"
    assert len(site.hits("/flaky")) == 3


def test_a_server_that_keeps_failing_gives_a_clear_error_after_the_retries(site):
    site.status("/down", 500)
    with httpx.Client() as client, pytest.raises(FetchError, match="HTTP 500.*after 3 attempts") as error:
        fetch(client, site.url("/down"), FAST)
    assert error.value.attempts == 3 and len(site.hits("/down")) == 3


def test_not_found_is_not_retried(site):
    with httpx.Client() as client, pytest.raises(FetchError, match="HTTP 404"):
        fetch(client, site.url("/missing"), FAST)
    assert len(site.hits("/missing")) == 1


def test_size_cap_holds_for_plain_and_for_gzip_bombs(site):
    site.page("/big", b"x" * 2_000_000)
    site.page("/bomb", b"\0" * 20_000_000, content_type="text/html", gzip_body=True)
    assert len(site.routes["/bomb"]["body"]) < 100_000  # small on the wire
    with httpx.Client() as client:
        for path in ("/big", "/bomb"):
            with pytest.raises(FetchError, match="cap"):
                fetch(client, site.url(path), FAST)


def test_redirects_are_followed_and_loops_stopped(site):
    site.page("/final", "here")
    site.status("/moved", 301, {"Location": "/final"})
    site.status("/loop-a", 302, {"Location": "/loop-b"})
    site.status("/loop-b", 302, {"Location": "/loop-a"})
    with httpx.Client() as client:
        moved = fetch(client, site.url("/moved"), FAST)
        assert moved.final_url == site.url("/final") and moved.data == b"here"
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch(client, site.url("/loop-a"), FAST)


def test_a_server_that_never_answers_times_out(site):
    site.page("/slow", "late", hang=3)
    policy = replace(FAST, timeout=0.3, retries=0)
    with httpx.Client() as client, pytest.raises(FetchError, match="Timeout"):
        fetch(client, site.url("/slow"), policy)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "/relative"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)


def test_private_addresses_are_refused_unless_the_source_allows_them(site):
    site.page("/a", "x")
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        check_url(site.url("/a"), allow_private=False)
    with httpx.Client() as client, pytest.raises(FetchError, match="allow_private_addresses"):
        fetch(client, site.url("/a"), replace(FAST, allow_private=False))
    assert site.hits("/a") == []  # refused before any request


# --- sources.yml ---------------------------------------------------------------------------------

def test_the_bundled_sources_file_has_an_example_of_each_kind():
    import yaml

    from newsetl.settings import PROJECT_ROOT

    declared = yaml.safe_load((PROJECT_ROOT / "sources.yml").read_text())["sources"]
    assert {s["kind"] for s in declared} == {"folder", "feed", "pages"}
    enabled = load_sources(load(), PROJECT_ROOT / "sources.yml")
    assert [s["kind"] for s in enabled] == ["folder"]  # `make run` works offline


@pytest.mark.parametrize(("sources", "message"), [
    ([{"name": "x", "kind": "ftp", "url": "ftp://a"}], "needs a name and a kind"),
    ([{"name": "x", "kind": "feed"}], "needs \\['url'\\]"),
    ([{"name": "x", "kind": "folder", "path": "a"}, {"name": "x", "kind": "folder", "path": "b"}], "used twice"),
    ([{"name": "x", "kind": "feed", "url": "http://a", "timout": 3}], "unknown keys \\['timout'\\]"),
    ([{"name": "x", "kind": "folder", "path": "${NO_SUCH_VARIABLE_SET}"}], "not set"),
    ([], "non-empty list"),
])
def test_mistakes_in_the_sources_file_are_named(settings, sources, message):
    _write_sources(settings, sources)
    with pytest.raises(SourceConfigError, match=message):
        load_sources(settings)


# --- ingest --------------------------------------------------------------------------------------

def _serve_news(site: Site) -> None:
    site.page("/ko/1", _page("KT와 MS의 AI 동맹", PARAGRAPH_KO))
    site.page("/ko/2", _page("KT, 6G 연구 협력", PARAGRAPH_KO2, charset="euc-kr").encode("cp949"),
              content_type="text/html; charset=euc-kr")
    site.page("/en/1", _page("Toyota EV", PARAGRAPH_EN))
    site.page("/rss.xml", _rss(site, [("KT와 MS의 AI 동맹", "/ko/1", "Tue, 01 Oct 2024 05:13:29 GMT"),
                                      ("KT, 6G 연구 협력", "/ko/2", "Wed, 02 Oct 2024 01:00:00 GMT"),
                                      ("gone", "/ko/404", "Wed, 02 Oct 2024 01:00:00 GMT")]),
              content_type="application/rss+xml")
    site.page("/atom.xml", _atom(site, "/en/1"), content_type="application/atom+xml")


def _http_sources(site: Site, settings) -> list[dict]:
    settings.landing.mkdir(parents=True, exist_ok=True)
    (settings.landing / "kt.txt").write_bytes((SAMPLES / "kt-ms-ai-alliance.ko.txt").read_bytes())
    (settings.landing / "README.md").write_text("not an article")
    (settings.landing / ".hidden").write_text("not an article")
    return [
        {"name": "landing", "kind": "folder", "path": "${NEWSETL_LANDING}"},
        {"name": "rss", "kind": "feed", "url": site.url("/rss.xml"), "allow_private_addresses": True},
        {"name": "atom", "kind": "feed", "url": site.url("/atom.xml"), "allow_private_addresses": True},
        {"name": "pages", "kind": "pages", "urls": [site.url("/en/1")], "allow_private_addresses": True},
    ]


def test_folder_rss_atom_and_pages_are_read_into_the_raw_zone(site, settings):
    _serve_news(site)
    _write_sources(settings, _http_sources(site, settings))
    items, fetches, failed = ingest_sources(load_sources(settings), settings)

    assert failed == {}
    assert sorted((i["source"], i["uri"].rsplit("/", 1)[-1]) for i in items) == [
        ("atom", "1"), ("landing", "kt.txt"), ("pages", "1"), ("rss", "1"), ("rss", "2")]
    by_uri = {(i["source"], i["uri"]): i for i in items}
    assert by_uri["rss", site.url("/ko/2")]["encoding"] == "cp949"
    assert by_uri["rss", site.url("/ko/1")]["hints"]["title"] == "KT와 MS의 AI 동맹"
    assert by_uri["atom", site.url("/en/1")]["hints"]["published"] == "2025-04-08T00:30:00+00:00"
    # the page in both the Atom feed and the page list is fetched once tonight
    assert len(site.hits("/en/1")) == 1
    # the dead link is in the fetch log with its reason; the night goes on
    [dead] = [f for f in fetches if f["error"]]
    assert dead["url"] == site.url("/ko/404") and "HTTP 404" in dead["error"]

    for item in items:  # stored once, read-only, with a sidecar saying where it came from
        path = Path(item["raw_path"])
        assert path.read_bytes() and not path.stat().st_mode & stat.S_IWUSR
        meta = json.loads(path.with_name(path.name + ".json").read_text())
        assert meta["item_id"] == item["item_id"] == path.name and meta["byte_size"] == item["byte_size"]
        assert "encoding" in meta and "fetched_at" in meta


def test_the_next_night_refetches_nothing_unchanged(site, settings):
    _serve_news(site)
    _write_sources(settings, _http_sources(site, settings))
    first, _, _ = ingest_sources(load_sources(settings), settings)
    stored = sorted(p for p in settings.raw.rglob("*") if p.is_file())
    site.requests.clear()

    second, fetches, _ = ingest_sources(load_sources(settings), settings)
    assert sorted(i["item_id"] for i in second) == sorted(i["item_id"] for i in first)
    assert all(i["already_seen"] for i in second)
    answered = [f for f in fetches if not f["error"]]
    assert answered and all(f["not_modified"] and f["status"] == 304 for f in answered)
    assert all(r["headers"].get("If-None-Match") for r in site.requests if r["path"] != "/ko/404")
    assert sorted(p for p in settings.raw.rglob("*") if p.is_file()) == stored  # nothing stored twice


def test_a_failing_source_does_not_stop_the_others(site, settings):
    _serve_news(site)
    site.status("/rss.xml", 500)
    sources = _http_sources(site, settings)
    _write_sources(settings, sources + [{"name": "gone", "kind": "folder", "path": str(settings.landing / "nope")}])
    items, fetches, failed = ingest_sources(load_sources(settings), settings)
    assert set(failed) == {"rss", "gone"}
    assert "HTTP 500" in failed["rss"] and "does not exist" in failed["gone"]
    assert {i["source"] for i in items} == {"landing", "atom", "pages"}


def test_a_night_where_every_source_fails_stops_with_every_reason(site, settings):
    site.status("/rss.xml", 503)
    site.page("/not-a-feed", "<html><body>hello</body></html>")
    _write_sources(settings, [
        {"name": "rss", "kind": "feed", "url": site.url("/rss.xml"), "allow_private_addresses": True, "retries": 0},
        {"name": "html", "kind": "feed", "url": site.url("/not-a-feed"), "allow_private_addresses": True}])
    with pytest.raises(RuntimeError, match="every source failed") as error:
        ingest_sources(load_sources(settings), settings)
    assert "HTTP 503" in str(error.value) and "not an RSS or Atom feed" in str(error.value)


def test_feed_articles_come_out_of_clean_with_their_page_url_and_feed_date(site, settings):
    _serve_news(site)
    _write_sources(settings, _http_sources(site, settings)[1:2])
    run = pipeline.make_run(*pipeline.window_for(None, None, None, {"start": "2024-10-01", "end": "2024-10-03"},
                                                 "Asia/Seoul"))
    night = pipeline.ingest(settings, run)
    pipeline.clean(settings, night)
    folder = settings.work / run["run_id"]
    duplicates = json.loads((folder / "duplicates.json").read_text())
    cleaned = [a for b in batches.numbers(folder) for a in batches.articles(folder, b)]
    assert night["items_in"] == 2 and len(cleaned) == 2 and duplicates == []
    first, second = sorted(cleaned, key=lambda a: a["uri"])
    assert first["canonical_url"] == site.url("/ko/1") and first["title"] == "KT와 MS의 AI 동맹"
    assert first["published_at"] == "2024-10-01T05:13:29+00:00" and first["published_at_source"] == "feed"
    assert second["encoding"] == "cp949" and "과학기술정보통신부" in second["body"]
    assert json.loads((folder / "fetches.json").read_text())[0]["url"] == site.url("/rss.xml")


def test_gzip_bomb_and_oversized_page_in_a_feed_are_logged_not_loaded(site, settings):
    site.page("/bomb", gzip.decompress(gzip.compress(b"<html>" + b" " * 3_000_000)), gzip_body=True)
    site.page("/rss.xml", _rss(site, [("bomb", "/bomb", "Tue, 01 Oct 2024 05:13:29 GMT")]))
    _write_sources(settings, [{"name": "rss", "kind": "feed", "url": site.url("/rss.xml"),
                               "allow_private_addresses": True, "max_bytes": 1_000_000}])
    items, fetches, failed = ingest_sources(load_sources(settings), settings)
    assert items == [] and failed == {}
    assert "cap" in next(f for f in fetches if f["url"].endswith("/bomb"))["error"]


def test_a_night_with_a_failed_source_loads_the_rest_and_the_report_says_why(site, settings):
    """Every stage but dbt, for real: the dead feed is named in the report, the others are loaded."""
    _serve_news(site)
    site.status("/atom.xml", 503)
    _write_sources(settings, _http_sources(site, settings)[:3])  # landing, rss, atom (down)
    settings = replace(settings, reports=settings.work.parent / "reports")
    run = pipeline.make_run(*pipeline.window_for(None, None, None, {"start": "2024-10-01", "end": "2024-10-03"},
                                                 "Asia/Seoul"))
    night = pipeline.ingest(settings, run)
    for stage in (pipeline.clean, pipeline.validate, pipeline.extract, pipeline.load):
        stage(settings, night)
    from newsetl.alerts import write_alert

    write_alert(settings.reports, "news_nightly", "manual__x", "dbt_build.fct_quotes", "<b>1 test failed</b>",
                night=run["run_id"], webhook="")
    pipeline.report(settings, night)

    from newsetl.load import connect

    with connect(settings.warehouse, read_only=True) as con:
        loaded = dict(con.execute("select source, count(*) from raw.articles group by 1").fetchall())
        failed = json.loads(con.execute("select failed_sources from raw.runs").fetchone()[0])
        fetches = con.execute("select count(*) filter (where error is null), count(*) filter (where error is not null) "
                              "from raw.fetches").fetchone()
    assert loaded == {"landing": 1, "rss": 2}
    assert list(failed) == ["atom"] and "HTTP 503" in failed["atom"]
    assert fetches == (3, 2)  # rss feed + two pages; the dead atom feed and the dead link
    page = (settings.reports / "runs" / f"{run['run_id']}.html").read_text(encoding="utf-8")
    assert "source atom failed" in page and "HTTP 503" in page and site.url("/ko/404") in page
    from newsetl.alerts import recent_alerts

    alerts = {a["task_id"]: a for a in recent_alerts(settings.reports, run["run_id"])}
    # the task failure, and the data alerts the report raised: the dead feed, and a 2024 night is not fresh
    assert {"dbt_build.fct_quotes", "sources", "freshness"} <= set(alerts)
    assert "source atom failed" in alerts["sources"]["error"] and "HTTP 503" in alerts["sources"]["error"]
    assert f"{len(alerts)} alert(s) this night" in page and "dbt_build.fct_quotes" in page
    assert "&lt;b&gt;1 test failed&lt;/b&gt;" in page and "<b>1 test failed" not in page  # escaped
