"""Readable fixed-width tables for the store's command-line views (search, quotes)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, flex: int = -1, width: int | None = None) -> str:
    """Format rows under headers; column ``flex`` (default: the last) takes the remaining width
    and long values are cut with an ellipsis so each row is one line."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    cells = [[_cell(v) for v in r] for r in rows]
    n = len(headers)
    flex = flex % n
    widths = [max([len(headers[i])] + [len(r[i]) for r in cells]) for i in range(n)]
    for i in range(n):
        if i != flex:
            widths[i] = min(widths[i], 40)
    fixed = sum(w for i, w in enumerate(widths) if i != flex) + 2 * (n - 1)
    widths[flex] = max(20, min(widths[flex], width - fixed))

    def fmt(values: Sequence[str]) -> str:
        out = []
        for i, v in enumerate(values):
            if len(v) > widths[i]:
                v = v[: widths[i] - 1] + "…"
            out.append(v.ljust(widths[i]) if i < n - 1 else v)
        return "  ".join(out).rstrip()

    lines = [fmt(list(headers)), fmt(["-" * w for w in widths])]
    lines += [fmt(r) for r in cells]
    return "\n".join(lines)


def footer(shown: int, total: int, offset: int, what: str) -> str:
    if total == 0:
        return f"no {what} found"
    if shown == 0:
        return f"no {what} on this page ({total} in all)"
    more = " (use --offset to see more)" if offset + shown < total else ""
    return f"{what} {offset + 1}-{offset + shown} of {total}{more}"
