"""What near-duplicate linking costs at ingest, as a ratio measured in this process, and the backfill.

    .venv/bin/python bench/dedup_speed.py                   # --per-file 20 rows of each CLICK-ID CSV
    .venv/bin/python bench/dedup_speed.py --db click.db     # also: warta dedup --rebuild on a copy of it

The articles are run through the pipeline once (one process); then they are stored in a fresh
SQLite archive twice, with the copy linking of warta.store.copies (signature, band hashes,
candidates, sentence alignment, quotation marks) and with it switched off for the measurement.
Ingest time per article = pipeline + store; the ratio (with / without) is what the linking costs
(issue 21: ingest no more than 15% slower than the pipeline alone). With --db, the backfill
(`link_all_copies(rebuild=True)`) runs on a copy of that archive and its time is printed.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta.pipeline import Pipeline  # noqa: E402
from warta.read.record import RawDocument  # noqa: E402
from warta.store import open_store  # noqa: E402
from warta.store.copies import CopyQueries  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "click-id-raw-articles" / "csv_converted"


def documents(per_file: int) -> list[RawDocument]:
    csv.field_size_limit(2**31 - 1)
    docs = []
    for path in sorted(DATA.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i >= per_file:
                    break
                docs.append(
                    RawDocument(
                        content=row["content"], url=row["url"] or None, title=row["title"], outlet=row["source"]
                    )
                )
    return docs


def store_all(dicts: list[dict], db: Path, link: bool, replace: bool = False) -> float:
    original = CopyQueries._link_copies
    if not link:
        CopyQueries._link_copies = lambda self, *a, **k: None  # type: ignore[method-assign]
    try:
        with open_store(str(db), query_seconds=None) as s:
            start = time.perf_counter()
            for d in dicts:
                s.add(d, replace=replace)
            return time.perf_counter() - start
    finally:
        CopyQueries._link_copies = original  # type: ignore[method-assign]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-file", type=int, default=20, help="rows of each CSV (default 20)")
    ap.add_argument("--db", help="an archive to time the backfill on (copied first, never written)")
    args = ap.parse_args()
    pipe = Pipeline.default()
    docs = documents(args.per_file)
    start = time.perf_counter()
    dicts = []
    for doc in docs:
        try:
            dicts.append(pipe.run(doc).to_dict())
        except Exception as exc:  # an input the pipeline refuses is not part of this measurement
            print(f"skipped {doc.url}: {exc}", file=sys.stderr)
    pipeline_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        without = store_all(dicts, Path(tmp) / "without.db", link=False)
        with_ = store_all(dicts, Path(tmp) / "with.db", link=True)
        with open_store(str(Path(tmp) / "with.db")) as s:
            counts = s.copy_counts()  # type: ignore[attr-defined]
    n = len(dicts)
    base, full = pipeline_s + without, pipeline_s + with_
    print(
        f"{n} articles: pipeline {pipeline_s / n * 1000:.1f} ms/article; store without linking {without / n * 1000:.1f} ms,"
        f" with linking {with_ / n * 1000:.1f} ms ({counts['copies']} copies found)"
    )
    print(
        f"ingest with linking / without: {full / base:.3f} (throughput {base / full:.3f} of the pipeline-and-store alone)"
    )
    if args.db:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "archive.db"
            shutil.copy(args.db, copy)
            # the same articles stored again (replace) into the big archive: linking against all of it
            without = store_all(dicts, copy, link=False, replace=True)
            with_ = store_all(dicts, copy, link=True, replace=True)
            base, full = pipeline_s + without, pipeline_s + with_
            print(
                f"into {args.db}: store without linking {without / n * 1000:.1f} ms/article, with {with_ / n * 1000:.1f} ms;"
                f" ingest with / without: {full / base:.3f}"
            )
            with open_store(str(copy), query_seconds=None) as s:
                start = time.perf_counter()
                got = s.link_all_copies(rebuild=True)  # type: ignore[attr-defined]
                secs = time.perf_counter() - start
        print(f"backfill of {got['articles']} articles: {secs:.1f} s; {got['copies']} copies in {got['groups']} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
