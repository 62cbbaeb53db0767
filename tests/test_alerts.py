"""A failing task leaves an alert: a JSON file, an ERROR line, and a POST to the webhook if one is set."""

import json
import logging

from http_server import Site

from newsetl.alerts import recent_alerts, write_alert


def test_an_alert_file_says_what_failed_where_and_what_to_do(tmp_path, caplog):
    with caplog.at_level(logging.ERROR, logger="newsetl.alerts"):
        path = write_alert(tmp_path, "news_nightly", "manual__2024-10-02", "load",
                           RuntimeError("Could not set lock on file warehouse/news.duckdb"), try_number=3,
                           night="20240930T1500_20241001T1500", webhook="")
    alert = json.loads(path.read_text())
    assert path.parent == tmp_path / "alerts"
    assert (alert["dag_id"], alert["task_id"], alert["try_number"]) == ("news_nightly", "load", 3)
    assert "Could not set lock" in alert["error"] and "another process" in alert["what_to_do"]
    assert "ALERT news_nightly.load failed" in caplog.text
    assert recent_alerts(tmp_path, "20240930T1500_20241001T1500") == [alert]
    assert recent_alerts(tmp_path, "another-night") == []


def test_the_webhook_gets_the_alert_and_its_address_is_never_logged(tmp_path, caplog):
    with Site() as site, caplog.at_level(logging.WARNING, logger="newsetl.alerts"):
        site.status("/hook", 200)
        site.status("/broken-hook", 500)
        write_alert(tmp_path, "news_nightly", "r1", "dbt_build.fct_quotes_test", "1 test failed",
                    webhook=site.url("/hook"))
        write_alert(tmp_path, "news_nightly", "r1", "ingest", "feed down", webhook=site.url("/broken-hook"))
    [posted] = [r for r in site.requests if r["path"] == "/hook"]
    body = json.loads(posted["body"])
    assert body["alert"]["task_id"] == "dbt_build.fct_quotes_test" and "failed" in body["text"]
    assert "alert webhook (NEWSETL_ALERT_WEBHOOK) failed" in caplog.text  # a broken hook is reported…
    assert site.base not in caplog.text  # …without its address, a secret
    assert len(list((tmp_path / "alerts").glob("*.json"))) == 2  # and the alert file is there all the same
