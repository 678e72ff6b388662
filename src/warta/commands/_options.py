"""Options several commands share, declared once: the archive (``--db``), pages of results
(``--limit``/``--offset``), date filters (``--since``/``--until``, validated) and the
publication date of an input (``--published``, with the formats it accepts)."""

from __future__ import annotations

import argparse
import os
from datetime import date

from warta.read.dates import PUBLISHED_FORMATS


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default=os.environ.get("WARTA_DB", "warta.db"),
        help="the archive: a SQLite file or a postgresql:// URL ($WARTA_DB sets the default)",
    )


def positive(value: str) -> int:
    n = _int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of at least 1")
    return n


def not_negative(value: str) -> int:
    n = _int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is negative")
    return n


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


def add_page(p: argparse.ArgumentParser, what: str, limit: int = 20) -> None:
    p.add_argument("--limit", type=positive, default=limit, help=f"{what} to show")
    p.add_argument("--offset", type=not_negative, default=0, help=f"{what} to skip first (the next page)")


def day(value: str) -> str:
    """A calendar day written YYYY-MM-DD (what --since and --until take)."""
    try:
        return date.fromisoformat(value.strip()).isoformat() if len(value.strip()) == 10 else _bad_day(value)
    except ValueError:
        return _bad_day(value)


def _bad_day(value: str) -> str:
    raise argparse.ArgumentTypeError(f"{value!r} is not a date: expected YYYY-MM-DD, e.g. 2019-09-10")


def add_dates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=day, metavar="YYYY-MM-DD", help="published on or after this day")
    p.add_argument("--until", type=day, metavar="YYYY-MM-DD", help="published on or before this day")


def add_published(p: argparse.ArgumentParser, applies_to: str) -> None:
    p.add_argument("--published", metavar="DATE", help=f"publication date of {applies_to}: {PUBLISHED_FORMATS}")
