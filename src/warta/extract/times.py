"""Pipeline stage ``times``: time expressions with ISO 8601 values and the anchor they used.

Absolute expressions ("3 Desember 2016", "tahun 2015") need no anchor. Dates without a year and
relative expressions resolve against the date the sentence hangs on when the sentence names one
("kemarin ..., kata X, Sabtu (3/12)" -> the day before 3 December), otherwise against the
publication date (``article.published``, given or inferred).
"""

from __future__ import annotations

import re
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


def _is_hanging_date(found: Found, res: Resolved, text: str = "") -> bool:
    """The reporting date of a sentence: a weekday with a date set off by a comma, the way
    Indonesian news dates a statement ("..., kata Lavrov, Sabtu (3/12), seperti dikutip RT")."""
    if found.kind != "day" or found.f.get("month") is None or found.f.get("weekday") is None:
        return False
    if res.day is None or res.note is not None:
        return False
    return not text or bool(re.search(r",\s*$", text[max(0, found.start - 3) : found.start]))


def _anaphoric(f: Found, before: list[tuple[Found, Resolved]], r: Resolved) -> tuple[date | None, Resolved]:
    """'tahun sebelumnya', 'sebulan kemudian': counted from the time named just before."""
    for pf, pr in reversed(before):
        if pr.value is None:
            continue
        if pr.day is not None:
            return pr.day, resolve(f, pr.day, anchor_conf=0.8)
        # a year or a month named before (or the start of a range of them): enough for a count
        # in units at least as coarse ("tahun sebelumnya" after "paruh pertama 2019", "bulan
        # sebelumnya" after "Juni 2019"), not for days
        m = re.match(r"(\d{4})(?:-(\d{2}))?(?:/|$)", pr.value)
        unit = f.f.get("unit")
        if m and (unit in ("year", "decade", "century") or (unit == "month" and m.group(2))):
            anchor = date(int(m.group(1)), int(m.group(2) or 7), 15 if m.group(2) else 1)
            return anchor, resolve(f, anchor, anchor_conf=0.8)
        return None, Resolved(None, f.f.get("unit"), 0.2, note=f"counted from {pf.text!r}, too coarse to resolve")
    return None, Resolved(None, f.f.get("unit"), 0.2, note="counted from a time not named in the sentence")


def _apposed(a: Found, b: Found, text: str) -> bool:
    """Two expressions side by side name the same day ("besok, Rabu 11 September", "kemarin (9/9)")."""
    lo, hi = (a, b) if a.end <= b.start else (b, a)
    gap = text[lo.end : hi.start]
    return len(gap) <= 12 and bool(
        re.fullmatch(r"[\s,(]*(?:(?:pada|yakni|yaitu|tanggal|hari|harinya)\b)?[\s,(]*", gap, re.IGNORECASE)
    )


def resolve_span(text: str, start: int, end: int, pub: date | None, pub_conf: float) -> list[TimeExpr]:
    """Find and resolve the time expressions of one sentence ``text[start:end]``."""
    found = find(text, start, end)
    out: list[TimeExpr] = []
    first: list[tuple[Found, Resolved]] = [(f, resolve(f, pub, anchor_conf=pub_conf)) for f in found]
    hanging: tuple[Found, date] | None = None
    for f, r in first:
        if _is_hanging_date(f, r, text) and r.day is not None:
            hanging = (f, r.day)
            break
    dated = [(f, r) for f, r in first if f.kind == "day" and f.f.get("month") is not None and r.day is not None]
    for i, (f, r) in enumerate(first):
        anchor_src: str | None = None
        anchor: date | None = None
        apposed = (
            next((d for d in dated if d[0] is not f and _apposed(f, d[0], text)), None) if f.kind == "deictic" else None
        )
        if f.f.get("anaphoric"):
            anchor, r = _anaphoric(f, first[:i], r)
            anchor_src = "sentence" if anchor else None
        elif apposed is not None and r.uses_anchor:
            # "besok, Rabu (11/9)", "kemarin (9/9/2019)": the relative word names the day beside it
            day = apposed[1].day
            anchor, anchor_src = day, "sentence"
            r = Resolved(
                day.isoformat() if day else None,
                "day",
                apposed[1].confidence,
                note=f"same day as {apposed[0].text!r}",
                part_of_day=r.part_of_day,
                day=day,
            )
        elif r.uses_anchor:
            if (
                hanging is not None
                and hanging[0] is not f
                and f.f.get("month") is None
                and not _apposed(f, hanging[0], text)
            ):
                anchor, anchor_src = hanging[1], "sentence"
                r = resolve(f, anchor, anchor_conf=min(1.0, pub_conf + 0.1) if pub else 0.8)
            elif pub is not None:
                anchor, anchor_src = pub, "published"
        else:
            anchor_src = "explicit"
        if r.value is None and anchor is None:
            anchor_src = None
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


def model_only(text: str, start: int, end: int, found: list[TimeExpr]) -> list[TimeExpr]:
    """TIME spans the learned detector (``timequant``) finds where the rule grammar found nothing.

    The grammar stays the normaliser: a bare year gets its value, anything else is reported
    without a value (and says why) rather than guessed.
    """
    from warta.extract import timegrammar, timequant

    det = timequant.detector()
    if det is None:
        return []
    lx = timegrammar.lexicon()
    out = []
    for a, b in det.spans(text, start, end)["TIME"]:
        if any(t.start < b and a < t.end for t in found):
            continue
        span = text[a:b]
        year = re.fullmatch(r"\d{4}", span)
        if year and lx.year_min <= int(span) <= lx.year_max:
            out.append(TimeExpr(a, b, span, value=span, grain="year", anchor_source="explicit", confidence=0.6))
        else:
            note = "found by the timequant model; the rule grammar could not read it"
            out.append(TimeExpr(a, b, span, confidence=0.3, note=note))
    return out


def annotate(article: Article) -> None:
    """Stage: fill ``article.times``."""
    if not article.text:
        return
    pub, pub_conf = published_anchor(article)
    spans = article.sentences or [Span(0, len(article.text))]
    for s in spans:
        found = resolve_span(article.text, s.start, s.end, pub, pub_conf)
        found += model_only(article.text, s.start, s.end, found)
        article.times.extend(sorted(found, key=lambda t: t.start))
