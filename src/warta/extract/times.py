"""Pipeline stage ``times``: time expressions with ISO 8601 values and the anchor they used.

Absolute expressions ("3 Desember 2016", "tahun 2015") need no anchor. Dates without a year and
relative expressions resolve against the date the sentence hangs on when the sentence names one
("kemarin ..., kata X, Sabtu (3/12)" -> the day before 3 December), otherwise against the
publication date (``article.published``, given or inferred).
"""

from __future__ import annotations

from datetime import date

from warta.article import Article, Span, TimeExpr
from warta.extract.timegrammar import Found, find
from warta.extract.timeresolve import Resolved, iso_day, resolve

# kinds whose value never depends on an anchor when they carry a year
_ANCHOR_KINDS = ("day",)


def published_anchor(article: Article) -> tuple[date | None, float]:
    pub = article.published
    if pub is None or not pub.value:
        return None, 0.0
    return iso_day(pub.value[:10]), float(pub.confidence)


def _is_hanging_date(found: Found, res: Resolved) -> bool:
    """An explicit calendar day that a sentence's relative expressions can hang on."""
    return found.kind == "day" and found.f.get("month") is not None and res.day is not None and res.note is None


def resolve_span(text: str, start: int, end: int, pub: date | None, pub_conf: float) -> list[TimeExpr]:
    """Find and resolve the time expressions of one sentence ``text[start:end]``."""
    found = find(text, start, end)
    out: list[TimeExpr] = []
    first: list[tuple[Found, Resolved]] = [(f, resolve(f, pub, anchor_conf=pub_conf)) for f in found]
    hanging: tuple[Found, date] | None = None
    for f, r in first:
        if _is_hanging_date(f, r) and r.day is not None:
            hanging = (f, r.day)
            break
    for f, r in first:
        anchor_src: str | None = None
        anchor: date | None = None
        if r.uses_anchor:
            if hanging is not None and hanging[0] is not f and not _is_hanging_date(f, r):
                anchor, anchor_src = hanging[1], "sentence"
                r = resolve(f, anchor, anchor_conf=min(1.0, pub_conf + 0.1) if pub else 0.8)
            elif pub is not None:
                anchor, anchor_src = pub, "published"
        else:
            anchor_src = "explicit"
        out.append(
            TimeExpr(
                start=f.start,
                end=f.end,
                text=f.text,
                value=r.value,
                grain=r.grain,
                anchor=anchor.isoformat() if anchor else None,
                anchor_source=anchor_src,
                confidence=round(r.confidence, 3),
                note=r.note,
                part_of_day=r.part_of_day,
            )
        )
    return out


def find_spans(text: str) -> list[Found]:
    """The time expressions of a text, unresolved (spans and fields only)."""
    return find(text)


def annotate(article: Article) -> None:
    """Stage: fill ``article.times``."""
    if not article.text:
        return
    pub, pub_conf = published_anchor(article)
    spans = article.sentences or [Span(0, len(article.text))]
    for s in spans:
        article.times.extend(resolve_span(article.text, s.start, s.end, pub, pub_conf))
