"""Security: what a fetch may touch, where URL-derived names may land, and that secrets stay secret.

Complements tests/test_ingest.py (schemes ftp/file/javascript, 127.0.0.1 refused, size cap and gzip bomb,
redirect loops, read timeout) and tests/test_hostile_input.py (escaping in the report, SQL in article
text, a webhook during a whole night). Everything runs against a real server on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from dataclasses import replace

import httpx
import pytest
from http_server import Site

from newsetl.alerts import WEBHOOK_ENV, write_alert
from newsetl.fetch import FetchError, FetchPolicy, check_url, fetch
from newsetl.ingest import ingest_sources
from newsetl.settings import load

FAST = FetchPolicy(timeout=0.3, retries=0, backoff=0.01, max_wait=0.05, allow_private=True, max_bytes=1_000_000)
TOKEN = "xoxb-s3cr3t-T0KEN-9f8e7d"


@pytest.fixture()
def site():
    with Site() as s:
        yield s


# --- fetches: schemes, addresses, caps ----------------------------------------------------------------

@pytest.mark.parametrize("url", ["gopher://127.0.0.1:70/_GET", "data:text/html,<script>alert(1)</script>",
                                 "ws://127.0.0.1/", "HTTPX://127.0.0.1/"])
def test_schemes_other_than_http_and_https_are_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/",  # private, carrier NAT
    "http://169.254.169.254/latest/meta-data/",  # link-local: the cloud metadata service
    "http://127.0.0.1/", "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",  # loopback, mapped
    "http://[fe80::1]/", "http://[fd00::1]/",  # IPv6 link-local and unique-local
    "http://localhost/", "http://2130706433/", "http://0x7f000001/", "http://127.1/",  # names and spellings of 127.0.0.1
])
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(FetchError, match="non-public address .*allow_private_addresses"):
        check_url(url, allow_private=False)
    check_url(url, allow_private=True)  # a source that says so may (the tests' own server is one)


def test_every_redirect_hop_is_checked_again(site):
    site.status("/to-file", 302, {"Location": "file:///etc/passwd"})
    with httpx.Client() as client, pytest.raises(FetchError, match="'file:///etc/passwd': only http and https"):
        fetch(client, site.url("/to-file"), FAST)


def test_a_server_that_never_answers_is_given_up_within_the_timeout(site):
    started = time.monotonic()
    with httpx.Client() as client, pytest.raises(FetchError, match="ReadTimeout"):
        fetch(client, site.black_hole() + "/feed.xml", FAST)
    assert time.monotonic() - started < 2


def test_a_server_that_sends_a_byte_at_a_time_is_cut_off_at_the_deadline(site):
    """Each byte comes within the read timeout, so only the whole-fetch deadline (3 × timeout) stops it."""
    site.page("/drip", b"x" * 100, drip=0.1)
    started = time.monotonic()
    with httpx.Client() as client, pytest.raises(FetchError, match="still sending after 1 s"):
        fetch(client, site.url("/drip"), FAST)
    assert time.monotonic() - started < 2.5


# --- names derived from URLs stay in the raw zone -----------------------------------------------------

def test_urls_full_of_dot_dot_cannot_write_outside_the_raw_folder(site, tmp_path):
    urls = [site.url("/../../../../tmp/escape.html"), site.url("/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
            site.url("/a/..%2f..%2f..%2f..%2fescape.html?name=../../x&file=%2e%2e%2fy"),
            site.url("/..\\..\\windows\\escape.html")]
    for i, url in enumerate(urls):  # each served at the path the client really asks for
        site.page(httpx.URL(url).raw_path.decode(), f"<html><body><p>page {i}</p></body></html>")
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "up..%2f..%2f..%5cescape.txt").write_text("a file named to climb")
    settings = replace(load(), raw=tmp_path / "raw")
    before = set(tmp_path.rglob("*"))
    items, fetches, failed = ingest_sources([
        {"name": "pages", "kind": "pages", "urls": urls, "allow_private_addresses": True},
        {"name": "landing", "kind": "folder", "path": str(landing)}], settings)
    assert failed == {} and [f["error"] for f in fetches] == [None] * len(urls)
    assert len(items) == len(urls) + 1
    created = set(tmp_path.rglob("*")) - before
    raw = settings.raw.resolve()
    assert created and all(p.resolve().is_relative_to(raw) for p in created), sorted(map(str, created))
    for item in items:  # content-addressed: the name is the hash of the bytes, never a piece of the URL
        path = settings.raw / item["item_id"][:2] / item["item_id"]
        assert item["raw_path"] == str(path) and re.fullmatch(r"[0-9a-f]{64}", path.name)
    assert {p.name for p in raw.rglob("*") if p.is_file()} - {f"{i['item_id']}{s}" for i in items for s in ("", ".json")} \
        == {"http_validators.json"}


def test_alert_file_names_cannot_climb_out_of_the_alerts_folder(tmp_path):
    path = write_alert(tmp_path / "reports", "../../dag", "../../../run", "../task", "boom", webhook="")
    assert path.parent == tmp_path / "reports" / "alerts" and "/" not in path.name
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [path]


# --- secrets ------------------------------------------------------------------------------------------

def test_the_webhook_url_is_never_logged_nor_written(site, tmp_path, caplog, monkeypatch):
    """Every way a webhook call can go: accepted, refused with 500, nobody listening, not a URL at all."""
    site.status(f"/hooks/T000/B000/{TOKEN}", 200)
    site.status(f"/broken/T000/B000/{TOKEN}", 500)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        refused = f"http://127.0.0.1:{closed.getsockname()[1]}/hooks/{TOKEN}"
    hooks = [site.url(f"/hooks/T000/B000/{TOKEN}"), site.url(f"/broken/T000/B000/{TOKEN}"), refused,
             f"htps://hooks.example/{TOKEN}", f"http://[not-a-host/{TOKEN}"]
    caplog.set_level(logging.DEBUG)  # every logger, every level: httpx logs each request's URL at INFO
    # Airflow's logging setup (an earlier test in this process may have run it) sets httpx to WARNING
    caplog.set_level(logging.DEBUG, logger="httpx")
    tasks = ["load", "extract", "clean", "ingest", "validate"]
    for hook, task in zip(hooks, tasks, strict=True):
        monkeypatch.setenv(WEBHOOK_ENV, hook)
        write_alert(tmp_path, "news_nightly", "manual__x", task, RuntimeError("lock held"))
    assert [json.loads(r["body"])["alert"]["task_id"] for r in site.requests] == ["load", "extract"]  # it was used
    assert "HTTP Request: POST" in caplog.text and f"${WEBHOOK_ENV}" in caplog.text  # httpx's line, redacted
    assert TOKEN not in caplog.text and "/hooks/" not in caplog.text and "/broken/" not in caplog.text
    assert caplog.text.count(f"alert webhook ({WEBHOOK_ENV}) failed") == 4
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == len(hooks) and not any(TOKEN in p.read_text() for p in written)
