"""Resolving found time expressions (``grammar.Found``) to ISO 8601 values against an anchor.

Values follow the annotation guidelines: a day ``2016-12-03``, a month ``2016-11``, a year
``2016``, a week ``2016-W48``, a quarter ``2008-Q1``, a half-year ``2007-H1``, a range
``2016-12-01/2016-12-03``, a datetime with its offset ``2016-12-05T14:30+07:00``. Parts of a
period ("pertengahan November", "akhir tahun ini") become ranges inside the period.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from warta.extract.time.grammar import Found
from warta.extract.time.lexicon import PackLike, TimeLexicon, lexicon
from warta.extract.time.numwords import lexicon as num_lexicon
from warta.extract.time.numwords import parse_number


@dataclass
class Resolved:
    value: str | None
    grain: str | None
    confidence: float
    note: str | None = None
    part_of_day: str | None = None
    uses_anchor: bool = True  # False for absolute values (full dates, years)
    day: date | None = None  # the calendar day, when the value is one day (or a datetime in it)


def weekday_name(weekday: int, pack: PackLike = None) -> str:
    """The name of a weekday (Monday = 0) as the language pack writes it."""
    return lexicon(pack).weekday_names[weekday]


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _month_str(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _week_str(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _weekend(sat: date, conf: float) -> Resolved:
    return Resolved(f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}", "day", conf)


def infer_year(month: int, day: int | None, anchor: date, direction: int | None = None) -> int | None:
    """The year of a day/month without one, closest to the anchor (the past preferred in news)."""
    best: tuple[float, int] | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(y, month, day or 15)
        if d is None:
            continue
        delta = (d - anchor).days
        if direction == -1 and delta >= (0 if day else -15):
            continue
        if direction == 1 and delta <= 0:
            continue
        cost = abs(delta) * (1.0 if delta <= 0 else 1.5)  # reported events are mostly past
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else None


def _clock(found: Found, day: date, base_conf: float, lx: TimeLexicon) -> Resolved:
    f = found.f
    hh, mm = f["hh"], f["mm"]
    part = f.get("part")
    if part in ("AF", "EV", "NI") and hh < 12 and not (part == "NI" and hh <= 4):
        hh += 12  # "jam 8 malam" = 20:00
    if hh == 24:
        hh, day = 0, day + timedelta(days=1)
    if hh > 23 or mm > 59:
        return Resolved(None, None, 0.2, note="invalid clock time")
    off = lx.zones.get(f["tz"]) if f.get("tz") else None
    if f.get("mm_given", True):
        value, grain = f"{day.isoformat()}T{hh:02d}:{mm:02d}" + (off or ""), "minute"
    else:  # "pukul 8": the hour only
        value, grain = f"{day.isoformat()}T{hh:02d}" + (off or ""), "hour"
    return Resolved(value, grain, base_conf, part_of_day=part, day=day)


def _check_weekday(weekday: int | None, d: date, lx: TimeLexicon) -> str | None:
    if weekday is None or d.weekday() == weekday:
        return None
    names = lx.weekday_names
    return f"weekday {names[weekday]} does not match {d.isoformat()} ({names[d.weekday()]})"


def _span_of(target: str, y: int, m: int | None, mod: tuple[float, float]) -> tuple[str, str]:
    """The (start, end) ISO values for a fraction ``mod`` of a month or a year."""
    lo, hi = mod
    if target == "month" and m is not None:
        n = calendar.monthrange(y, m)[1]
        d1 = max(1, round(lo * n) + (1 if lo > 0 else 0))
        d2 = max(d1, round(hi * n))
        if lo == 0.0:
            d1 = 1
        if hi == 1.0:
            d2 = n
        # thirds of a month: 1-10, 11-20, 21-end
        if (lo, hi) == (0.0, 0.33):
            d2 = 10
        elif (lo, hi) == (0.34, 0.66):
            d1, d2 = 11, 20
        elif (lo, hi) == (0.67, 1.0):
            d1 = 21
        return date(y, m, d1).isoformat(), date(y, m, d2).isoformat()
    m1 = int(lo * 12) + 1
    m2 = max(m1, round(hi * 12))
    if (lo, hi) == (0.0, 0.33):
        m1, m2 = 1, 4
    elif (lo, hi) == (0.34, 0.66):
        m1, m2 = 5, 8
    elif (lo, hi) == (0.67, 1.0):
        m1, m2 = 9, 12
    return _month_str(y, m1), _month_str(y, m2)


def resolve(found: Found, anchor: date | None, *, anchor_conf: float = 1.0, pack: PackLike = None) -> Resolved:
    """Resolve one expression; ``anchor`` is the reference day (None: only absolute values)."""
    try:
        return _resolve(found, anchor, anchor_conf, lexicon(pack), pack)
    except (ValueError, OverflowError, KeyError, TypeError) as exc:  # odd input never crashes the pipeline
        return Resolved(None, None, 0.1, note=f"unresolved: {exc}")


# kind -> resolver. Absolute kinds resolve without an anchor when they carry a year; relative
# kinds need one.
Resolver = Callable[[Found, date | None, float, TimeLexicon, PackLike], Resolved]
RelativeResolver = Callable[[Found, date, float, TimeLexicon, PackLike], Resolved]


def _resolve(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    absolute = _ABSOLUTE.get(found.kind)
    if absolute is not None:
        return absolute(found, anchor, ac, lx, pack)
    if anchor is None:
        return Resolved(None, None, 0.2, note="relative expression without an anchor")
    relative = _RELATIVE.get(found.kind)
    if relative is not None:
        return relative(found, anchor, ac, lx, pack)
    return Resolved(None, None, 0.1, note=f"unknown kind {found.kind}")


def _day_range(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    y = f["year"] or (infer_year(f["month"], f["d1"], anchor) if anchor else None)
    if y is None:
        return Resolved(None, "day", 0.2, note="no year and no anchor")
    d1, d2 = safe_date(y, f["month"], f["d1"]), safe_date(y, f["month"], f["d2"])
    if d1 is None or d2 is None or d2 < d1:
        return Resolved(None, None, 0.1, note="invalid date range")
    return Resolved(
        f"{d1.isoformat()}/{d2.isoformat()}", "day", 0.95 if f["year"] else 0.85 * ac, uses_anchor=not f["year"]
    )


def _cross_range(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    y2 = f["y2"] or (infer_year(f["m2"], f["d2"], anchor) if anchor else None)
    if y2 is None:
        return Resolved(None, "day", 0.2, note="no year and no anchor")
    y1 = f["y1"] or (y2 if (f["m1"], f["d1"]) <= (f["m2"], f["d2"]) else y2 - 1)
    d1, d2 = safe_date(y1, f["m1"], f["d1"]), safe_date(y2, f["m2"], f["d2"])
    if d1 is None or d2 is None or d2 < d1:
        return Resolved(None, None, 0.1, note="invalid date range")
    return Resolved(
        f"{d1.isoformat()}/{d2.isoformat()}", "day", 0.95 if f["y2"] else 0.85 * ac, uses_anchor=not f["y2"]
    )


def _month_range(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    y = f["year"] or (anchor.year if anchor else None)
    if y is None:
        return Resolved(None, "month", 0.2, note="no year and no anchor")
    y1 = y if f["m1"] <= f["m2"] else y - 1
    return Resolved(
        f"{_month_str(y1, f['m1'])}/{_month_str(y, f['m2'])}",
        "month",
        0.95 if f["year"] else 0.7 * ac,
        uses_anchor=not f["year"],
    )


def _month(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    if f["year"]:
        return Resolved(_month_str(f["year"], f["month"]), "month", 0.95, uses_anchor=False)
    if anchor is None:
        return Resolved(None, "month", 0.2, note="no year and no anchor")
    d = f.get("dir")
    if d == -1:
        y = anchor.year if f["month"] < anchor.month else anchor.year - 1
    elif d == 1:
        y = anchor.year if f["month"] > anchor.month else anchor.year + 1
    elif d == 0:
        y = anchor.year
    else:
        y = infer_year(f["month"], None, anchor) or anchor.year
    return Resolved(_month_str(y, f["month"]), "month", (0.85 if d is not None else 0.7) * ac)


def _year_range(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    return Resolved(f"{found.f['y1']:04d}/{found.f['y2']:04d}", "year", 0.9, uses_anchor=False)


def _year(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    if f.get("approx"):
        return Resolved(f"{f['y']:04d}", "year", 0.7, note="approximate (-an)", uses_anchor=False)
    return Resolved(f"{f['y']:04d}", "year", 0.9, uses_anchor=False)


def _vague(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    return Resolved(None, None, 0.5, note=f"vague {found.f['ref']} reference", uses_anchor=False)


def _decade(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    y = found.f["y"]
    return Resolved(f"{y:04d}/{y + 9:04d}", "decade", 0.85, uses_anchor=False)


def _century(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    n = found.f["n"]
    return Resolved(f"{(n - 1) * 100 + 1:04d}/{n * 100:04d}", "century", 0.85, uses_anchor=False)


def _quarter(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    y = f["year"] or (anchor.year + f.get("dir", 0) if anchor else None)
    if y is None:
        return Resolved(None, "quarter", 0.2, note="no year and no anchor")
    if f["q"]:
        return Resolved(f"{y:04d}-Q{f['q']}", "quarter", 0.9 if f["year"] else 0.75 * ac, uses_anchor=not f["year"])
    return Resolved(f"{y:04d}-H{f['h']}", "half", 0.9 if f["year"] else 0.75 * ac, uses_anchor=not f["year"])


def _deictic(found: Found, anchor: date, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    day = anchor + timedelta(days=f["offset"])
    if "hh" in f:
        return _clock(found, day, 0.85 * ac, lx)
    return Resolved(day.isoformat(), "day", 0.9 * ac, part_of_day=f.get("part"), day=day)


def _unit_rel(found: Found, anchor: date, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    unit, d = found.f["unit"], found.f["dir"]
    if unit == "week":
        return Resolved(_week_str(anchor + timedelta(weeks=d)), "week", 0.85 * ac)
    if unit == "weekend":
        sat = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5) + timedelta(weeks=d)
        return _weekend(sat, 0.8 * ac)
    if unit == "month":
        y, m = _shift_month(anchor.year, anchor.month, d)
        return Resolved(_month_str(y, m), "month", 0.85 * ac)
    if unit == "year":
        return Resolved(f"{anchor.year + d:04d}", "year", 0.85 * ac)
    if unit == "decade":
        y0 = anchor.year - anchor.year % 10 + 10 * d
        return Resolved(f"{y0:04d}/{y0 + 9:04d}", "decade", 0.7 * ac)
    if unit == "century":
        c = (anchor.year - 1) // 100 + d
        return Resolved(f"{c * 100 + 1:04d}/{c * 100 + 100:04d}", "century", 0.7 * ac)
    return Resolved(None, unit, 0.3, note="unsupported unit")


def _clock_alone(found: Found, anchor: date, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    return _clock(found, anchor, 0.75 * ac, lx)


def _resolve_day(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    weekday = f.get("weekday")
    month, day = f.get("month"), f.get("day")
    if month is None and f.get("recurring"):  # "setiap Rabu", "Senin-Jumat"
        return Resolved(
            f"XXXX-WXX-{weekday + 1}",
            "day",
            0.8,
            note="recurring weekday",
            part_of_day=f.get("part"),
            uses_anchor=False,
        )
    if month is None:  # a weekday alone: the nearest such day (past by default, "depan" next)
        return _weekday_alone(found, anchor, ac, lx)
    if not (1 <= month <= 12) or not (1 <= day <= 31):
        return Resolved(
            None, None, 0.1, note=f"invalid date {day}/{month}", part_of_day=f.get("part"), uses_anchor=False
        )
    year = f.get("year")
    if year is None and f.get("year2") is not None:
        y2 = f["year2"]
        year = 2000 + y2 if (anchor is None or 2000 + y2 <= anchor.year + 1) else 1900 + y2
    uses_anchor = year is None
    conf = 0.95
    if year is None:
        if anchor is None:
            if safe_date(2000, month, day) is None:  # 2000 is a leap year: 29/2 is fine
                return Resolved(None, None, 0.1, note=f"invalid date {day}/{month}", uses_anchor=False)
            return Resolved(
                f"XXXX-{month:02d}-{day:02d}", "day", 0.2, note="no year and no anchor", part_of_day=f.get("part")
            )
        year = infer_year(month, day, anchor, f.get("dir"))
        if year is None:
            return Resolved(None, None, 0.1, note=f"invalid date {day}/{month}", part_of_day=f.get("part"))
        conf = 0.9 * ac
    return _dated_day(found, year, conf, uses_anchor, lx)


def _dated_day(found: Found, year: int, conf: float, uses_anchor: bool, lx: TimeLexicon) -> Resolved:
    f = found.f
    month, day = f["month"], f["day"]
    d = safe_date(year, month, day)
    if d is None:
        return Resolved(
            None, None, 0.1, note=f"invalid date {day}/{month}/{year}", part_of_day=f.get("part"), uses_anchor=False
        )
    note = _check_weekday(f.get("weekday"), d, lx)
    if note:
        conf = min(conf, 0.3)
    if "hh" in f:
        r = _clock(found, d, conf, lx)
        r.note = note or r.note
        r.uses_anchor = uses_anchor
        return r
    return Resolved(d.isoformat(), "day", conf, note=note, part_of_day=f.get("part"), uses_anchor=uses_anchor, day=d)


def _weekday_alone(found: Found, anchor: date | None, ac: float, lx: TimeLexicon) -> Resolved:
    f = found.f
    weekday = f.get("weekday")
    if anchor is None:
        return Resolved(None, "day", 0.2, note="weekday without an anchor", part_of_day=f.get("part"))
    d = f.get("dir")
    delta = (anchor.weekday() - weekday) % 7
    if d == -1:
        delta = delta or 7
        target = anchor - timedelta(days=delta)
    elif d == 1:
        target = anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    elif d == 0:
        target = anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
    else:
        target = anchor - timedelta(days=delta)
    if "hh" in f:
        return _clock(found, target, 0.75 * ac, lx)
    return Resolved(
        target.isoformat(), "day", (0.85 if d is not None else 0.75) * ac, part_of_day=f.get("part"), day=target
    )


def _resolve_period_part(found: Found, anchor: date | None, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    target = f["target"]
    mod = tuple(f["mod"])
    if target == "month" and f.get("month") is not None:  # a named month: "pertengahan November"
        y = f.get("year")
        if y is None:
            if anchor is None:
                return Resolved(None, "day", 0.2, note="no year and no anchor")
            y = infer_year(f["month"], None, anchor) or anchor.year
            conf = 0.75 * ac
        else:
            conf = 0.85
        a, b = _span_of("month", y, f["month"], mod)  # type: ignore[arg-type]
        return Resolved(f"{a}/{b}", "day", conf, uses_anchor=f.get("year") is None)
    if target == "year" and f.get("year") is not None:
        a, b = _span_of("year", f["year"], None, mod)  # type: ignore[arg-type]
        return Resolved(f"{a}/{b}", "month", 0.85, uses_anchor=False)
    if anchor is None:
        return Resolved(None, None, 0.2, note="relative expression without an anchor")
    return _relative_period_part(found, anchor, ac)


def _relative_period_part(found: Found, anchor: date, ac: float) -> Resolved:
    f = found.f
    target = f["target"]
    mod = tuple(f["mod"])
    d = f.get("dir")
    if target == "weekend" and d is None:  # "akhir pekan": the nearest weekend
        past = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
        nxt = past + timedelta(days=7)
        sat = past if (anchor - past).days <= (nxt - anchor).days else nxt
        if anchor.weekday() == 6:
            sat = anchor - timedelta(days=1)
        return _weekend(sat, 0.6 * ac)
    d = d or 0
    if target == "year":
        a, b = _span_of("year", anchor.year + d, None, mod)  # type: ignore[arg-type]
        return Resolved(f"{a}/{b}", "month", 0.8 * ac)
    if target == "month":
        y, m = _shift_month(anchor.year, anchor.month, d)
        a, b = _span_of("month", y, m, mod)  # type: ignore[arg-type]
        return Resolved(f"{a}/{b}", "day", 0.8 * ac)
    if target == "weekend":
        sat = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5) + timedelta(weeks=d)
        return _weekend(sat, 0.8 * ac)
    if target == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=d)
        lo, hi = mod
        a, b = monday + timedelta(days=round(lo * 6)), monday + timedelta(days=round(hi * 6))
        return Resolved(f"{a.isoformat()}/{b.isoformat()}", "day", 0.7 * ac)
    return Resolved(None, None, 0.3, note=f"unsupported period {target}")


def _resolve_count(found: Found, anchor: date, ac: float, lx: TimeLexicon, pack: PackLike) -> Resolved:
    f = found.f
    n_text = f["n_text"]
    if n_text.lower() in lx.grammar.vague_counts:
        return Resolved(None, f["unit"], 0.3, note="vague amount of time")
    n = 1.0 if n_text.lower() == num_lexicon(pack).prefix_one else parse_number(n_text, pack=pack)
    if n is None or n != int(n) or n > 10000:
        return Resolved(None, f["unit"], 0.3, note="amount not understood")
    k = int(n) * f["dir"]
    unit = f["unit"]
    if unit == "day":
        d = anchor + timedelta(days=k)
        return Resolved(d.isoformat(), "day", 0.85 * ac, day=d)
    if unit == "week":
        return Resolved(_week_str(anchor + timedelta(weeks=k)), "week", 0.8 * ac)
    if unit == "month":
        y, m = _shift_month(anchor.year, anchor.month, k)
        return Resolved(_month_str(y, m), "month", 0.8 * ac)
    if unit == "year":
        return Resolved(f"{anchor.year + k:04d}", "year", 0.8 * ac)
    if unit == "decade":
        return Resolved(f"{anchor.year + 10 * k:04d}", "year", 0.5 * ac, note="approximate")
    if unit == "century":
        return Resolved(f"{anchor.year + 100 * k:04d}", "year", 0.4 * ac, note="approximate")
    return Resolved(None, unit, 0.4, note="hours and minutes ago need the publication time")


_ABSOLUTE: dict[str, Resolver] = {
    "day": _resolve_day,
    "day_range": _day_range,
    "cross_range": _cross_range,
    "month_range": _month_range,
    "month": _month,
    "year_range": _year_range,
    "year": _year,
    "vague": _vague,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter,
    "period_part": _resolve_period_part,
}
_RELATIVE: dict[str, RelativeResolver] = {
    "deictic": _deictic,
    "count_rel": _resolve_count,
    "unit_rel": _unit_rel,
    "clock": _clock_alone,
}


def iso_day(value: str | None) -> date | None:
    """The day of a day or datetime value ("2016-12-03", "2016-12-03T14:30+07:00")."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:T|$)", value)
    return safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None
