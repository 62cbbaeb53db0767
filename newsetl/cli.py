"""newsetl: run the pipeline, or any stage of it, from the command line.

  newsetl clean PATH_OR_URL...    print one JSON object per cleaned article
  newsetl extract PATH_OR_URL...  clean + extract, one JSON object per article
  newsetl sources                 check sources.yml and list the sources a night reads
  newsetl eval [--gold DIR]       score extraction against the hand-made gold in tests/gold/
  newsetl run [--start --end]  the whole night without Airflow (ingest … report)
  newsetl summary              what the last night loaded and what the marts hold
  newsetl backup [--keep N]    a dated copy of the warehouse in warehouse/backups/, the newest N kept
  newsetl restore [--from F]   put back the newest backup that reads whole; the replaced file is kept aside
  newsetl airflow start|stop   Airflow standalone on 127.0.0.1 (UI and REST API), or stop all of it
  newsetl backfill --start D --end D   Airflow's own backfill of news_nightly over those nights
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from . import pipeline
from .settings import load


def _items(paths: list[str], allow_private: bool = False):
    """(RawItem, bytes) for each file, folder or http(s) URL, or (None, why) when one cannot be read.

    Nothing is written to the raw zone: this is for looking at what the cleaner does.
    """
    from .fetch import FetchError, client, fetch
    from .ingest import transient_item
    from .sources import policy_for

    def item(data: bytes, uri: str, content_type: str | None = None):
        return transient_item(data, "cli", uri, content_type), data

    # the fetch rules of an HTTP source with no options of its own
    policy = policy_for({"allow_private_addresses": allow_private}, load())
    with client() as http:
        for arg in paths:
            if "://" in arg:
                try:
                    response = fetch(http, arg, policy)
                except FetchError as exc:
                    yield None, f"not fetched: {exc}"
                    continue
                yield item(response.data, response.final_url, response.content_type)
                continue
            path = Path(arg)
            if not path.exists():
                yield None, f"not found: {arg}"
                continue
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for file in files:
                yield item(file.read_bytes(), str(file))


def cmd_clean(args, extract: bool = False) -> int:
    from .clean import clean_item

    settings = load()
    status = 0
    for item, data in _items(args.paths, args.allow_private):
        if item is None:
            print(data, file=sys.stderr)
            status = 1
            continue
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
    from .dbt import DbtFailed

    try:
        pipeline.dbt_build(settings, run)
    except DbtFailed as exc:  # the report still gets written: it says which model or test failed
        print(pipeline.report(settings, run))
        print(f"{exc}: the report above lists the failing models and tests", file=sys.stderr)
        return 1
    print(pipeline.report(settings, run))
    return cmd_summary(args)


def cmd_sources(args) -> int:
    from .sources import SourceConfigError, load_sources

    settings = load()
    try:
        sources = load_sources(settings)
    except SourceConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"{settings.sources_file}: {len(sources)} enabled")
    for source in sources:
        where = source.get("path") or source.get("url") or f"{len(source['urls'])} URLs"
        print(f"  {source['name']:<20} {source['kind']:<7} {where}")
    return 0


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_table, summary

    result = evaluate(Path(args.gold), load().timezone, args.language)
    print(format_table(result))
    shown = result  # whose misses --misses prints; the baseline and --json stay the unperturbed scores
    if args.perturb is not None:
        from .evaluate import format_perturbed
        from .perturb import PERTURBATIONS

        kinds = args.perturbation or list(PERTURBATIONS)
        runs = {kind: (kind,) for kind in kinds} | ({"all": tuple(kinds)} if len(kinds) > 1 else {})
        perturbed = {name: evaluate(Path(args.gold), load().timezone, args.language, run, args.perturb)
                     for name, run in runs.items()}
        print(f"\nperturbed with seed {args.perturb} (each class alone, then all together):")
        print(format_perturbed(result, perturbed))
        if args.misses:
            shown = perturbed["all" if "all" in perturbed else kinds[0]]
            print("misses of the perturbed run:")
    if args.misses:
        for name, score in shown["scores"].items():
            for kind, items in (("missed", score.misses), ("spurious", score.spurious)):
                for line in items:
                    print(f"  {name} {kind}: {line}")
    if args.json:
        out = {"summary": summary(result), **{f"{k}_misses": v.misses for k, v in result["scores"].items()}}
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1))
    if args.update_baseline and not args.language and args.perturb is not None:
        # the floor tests/test_robustness.py holds the perturbed scores to: all perturbations at once, this seed
        baseline = Path(args.gold) / "baseline-perturbed.json"
        floor = {"seed": args.perturb, "perturbations": list(runs["all" if "all" in runs else kinds[0]]),
                 **summary(perturbed["all" if "all" in perturbed else kinds[0]])}
        baseline.write_text(json.dumps(floor, ensure_ascii=False, indent=1) + "\n")
        print(f"baseline written: {baseline}")
    elif args.update_baseline and not args.language:
        baseline = Path(args.gold) / "baseline.json"
        baseline.write_text(json.dumps(summary(result), ensure_ascii=False, indent=1) + "\n")
        print(f"baseline written: {baseline}")
    return 0


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


def cmd_backup(args) -> int:
    from .backup import take_backup

    result = take_backup(load(), args.keep)
    print(f"backup {result['backup']} (newest night {result['newest_night']}); "
          f"{len(result['kept'])} kept, {len(result['deleted'])} older deleted")
    return 0


def cmd_restore(args) -> int:
    from .backup import restore

    settings = load()
    result = restore(settings, Path(args.source).resolve() if args.source else None)
    print(f"restored {settings.warehouse} from {result['restored']} (newest night {result['newest_night']})")
    for path in result["kept_aside"]:
        print(f"  the file it replaced is kept at {path}")
    print("  rerun the nights after that one to bring the warehouse up to date")
    return 0


def _airflow(args):
    from .standalone import Airflow

    home = Path(os.environ.get("AIRFLOW_HOME", Path.home() / "airflow")).resolve()
    return Airflow(home=home, port=args.port)


def cmd_airflow(args) -> int:
    from . import standalone

    airflow = _airflow(args)
    if args.action == "stop":
        standalone.stop(airflow)
        print("Airflow stopped (every process it started)")
        return 0
    standalone.start(airflow)
    standalone.ensure_pool(airflow)
    standalone.unpause(airflow)
    print(f"Airflow: http://127.0.0.1:{args.port} (no login), news_nightly unpaused; "
          f"log {airflow.home / 'standalone.log'}; `make stop` ends it")
    return 0


def cmd_backfill(args) -> int:
    """Start Airflow if it is not running, backfill, print each night's state, stop what was started."""
    from . import standalone

    airflow = _airflow(args)
    started = not standalone.running(airflow)
    if started:
        standalone.start(airflow)
    try:
        standalone.ensure_pool(airflow)
        states = standalone.backfill(airflow, args.start, args.end, timeout=args.timeout)
    finally:
        if started:
            standalone.stop(airflow)
    for run_id, state in sorted(states.items()):
        print(f"  {run_id}: {state}")
    failed = [r for r, s in states.items() if s != "success"]
    print(f"backfill {args.start}..{args.end}: {len(states) - len(failed)} nights succeeded, {len(failed)} failed")
    return 1 if failed or not states else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsetl", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("clean", "clean files and print the articles as JSON"),
                           ("extract", "clean and extract, print the facts as JSON")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("paths", nargs="+", help="files, folders or http(s) URLs")
        p.add_argument("--compact", action="store_true", help="one line per article")
        p.add_argument("--allow-private", action="store_true",
                       help="fetch URLs on private or loopback addresses (refused by default)")
    p = sub.add_parser("run", help="run the whole night without Airflow")
    p.add_argument("--start", help="window start (ISO date or time, Asia/Seoul unless it has an offset)")
    p.add_argument("--end", help="window end")
    sub.add_parser("summary", help="print what the last night loaded")
    sub.add_parser("sources", help="check sources.yml and list the enabled sources")
    p = sub.add_parser("backup", help="copy the warehouse to a dated backup, keep the newest N")
    p.add_argument("--keep", type=int, help="backups to keep (default NEWSETL_BACKUP_KEEP, 7)")
    p = sub.add_parser("restore", help="put back the newest backup that reads whole")
    p.add_argument("--from", dest="source", help="this backup file instead of the newest")
    p = sub.add_parser("airflow", help="start or stop Airflow standalone on 127.0.0.1")
    p.add_argument("action", choices=["start", "stop"])
    p.add_argument("--port", type=int, default=8080, help="API and UI port (the next two serve task logs)")
    p = sub.add_parser("backfill", help="Airflow's own backfill of news_nightly over a range of nights")
    p.add_argument("--start", required=True, help="first night, YYYY-MM-DD")
    p.add_argument("--end", required=True, help="last night, YYYY-MM-DD (inclusive)")
    p.add_argument("--port", type=int, default=8080, help="the Airflow API port")
    p.add_argument("--timeout", type=float, default=6 * 3600, help="seconds to wait for every night")
    p = sub.add_parser("eval", help="score extraction against hand-made gold annotations")
    p.add_argument("--gold", default=str(Path(__file__).resolve().parent.parent / "tests" / "gold"),
                   help="folder of *.gold.json files (default tests/gold)")
    p.add_argument("--json", help="also write the scores and the misses to this file")
    p.add_argument("--language", choices=["ko", "en"], help="score only the articles in this language")
    p.add_argument("--misses", action="store_true", help="print what was missed or spurious, per metric")
    p.add_argument("--perturb", type=int, metavar="SEED",
                   help="also score the gold rewritten by meaning-preserving perturbations (newsetl/perturb.py)")
    p.add_argument("--perturbation", action="append", choices=["people", "organizations", "quote_marks", "verbs"],
                   help="with --perturb: only this perturbation (repeatable; default all four)")
    p.add_argument("--update-baseline", action="store_true",
                   help="write the scores to <gold>/baseline.json, the floor tests/test_eval.py holds them to "
                        "(with --perturb: the perturbed scores to <gold>/baseline-perturbed.json, tests/test_robustness.py)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    from .backup import BackupError
    from .load import WarehouseError

    try:
        return _dispatch(args)
    except (WarehouseError, BackupError) as exc:  # the message says what to do: no stack trace
        print(f"newsetl {args.command}: {exc}", file=sys.stderr)
        return 2


def _dispatch(args) -> int:
    if args.command == "clean":
        return cmd_clean(args)
    if args.command == "extract":
        return cmd_clean(args, extract=True)
    if args.command == "run":
        return cmd_run(args)
    if args.command == "sources":
        return cmd_sources(args)
    if args.command == "eval":
        return cmd_eval(args)
    if args.command == "backup":
        return cmd_backup(args)
    if args.command == "restore":
        return cmd_restore(args)
    if args.command == "airflow":
        return cmd_airflow(args)
    if args.command == "backfill":
        return cmd_backfill(args)
    return cmd_summary(args)


if __name__ == "__main__":
    sys.exit(main())
