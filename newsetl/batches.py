"""The night in batches: what clean and extract do to one slice of the night, and how it is stored.

A night's new items are cut into batches (`plan`); clean and extract each work on one batch and
write Parquet under work/<run_id>/batches/, so Airflow can run them as mapped tasks on every core
(or every worker) and no process ever holds the whole night. Dedupe and validate read back only the
columns they need; load reads the Parquet files straight into DuckDB (see load.load_batches).

Parquet files are typed by the warehouse's own DDL (load.SCHEMA), so a batch loads without a
conversion step; published_at and removed_lines stay text until load, exactly as clean wrote them.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from . import load as loader
from .clean import Article, Rejection, clean_item
from .dedupe import band_hashes, signature
from .extract import extract_article
from .ingest import item_bytes

# The largest batch: a batch's articles, their extractions and its Parquet fit in a few hundred MB.
# Smaller batches cost a task start each (about 2 s under the LocalExecutor, see docs/scaling.md).
DEFAULT_BATCH_SIZE = 2500
STAGED_ARTICLE_COLUMNS = "* exclude (run_id, loaded_at) replace (published_at::varchar as published_at, " \
                         "removed_lines::varchar as removed_lines)"


def batch_size() -> int:
    return int(os.environ.get("NEWSETL_BATCH_SIZE", str(DEFAULT_BATCH_SIZE)))


def folder_of(run_folder: Path) -> Path:
    path = run_folder / "batches"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file(run_folder: Path, kind: str, batch: int, suffix: str = "parquet") -> Path:
    return folder_of(run_folder) / f"{kind}-{batch:05d}.{suffix}"


def files(run_folder: Path, kind: str) -> list[Path]:
    return sorted(folder_of(run_folder).glob(f"{kind}-*.parquet"))


def plan(run_folder: Path, items: list[dict], workers: int | None = None) -> list[int]:
    """Cut the night's items into batches, at least one per core so every core works; return their numbers.

    There is always one batch, empty if need be: Airflow skips a task mapped over nothing, and the
    stages after it would be skipped too.
    """
    workers = workers or os.cpu_count() or 1
    count = max(1, min(len(items), max(workers, math.ceil(len(items) / batch_size()))))
    for stale in folder_of(run_folder).iterdir():  # a rerun of the night may cut it differently
        stale.unlink()
    for batch in range(count):
        part = items[len(items) * batch // count:len(items) * (batch + 1) // count]
        file(run_folder, "items", batch, "json").write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    return list(range(count))


def numbers(run_folder: Path) -> list[int]:
    return sorted(int(p.stem.split("-")[1]) for p in folder_of(run_folder).glob("items-*.json"))


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute("select column_name from information_schema.columns where table_schema = 'raw' "
                                      "and table_name = ? order by ordinal_position", [table]).fetchall()]


def write_parquet(rows: list[dict], table: str, path: Path, select: str = "* exclude (run_id, loaded_at)") -> None:
    """rows typed as raw.<table> (minus what load stamps), as one Parquet file; written whole or not at all."""
    con = duckdb.connect()  # in memory: only the warehouse's DDL is borrowed
    try:
        loader.ensure_schema(con)
        if "run_id" not in _columns(con, table):
            select = "*"
        con.execute(f"create temp table staged as select {select} from raw.{table} limit 0")
        if rows:
            frame = pd.DataFrame(rows)
            con.register("incoming", frame)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            con.execute(f"insert into staged ({cols}) select {cols} from incoming")
        tmp = path.with_suffix(".tmp")
        con.execute(f"copy staged to '{tmp}' (format parquet)")
        tmp.replace(path)
    finally:
        con.close()


def read_parquet(path: Path | list[Path], columns: str = "*") -> list[dict]:
    paths = [str(p) for p in (path if isinstance(path, list) else [path])]
    if not paths:
        return []
    con = duckdb.connect()
    try:
        cursor = con.execute(f"select {columns} from read_parquet(?)", [paths])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def read_signatures(paths: list[Path]) -> dict[str, np.ndarray]:
    """MinHash signatures by article id, as rows of one uint32 matrix: 0.5 KB an article, where lists of
    Python ints held about 5 KB (the dedupe step reads the whole night's)."""
    if not paths:
        return {}
    files = [str(p) for p in paths]
    con = duckdb.connect()
    try:
        rows = con.execute("select article_id, len(minhash) from read_parquet(?)", [files]).fetchall()
        # the same scan, in the same order (DuckDB keeps insertion order by default): the values only
        values = con.execute("select unnest(minhash) as v from read_parquet(?)", [files]).fetchnumpy()["v"]
    finally:
        con.close()
    width = rows[0][1] if rows else 0
    if any(n != width for _, n in rows) or len(values) != width * len(rows):
        raise ValueError(f"signatures in {files} are not all {width} values long: clean the night again")
    matrix = np.asarray(values, dtype=np.uint32).reshape(len(rows), width)
    return {aid: matrix[i] for i, (aid, _) in enumerate(rows)}


def key(row: dict) -> tuple[str, str, str]:
    """An article row's identity in a night: the same bytes under two names share an article id."""
    return row["article_id"], row["source"], row["uri"]


# --- the work on one batch ---------------------------------------------------------------------

def clean(run_folder: Path, batch: int, timezone: str, max_bytes: int) -> dict:
    """Clean one batch: its articles with their MinHash signature and LSH bands, and its rejections."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for item in json.loads(file(run_folder, "items", batch, "json").read_text(encoding="utf-8")):
        cleaned, rejected = clean_item(item, item_bytes(item, max_bytes), timezone, max_bytes)  # none over the cap
        articles += cleaned
        rejections += rejected
    signatures, bands = [], []
    for a in articles:
        sig = signature(a["body"])
        # as text, cast by DuckDB to uinteger[]: a list of Python ints would be typed from the first rows (INT)
        signatures.append({"article_id": a["article_id"], "minhash": str(sig.tolist())})
        bands += [{"article_id": a["article_id"], "band": band, "band_hash": h} for band, h in enumerate(band_hashes(sig))]
    rows = [{**a, "removed_lines": json.dumps(a["removed_lines"], ensure_ascii=False)} for a in articles]
    write_parquet(rows, "articles", file(run_folder, "articles", batch), STAGED_ARTICLE_COLUMNS)
    write_parquet(signatures, "article_signatures", file(run_folder, "signatures", batch))
    write_parquet(bands, "article_lsh_bands", file(run_folder, "bands", batch))
    write_parquet(rejections, "quarantine", file(run_folder, "rejected", batch))
    return {"batch": batch, "articles": len(articles), "rejected": len(rejections)}


def articles(run_folder: Path, batch: int, excluded: set[tuple[str, str, str]] = frozenset()) -> list[Article]:
    """A batch's cleaned articles as clean made them, less the excluded ones (duplicates, invalid)."""
    rows = [r for r in read_parquet(file(run_folder, "articles", batch)) if key(r) not in excluded]
    for r in rows:
        r["removed_lines"] = json.loads(r["removed_lines"])
    return rows


def extract(run_folder: Path, batch: int, excluded: set[tuple[str, str, str]]) -> dict:
    """Extract the facts of one batch's valid articles, one Parquet file per fact table."""
    extractions = [extract_article(a) for a in articles(run_folder, batch, excluded)]
    facts = loader.fact_rows(extractions)
    for table, rows in facts.items():
        write_parquet(rows, table, file(run_folder, table, batch))
    return {"batch": batch, "articles": len(extractions), **{t: len(rows) for t, rows in facts.items()}}


def count_rows(paths: list[Path]) -> int:
    """Rows in Parquet files, from their footers."""
    if not paths:
        return 0
    con = duckdb.connect()
    try:
        return con.execute("select count(*) from read_parquet(?)", [[str(p) for p in paths]]).fetchone()[0]
    finally:
        con.close()
