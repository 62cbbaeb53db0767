"""A night's warehouse stages (load, then dbt build) in a process of their own, stopped at a named point.

tests/test_faults.py runs this as a subprocess, with the night's work files already written by ingest …
extract. The point is chosen here, by wrapping the production function that reaches it, so the pipeline
itself carries no fault hook. What runs is the production code: pipeline.load and newsetl.dbt.run_dbt.

  python tests/fault_driver.py RUN_ID [--stages load,dbt] [--kill-at POINT | --hold-at POINT --release FILE]

POINT  load:<table>  the night's rows are in raw.<table>, inside the load's one transaction, not committed
       before-dbt    the load has committed, dbt build has not started
       dbt:<model>   dbt build ran every statement of <model> and is about to send its COMMIT
--kill-at  the process SIGKILLs itself there: no rollback, no cleanup, as a power cut or the OOM killer
--hold-at  it touches FILE.held there and waits (holding what it holds) until FILE exists
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from newsetl import load as loader
from newsetl import pipeline
from newsetl.dbt import run_dbt
from newsetl.load import WarehouseError
from newsetl.settings import load as load_settings


def _reached(point: str, kill: bool, release: Path | None):
    def reached() -> None:
        print(f"fault point {point} reached", file=sys.stderr, flush=True)
        if kill:
            os.kill(os.getpid(), signal.SIGKILL)
        release.with_name(release.name + ".held").touch()
        deadline = time.monotonic() + 120
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    return reached


class _Watched:
    """A warehouse connection that calls `after(table)` once a statement `insert into raw.<table>` has run."""

    def __init__(self, con, after) -> None:
        self._con, self._after = con, after

    def execute(self, sql, *args, **kwargs):
        result = self._con.execute(sql, *args, **kwargs)
        if inserted := re.match(r"\s*insert\s+into\s+raw\.(\w+)", sql, re.IGNORECASE):
            self._after(inserted[1])
        return result

    def __getattr__(self, name):
        return getattr(self._con, name)


def _arm(point: str, reached) -> None:
    if point.startswith("load:"):
        # at the SQL the load sends, not at a helper of load.py, so the point survives changes to its internals
        table, connect = point.removeprefix("load:"), loader.connect

        @contextmanager
        def watched(*args, **kwargs):
            with connect(*args, **kwargs) as con:
                yield _Watched(con, lambda name: reached() if name == table else None)
        loader.connect = watched
    elif point.startswith("dbt:"):
        import dbt.cli.main

        node, runner = f"model.newsetl.{point.removeprefix('dbt:')}", dbt.cli.main.dbtRunner

        def on_event(event) -> None:
            # dbt fires SQLQuery before it sends the statement: at COMMIT, the model's work is all uncommitted
            if (event.info.name == "SQLQuery" and event.data.node_info.unique_id == node
                    and event.data.sql.strip().upper() == "COMMIT"):
                reached()
        dbt.cli.main.dbtRunner = lambda *a, **kw: runner(*a, callbacks=[on_event], **kw)
    elif point != "before-dbt":
        raise SystemExit(f"unknown fault point {point}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("run_id")
    parser.add_argument("--stages", default="load,dbt")
    parser.add_argument("--kill-at")
    parser.add_argument("--hold-at")
    parser.add_argument("--release", type=Path)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    point = args.kill_at or args.hold_at
    reached = _reached(point, bool(args.kill_at), args.release) if point else (lambda: None)
    if point:
        _arm(point, reached)
    settings = load_settings()
    stages = args.stages.split(",")
    try:
        if "load" in stages:
            pipeline.load(settings, {"run_id": args.run_id})
        if point == "before-dbt":
            reached()
        if "dbt" in stages:
            run_dbt(settings, ["build"])
    except WarehouseError as exc:
        print(f"fault_driver: {exc}", file=sys.stderr)
        return 2
    print("night loaded and built", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
