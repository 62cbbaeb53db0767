"""`python -m newsetl.bench --n 5000`: see newsetl/bench/harness.py."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..settings import PROJECT_ROOT
from .harness import main

parser = argparse.ArgumentParser(prog="python -m newsetl.bench", description=__doc__)
parser.add_argument("--n", type=int, default=5000, help="items in the full night (default 5000)")
parser.add_argument("--new", type=int, default=None, help="items in the growth night (default n/10; 0 skips it)")
parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for mapped stages")
parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results.json")
parser.add_argument("--dir", type=Path, default=PROJECT_ROOT / "bench" / "work", help="corpus, warehouse, work files")
parser.add_argument("--seed", type=int, default=20241001)
parser.add_argument("--airflow-items", type=int, default=40, help="items of the `airflow dags test` night (0 skips it)")
args = parser.parse_args()
main(args.n, args.new, args.workers, args.out, args.dir, args.seed, args.airflow_items)
