"""``warta entity NAME [--db warta.db]``: the archive entities whose names contain NAME (any
case), each with its names and the evidence of each merge, its type by vote and its offices over
time (title, affiliation, first and last day, articles). ``warta resolve`` keeps them up to date."""

from __future__ import annotations

import argparse
import json
import sys

from warta.archive import present
from warta.commands._options import add_db
from warta.store import open_store, require_db
from warta.store.display import table


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("entity", help="an archive entity: its names, merge evidence and offices over time")
    p.add_argument("name", help="part of one of its names (any case), or an entity id")
    add_db(p)
    p.add_argument("--limit", type=int, default=3, help="how many matching entities to show (default 3)")
    p.add_argument("--json", action="store_true", help="print JSON Lines instead of tables")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_db(args.db)
    with open_store(args.db) as store:
        if args.name.isdigit():
            ids = [int(args.name)]
        else:
            ids = [e["id"] for e in store.find_archive_entities(args.name, limit=args.limit).items]
        ents = [e for i in ids if (e := present(store.archive_entity(i)))]
    if not ents:
        print(f"warta: entity: no entity named like {args.name!r}", file=sys.stderr)
        return 1
    for e in ents:
        if args.json:
            print(json.dumps(e, ensure_ascii=False))
            continue
        count = e["n_articles"]
        print(f"{e['name']} ({e['type']}, id {e['id']}, {count} article{'' if count == 1 else 's'}; types {e['type_votes']})")
        names = [(n["name"], n["type"], n["n_articles"], n["rule"] or "", _evidence(n["evidence"])) for n in e["names"]]
        print(table(("name", "type", "articles", "merged by", "evidence"), names, flex=4))
        offices = [
            (o["title"] or "", o["affiliation"] or "", o["first"] or "", o["last"] or "", o["n_articles"], o["status"])
            for o in e["offices"][:15]
        ]
        if offices:
            print(table(("title", "affiliation", "first", "last", "articles", "status"), offices, flex=0))
        print()
    return 0


def _evidence(ev: dict | None) -> str:  # type: ignore[type-arg]
    if not ev:
        return ""
    keep = ("alias", "as", "articles", "share", "without", "initials", "votes", "shared_offices", "decision")
    return "; ".join(f"{k}={ev[k]}" for k in keep if ev.get(k) not in (None, [], ""))
