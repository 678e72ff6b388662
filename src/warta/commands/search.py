"""``warta search [QUERY] [--db ...]``: full-text search over stored articles, as a table.

Words are all required, "quoted phrases" match in order, ``prefix*`` matches word starts.
Filters: --outlet, --lang, --since/--until (YYYY-MM-DD), --entity NAME. ``--failures`` lists
the inputs that failed to ingest instead.
"""

from __future__ import annotations

import argparse
import json
import sys

from warta.commands._options import add_dates, add_db, add_page
from warta.store import open_store, require_db
from warta.store.display import footer, table


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="search the stored articles (full text, filters)")
    p.add_argument("query", nargs="?", help='words (all required), "a phrase", prefix*; none: newest first')
    add_db(p)
    p.add_argument("--outlet", help="only articles of this outlet (its name as stored, any case)")
    p.add_argument("--lang", help="language code")
    add_dates(p)
    p.add_argument("--entity", help="only articles mentioning this entity (name or id)")
    add_page(p, "articles (or failures)")
    p.add_argument("--json", action="store_true", help="print JSON Lines instead of a table")
    p.add_argument("--failures", action="store_true", help="list the inputs that failed to ingest")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_db(args.db)
    with open_store(args.db) as store:
        if args.failures:
            page = store.failures(limit=args.limit, offset=args.offset)
            rows = [(f["time"], f["input"], f["reason"]) for f in page.items]
            what, headers = "failures", ("time", "input", "reason")
        else:
            page = store.search_articles(
                args.query,
                outlet=args.outlet,
                language=args.lang,
                since=args.since,
                until=args.until,
                entity=args.entity,
                limit=args.limit,
                offset=args.offset,
            )
            rows = [((h["published"] or "")[:10], h["outlet"], h["title"], h["snippet"], h["id"]) for h in page.items]
            what, headers = "articles", ("date", "outlet", "title", "match", "id")
        if args.json:
            for item in page.items:
                print(json.dumps(item, ensure_ascii=False))
            return 0
        if rows:
            print(table(headers, rows, flex=3 if not args.failures else 2, keep=() if args.failures else ("[",)))
        print(footer(len(page.items), page.total, args.offset, what), file=sys.stderr if rows else sys.stdout)
    return 0
