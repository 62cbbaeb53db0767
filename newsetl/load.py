"""Load: the night's articles, facts, quarantine and duplicates into the warehouse's raw schema.

One transaction per night. Every row is keyed by its article (and offsets), and an article's
old rows are deleted before its new ones go in, so a rerun or a reprocessed article replaces
what was there and an article is always in exactly one place: raw.articles, raw.quarantine
or raw.duplicates.
"""

from __future__ import annotations

import json
import logging
import re
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from .dedupe import Known, band_hashes
from .settings import load as load_settings

log = logging.getLogger(__name__)

SCHEMA = """
create schema if not exists raw;
create table if not exists raw.runs (
    run_id varchar primary key, window_start timestamptz, window_end timestamptz,
    started_at timestamptz, finished_at timestamptz, items_in integer, items_seen_before integer,
    records_in integer, articles_loaded integer, quarantined integer, duplicates integer,
    quotes integer, organization_mentions integer, person_mentions integer, events integer,
    failed_sources json);
create table if not exists raw.items (
    item_id varchar, source varchar, uri varchar, fetched_at timestamptz, byte_size bigint,
    raw_path varchar, encoding varchar, content_type varchar, run_id varchar, primary key (source, uri, item_id));
create table if not exists raw.item_sightings (
    run_id varchar, item_id varchar, source varchar, uri varchar, fetched_at timestamptz,
    already_in_raw boolean, loaded_before boolean);
create table if not exists raw.fetches (
    run_id varchar, source varchar, url varchar, final_url varchar, status integer, not_modified boolean,
    item_id varchar, byte_size bigint, attempts integer, elapsed double, error varchar, fetched_at timestamptz);
create table if not exists raw.article_signatures (article_id varchar primary key, minhash uinteger[]);
create table if not exists raw.article_lsh_bands (article_id varchar, band utinyint, band_hash bigint);
create table if not exists raw.articles (
    article_id varchar primary key, item_id varchar, source varchar, uri varchar, format varchar,
    encoding varchar, language varchar, title varchar, subtitle varchar, section varchar, body varchar,
    captions varchar[], photo_credits varchar[], outlet varchar, reporters varchar[],
    reporter_emails varchar[], email_hidden boolean, canonical_url varchar, published_at timestamptz,
    published_at_source varchar, body_hash varchar, removed_lines json, text_repairs varchar[],
    run_id varchar, loaded_at timestamptz);
create table if not exists raw.quarantine (
    item_id varchar, article_id varchar, source varchar, uri varchar, stage varchar, reason varchar,
    run_id varchar, loaded_at timestamptz);
create table if not exists raw.duplicates (
    article_id varchar, item_id varchar, source varchar, uri varchar, duplicate_of varchar, kind varchar,
    similarity double, run_id varchar, loaded_at timestamptz);
create table if not exists raw.quotes (
    article_id varchar, quote_index integer, kind varchar, text varchar, start_offset integer,
    end_offset integer, sentence_start integer, sentence_end integer, speaker varchar, speaker_title varchar,
    speaker_org varchar, speaker_is_organization boolean, cue varchar, run_id varchar, loaded_at timestamptz);
create table if not exists raw.organization_mentions (
    article_id varchar, surface varchar, canonical varchar, organization_type varchar,
    start_offset integer, end_offset integer, from_alias_table boolean, run_id varchar, loaded_at timestamptz);
create table if not exists raw.person_mentions (
    article_id varchar, name varchar, title varchar, organization varchar, start_offset integer,
    end_offset integer, mention_start integer, mention_end integer, run_id varchar, loaded_at timestamptz);
create table if not exists raw.events (
    article_id varchar, event_index integer, event_type varchar, name varchar, event_date date,
    date_text varchar, location varchar, participants varchar[], start_offset integer, end_offset integer,
    run_id varchar, loaded_at timestamptz);
create table if not exists raw.validation_results (
    run_id varchar, expectation varchar, column_name varchar, success boolean, unexpected_count integer,
    examples varchar[], loaded_at timestamptz);
"""

# Columns added after a table was first created: a warehouse from an older version gains them.
MIGRATIONS = """
alter table raw.runs add column if not exists failed_sources json;
alter table raw.items add column if not exists encoding varchar;
alter table raw.items add column if not exists content_type varchar;
alter table raw.articles add column if not exists text_repairs varchar[];
"""

