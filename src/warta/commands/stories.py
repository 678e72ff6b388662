"""``warta stories [--db warta.db] [--rebuild] [--show N] [--story ID]``: group the archive's articles
into stories (articles about one event across outlets and days, see warta.stories) and list them.

Run it after each `warta ingest` batch: articles already in a story stay there, the new ones are
placed (``--rebuild`` groups everything again). ``--show N`` prints the N latest stories of two
articles or more; ``--story ID`` prints one story's timeline, outlets, people and quotations.
"""

from __future__ import annotations

import argparse
import sys
import time

from warta import stories
from warta.commands._options import add_db, not_negative, positive
from warta.errors import InputError
from warta.store import open_store, require_db


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("stories", help="group articles about one event into stories, and list them")
    add_db(p)
    p.add_argument("--rebuild", action="store_true", help="group every article again (new story ids)")
    p.add_argument("--show", type=not_negative, default=0, metavar="N", help="print the N latest stories")
    p.add_argument("--story", type=positive, metavar="ID", help="print one story (no grouping is done)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    require_db(args.db)
    with open_store(args.db, query_seconds=None) as store:
        if args.story:
            return _print_story(store, args.story)
        start = time.perf_counter()
        got = stories.update(store, rebuild=args.rebuild)
        secs = time.perf_counter() - start
        for s in store.stories(limit=args.show).items if args.show else []:
            print(
                f"{s['id']}\t{s['first_day'] or '-'}..{s['last_day'] or '-'}\t{s['n_articles']} articles,"
                f" {s['n_outlets']} outlets\t{s['title'] or ''}"
            )
    print(
        f"warta: stories: {got['placed']} of {got['articles']} articles placed in {secs:.1f} s,"
        f" {got['new_stories']} new stories",
        file=sys.stderr,
    )
    return 0


def _print_story(store: object, story_id: int) -> int:
    s = store.story(story_id)
    if s is None:
        raise InputError(f"no story {story_id}")
    print(f"{s['title']}  ({s['first_day']}..{s['last_day']}, {s['n_articles']} articles)")
    print("outlets: " + ", ".join(f"{o['outlet']} {o['n_articles']}" for o in s["outlets"]))
    print("people: " + ", ".join(f"{p['name']} {p['n_articles']}" for p in s["people"][:12]))
    for a in s["articles"]:
        copy = f" (copy of {a['copy_of']})" if a["copy_of"] else ""
        print(f"  {str(a['published'] or '-')[:10]} {a['outlet'] or '-'}: {a['title'] or ''}{copy}")
    for q in s["quotes"]:
        also = f" [also in: {', '.join(q['also_in'])}]" if q["also_in"] else ""
        print(f"  {str(q['published'] or '-')[:10]} {q['speaker_name'] or '?'}: {q['text'][:160]}{also}")
    return 0
