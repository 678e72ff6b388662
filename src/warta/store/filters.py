"""WHERE clauses shared by the SQL stores' queries (:mod:`warta.store.sql`, :mod:`warta.store.queries`).

Each returns SQL with ``?`` placeholders and its parameters; values are always bound, never
formatted in.
"""

from __future__ import annotations

from typing import Any

from warta.errors import UsageError
from warta.store.base import STANDINGS


def standing_filter(standing: str) -> tuple[str, list[Any]]:
    """WHERE clause on the speaker's standing: one of ``STANDINGS``."""
    if standing == "unknown":
        return "q.speaker_standing IS NULL", []
    if standing == "not-private":  # vox pops left out; quotes with no stated standing kept
        return "(q.speaker_standing IS NULL OR q.speaker_standing <> 'private')", []
    if standing in ("public", "private"):
        return "q.speaker_standing = ?", [standing]
    raise UsageError(f"standing must be one of {', '.join(STANDINGS)}, not {standing!r}")


def article_filters(
    *, outlet: str | None = None, language: str | None = None, since: str | None = None, until: str | None = None
) -> tuple[list[str], list[Any]]:
    """WHERE clauses (on ``articles a``) and parameters for the common article filters."""
    wheres: list[str] = []
    params: list[Any] = []
    if outlet:
        wheres.append("LOWER(a.outlet) = LOWER(?)")
        params.append(outlet)
    if language:
        wheres.append("a.language = ?")
        params.append(language)
    date_filters("a.published", since, until, wheres, params)
    return wheres, params


def date_filters(column: str, since: str | None, until: str | None, wheres: list[str], params: list[Any]) -> None:
    """Published on or after ``since`` / on or before ``until`` (YYYY-MM-DD; times ignored)."""
    if since:
        wheres.append(f"SUBSTR({column}, 1, 10) >= ?")
        params.append(since[:10])
    if until:
        wheres.append(f"SUBSTR({column}, 1, 10) <= ?")
        params.append(until[:10])