FACT_TABLES = ("quotes", "organization_mentions", "person_mentions", "events")
# Rows keyed by article: a reprocessed article's old rows go before its new ones come in.
ARTICLE_TABLES = ("articles", "quarantine", "duplicates", "article_signatures", "article_lsh_bands", *FACT_TABLES)
SIGNATURE_TABLES = ("article_signatures", "article_lsh_bands")  # no run_id: keyed by the article alone


class WarehouseError(RuntimeError):
    """The warehouse file cannot be used: locked by another process, or damaged (not a DuckDB file)."""


# How DuckDB 1.5 words the two failures a user can act on.
_LOCKED = "Could not set lock on file"
_DAMAGED = ("not a valid DuckDB database", "Corrupt database file", "Could not read enough bytes")


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.ConnectionException:
        # this process already holds the file read-write (dbt-duckdb keeps its connection
        # open, and `airflow dags test` runs every task in one process): share that mode
        con = duckdb.connect(str(path))
    # DuckDB's default is 80% of RAM, which a big night takes: past the limit it spills to disk instead
    con.execute(f"set memory_limit = '{load_settings().duckdb_memory_limit}'")
    return con


def explain(path: Path, exc: Exception, waited: float = 0) -> WarehouseError:
    """A WarehouseError that says what happened to which file, and what to do about it."""
    message = str(exc)
    if _LOCKED in message:
        holder = re.search(r"held in (\S+) \(PID (\d+)\)", message)
        who = f"process {holder[2]} ({Path(holder[1]).name})" if holder else "another process"
        return WarehouseError(
            f"the warehouse {path} is locked by {who}, still after waiting {waited:g} s. DuckDB takes one writer "
            "at a time: another run of the night, a dbt build or a `make sql` shell has it open. Let it finish "
            "(or close it), then run again; NEWSETL_WAREHOUSE_LOCK_WAIT sets how long to wait.")
    if any(sign in message for sign in _DAMAGED):
        return WarehouseError(
            f"the warehouse {path} is damaged ({message}). Run `make restore` to put back the last good "
            "backup (the damaged file is kept beside it), then rerun the nights since that backup.")
    return WarehouseError(f"cannot open the warehouse {path}: {message}")


@contextmanager
def connect(path: Path, read_only: bool = False, wait: float | None = None):
    """A connection to the warehouse; waits up to `wait` seconds (NEWSETL_WAREHOUSE_LOCK_WAIT) while
    another process holds it, and turns a lock or a damaged file into a WarehouseError saying what to do."""
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run the pipeline first (make run)")
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = load_settings().warehouse_lock_wait if wait is None else wait
    started, warned = time.monotonic(), False
    while True:
        try:
            con = _open(path, read_only)
            break
        except duckdb.Error as exc:
            waited = time.monotonic() - started
            if _LOCKED not in str(exc) or waited >= wait:
                raise explain(path, exc, round(waited)) from exc
            if not warned:
                log.warning("the warehouse %s is locked by another process: waiting (up to %g s)", path, wait)
                warned = True
            time.sleep(0.5)
    try:
        yield con
    except duckdb.Error as exc:
        # a damaged block shows only when a query reads it
        if any(sign in str(exc) for sign in _DAMAGED):
            raise explain(path, exc) from exc
        raise
    finally:
        con.close()


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA)
    con.execute(MIGRATIONS)


MART_TABLES = ("dim_articles", "fct_quotes", "dim_organizations", "dim_people", "fct_organization_mentions",
               "fct_events", "bridge_event_participants", "dim_date")


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("select count(*) from information_schema.tables where table_schema = ? "
                            "and table_name = ?", [schema, table]).fetchone()[0])


def mart_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int | None]:
    """Rows in each mart; None for a mart dbt has not built yet."""
    return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] if _has_table(con, "marts", t) else None
            for t in MART_TABLES}


