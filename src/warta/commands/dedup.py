"""``warta dedup [--db warta.db] [--rebuild] [--show N]``: link the near-duplicate copies of an archive.

``warta ingest`` and ``warta load-parquet`` link each new article with its stored copies as they
store it; this command does it for the articles stored before (an archive made by an older warta),
earliest first, and prints how many copies and groups the archive holds. ``--rebuild`` drops every
signature and link and computes them again (after a change of ``warta.dedup``'s parameters).
``--show N`` prints the N largest groups (original, then its copies with their similarity).
"""

from __future__ import annotations

import argparse
import sys
import time

from warta.commands._options import add_db, not_negative
from warta.store import open_store, require_db


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("dedup", help="link near-duplicate copies (syndicated, republished) in an archive")
    add_db(p)
    p.add_argument("--rebuild", action="store_true", help="drop every signature and link and compute them again")
    p.add_argument("--show", type=not_negative, default=0, metavar="N", help="print the N largest groups of copies")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_db(args.db)
    start = time.perf_counter()
    last = [start]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] >= 10 or done == total:
            last[0] = time.perf_counter()
            print(f"warta: dedup: {done}/{total} articles signed", file=sys.stderr, flush=True)

    with open_store(args.db, query_seconds=None) as store:
        counts = store.link_all_copies(rebuild=args.rebuild, on_progress=progress)
        groups = store.largest_copy_groups(limit=args.show) if args.show else []
    for g in groups:
        for i, a in enumerate(g["articles"]):
            sim = "" if a["similarity"] is None else f" {a['similarity']:.2f}"
            print(
                f"{'' if i == 0 else '  '}{a['id']} {a['published'] or '-'} {a['outlet'] or '-'}{sim} {a['title'] or ''}"
            )
    secs = time.perf_counter() - start
    print(
        f"warta: dedup: {counts['signed']} articles signed in {secs:.1f} s; {counts['articles']} articles,"
        f" {counts['copies']} copies in {counts['groups']} groups, {counts['unique']} unique",
        file=sys.stderr,
    )
    return 0
