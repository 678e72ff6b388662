"""Finding Indonesian time expressions: patterns built from the language pack's ``time.toml``.

Each match is a ``Found`` with the raw fields of the expression (weekday, day, month, year, clock,
direction, ...). Resolving them to calendar values is ``warta.extract.timeresolve``.

Why not dateparser alone: it has no span detection, reports no grain ("bulan depan" and
"tahun lalu" come back as single days), ignores the weekday in "Sabtu (3/12)" even when it
contradicts the date, and returns nothing for "lusa", "dua hari lalu", "pekan lalu", "Sabtu lalu",
"pertengahan November", "akhir tahun ini" (tested with dateparser 1.2, languages=["id"]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from warta import lang
from warta.extract.lexicon_re import alternation as _alt
from warta.extract.numwords import number_pattern


@dataclass
class Found:
    start: int
    end: int
    text: str
    kind: str
    f: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TimeLexicon:
    months: dict[str, int]
    month_abbr: dict[str, int]
    weekdays: dict[str, int]
    parts: dict[str, str]
    zones: dict[str, str]
    clock_words: list[str]
    days: dict[str, int]
    deictic_parts: dict[str, tuple[int, str]]
    units: dict[str, str]
    direction: dict[str, int]
    count_direction: list[str]
    period_parts: dict[str, tuple[float, float]]
    quarter_words: list[str]
    half_words: list[str]
    ordinals: dict[str, int]
    connectors: list[str]
    year_not_after: frozenset[str]
    year_min: int
    year_max: int
    vague: dict[str, str]
    recurring_before: frozenset[str]
    anaphoric: frozenset[str]


@cache
def lexicon(code: str = "id") -> TimeLexicon:
    d = lang.get(code).toml("time")
    return TimeLexicon(
        months={k.lower(): int(v) for k, v in d.get("months", {}).items()},
        month_abbr={k.lower(): int(v) for k, v in d.get("month_abbreviations", {}).items()},
        weekdays={k.lower(): int(v) for k, v in d.get("weekdays", {}).items()},
        parts={k.lower(): str(v) for k, v in d.get("parts_of_day", {}).items()},
        zones={k.lower(): str(v) for k, v in d.get("time_zones", {}).items()},
        clock_words=list(d.get("clock", {}).get("words", [])),
        days={k.lower(): int(v) for k, v in d.get("days", {}).items()},
        deictic_parts={k.lower(): (int(v[0]), str(v[1])) for k, v in d.get("day_parts_deictic", {}).items()},
        units={k.lower(): str(v) for k, v in d.get("units", {}).items()},
        direction={k.lower(): int(v) for k, v in d.get("direction", {}).items()},
        count_direction=list(d.get("count_direction", {}).get("words", [])),
        period_parts={k.lower(): (float(v[0]), float(v[1])) for k, v in d.get("period_parts", {}).items()},
        quarter_words=list(d.get("quarters", {}).get("words", [])),
        half_words=list(d.get("halves", {}).get("words", [])),
        ordinals={str(k).lower(): int(v) for k, v in d.get("ordinals", {}).items()},
        connectors=list(d.get("ranges", {}).get("connectors", [])),
        year_not_after=frozenset(w.lower() for w in d.get("year", {}).get("not_after", [])),
        year_min=int(d.get("year", {}).get("min", 1800)),
        year_max=int(d.get("year", {}).get("max", 2099)),
        vague={k.lower(): str(v) for k, v in d.get("vague", {}).items()},
        recurring_before=frozenset(w.lower() for w in d.get("recurring", {}).get("before", [])),
        anaphoric=frozenset(w.lower() for w in d.get("anaphoric", {}).get("words", [])),
    )


@dataclass(frozen=True)
class Patterns:
    day_expr: re.Pattern[str]
    day_range: re.Pattern[str]
    cross_range: re.Pattern[str]
    month_range: re.Pattern[str]
    month_year: re.Pattern[str]
    year_range: re.Pattern[str]
    year: re.Pattern[str]
    period_part: re.Pattern[str]
    quarter: re.Pattern[str]
    century: re.Pattern[str]
    deictic: re.Pattern[str]
    count_rel: re.Pattern[str]
    unit_rel: re.Pattern[str]
    clock: re.Pattern[str]
    vague: re.Pattern[str]


@cache
def patterns(code: str = "id") -> Patterns:
    lx = lexicon(code)
    mon = _alt(lx.months)
    mona = _alt(list(lx.months) + list(lx.month_abbr))
    wd = _alt(lx.weekdays)
    part = _alt(lx.parts)
    tz = _alt(lx.zones)
    yr = r"(?:1[5-9]\d\d|20\d\d)"
    day = r"(?:[0-3]?\d)"
    direc = _alt(lx.direction)
    conn = _alt(lx.connectors)
    clockw = _alt(lx.clock_words)
    num = number_pattern(code)
    units = _alt(lx.units)
    qw = _alt(lx.quarter_words)
    hw = _alt(lx.half_words)
    ords = _alt(lx.ordinals)
    pparts = _alt(lx.period_parts)
    cdir = _alt(lx.count_direction)

    def clock(p: str) -> str:
        # "pukul 14.30 WIB", "jam 8 malam", "14.00 WIB"
        return (
            rf"(?:(?:{clockw})\s*(?P<{p}hh>[0-2]?\d)(?:[.:](?P<{p}mm>[0-5]\d))?(?!\d)(?:\s*(?P<{p}tz>{tz})\b)?"
            rf"|(?P<{p}hh2>[0-2]?\d)[.:](?P<{p}mm2>[0-5]\d)\s*(?P<{p}tz2>{tz})\b)"
        )

    flags = re.IGNORECASE
    day_expr = re.compile(
        rf"(?<![\w/])(?=(?:{wd})\b|\(\s*\d|\d)"
        rf"(?:(?P<wd>{wd})\b(?:\s+(?P<wddir>lalu|depan|ini|kemarin|mendatang|yang\s+lalu)\b)?(?:\s+(?P<wdpart>{part})\b)?\s*,?\s*)?"
        rf"(?:\(\s*(?P<pd>\d{{1,2}})\s*/\s*(?P<pm>\d{{1,2}})(?:\s*/\s*(?P<py>\d{{4}}|\d{{2}}))?\s*\)"
        rf"|(?P<d>{day})\s+(?P<m>{mona})\b\.?(?:\s+(?P<y>{yr})\b)?"
        rf"|(?P<fd>[0-3]?\d)(?P<sep>[/.-])(?P<fm>[01]?\d)(?P=sep)(?P<fy>\d{{4}})\b)?"
        rf"(?:\s+(?P<ddir>lalu|yang\s+lalu|silam|mendatang)\b)?"
        rf"(?:\s*,?\s*(?P<part>{part})\b)?"
        rf"(?:\s*,?\s*(?:{clock('c')}))?",
        flags,
    )
    day_range = re.compile(
        rf"(?<![\w/])(?P<d1>{day})\s*(?:{conn})\s*(?P<d2>{day})\s+(?P<m>{mona})\b\.?(?:\s+(?P<y>{yr})\b)?",
        flags,
    )
    cross_range = re.compile(
        rf"(?<![\w/])(?P<d1>{day})\s+(?P<m1>{mona})\b\.?(?:\s+(?P<y1>{yr}))?\s*(?:{conn})\s*"
        rf"(?P<d2>{day})\s+(?P<m2>{mona})\b\.?(?:\s+(?P<y2>{yr})\b)?",
        flags,
    )
    month_range = re.compile(
        rf"\b(?:bulan\s+)?(?P<m1>{mon})\s*(?:{conn})\s*(?P<m2>{mon})\b(?:\s+(?:tahun\s+)?(?P<y>{yr})\b)?",
        flags,
    )
    month_year = re.compile(
        rf"\b(?:bulan\s+)?(?:(?P<m>{mon})\b|(?P<ma>{_alt(lx.month_abbr)})\b\.?(?=\s+{yr}))"
        rf"(?:\s+(?:tahun\s+)?(?P<y>{yr})\b|\s+(?P<dir>{direc})\b)?",
        flags,
    )
    year_range = re.compile(
        rf"(?<![\w/.,])(?:(?P<pre>tahun)\s+)?(?P<y1>{yr})\s*(?:{conn})\s*(?P<y2>{yr})\b(?![.,/]\d)",
        flags,
    )
    year = re.compile(
        rf"(?<![\w/.,-])(?:(?P<pre>tahun)\s+)?(?P<y>{yr})(?P<decade>-?an)?\b(?![.,/]\d|-)(?:\s+(?P<ydir>lalu|silam|yang\s+lalu)\b)?",
        flags,
    )
    period_target = (
        rf"(?:(?:bulan\s+)?(?P<pm>{mon})\b(?:\s+(?:tahun\s+)?(?P<py>{yr}))?"
        rf"|(?:tahun\s+)?(?P<pyr>{yr})\b"
        rf"|(?P<punit>tahun|bulan|pekan|minggu|abad|dekade)(?:\s+(?P<pdir>ini|lalu|depan|mendatang|yang\s+lalu|kemarin))?\b)"
    )
    period_part = re.compile(rf"\b(?P<mod>{pparts})\s+{period_target}", flags)
    quarter = re.compile(
        rf"\b(?:(?P<q>{qw})|(?P<h>{hw}))\s+(?P<n>{ords})\b(?:\s+(?:tahun\s+)?(?:(?P<y>{yr})\b|(?P<ydir>ini|lalu|depan)\b))?",
        flags,
    )
    century = re.compile(r"\babad\s+(?:ke-?\s*(?P<n>\d{1,2})|(?P<r>[IVX]{1,5}))\b", flags)
    deictic_words = list(lx.days) + list(lx.deictic_parts)
    deictic = re.compile(
        rf"(?<!-)\b(?P<deix>{_alt(deictic_words)})\b(?!-)(?:\s+(?P<part>{part})\b)?(?:\s*,?\s*(?:{clock('c')}))?",
        flags,
    )
    count_rel = re.compile(
        rf"(?:\b(?P<n>{num}|beberapa|berapa)\s+|\b(?P<se>se))(?P<unit>{units})\s+(?P<dir>{cdir})\b",
        flags,
    )
    unit_rel = re.compile(
        rf"\b(?:(?P<wkend>akhir\s+pekan|akhir\s+minggu)|(?P<unit>pekan|minggu|bulan|tahun|dekade|abad))\s+(?P<dir>{direc})\b",
        flags,
    )
    vague = re.compile(rf"(?<![\w-])(?P<v>{_alt(lx.vague)})(?![\w-])", flags)
    clock_only = re.compile(rf"(?<![\w.,]){clock('c')}(?:\s+(?P<part>{part})\b)?", flags)
    return Patterns(
        day_expr=day_expr,
        day_range=day_range,
        cross_range=cross_range,
        month_range=month_range,
        month_year=month_year,
        year_range=year_range,
        year=year,
        period_part=period_part,
        quarter=quarter,
        century=century,
        deictic=deictic,
        count_rel=count_rel,
        unit_rel=unit_rel,
        clock=clock_only,
        vague=vague,
    )


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " ,\t\n":
        e -= 1
    return s, e


def _clock_fields(g: dict[str, Any]) -> dict[str, Any]:
    hh = g.get("chh") or g.get("chh2")
    mm = g.get("cmm") or g.get("cmm2")
    tz = g.get("ctz") or g.get("ctz2")
    if hh is None:
        return {}
    return {"hh": int(hh), "mm": int(mm) if mm else 0, "tz": tz.lower() if tz else None, "mm_given": mm is not None}


def find(text: str, start: int = 0, end: int | None = None, *, code: str = "id") -> list[Found]:
    """All time expressions in ``text[start:end]``, longest first, without overlaps."""
    end = len(text) if end is None else end
    lx = lexicon(code)
    p = patterns(code)
    cands: list[Found] = []

    def add(s: int, e: int, kind: str, f: dict[str, Any]) -> None:
        s, e = _trim(text, s, e)
        if e > s and text[e - 1] == ".":
            last = re.search(r"(\w+)\.$", text[s:e])
            if not last or last.group(1).lower() not in lx.month_abbr:
                e -= 1  # "18 Agustus." ends the sentence; "3 Des." is an abbreviation
        if e > s:
            cands.append(Found(s, e, text[s:e], kind, f))

    for m in p.day_expr.finditer(text, start, end):
        g = m.groupdict()
        has_date = any(g.get(k) for k in ("pd", "d", "fd"))
        if not (g.get("wd") or has_date) or m.end() == m.start():
            continue
        f: dict[str, Any] = {}
        if g.get("wd"):
            wd_text = g["wd"]
            # "minggu" lower-case without a date is the week ("minggu lalu"), not Sunday
            if wd_text.lower() == "minggu" and wd_text[0].islower() and not has_date:
                continue
            f["weekday"] = lx.weekdays[wd_text.lower()]
            if not has_date and _recurring(text, m.start(), m.end(), lx):
                f["recurring"] = True
            if g.get("wddir"):
                f["dir"] = lx.direction[" ".join(g["wddir"].lower().split())]
        if g.get("pd"):
            f.update(day=int(g["pd"]), month=int(g["pm"]), year=g.get("py"), numeric=True)
        elif g.get("d"):
            mname = g["m"].lower()
            f.update(day=int(g["d"]), month=lx.months.get(mname) or lx.month_abbr.get(mname), year=g.get("y"))
        elif g.get("fd"):
            f.update(day=int(g["fd"]), month=int(g["fm"]), year=g["fy"], numeric=True)
        if g.get("ddir"):
            f["dir"] = lx.direction[" ".join(g["ddir"].lower().split())]
        part = g.get("part") or g.get("wdpart")
        if part:
            f["part"] = lx.parts[" ".join(part.lower().split())]
        f.update(_clock_fields(g))
        if f.get("year") is not None:
            y = str(f["year"])
            f["year"] = int(y) if len(y) == 4 else None
            if len(y) == 2:
                f["year2"] = int(y)
        # a weekday alone, as a bare capitalised word, is common; lower-case "sabtu" mid-sentence too
        add(m.start(), m.end(), "day", f)

    for m in p.day_range.finditer(text, start, end):
        mname = m["m"].lower()
        month = lx.months.get(mname) or lx.month_abbr.get(mname)
        add(
            m.start(),
            m.end(),
            "day_range",
            {"d1": int(m["d1"]), "d2": int(m["d2"]), "month": month, "year": int(m["y"]) if m["y"] else None},
        )
    for m in p.cross_range.finditer(text, start, end):
        m1 = lx.months.get(m["m1"].lower()) or lx.month_abbr.get(m["m1"].lower())
        m2 = lx.months.get(m["m2"].lower()) or lx.month_abbr.get(m["m2"].lower())
        y2 = int(m["y2"]) if m["y2"] else None
        y1 = int(m["y1"]) if m["y1"] else None
        add(
            m.start(),
            m.end(),
            "cross_range",
            {"d1": int(m["d1"]), "m1": m1, "y1": y1, "d2": int(m["d2"]), "m2": m2, "y2": y2},
        )
    for m in p.month_range.finditer(text, start, end):
        add(
            m.start(),
            m.end(),
            "month_range",
            {
                "m1": lx.months[m["m1"].lower()],
                "m2": lx.months[m["m2"].lower()],
                "year": int(m["y"]) if m["y"] else None,
            },
        )
    for m in p.month_year.finditer(text, start, end):
        name = (m["m"] or m["ma"]).lower()
        month = lx.months.get(name) or lx.month_abbr.get(name)
        f = {"month": month, "year": int(m["y"]) if m["y"] else None}
        if m["dir"]:
            f["dir"] = lx.direction[" ".join(m["dir"].lower().split())]
        # a month name alone must look like one: capitalised, or with a year or a direction word
        if not m["y"] and not m["dir"] and not (m.group(0)[0].isupper() or m.group(0).lower().startswith("bulan")):
            continue
        if m["dir"] and f["dir"] != 0 and not m["y"] and f["dir"] not in (-1, 1):
            continue
        add(m.start(), m.end(), "month", f)
    for m in p.year_range.finditer(text, start, end):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y2 <= y1 or not (lx.year_min <= y1 <= lx.year_max and lx.year_min <= y2 <= lx.year_max):
            continue
        if _blocked_year(text, m.start(), lx, after_tahun=bool(m["pre"])):
            continue
        add(m.start(), m.end(), "year_range", {"y1": y1, "y2": y2})
    for m in p.year.finditer(text, start, end):
        y = int(m["y"])
        if not (lx.year_min <= y <= lx.year_max):
            continue
        if _blocked_year(text, m.start(), lx, after_tahun=bool(m["pre"])):
            continue
        if m["decade"] and y % 10:
            add(m.start(), m.end(), "year", {"y": y, "approx": True})  # "tahun 1904-an": about 1904
        elif m["decade"]:
            add(m.start(), m.end(), "decade", {"y": y - y % 10})
        else:
            add(m.start(), m.end(), "year", {"y": y})
    for m in p.period_part.finditer(text, start, end):
        f = {"mod": lx.period_parts[" ".join(m["mod"].lower().split())]}
        if m["pm"]:
            f.update(target="month", month=lx.months[m["pm"].lower()], year=int(m["py"]) if m["py"] else None)
        elif m["pyr"]:
            f.update(target="year", year=int(m["pyr"]))
        else:
            unit = m["punit"].lower()
            f.update(
                target=lx.units.get(unit, unit),
                dir=lx.direction[" ".join(m["pdir"].lower().split())] if m["pdir"] else None,
            )
            if unit in ("pekan", "minggu") and f["mod"][0] >= 0.6:
                f["target"] = "weekend"
        add(m.start(), m.end(), "period_part", f)
    for m in p.quarter.finditer(text, start, end):
        n = lx.ordinals.get(m["n"].lower())
        if n is None:
            continue
        f = {"q": n if m["q"] else None, "h": n if m["h"] else None, "year": int(m["y"]) if m["y"] else None}
        if m["ydir"]:
            f["dir"] = lx.direction[m["ydir"].lower()]
        if (f["q"] and n > 4) or (f["h"] and n > 2):
            continue
        add(m.start(), m.end(), "quarter", f)
    for m in p.century.finditer(text, start, end):
        n = int(m["n"]) if m["n"] else _roman(m["r"])
        if n and 1 <= n <= 21:
            add(m.start(), m.end(), "century", {"n": n})
    for m in p.deictic.finditer(text, start, end):
        w = " ".join(m["deix"].lower().split())
        f = {}
        if w in lx.deictic_parts:
            off, part = lx.deictic_parts[w]
            f.update(offset=off, part=part)
        else:
            f["offset"] = lx.days[w]
        if m["part"]:
            f["part"] = lx.parts[" ".join(m["part"].lower().split())]
        f.update(_clock_fields(m.groupdict()))
        add(m.start(), m.end(), "deictic", f)
    for m in p.count_rel.finditer(text, start, end):
        unit = m["unit"].lower()
        dword = " ".join(m["dir"].lower().split())
        f = {
            "n_text": m["n"] or "se",
            "unit": lx.units[unit],
            "dir": lx.direction[dword],
            "anaphoric": dword in lx.anaphoric,
        }
        add(m.start(), m.end(), "count_rel", f)
    for m in p.unit_rel.finditer(text, start, end):
        d = lx.direction[" ".join(m["dir"].lower().split())]
        if m["wkend"]:
            add(m.start(), m.end(), "unit_rel", {"unit": "weekend", "dir": d})
            continue
        unit_text = m["unit"]
        if _after_count(text, m.start()):
            continue  # "berusia 39 tahun ini", "dua minggu ini", "tahun-tahun mendatang"
        if (
            unit_text.lower() == "minggu"
            and unit_text[0].isupper()
            and m.start() > 0
            and text[m.start() - 2 : m.start()].strip() not in ("", ".", '"', "“")
        ):
            continue  # "Minggu lalu" mid-sentence: last Sunday, found as a day
        if d == 1 and m["dir"].lower() in ("kemudian", "lagi"):
            continue  # "tahun kemudian" without a count is not a time
        dword = " ".join(m["dir"].lower().split())
        add(
            m.start(),
            m.end(),
            "unit_rel",
            {"unit": lx.units[unit_text.lower()], "dir": d, "anaphoric": dword in lx.anaphoric},
        )
    for m in p.vague.finditer(text, start, end):
        add(m.start(), m.end(), "vague", {"ref": lx.vague[" ".join(m["v"].lower().split())]})
    for m in p.clock.finditer(text, start, end):
        f = _clock_fields(m.groupdict())
        if not f or f["hh"] > 24:
            continue
        if m["part"]:
            f["part"] = lx.parts[" ".join(m["part"].lower().split())]
        add(m.start(), m.end(), "clock", f)

    return _select(cands)


def _recurring(text: str, s: int, e: int, lx: TimeLexicon) -> bool:
    """'setiap Rabu', 'Senin-Jumat': a weekday that recurs, not one day."""
    before = re.search(r"([\w-]+)\s+$", text[max(0, s - 20) : s])
    if before and before.group(1).lower() in lx.recurring_before:
        return True
    wd = "|".join(re.escape(w) for w in lx.weekdays)
    if re.match(rf"\s*[-–]\s*(?:{wd})\b", text[e : e + 12], re.IGNORECASE):
        return True
    return bool(re.search(rf"\b(?:{wd})\s*[-–]\s*$", text[max(0, s - 12) : s], re.IGNORECASE))


def _after_count(text: str, pos: int) -> bool:
    """A unit right after a number or a hyphen counts or repeats ("39 tahun ini", "tahun-tahun")."""
    if pos > 0 and text[pos - 1] == "-":
        return True
    m = re.search(r"(\S+)\s+$", text[max(0, pos - 25) : pos])
    if not m:
        return False
    from warta.extract.numwords import lexicon as num_lexicon

    w = m.group(1).lower()
    return bool(re.fullmatch(r"\d+(?:[.,]\d+)?", w)) or w in num_lexicon().units or w in ("beberapa", "berapa")


def _roman(s: str | None) -> int | None:
    if not s:
        return None
    vals = {"I": 1, "V": 5, "X": 10}
    total = 0
    prev = 0
    for ch in reversed(s.upper()):
        v = vals[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _blocked_year(text: str, pos: int, lx: TimeLexicon, *, after_tahun: bool = False) -> bool:
    """A bare year after a label ("Pasal", "Nomor") or in a regulation number is not a time."""
    before = text[max(0, pos - 40) : pos]
    # the year of a numbered regulation: "Undang-undang Nomor 31 Tahun 1999", "PKPU No 17 Tahun 2013"
    if re.search(r"\b(?:nomor|no\.?|nomer)\s*[\w./-]+\s+(?:tahun\s+)?$", before, re.IGNORECASE):
        return True
    if after_tahun:
        return False
    m = re.search(r"([\w.]+)\s*$", before)
    if not m:
        return False
    return m.group(1).lower() in lx.year_not_after


def _select(cands: list[Found]) -> list[Found]:
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[Found] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen
