"""Readable fixed-width tables for the store's command-line views (search, quotes)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from typing import Any

# what a fragment cut out of a text must not start with: the end of the sentence or the closing
# mark before it (",  kata Zulmi", "”) seperti") - but not an opening quotation mark or bracket
_ORPHAN_START = re.compile(r"""^(…?)(?:\s*(?:[,.;:!?)\]}»”’]|["'](?=[\s,.;:!?])))+\s*""")
_ORPHAN_END = re.compile(r"""\s*[(\[{«“‘]\s*(…?)$""")


def tidy_snippet(text: str | None) -> str:
    """A fragment of an article (a search snippet) without orphan punctuation where it was cut:
    '…," kata [Zulmi]' -> '…kata [Zulmi]'; whitespace runs become one space."""
    s = " ".join((text or "").split())
    s = _ORPHAN_START.sub(lambda m: m.group(1), s)
    return _ORPHAN_END.sub(lambda m: m.group(1), s)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split())


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    flex: int = -1,
    width: int | None = None,
    keep: Sequence[str] = (),
) -> str:
    """Format rows under headers; column ``flex`` (default: the last) takes the remaining width
    and long values are cut with an ellipsis so each row is one line. In the ``flex`` column the
    first of the ``keep`` strings (the searched words, any case) stays in view: a value is cut
    on the left too when it would be cut before them."""
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
            if i == flex and keep:
                v = _window(v, widths[i], keep)
            if len(v) > widths[i]:
                v = v[: widths[i] - 1] + "…"
            out.append(v.ljust(widths[i]) if i < n - 1 else v)
        return "  ".join(out).rstrip()

    lines = [fmt(list(headers)), fmt(["-" * w for w in widths])]
    lines += [fmt(r) for r in cells]
    return "\n".join(lines)


def _window(value: str, width: int, keep: Sequence[str]) -> str:
    """``value`` cut on the left (with an ellipsis) so that the first ``keep`` string in it ends
    within ``width`` characters, with a little of the text before it."""
    low = value.lower()
    hits = [(low.find(k.lower()), len(k)) for k in keep if k and k.lower() in low]
    if len(value) <= width or not hits:
        return value
    at, n = min(hits)
    if at + n <= width - 1:
        return value
    start = max(0, min(at - width // 4, len(value) - width + 1))
    return "…" + value[start + 1 :] if start > 0 else value


def query_words(query: str | None) -> tuple[str, ...]:
    """The words of a full-text query ('"harga beras" naik*' -> harga, beras, naik), to keep in view."""
    return tuple(w.strip('"*') for w in (query or "").split() if w.strip('"*'))


def footer(shown: int, total: int, offset: int, what: str) -> str:
    if total == 0:
        return f"no {what} found"
    if shown == 0:
        return f"no {what} on this page ({total} in all)"
    more = " (use --offset to see more)" if offset + shown < total else ""
    return f"{what} {offset + 1}-{offset + shown} of {total}{more}"
