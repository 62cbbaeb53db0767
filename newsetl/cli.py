"""newsetl: run the pipeline, or any stage of it, from the command line.

  newsetl clean PATH...        print one JSON object per cleaned article
  newsetl extract PATH...      clean + extract, one JSON object per article
  newsetl run [--start --end]  the whole night without Airflow (ingest … report)
  newsetl summary              what the last night loaded and what the marts hold
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from . import pipeline
from .settings import load


def _items(paths: list[str]):
    from .ingest import RawItem, sha256_bytes

    for arg in paths:
        path = Path(arg)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            data = file.read_bytes()
            yield RawItem(item_id=sha256_bytes(data), source="cli", uri=str(file), fetched_at="",
                          byte_size=len(data), raw_path=str(file), already_seen=False), data


def cmd_clean(args, extract: bool = False) -> int:
    from .clean import clean_item

    settings = load()
    status = 0
    for item, data in _items(args.paths):
        articles, rejections = clean_item(item, data, settings.timezone, settings.max_item_bytes)
        for rejection in rejections:
            print(f"rejected {rejection['uri']}: {rejection['reason']}", file=sys.stderr)
            status = 1
        for article in articles:
            if extract:
                from .extract import extract_article

                x = extract_article(article)
                out = {"article": article, **{k: x[k] for k in ("quotes", "organizations", "people", "events")}}
            else:
                out = article
            print(json.dumps(out, ensure_ascii=False, indent=None if args.compact else 2))
    return status


def cmd_run(args) -> int:
    settings = load()
    start = datetime.fromisoformat(args.start) if args.start else None
    end = datetime.fromisoformat(args.end) if args.end else None
    conf = {"start": args.start, "end": args.end} if start or end else None
    begin, finish = pipeline.window_for(None, None, datetime.now(UTC), conf, settings.timezone)
    run = pipeline.ingest(settings, pipeline.make_run(begin, finish))
    pipeline.clean(settings, run)
    pipeline.validate(settings, run)
    pipeline.extract(settings, run)
    pipeline.load(settings, run)
    from .dbt import run_dbt

    run_dbt(settings, ["build"])
    print(pipeline.report(settings, run))
    return cmd_summary(args)


def cmd_summary(args) -> int:
    settings = load()
    result = pipeline.summary(settings)
    night, marts = result["run"], result["marts"]
    print(f"night {night['run_id']}")
    print(f"  articles read {night['records_in']}  loaded {night['articles_loaded']}  "
          f"quarantined {night['quarantined']}  duplicates {night['duplicates']}"
          f"  (items already loaded by earlier nights: {night['items_seen_before']})")
    print(f"  extracted: quotes {night['quotes']}  organization mentions {night['organization_mentions']}  "
          f"people {night['person_mentions']}  events {night['events']}")
    print("  marts: " + "  ".join(f"{k} {v}" for k, v in marts.items()))
    print(f"  warehouse {settings.warehouse}")
    print(f"  report    {settings.reports / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsetl", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("clean", "clean files and print the articles as JSON"),
                           ("extract", "clean and extract, print the facts as JSON")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("paths", nargs="+", help="files or folders")
        p.add_argument("--compact", action="store_true", help="one line per article")
    p = sub.add_parser("run", help="run the whole night without Airflow")
    p.add_argument("--start", help="window start (ISO date or time, Asia/Seoul unless it has an offset)")
    p.add_argument("--end", help="window end")
    sub.add_parser("summary", help="print what the last night loaded")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    if args.command == "clean":
        return cmd_clean(args)
    if args.command == "extract":
        return cmd_clean(args, extract=True)
    if args.command == "run":
        return cmd_run(args)
    return cmd_summary(args)


if __name__ == "__main__":
    sys.exit(main())
