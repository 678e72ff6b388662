"""``warta quotes [--speaker NAME] [--text QUERY] [--db ...]``: stored quotations as a table."""

from __future__ import annotations

import argparse
import json
import sys

from warta.commands._options import add_dates, add_db, add_page
from warta.store import STANDINGS, as_id, open_store, require_db
from warta.store.display import footer, query_words, table


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("quotes", help="list stored quotations by speaker, text or date")
    p.add_argument("--speaker", help="speaker name (part of it, any case) or entity id")
    p.add_argument("--text", help='full-text query on the quotation: words, "a phrase", prefix*')
    add_db(p)
    add_dates(p)
    p.add_argument(
        "--standing",
        choices=STANDINGS,
        help="the speaker as the article presents them: public (a title or affiliation), private (an age or"
        " a lay role: residents, traders, students), unknown, or not-private (leave out private individuals)",
    )
    add_page(p, "quotations")
    p.add_argument("--json", action="store_true", help="print JSON Lines instead of a table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_db(args.db)
    speaker: str | int | None = args.speaker
    if isinstance(speaker, str) and as_id(speaker) is not None:
        speaker = as_id(speaker)
    with open_store(args.db) as store:
        page = store.quotes(
            speaker=speaker,
            text=args.text,
            since=args.since,
            until=args.until,
            standing=args.standing,
            limit=args.limit,
            offset=args.offset,
        )
    if args.json:
        for item in page.items:
            print(json.dumps(item, ensure_ascii=False))
        return 0
    rows = [
        (
            (q["published"] or "")[:10],
            q["speaker_name"] or "(unattributed)",
            q["kind"],
            q["text"],
            q["outlet"] or "",
            q["article_id"],
        )
        for q in page.items
    ]
    if rows:
        headers = ("date", "speaker", "kind", "quotation", "outlet", "article")
        print(table(headers, rows, flex=3, keep=query_words(args.text)))
    print(footer(len(rows), page.total, args.offset, "quotations"), file=sys.stderr if rows else sys.stdout)
    return 0
