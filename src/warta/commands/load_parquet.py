"""``warta load-parquet DIR [--db warta.db]``: bring the Parquet tables written by ``warta spark``
(or ``warta export --format parquet``) into a SQLite or PostgreSQL store, so ``warta serve``
and the other reading commands work on an archive processed on a cluster. Rerunnable: inputs
loaded before are skipped.
"""

from __future__ import annotations

import argparse
import sys
import time

from warta.commands._options import add_db
from warta.store import open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("load-parquet", help="load Parquet tables from warta spark into a store")
    p.add_argument("src", metavar="DIR", help="output directory of warta spark (or of warta export --format parquet)")
    add_db(p)
    p.add_argument("--no-resolve", action="store_true", help="do not update the archive entities after loading")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from warta.scale.load import LoadStats, load

    last = [time.monotonic()]

    def progress(s: LoadStats) -> None:
        if time.monotonic() - last[0] >= 10:
            last[0] = time.monotonic()
            print(f"warta: load-parquet: {s.summary()}", file=sys.stderr, flush=True)

    with open_store(args.db) as store:
        stats = load(args.src, store, on_progress=progress)
    print(f"warta: loaded {args.src} into {args.db}: {stats.summary()}", file=sys.stderr)
    if not args.no_resolve:
        from warta.archive import resolve_after_batch

        print(f"warta: resolve: {resolve_after_batch(args.db)}", file=sys.stderr)
    return 0