def claims(path: Path, run: dict, item_ids: list[str]) -> tuple[set[str], set[str], bool]:
    """Who has tonight's items already: (ids another night loaded, ids this night loaded, is this the newest night).

    Only tonight's ids are looked up, so a landing folder that keeps old files costs its size, not the
    warehouse's. A night is the newest when no other night's window ends after its own.
    """
    if not path.exists() or not item_ids:
        return set(), set(), True
    with connect(path, read_only=True) as con:
        if not _has_table(con, "raw", "items"):
            return set(), set(), True
        con.register("tonight", _frame([{"item_id": i} for i in set(item_ids)], ["item_id"]))
        rows = con.execute("select distinct i.item_id, i.run_id = ? from raw.items i join tonight using (item_id)",
                           [run["run_id"]]).fetchall()
        later = con.execute("select count(*) from raw.runs where window_end > ? and run_id <> ?",
                            [run["window_end"], run["run_id"]]).fetchone()[0]
    others = {item for item, mine in rows if not mine}
    own = {item for item, mine in rows if mine}
    return others, own, later == 0


def known_for_dedupe(path: Path, articles: list[dict], signatures: dict, band_files: list[Path] | None = None) -> Known:
    """What earlier nights loaded that tonight's articles may duplicate: only rows that match.

    Body hashes and canonical URLs are joined against tonight's; near-duplicate candidates come
    from the LSH band table. The cost follows tonight's size, not the warehouse's. band_files, the
    night's bands as clean wrote them (batches.py), spare computing them again and holding them in Python.
    """
    known = Known(body_hashes={}, urls={}, signatures={})
    if not path.exists() or not articles:
        return known
    tonight = _frame([{"article_id": a["article_id"], "body_hash": a["body_hash"], "canonical_url": a["canonical_url"]}
                      for a in articles], ["article_id", "body_hash", "canonical_url"])
    with connect(path, read_only=True) as con:
        if not _has_table(con, "raw", "article_lsh_bands"):
            return known
        con.register("tonight", tonight)
        if band_files:  # read by DuckDB where it joins them (a read-only connection takes no view)
            bands = "read_parquet([" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in band_files) + "])"
        else:
            bands = "tonight_bands"
            con.register(bands, _frame([{"band": band, "band_hash": key} for sig in signatures.values()
                                        for band, key in enumerate(band_hashes(sig))], ["band", "band_hash"]))
        mine = "a.article_id not in (select article_id from tonight)"
        known["body_hashes"] = dict(con.execute(
            f"select a.body_hash, min(a.article_id) from raw.articles a join tonight t using (body_hash) "
            f"where {mine} group by 1").fetchall())
        known["urls"] = dict(con.execute(
            f"select a.canonical_url, min(a.article_id) from raw.articles a join tonight t using (canonical_url) "
            f"where {mine} group by 1").fetchall())
        rows = con.execute(
            f"select a.article_id, any_value(s.minhash) from raw.article_lsh_bands a "
            f"join (select distinct band, band_hash from {bands}) t using (band, band_hash) "
            f"join raw.article_signatures s using (article_id) where {mine} group by 1").fetchall()
        known["signatures"] = {aid: np.array(sig, dtype=np.uint32) for aid, sig in rows}
        con.unregister("tonight")
    return known


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("incoming", frame)
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    con.execute(f"insert into raw.{table} ({cols}) select {cols} from incoming")  # table names are ours
    con.unregister("incoming")


def fact_rows(extractions: list[dict]) -> dict[str, list[dict]]:
    """The rows of the four fact tables (without run_id and loaded_at) for a list of extractions."""
    quotes, orgs, people, events = [], [], [], []
    for x in extractions:
        aid = x["article_id"]
        for i, q in enumerate(x["quotes"]):
            quotes.append({"article_id": aid, "quote_index": i, "kind": q["kind"], "text": q["text"],
                           "start_offset": q["start"], "end_offset": q["end"],
                           "sentence_start": q["sentence_start"], "sentence_end": q["sentence_end"],
                           "speaker": q["speaker"], "speaker_title": q["speaker_title"],
                           "speaker_org": q["speaker_org"], "speaker_is_organization": q["speaker_is_organization"],
                           "cue": q["cue"]})
        for o in x["organizations"]:
            orgs.append({"article_id": aid, "surface": o["surface"], "canonical": o["canonical"],
                         "organization_type": o["type"], "start_offset": o["start"], "end_offset": o["end"],
                         "from_alias_table": o["from_alias_table"]})
        for p in x["people"]:
            people.append({"article_id": aid, "name": p["name"], "title": p["title"],
                           "organization": p["organization"], "start_offset": p["start"], "end_offset": p["end"],
                           "mention_start": p["mention_start"], "mention_end": p["mention_end"]})
        for i, e in enumerate(x["events"]):
            events.append({"article_id": aid, "event_index": i, "event_type": e["type"], "name": e["name"],
                           "event_date": e["date"], "date_text": e["date_text"], "location": e["location"],
                           "participants": e["participants"], "start_offset": e["start"], "end_offset": e["end"]})
    return dict(zip(FACT_TABLES, (quotes, orgs, people, events), strict=True))


