"""Render an article's clean text as HTML with its annotations marked.

Every piece of article text and every attribute value goes through :func:`markupsafe.escape`;
markup is built only from the constant tags below. Quotations are the outer layer (a link to
the speaker); entity mentions, times, quantities and cited sources are the inner layer, kept
non-overlapping (the earliest, then the longest, wins) and cut at quotation boundaries so
the tags always nest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

INNER_ORDER = {"entity": 0, "time": 1, "quantity": 2, "source": 3}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # quote | entity | time | quantity | source
    title: str
    href: str | None = None
    css: str = ""
    key: str = ""  # data attribute: the quote index, a time's value
    anchor: str = ""  # the element id (the first piece of a quotation: "q3")


def safe_url(url: Any) -> str | None:
    """An outside URL fit for an ``href``: only http(s); anything else (javascript:, data:) is not linked."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    low = u.lower()
    if not (low.startswith("http://") or low.startswith("https://")) or any(c in u for c in "\x00\r\n\t "):
        return None
    return u


def speaker_href(name: str) -> str:
    return "/speaker?" + urlencode({"name": name})


def fmt_number(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}".replace(",", ".")
    if isinstance(v, int | float):
        return f"{v:,}".replace(",", "_").replace(".", ",").replace("_", ".")
    return str(v)


def quote_title(q: dict[str, Any]) -> str:
    sp = q.get("speaker") or {}
    who = sp.get("name") or f"speaker unknown ({q.get('speaker_reason') or 'not named'})"
    if sp.get("titles") or sp.get("affiliations"):
        who += " — " + role(sp.get("titles"), sp.get("affiliations"))
    cue = (q.get("cue") or {}).get("text")
    extra = f" · cue: {cue}" if cue else ""
    return f"{q.get('kind', 'direct')} quotation by {who}{extra} · confidence {q.get('confidence', 0):.2f}"


def time_title(t: dict[str, Any]) -> str:
    if not t.get("value"):
        return "time, not resolved" + (f" ({t['note']})" if t.get("note") else "")
    out = f"{t['value']}"
    if t.get("grain"):
        out += f" ({t['grain']})"
    if t.get("anchor"):
        out += f" · resolved against {t.get('anchor_source') or 'anchor'} date {t['anchor']}"
    if t.get("note"):
        out += f" · {t['note']}"
    return out


def quantity_title(q: dict[str, Any]) -> str:
    bound = {"at_least": "at least ", "at_most": "at most ", "about": "about "}.get(q.get("bound") or "", "")
    value = fmt_number(q["value"]) if q.get("value") is not None else "?"
    if q.get("upper") is not None:
        value += "–" + fmt_number(q["upper"])
    parts = [f"{bound}{value}"]
    if q.get("unit"):
        parts.append(str(q["unit"]))
    if q.get("object"):
        parts.append(f"of {q['object']}")
    return "value " + " ".join(parts)


@cache
def _ranks(lang: str | None) -> frozenset[str]:
    """The pack's rank words (military and police ranks), which stand before a function."""
    from warta import lang as packs

    titles = packs.for_code(lang).toml("names").get("titles", {})
    return frozenset(r.casefold() for r in titles.get("ranks", []))


def role(titles: Iterable[str] | None, affiliations: Iterable[str] | None = None, lang: str | None = None) -> str:
    """A person's role as a reader writes it: ranks first, then the functions with the first
    affiliation after them (['juru bicara', 'Mayjen'] + ['Kementerian Pertahanan Rusia'] ->
    'Mayjen, juru bicara Kementerian Pertahanan Rusia'; ['Menteri Luar Negeri'] + ['Rusia'] ->
    'Menteri Luar Negeri Rusia')."""
    ranks = _ranks(lang)
    clean: list[str] = []
    for t in titles or ():
        t = " ".join(str(t).split())
        if t and t.casefold() not in {c.casefold() for c in clean}:
            clean.append(t)
    rank = [t for t in clean if t.split()[0].casefold() in ranks]
    function = ", ".join(t for t in clean if t not in rank)
    affiliation = next((" ".join(str(a).split()) for a in affiliations or () if str(a).strip()), "")
    if affiliation and affiliation.casefold() not in function.casefold():
        function = f"{function} {affiliation}" if function else affiliation
    return ", ".join([*rank, function] if function else rank)


def quote_text(q: dict[str, Any], text: str | None = None) -> str:
    """A quotation for reading: its parts joined by an ellipsis (the attribution between them is
    left out), from the article's text when given, else from the stored quotation."""
    parts = q.get("parts") or []
    if text and len(parts) > 1:
        return " … ".join(" ".join(text[int(p["start"]) : int(p["end"])].split()) for p in parts)
    return " ".join(str(q.get("text") or "").split())


def entity_title(e: dict[str, Any]) -> str:
    out = f"{e.get('type', '')} · {e.get('name', '')}"
    who = role(e.get("titles"), e.get("affiliations"))
    return out + (f" — {who}" if who else "")


def article_marks(
    article: dict[str, Any],
    *,
    entity_href: Callable[[dict[str, Any]], str | None],
    quote_href: Callable[[int, dict[str, Any]], str | None],
) -> tuple[list[Mark], list[Mark]]:
    """The quotation marks and the inner marks of an article dict (``Article.to_dict()``)."""
    n = len(article.get("text") or "")
    quotes: list[Mark] = []
    for i, q in enumerate(article.get("quotes") or []):
        pieces = q.get("parts") or [q]
        title, href, css = quote_title(q), quote_href(i, q), f"quote quote-{q.get('kind', 'direct')}"
        for j, p in enumerate(pieces):
            s, e = int(p["start"]), int(p["end"])
            if 0 <= s < e <= n:
                quotes.append(Mark(s, e, "quote", title, href, css, str(i), f"q{i}" if j == 0 else ""))
    inner: list[Mark] = []
    for ent in article.get("entities") or []:
        href = entity_href(ent)
        for m in ent.get("mentions") or []:
            inner.append(
                Mark(
                    int(m["start"]), int(m["end"]), "entity", entity_title(ent), href, f"ent ent-{ent.get('type', 'X')}"
                )
            )
    for t in article.get("times") or []:
        inner.append(Mark(int(t["start"]), int(t["end"]), "time", time_title(t), None, "time", t.get("value") or ""))
    for q in article.get("quantities") or []:
        inner.append(Mark(int(q["start"]), int(q["end"]), "quantity", quantity_title(q), None, "qty"))
    for s in article.get("sources") or []:
        if not s.get("in_original"):
            inner.append(
                Mark(
                    int(s["start"]),
                    int(s["end"]),
                    "source",
                    f"{s.get('relation', 'cited')} source: {s.get('name', '')}",
                    None,
                    "src",
                )
            )
    inner = [m for m in inner if 0 <= m.start < m.end <= n]
    return _non_overlapping(quotes, key=lambda m: (m.start, -(m.end - m.start))), _non_overlapping(
        inner, key=lambda m: (m.start, -(m.end - m.start), INNER_ORDER[m.kind])
    )


def _non_overlapping(marks: list[Mark], key: Callable[[Mark], Any]) -> list[Mark]:
    out: list[Mark] = []
    last_end = -1
    for m in sorted(marks, key=key):
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


def _open(m: Mark, in_link: bool) -> str:
    attrs = f' class="{escape(m.css)}" title="{escape(m.title)}"'
    if m.kind == "quote":
        attrs += f' data-quote="{escape(m.key)}"'
        if m.anchor:
            attrs += f' id="{escape(m.anchor)}"'
        if m.href:
            return f'<a href="{escape(m.href)}"{attrs}>'
        return f"<mark{attrs}>"
    if m.kind == "time" and m.key:
        attrs += f' data-value="{escape(m.key)}"'
    if m.href and not in_link:
        return f'<a href="{escape(m.href)}"{attrs}>'
    return f'<span tabindex="0"{attrs}>'


