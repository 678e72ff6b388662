"""Ingest throughput on the CLICK-ID CSVs: articles/s with 1 and 2 workers, the speed-up
(ratio measured in this process), and peak memory per worker.

    .venv/bin/python bench/ingest.py              # a subset: --per-file rows of each CSV (default 40)
    .venv/bin/python bench/ingest.py --all        # all 22k articles (long)
    .venv/bin/python bench/ingest.py --workers 1 2 4

Needs ../shared/data/click-id-raw-articles. Targets (issue 18): >= 1.8x with 2 workers,
< 600 MB per worker; both are printed met or not. Each run writes a fresh SQLite archive in a temporary directory.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "click-id-raw-articles" / "csv_converted"
MAPPING = {"text": "content", "outlet": "source", "published": "date"}
SPEEDUP_PER_WORKER = 0.9  # 2 workers >= 1.8x one worker
MAX_WORKER_MB = 600


def subset(out_dir: Path, per_file: int) -> list[str]:
    """The first ``per_file`` rows of each CSV, written as gzipped CSVs like the originals."""
    csv.field_size_limit(2**31 - 1)
    paths = []
    for src in sorted(DATA.glob("*.csv.gz")):
        dst = out_dir / src.name
        with (
            gzip.open(src, "rt", encoding="utf-8", newline="") as fin,
            gzip.open(dst, "wt", encoding="utf-8", newline="") as fout,
        ):
            r, w = csv.reader(fin), csv.writer(fout)
            w.writerow(next(r))
            for i, row in enumerate(r):
                if i >= per_file:
                    break
                w.writerow(row)
        paths.append(str(dst))
    return paths


def run_once(paths: list[str], workers: int, db: str) -> dict[str, float]:
    from warta.batch import ingest
    from warta.store import open_store

    cpu0 = _cpu()
    start = time.perf_counter()
    with open_store(db) as store:
        stats = ingest(paths, store, mapping=MAPPING, workers=workers)
        counts = store.stats()["counts"]
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu0
    done = stats.stored + stats.failed
    return {
        "workers": workers,
        "articles": counts["articles"],
        "failed": stats.failed,
        "seconds": seconds,
        "rate": done / seconds,
        "peak_mb": max(stats.worker_peak_rss_mb or [0.0]),
        "cpu_per_article": cpu / max(done, 1),
        "cpu_share": cpu / seconds,
    }


def run_fresh(paths: list[str], workers: int, db: str) -> dict[str, float]:
    """One run in a fresh process, so each configuration loads its models itself."""
    cmd = [sys.executable, __file__, "--one", str(workers), "--db", db, "--paths", *paths]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="all 22k articles instead of a subset")
    ap.add_argument("--per-file", type=int, default=40, help="rows per CSV in the subset (9 files)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one run, JSON result
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_once(args.paths, args.one, args.db)))
        return 0
    if not DATA.exists():
        print(f"bench: {DATA} not found (needs the shared data sets)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        paths = sorted(str(p) for p in DATA.glob("*.csv.gz")) if args.all else subset(Path(tmp), args.per_file)
        print(
            f"inputs: {len(paths)} CSV files ({'all rows' if args.all else f'{args.per_file} rows each'}); cpus: {os.cpu_count()}"
        )
        results = []
        for n in args.workers:
            r = run_fresh(paths, n, os.path.join(tmp, f"bench-{n}.db"))
            results.append(r)
            print(
                f"workers={n}: {r['articles']:.0f} articles stored, {r['failed']:.0f} failed, {r['seconds']:.1f} s, "
                f"{r['rate']:.2f} articles/s, peak memory per worker {r['peak_mb']:.0f} MB, "
                f"{r['cpu_per_article'] * 1000:.0f} ms CPU per article, {r['cpu_share']:.2f} CPUs used",
                flush=True,
            )
        base = results[0]
        for r in results[1:]:
            up = r["rate"] / base["rate"]
            want = SPEEDUP_PER_WORKER * r["workers"] / base["workers"]
            print(
                f"speed-up workers={r['workers']:.0f} vs workers={base['workers']:.0f}: {up:.2f}x "
                f"(target >= {want:.1f}x: {'met' if up >= want else 'NOT met'})"
            )
        peak = max(r["peak_mb"] for r in results)
        print(
            f"peak memory per worker {peak:.0f} MB (target < {MAX_WORKER_MB} MB: {'met' if peak < MAX_WORKER_MB else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