def load_night(path: Path, run: dict, items: list[dict], articles: list[dict], extractions: list[dict],
               quarantine: list[dict], duplicates: list[dict], validation: list[dict], *,
               sightings: list[dict] = (), fetches: list[dict] = (), signatures: dict | None = None) -> dict:
    """Write one night held in memory into raw.*, replacing whatever an earlier attempt at it wrote."""
    signatures = signatures or {}
    tables = {
        "articles": pd.DataFrame([{**a, "removed_lines": json.dumps(a["removed_lines"], ensure_ascii=False)}
                                  for a in articles]),
        "article_signatures": _frame([{"article_id": aid, "minhash": list(sig)} for aid, sig in signatures.items()],
                                     ["article_id", "minhash"]),
        "article_lsh_bands": _frame(
            [{"article_id": aid, "band": band, "band_hash": key} for aid, sig in signatures.items()
             for band, key in enumerate(band_hashes(np.asarray(sig, dtype=np.uint32)))],
            ["article_id", "band", "band_hash"]),
        **{table: pd.DataFrame(rows) for table, rows in fact_rows(extractions).items()},
    }
    return write_night(path, run, items, quarantine, duplicates, validation, tables,
                       sightings=sightings, fetches=fetches)


def load_batches(path: Path, run: dict, items: list[dict], quarantine: list[dict], duplicates: list[dict],
                 validation: list[dict], batch_files: dict[str, list[Path]], *,
                 sightings: list[dict] = (), fetches: list[dict] = ()) -> dict:
    """Write one night from its Parquet batches (newsetl/batches.py) into raw.*, streamed by DuckDB.

    batch_files maps a raw table to its batch files. The night's duplicates and quarantined articles
    are left out of the article-keyed tables here, so no process holds the night's bodies.
    """
    left_out = _frame([{"article_id": r["article_id"], "source": r["source"], "uri": r["uri"]}
                       for r in [*duplicates, *quarantine] if r["article_id"]], ["article_id", "source", "uri"])

    def kept(table: str) -> str:
        paths = ", ".join("'" + str(p).replace("'", "''") + "'" for p in batch_files.get(table, []))
        if not paths or not batch_files.get("articles"):
            return ""
        if table == "articles":  # the same bytes under two names share an id: the row is the id and its origin
            return (f"select * from read_parquet([{paths}]) a where not exists (select 1 from left_out l "
                    "where l.article_id = a.article_id and l.source = a.source and l.uri = a.uri)")
        # the same bytes twice give the same signature twice: one row per article
        distinct = "distinct " if table in SIGNATURE_TABLES else ""
        return (f"select {distinct}* from read_parquet([{paths}]) where article_id in "
                f"(select article_id from ({kept('articles')}))")

    tables = {table: kept(table) for table in ("articles", "article_signatures", "article_lsh_bands", *FACT_TABLES)}
    return write_night(path, run, items, quarantine, duplicates, validation, tables, sightings=sightings,
                       fetches=fetches, views={"left_out": left_out})


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame | str, stamp: dict) -> int:
    """Insert a frame or the result of a query into raw.<table> by column name, stamped; return the row count."""
    if isinstance(rows, pd.DataFrame):
        if rows.empty:
            return 0
        con.register("incoming", rows)
        rows = "select * from incoming"
    if not rows:
        return 0
    stamped = ", ?::varchar as run_id, ?::timestamptz as loaded_at" if table not in SIGNATURE_TABLES else ""
    params = [stamp["run_id"], stamp["loaded_at"]] if stamped else []
    count = con.execute(f"insert into raw.{table} by name (select *{stamped} from ({rows}))", params).fetchone()[0]
    con.execute("drop view if exists incoming")
    return count


