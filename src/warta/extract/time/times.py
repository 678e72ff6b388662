"""Pipeline stage ``times``: time expressions with ISO 8601 values and the anchor they used.

Absolute expressions ("3 Desember 2016", "tahun 2015") need no anchor. Dates without a year and
relative expressions resolve against the date the sentence hangs on when the sentence names one
("kemarin ..., kata X, Sabtu (3/12)" -> the day before 3 December), otherwise against the
publication date (``article.published``, given or inferred).

Each sentence is read once by the grammar: its expressions are resolved, and when the sentence
read alone gives the same expressions they are also the learned detector's features (with the
quantities outside them, which the ``quantities`` stage then reuses).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from warta import lang
from warta.article import Article, Span, TimeExpr
from warta.extract.time import grammar, tagger
from warta.extract.time.grammar import Found
from warta.extract.time.lexicon import PackLike, lexicon, pack_of
from warta.extract.time.resolve import Resolved, iso_day, resolve
from warta.lang import LanguagePack
from warta.stages import stage


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


def _anaphoric(
    f: Found, before: list[tuple[Found, Resolved]], r: Resolved, pack: PackLike
) -> tuple[date | None, Resolved]:
    """'tahun sebelumnya', 'sebulan kemudian': counted from the time named just before."""
    for pf, pr in reversed(before):
        if pr.value is None:
            continue
        if pr.day is not None:
            return pr.day, resolve(f, pr.day, anchor_conf=0.8, pack=pack)
        # a year or a month named before (or the start of a range of them): enough for a count
        # in units at least as coarse ("tahun sebelumnya" after "paruh pertama 2019", "bulan
        # sebelumnya" after "Juni 2019"), not for days
        m = re.match(r"(\d{4})(?:-(\d{2}))?(?:/|$)", pr.value)
        unit = f.f.get("unit")
        if m and (unit in ("year", "decade", "century") or (unit == "month" and m.group(2))):
            anchor = date(int(m.group(1)), int(m.group(2) or 7), 15 if m.group(2) else 1)
            return anchor, resolve(f, anchor, anchor_conf=0.8, pack=pack)
        return None, Resolved(None, f.f.get("unit"), 0.2, note=f"counted from {pf.text!r}, too coarse to resolve")
    return None, Resolved(None, f.f.get("unit"), 0.2, note="counted from a time not named in the sentence")


@cache
def _apposition(pack: LanguagePack) -> re.Pattern[str]:
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lexicon(pack).apposition)
    return re.compile(rf"[\s,(]*(?:(?:{words})\b)?[\s,(]*", re.IGNORECASE)


def _apposed(a: Found, b: Found, text: str, pack: LanguagePack) -> bool:
    """Two expressions side by side name the same day ("besok, Rabu 11 September", "kemarin (9/9)")."""
    lo, hi = (a, b) if a.end <= b.start else (b, a)
    gap = text[lo.end : hi.start]
    return len(gap) <= 12 and bool(_apposition(pack).fullmatch(gap))


def resolve_span(
    text: str, start: int, end: int, pub: date | None, pub_conf: float, *, pack: PackLike = None
) -> list[TimeExpr]:
    """Find and resolve the time expressions of one sentence ``text[start:end]``."""
    return resolve_found(text, grammar.find(text, start, end, pack=pack), pub, pub_conf, pack=pack)


def resolve_found(
    text: str, found: list[Found], pub: date | None, pub_conf: float, *, pack: PackLike = None
) -> list[TimeExpr]:
    """Resolve the expressions ``found`` in one sentence of ``text``."""
    p = pack_of(pack)
    first: list[tuple[Found, Resolved]] = [(f, resolve(f, pub, anchor_conf=pub_conf, pack=p)) for f in found]
    hanging: tuple[Found, date] | None = None
    for f, r in first:
        if _is_hanging_date(f, r, text) and r.day is not None:
            hanging = (f, r.day)
            break
    dated = [(f, r) for f, r in first if f.kind == "day" and f.f.get("month") is not None and r.day is not None]
    out: list[TimeExpr] = []
    for i, (f, r) in enumerate(first):
        anchor, anchor_src, r = _anchored(text, i, first, dated, hanging, pub, pub_conf, p)
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


def _anchored(
    text: str,
    i: int,
    first: list[tuple[Found, Resolved]],
    dated: list[tuple[Found, Resolved]],
    hanging: tuple[Found, date] | None,
    pub: date | None,
    pub_conf: float,
    pack: LanguagePack,
) -> tuple[date | None, str | None, Resolved]:
    """The anchor of the ``i``-th expression of a sentence, where it comes from, and the value."""
    f, r = first[i]
    anchor_src: str | None = None
    anchor: date | None = None
    apposed = (
        next((d for d in dated if d[0] is not f and _apposed(f, d[0], text, pack)), None)
        if f.kind == "deictic"
        else None
    )
    if f.f.get("anaphoric"):
        anchor, r = _anaphoric(f, first[:i], r, pack)
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
            and not _apposed(f, hanging[0], text, pack)
        ):
            anchor, anchor_src = hanging[1], "sentence"
            r = resolve(f, anchor, anchor_conf=min(1.0, pub_conf + 0.1) if pub else 0.8, pack=pack)
        elif pub is not None:
            anchor, anchor_src = pub, "published"
    else:
        anchor_src = "explicit"
    return anchor, anchor_src, r


def model_only(
    text: str,
    start: int,
    end: int,
    found: list[TimeExpr],
    *,
    pack: PackLike = None,
    view: tagger.ViewSource | None = None,
) -> list[TimeExpr]:
    """TIME spans the learned detector (``tagger``) finds where the rule grammar found nothing.

    The grammar stays the normaliser: a bare year gets its value, anything else is reported
    without a value (and says why) rather than guessed. ``view``: the rule view of the sentence,
    when the caller has it.
    """
    det = tagger.detector()
    if det is None:
        return []
    lx = lexicon(pack)
    out = []
    for a, b in det.spans(text, start, end, view=view)["TIME"]:
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


@stage(requires=("text", "sentences"), assigns=("times",))
def annotate(article: Article) -> None:
    """Stage: fill ``article.times``."""
    if not article.text or lang.skip_unread(article, "times"):
        return
    pack = lang.for_article(article)
    text = article.text
    pub, pub_conf = published_anchor(article)
    spans = article.sentences or [Span(0, len(text))]
    for s in spans:
        found, alone = grammar.find_in_sentence(text, s.start, s.end, pack=pack)
        times = resolve_found(text, found, pub, pub_conf, pack=pack)

        def view(s: Span = s, found: list[Found] | None = found if alone else None) -> tagger.RuleView:
            return tagger.sentence_view(text, s.start, s.end, found, pack)

        times += model_only(text, s.start, s.end, times, pack=pack, view=view)
        article.times.extend(sorted(times, key=lambda t: t.start))
    share_anchors(article.times, text)


LEAD_WORDS = 3  # the words before a relative expression that make two occurrences one phrase


def _lead(text: str, t: TimeExpr) -> tuple[str, ...]:
    words = re.findall(r"\w+", text[max(0, t.start - 80) : t.start].lower())
    return tuple(words[-LEAD_WORDS:])


def share_anchors(times: list[TimeExpr], text: str) -> None:
    """A relative expression repeated after the same words names the same day ("pertemuan di
    Roma kemarin" in the lead and again in the sentence dated "Sabtu (3/12)"): the occurrences
    resolved against the publication date take the day of the one its own sentence dates."""
    dated: dict[tuple[str, tuple[str, ...]], TimeExpr] = {}
    for t in times:
        lead = _lead(text, t)
        if t.anchor_source == "sentence" and t.value is not None and len(lead) == LEAD_WORDS:
            dated.setdefault((t.text.lower(), lead), t)
    if not dated:
        return
    for i, t in enumerate(times):
        if t.anchor_source != "published" and not (t.anchor_source is None and t.value is None):
            continue
        src = dated.get((t.text.lower(), _lead(text, t)))
        if src is None or src is t:
            continue
        times[i] = replace(
            t,
            value=src.value,
            grain=src.grain,
            anchor=src.anchor,
            anchor_source="sentence",
            confidence=src.confidence,
            note=f"the same phrase as at {src.start}, whose sentence names its day",
        )