def _close(m: Mark, in_link: bool) -> str:
    if m.kind == "quote":
        return "</a>" if m.href else "</mark>"
    return "</a>" if m.href and not in_link else "</span>"


def paragraphs(article: dict[str, Any]) -> list[tuple[int, int]]:
    text = article.get("text") or ""
    spans = [(int(p["start"]), int(p["end"])) for p in article.get("paragraphs") or []]
    spans = [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    if not spans and text.strip():
        spans, pos = [], 0
        for block in text.split("\n\n"):
            if block.strip():
                spans.append((pos, pos + len(block)))
            pos += len(block) + 2
    return sorted(spans)


def render_paragraph(text: str, start: int, end: int, quotes: Iterable[Mark], inner: Iterable[Mark]) -> Markup:
    """One paragraph ``text[start:end]`` as escaped HTML with its marks."""
    qs = [
        replace(m, start=max(m.start, start), end=min(m.end, end), anchor=m.anchor if m.start >= start else "")
        for m in quotes
        if m.start < end and m.end > start
    ]
    # cut inner marks at paragraph and quotation boundaries so that tags nest
    cuts = sorted({start, end, *(q.start for q in qs), *(q.end for q in qs)})
    pieces: list[Mark] = []
    for m in inner:
        if m.start >= end or m.end <= start:
            continue
        s, e = max(m.start, start), min(m.end, end)
        inside = [c for c in cuts if s < c < e]
        for a, b in zip([s, *inside], [*inside, e], strict=True):
            pieces.append(replace(m, start=a, end=b))
    bounds = sorted(
        {start, end, *(m.start for m in qs), *(m.end for m in qs), *(m.start for m in pieces), *(m.end for m in pieces)}
    )
    q_at = {m.start: m for m in qs}
    i_at = {m.start: m for m in pieces}
    out: list[str] = []
    cur_q: Mark | None = None
    cur_i: Mark | None = None
    i_link = False  # the inner mark sits inside a quotation link (so it is no link itself)
    for a, b in zip(bounds, bounds[1:], strict=False):
        if cur_i is not None and cur_i.end <= a:
            out.append(_close(cur_i, i_link))
            cur_i = None
        if cur_q is not None and cur_q.end <= a:
            out.append(_close(cur_q, False))
            cur_q = None
        if a in q_at:
            cur_q = q_at[a]
            out.append(_open(cur_q, False))
        if a in i_at:
            cur_i = i_at[a]
            i_link = cur_q is not None and cur_q.href is not None
            out.append(_open(cur_i, i_link))
        out.append(str(escape(text[a:b])))
    if cur_i is not None:
        out.append(_close(cur_i, i_link))
    if cur_q is not None:
        out.append(_close(cur_q, False))
    return Markup("".join(out))


def render_body(
    article: dict[str, Any],
    *,
    entity_href: Callable[[dict[str, Any]], str | None],
    quote_href: Callable[[int, dict[str, Any]], str | None],
) -> list[Markup]:
    quotes, inner = article_marks(article, entity_href=entity_href, quote_href=quote_href)
    text = article.get("text") or ""
    return [render_paragraph(text, s, e, quotes, inner) for s, e in paragraphs(article)]


_SNIPPET_MATCH = re.compile(r"\[([^\[\]]{1,200})\]")


def snippet(text: Any) -> Markup:
    """A search snippet with its matches (the store marks them ``[like this]``) in ``<mark>``."""
    safe = str(escape(" ".join(str(text or "").split())))
    return Markup(_SNIPPET_MATCH.sub(r"<mark>\1</mark>", safe))


def fmt_int(v: Any) -> str:
    try:
        return f"{int(v):,}"
    except (TypeError, ValueError):
        return ""