def write_night(path: Path, run: dict, items: list[dict], quarantine: list[dict], duplicates: list[dict],
                validation: list[dict], tables: dict[str, pd.DataFrame | str], *, sightings: list[dict] = (),
                fetches: list[dict] = (), views: dict[str, pd.DataFrame] | None = None) -> dict:
    """One transaction: delete what this night and its articles wrote before, insert tonight's rows.

    tables holds the article-keyed tables (articles, signatures, bands, facts) as frames or queries.
    """
    stamp = {"run_id": run["run_id"], "loaded_at": run["window_end"]}
    with connect(path) as con:
        ensure_schema(con)
        for name, frame in (views or {}).items():
            con.register(name, frame)
        con.execute("begin transaction")
        try:
            con.execute("delete from raw.runs where run_id = ?", [run["run_id"]])
            con.execute("delete from raw.validation_results where run_id = ?", [run["run_id"]])
            for table in ("items", "quarantine", "duplicates", "item_sightings", "fetches"):
                con.execute(f"delete from raw.{table} where run_id = ?", [run["run_id"]])
            touched = _frame([{"article_id": r["article_id"]} for r in [*duplicates, *quarantine] if r["article_id"]],
                             ["article_id"])
            con.register("touched_elsewhere", touched)
            articles = tables["articles"]
            if isinstance(articles, pd.DataFrame):
                con.register("tonight_articles", articles if not articles.empty else _frame([], ["article_id"]))
                articles = "select article_id from tonight_articles"
            con.execute("create or replace temp table touched as select article_id from touched_elsewhere"
                        + (f" union select article_id from ({articles})" if articles else ""))
            for table in ARTICLE_TABLES:
                con.execute(f"delete from raw.{table} where article_id in (select article_id from touched)")
            # a clean-stage rejection has no article id: it is keyed by the item and where it came from
            for q in quarantine:
                if not q["article_id"]:
                    con.execute("delete from raw.quarantine where item_id = ? and uri = ? and article_id is null",
                                [q["item_id"], q["uri"]])

            _insert(con, "items", _frame([{**i, "run_id": run["run_id"]} for i in items],
                                         ["item_id", "source", "uri", "fetched_at", "byte_size", "raw_path",
                                          "encoding", "content_type", "run_id"]))
            _insert(con, "item_sightings", _frame([{**s, "run_id": run["run_id"]} for s in sightings],
                                                  ["run_id", "item_id", "source", "uri", "fetched_at",
                                                   "already_in_raw", "loaded_before"]))
            _insert(con, "fetches", _frame([{**f, "run_id": run["run_id"]} for f in fetches],
                                           ["run_id", "source", "url", "final_url", "status", "not_modified",
                                            "item_id", "byte_size", "attempts", "elapsed", "error", "fetched_at"]))
            inserted = {table: _insert_rows(con, table, rows, stamp) for table, rows in tables.items()}
            _insert(con, "quarantine", _frame([{**q, **stamp} for q in quarantine],
                                              ["item_id", "article_id", "source", "uri", "stage", "reason",
                                               "run_id", "loaded_at"]))
            _insert(con, "duplicates", _frame([{**d, **stamp} for d in duplicates],
                                              ["article_id", "item_id", "source", "uri", "duplicate_of", "kind",
                                               "similarity", "run_id", "loaded_at"]))
            _insert(con, "validation_results", _frame(
                [{"run_id": run["run_id"], "expectation": v["expectation"], "column_name": v["column"],
                  "success": v["success"], "unexpected_count": v["unexpected_count"], "examples": v["examples"],
                  "loaded_at": run["window_end"]} for v in validation],
                ["run_id", "expectation", "column_name", "success", "unexpected_count", "examples", "loaded_at"]))
            counts = {"articles_loaded": inserted["articles"], "quarantined": len(quarantine),
                      "duplicates": len(duplicates), **{t: inserted[t] for t in FACT_TABLES}}
            con.execute(
                "insert into raw.runs (run_id, window_start, window_end, started_at, finished_at, items_in, "
                "items_seen_before, records_in, articles_loaded, quarantined, duplicates, quotes, "
                "organization_mentions, person_mentions, events, failed_sources) "
                "values (?, ?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run["run_id"], run["window_start"], run["window_end"], run["started_at"], run["items_in"],
                 run["items_seen_before"], run["records_in"], *counts.values(),
                 json.dumps(run.get("failed_sources") or {})],
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    log.info("loaded run %s into %s: %s", run["run_id"], path, counts)
    return counts
