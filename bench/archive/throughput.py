"""Ingest throughput with archive entities against the pipeline alone (issue 21 target: no more
than 15% below), on a batch of new CLICK-ID articles added to an existing archive.

    python bench/archive/throughput.py --base ARCHIVE.db --baseline-src ../main/src [--per-file 15]

Copies ``--base`` twice. Into the first, ``warta ingest --no-resolve`` of the code at
``--baseline-src`` (a checkout without archive entities: the pipeline alone); into the second
(brought to schema v4 and resolved first, as an archive in use is), ``warta ingest`` of this
checkout: facts written with each article, then the resolver over the whole archive. The batch is
the last ``--per-file`` rows of each CLICK-ID CSV (the base must not hold them). Prints both
rates and their ratio, measured in this run.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "click-id-raw-articles" / "csv_converted"
MAP = "text=content,outlet=source,published=date"


def tail_subset(out: Path, per_file: int) -> list[str]:
    csv.field_size_limit(2**31 - 1)
    paths = []
    for src in sorted(DATA.glob("*.csv.gz")):
        with gzip.open(src, "rt", encoding="utf-8", newline="") as fin:
            r = csv.reader(fin)
            head, rows = next(r), list(r)
        dst = out / src.name
        with gzip.open(dst, "wt", encoding="utf-8", newline="") as fout:
            w = csv.writer(fout)
            w.writerow(head)
            w.writerows(rows[-per_file:])
        paths.append(str(dst))
    return paths


def copy(base: str, dst: Path) -> str:
    with sqlite3.connect(base) as src, sqlite3.connect(dst) as out:
        src.backup(out)
    return str(dst)


def ingest(src: str, db: str, paths: list[str], *extra: str) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=src)
    cmd = [sys.executable, "-m", "warta.cli", "ingest", *paths, "--db", db, "--map", MAP, "--progress", "log", *extra]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t0, out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--baseline-src", required=True)
    ap.add_argument("--per-file", type=int, default=15)
    args = ap.parse_args()
    here = str(ROOT / "src")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        paths = tail_subset(t, args.per_file)
        a = copy(args.base, t / "alone.db")
        b = copy(args.base, t / "archive.db")
        env = dict(os.environ, PYTHONPATH=here)
        subprocess.run(
            [sys.executable, "-m", "warta.cli", "resolve", "--db", b], env=env, check=True, capture_output=True
        )
        before = sqlite3.connect(a).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        alone, _ = ingest(args.baseline_src, a, paths)
        n = sqlite3.connect(a).execute("SELECT COUNT(*) FROM articles").fetchone()[0] - before
        full, last = ingest(here, b, paths)
    print(f"batch: {n} new articles into an archive of {before}")
    print(f"pipeline alone ({args.baseline_src}): {alone:.1f} s, {n / alone:.2f} articles/s")
    print(f"with archive entities (this checkout): {full:.1f} s, {n / full:.2f} articles/s; {last}")
    print(f"ratio: {alone / full:.3f} (target >= 0.85)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
