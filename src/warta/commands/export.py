"""``warta export --db ... --format jsonl|parquet|csv OUT``: the archive as flat tables.

Writes OUT/<table>.<format> for articles, entities, mentions, quotes, times, quantities,
sources, removed, failures and places (columns: warta.store.base.EXPORT_TABLES), then the
archive-level tables across articles: copies, stories, story_articles and claims
(warta.store.base.ARCHIVE_TABLES), which pandas,
DuckDB and Spark read directly, e.g. ``duckdb -c "SELECT * FROM 'OUT/quotes.parquet'"``.
``--format geojson`` writes OUT/places.geojson instead: one point per place the articles name,
with the number of articles and mentions (for QGIS, Kepler, geopandas).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from warta.commands._options import add_db
from warta.errors import UsageError
from warta.geo import geojson
from warta.store import open_store, require_db
from warta.store.export import FORMATS, TABLES, export


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export the archive as flat tables (JSONL, CSV or Parquet)")
    p.add_argument("out", metavar="OUT", help="output directory (created if missing)")
    add_db(p)
    p.add_argument(
        "--format",
        choices=(*FORMATS, "geojson"),
        default="parquet",
        help="file format of the tables, or geojson for the places as points",
    )
    p.add_argument("--tables", help=f"comma-separated subset of: {', '.join(TABLES)} (default: all of them)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else list(TABLES)
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise UsageError(f"unknown table {unknown[0]!r}: expected some of {', '.join(TABLES)}")
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        raise UsageError(f"{args.out} exists and is not a directory")
    require_db(args.db)
    if args.format == "geojson":
        os.makedirs(args.out, exist_ok=True)
        with open_store(args.db) as store:
            n = geojson.write(store.all_places(), Path(args.out) / "places.geojson")
        print(
            f"warta: exported {n} places to {os.path.join(os.path.normpath(args.out), 'places.geojson')}",
            file=sys.stderr,
        )
        return 0
    with open_store(args.db) as store:
        counts = export(store, args.out, args.format, tables)
    summary = ", ".join(f"{t} {n}" for t, n in counts.items())
    print(
        f"warta: exported to {os.path.join(os.path.normpath(args.out), '')} ({args.format}): {summary}", file=sys.stderr
    )
    return 0
