"""``warta claims [--speaker NAME] [--q TEXT] [--unit U] [--object O] [--db ...]``: the quantities
people state in their quotations (a fact-checker's view), newest first.

``--unit`` takes a family (money, percent, mass, length, area, volume, time, speed, energy), count
(numbers of things) or a unit code as ``warta extract`` writes it (IDR, kg). ``--over-time``
groups a speaker's claims by what they count (unit and object), oldest first: the same figure
claimed again, or changed.
"""

from __future__ import annotations

import argparse
import json
import sys

from warta.commands._options import add_dates, add_db, add_page
from warta.store import STANDINGS, open_store, require_db
from warta.store.claims import COUNT, UNIT_FAMILIES, ClaimFilter, claim_json, normalised, over_time
from warta.store.display import footer, table

MAX_OVER_TIME = 2000  # claims read to group by what they count


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("claims", help="list quantities stated in quotations, by speaker, text, unit or date")
    p.add_argument("--speaker", help="speaker name (part of it, any case) or entity id")
    p.add_argument("--q", "--text", dest="q", help='full-text query on the quotation: words, "a phrase", prefix*')
    p.add_argument(
        "--unit", help=f"a unit family ({', '.join([*UNIT_FAMILIES, COUNT])}) or a unit code (IDR, kg, percent)"
    )
    p.add_argument("--object", help="part of the counted thing (penduduk, ton beras)")
    p.add_argument(
        "--standing",
        choices=STANDINGS,
        help="the speaker as the article presents them: public (a title or affiliation), private, unknown,"
        " or not-private (leave out private individuals)",
    )
    add_db(p)
    add_dates(p)
    add_page(p, "claims")
    p.add_argument("--over-time", action="store_true", help="group the claims by what they count, oldest first")
    p.add_argument("--json", action="store_true", help="print JSON Lines instead of a table")
    p.set_defaults(func=run)


def _row(c: dict[str, object]) -> tuple[object, ...]:
    return (
        str(c["published"] or "")[:10],
        c["speaker_name"] or "(unattributed)",
        normalised(c),
        c["object"] or "",
        c["quote_text"],
        c["outlet"] or "",
    )


def _figures(claims: list[dict[str, object]]) -> list[str]:
    """The quantities as written, kept in view where a quotation is cut to fit the terminal."""
    return sorted({str(c["text"]) for c in claims if c.get("text")}, key=len, reverse=True)


def run(args: argparse.Namespace) -> int:
    require_db(args.db)
    f = ClaimFilter(
        speaker=args.speaker,
        q=args.q,
        unit=args.unit,
        object=args.object,
        since=args.since,
        until=args.until,
        standing=args.standing,
    )
    with open_store(args.db) as store:
        if args.over_time:
            page = store.claims(f, limit=MAX_OVER_TIME)
        else:
            page = store.claims(f, limit=args.limit, offset=args.offset)
    items = [claim_json(c) for c in page.items]
    if args.over_time:
        return _print_groups(over_time(items), args.json)
    if args.json:
        for c in items:
            print(json.dumps(c, ensure_ascii=False))
        return 0
    if items:
        headers = ("date", "speaker", "quantity", "object", "quotation", "outlet")
        print(table(headers, [_row(c) for c in items], flex=4, keep=_figures(items)))
    print(footer(len(items), page.total, args.offset, "claims"), file=sys.stderr if items else sys.stdout)
    return 0


def _print_groups(groups: list[dict[str, object]], as_json: bool) -> int:
    if as_json:
        for g in groups:
            print(json.dumps(g, ensure_ascii=False))
        return 0
    for g in groups:
        claims = g["claims"]
        assert isinstance(claims, list)
        print(f"\n{g['object'] or ''} [{g['unit'] or 'count'}]: {len(claims)} claims")
        print(
            table(
                ("date", "speaker", "quantity", "quotation", "outlet"),
                [_row(c)[:3] + _row(c)[4:] for c in claims],
                flex=3,
                keep=_figures(claims),
            )
        )
    if not groups:
        print("no quantity claimed twice (by unit and object)")
    return 0
