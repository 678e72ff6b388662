"""``warta resolve [--db warta.db]``: bring the archive entities up to date (docs/archive.md):
the people's facts of articles stored before them, then the merges of names into archive
entities (aliases, honorifics, type by vote, initials, name parts), with their evidence, and the
users' joins and splits. Rerunnable; ``warta ingest`` and ``warta load-parquet`` run it after
each batch. ``--rejected FILE`` writes the candidate pairs it did not merge (JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys

from warta.commands._options import add_db
from warta.store import open_store, require_db


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("resolve", help="merge the archive's entities across articles (aliases, offices over time)")
    add_db(p)
    p.add_argument("--rejected", metavar="FILE", help="write the candidate pairs not merged, as JSON Lines")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from warta.archive import resolve_store, summary
    from warta.store.sql import now

    require_db(args.db)
    with open_store(args.db, query_seconds=None) as store:
        rep = resolve_store(store, at=now())
        if args.rejected:
            with open(args.rejected, "w", encoding="utf-8") as fh:
                for p in rep.resolution.rejected:
                    row = {"source": p.source, "target": p.target, "rule": p.rule, "evidence": p.evidence}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"warta: resolve: {summary(rep)}", file=sys.stderr)
    return 0
