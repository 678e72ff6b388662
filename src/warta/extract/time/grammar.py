"""Finding time expressions: the patterns of ``warta.extract.time.patterns``, read into fields.

Each match is a ``Found`` with the raw fields of the expression (weekday, day, month, year, clock,
direction, ...). Resolving them to calendar values is ``warta.extract.time.resolve``.

Why not dateparser alone: it has no span detection, reports no grain ("bulan depan" and
"tahun lalu" come back as single days), ignores the weekday in "Sabtu (3/12)" even when it
contradicts the date, and returns nothing for "lusa", "dua hari lalu", "pekan lalu", "Sabtu lalu",
"pertengahan November", "akhir tahun ini" (tested with dateparser 1.2, with Indonesian as the language).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from warta.extract.time import numwords
from warta.extract.time.context import SentenceReading
from warta.extract.time.lexicon import PackLike, TimeLexicon, lexicon, pack_of
from warta.extract.time.patterns import Patterns, patterns


@dataclass
class Found:
    start: int
    end: int
    text: str
    kind: str
    f: dict[str, Any] = field(default_factory=dict)


def find(text: str, start: int = 0, end: int | None = None, *, pack: PackLike = None) -> list[Found]:
    """All time expressions in ``text[start:end]``, longest first, without overlaps."""
    return _Reading(text, start, end, pack, check=False).run()


def find_in_sentence(text: str, start: int, end: int, *, pack: PackLike = None) -> tuple[list[Found], bool]:
    """``find(text, start, end)`` and whether the sentence read alone gives the same expressions.

    The grammar looks a little around a match (the word before a weekday or a year, the character
    before a unit, the weekday after one), so ``find(text[start:end])`` may differ from the same
    sentence read inside its text. Where it does not (the flag is True), ``find(text[start:end])``
    is the result shifted by ``start``, and callers that need both save the second reading.
    """
    return _Reading(text, start, end, pack, check=True).result()


class _Reading(SentenceReading):
    """One reading of ``text[start:end]``: the candidates, and (when checking) whether the sentence
    read alone gives the same."""

    def __init__(self, text: str, start: int, end: int | None, pack: PackLike, *, check: bool) -> None:
        super().__init__(text, start, end, check=check)
        p = pack_of(pack)
        self.lx: TimeLexicon = lexicon(p)
        self.p: Patterns = patterns(p)
        nl = numwords.lexicon(p)
        self.units, self.prefix_one = nl.units, nl.prefix_one
        self.cands: list[Found] = []

    def result(self) -> tuple[list[Found], bool]:
        found = self.run()
        return found, self.alone

    def run(self) -> list[Found]:
        for step in _STEPS:
            step(self)
        return _select(self.cands)

    def iter(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.text, self.start, self.end)

    def add(self, s: int, e: int, kind: str, f: dict[str, Any]) -> None:
        text = self.text
        s, e = _trim(text, s, e)
        if e > s and text[e - 1] == ".":
            last = re.search(r"(\w+)\.$", text[s:e])
            if not last or last.group(1).lower() not in self.lx.month_abbr:
                e -= 1  # "18 Agustus." ends the sentence; "3 Des." is an abbreviation
        if e > s:
            self.cands.append(Found(s, e, text[s:e], kind, f))


def _direction(lx: TimeLexicon, words: str) -> int:
    return lx.direction[" ".join(words.lower().split())]


def _days(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.day_expr):
        g = m.groupdict()
        has_date = any(g.get(k) for k in ("pd", "d", "fd"))
        if not (g.get("wd") or has_date) or m.end() == m.start():
            continue
        f: dict[str, Any] = {}
        if g.get("wd"):
            wd_text = g["wd"]
            # "minggu" lower-case without a date is the week ("minggu lalu"), not Sunday
            if wd_text.lower() == lx.grammar.sunday_or_week and wd_text[0].islower() and not has_date:
                continue
            f["weekday"] = lx.weekdays[wd_text.lower()]
            if not has_date and r.ask(_recurring, (m.start(), m.end()), lx, r.p):
                f["recurring"] = True
            if g.get("wddir"):
                f["dir"] = _direction(lx, g["wddir"])
        if g.get("pd"):
            f.update(day=int(g["pd"]), month=int(g["pm"]), year=g.get("py"), numeric=True)
        elif g.get("d"):
            mname = g["m"].lower()
            f.update(day=int(g["d"]), month=lx.months.get(mname) or lx.month_abbr.get(mname), year=g.get("y"))
        elif g.get("fd"):
            f.update(day=int(g["fd"]), month=int(g["fm"]), year=g["fy"], numeric=True)
        if g.get("ddir"):
            f["dir"] = _direction(lx, g["ddir"])
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
        r.add(m.start(), m.end(), "day", f)


def _month_of(lx: TimeLexicon, name: str) -> int | None:
    return lx.months.get(name.lower()) or lx.month_abbr.get(name.lower())


def _day_ranges(r: _Reading) -> None:
    for m in r.iter(r.p.day_range):
        month = _month_of(r.lx, m["m"])
        f = {"d1": int(m["d1"]), "d2": int(m["d2"]), "month": month, "year": int(m["y"]) if m["y"] else None}
        r.add(m.start(), m.end(), "day_range", f)


def _cross_ranges(r: _Reading) -> None:
    for m in r.iter(r.p.cross_range):
        m1, m2 = _month_of(r.lx, m["m1"]), _month_of(r.lx, m["m2"])
        y2 = int(m["y2"]) if m["y2"] else None
        y1 = int(m["y1"]) if m["y1"] else None
        f = {"d1": int(m["d1"]), "m1": m1, "y1": y1, "d2": int(m["d2"]), "m2": m2, "y2": y2}
        r.add(m.start(), m.end(), "cross_range", f)


def _month_ranges(r: _Reading) -> None:
    months = r.lx.months
    for m in r.iter(r.p.month_range):
        f = {"m1": months[m["m1"].lower()], "m2": months[m["m2"].lower()], "year": int(m["y"]) if m["y"] else None}
        r.add(m.start(), m.end(), "month_range", f)


def _months(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.month_year):
        month = _month_of(lx, m["m"] or m["ma"])
        f = {"month": month, "year": int(m["y"]) if m["y"] else None}
        if m["dir"]:
            f["dir"] = _direction(lx, m["dir"])
        # a month name alone must look like one: capitalised, or with a year or a direction word
        word = lx.grammar.month_word
        if not m["y"] and not m["dir"] and not (m.group(0)[0].isupper() or m.group(0).lower().startswith(word)):
            continue
        if m["dir"] and f["dir"] != 0 and not m["y"] and f["dir"] not in (-1, 1):
            continue
        r.add(m.start(), m.end(), "month", f)


def _year_ranges(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.year_range):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y2 <= y1 or not (lx.year_min <= y1 <= lx.year_max and lx.year_min <= y2 <= lx.year_max):
            continue
        if r.ask(_blocked_year, (m.start(),), lx, r.p, bool(m["pre"])):
            continue
        r.add(m.start(), m.end(), "year_range", {"y1": y1, "y2": y2})


def _years(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.year):
        y = int(m["y"])
        if not (lx.year_min <= y <= lx.year_max):
            continue
        if r.ask(_blocked_year, (m.start(),), lx, r.p, bool(m["pre"])):
            continue
        if m["decade"] and y % 10:
            r.add(m.start(), m.end(), "year", {"y": y, "approx": True})  # "tahun 1904-an": about 1904
        elif m["decade"]:
            r.add(m.start(), m.end(), "decade", {"y": y - y % 10})
        else:
            r.add(m.start(), m.end(), "year", {"y": y})


def _period_parts(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.period_part):
        f = {"mod": lx.period_parts[" ".join(m["mod"].lower().split())]}
        if m["pm"]:
            f.update(target="month", month=lx.months[m["pm"].lower()], year=int(m["py"]) if m["py"] else None)
        elif m["pyr"]:
            f.update(target="year", year=int(m["pyr"]))
        else:
            unit = m["punit"].lower()
            f.update(target=lx.units.get(unit, unit), dir=_direction(lx, m["pdir"]) if m["pdir"] else None)
            if unit in lx.grammar.week_words and f["mod"][0] >= 0.6:
                f["target"] = "weekend"
        r.add(m.start(), m.end(), "period_part", f)


def _quarters(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.quarter):
        n = lx.ordinals.get(m["n"].lower())
        if n is None:
            continue
        f = {"q": n if m["q"] else None, "h": n if m["h"] else None, "year": int(m["y"]) if m["y"] else None}
        if m["ydir"]:
            f["dir"] = lx.direction[m["ydir"].lower()]
        if (f["q"] and n > 4) or (f["h"] and n > 2):
            continue
        r.add(m.start(), m.end(), "quarter", f)


def _centuries(r: _Reading) -> None:
    for m in r.iter(r.p.century):
        n = int(m["n"]) if m["n"] else _roman(m["r"])
        if n and 1 <= n <= 21:
            r.add(m.start(), m.end(), "century", {"n": n})


def _deictics(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.deictic):
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
        r.add(m.start(), m.end(), "deictic", f)


def _counts(r: _Reading) -> None:
    lx = r.lx
    for m in r.iter(r.p.count_rel):
        dword = " ".join(m["dir"].lower().split())
        f = {
            "n_text": m["n"] or r.prefix_one,
            "unit": lx.units[m["unit"].lower()],
            "dir": lx.direction[dword],
            "anaphoric": dword in lx.anaphoric,
        }
        r.add(m.start(), m.end(), "count_rel", f)


def _unit_rels(r: _Reading) -> None:
    lx, g = r.lx, r.lx.grammar
    for m in r.iter(r.p.unit_rel):
        d = _direction(lx, m["dir"])
        if m["wkend"]:
            r.add(m.start(), m.end(), "unit_rel", {"unit": "weekend", "dir": d})
            continue
        unit_text = m["unit"]
        if r.ask(_after_count, (m.start(),), lx, r.units):
            continue  # "berusia 39 tahun ini", "dua minggu ini", "tahun-tahun mendatang"
        if unit_text.lower() == g.sunday_or_week and unit_text[0].isupper() and r.ask(_mid_sentence, (m.start(),)):
            continue  # "Minggu lalu" mid-sentence: last Sunday, found as a day
        if d == 1 and m["dir"].lower() in g.need_count:
            continue  # "tahun kemudian" without a count is not a time
        dword = " ".join(m["dir"].lower().split())
        f = {"unit": lx.units[unit_text.lower()], "dir": d, "anaphoric": dword in lx.anaphoric}
        r.add(m.start(), m.end(), "unit_rel", f)


def _vagues(r: _Reading) -> None:
    for m in r.iter(r.p.vague):
        r.add(m.start(), m.end(), "vague", {"ref": r.lx.vague[" ".join(m["v"].lower().split())]})


def _clocks(r: _Reading) -> None:
    for m in r.iter(r.p.clock):
        f = _clock_fields(m.groupdict())
        if not f or f["hh"] > 24:
            continue
        if m["part"]:
            f["part"] = r.lx.parts[" ".join(m["part"].lower().split())]
        r.add(m.start(), m.end(), "clock", f)


# the kinds of expression, in the order their candidates are added (of two equally long candidates
# at the same place, the one added first is kept)
_STEPS: tuple[Callable[[_Reading], None], ...] = (
    _days,
    _day_ranges,
    _cross_ranges,
    _month_ranges,
    _months,
    _year_ranges,
    _years,
    _period_parts,
    _quarters,
    _centuries,
    _deictics,
    _counts,
    _unit_rels,
    _vagues,
    _clocks,
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


# The context checks: each looks at the text around a match at ``s`` (``text[s:e]``).


def _recurring(text: str, s: int, e: int, lx: TimeLexicon, p: Patterns) -> bool:
    """'setiap Rabu', 'Senin-Jumat': a weekday that recurs, not one day."""
    before = re.search(r"([\w-]+)\s+$", text[max(0, s - 20) : s])
    if before and before.group(1).lower() in lx.recurring_before:
        return True
    if p.weekday_range_after.match(text[e : e + 12]):
        return True
    return bool(p.weekday_range_before.search(text[max(0, s - 12) : s]))


def _after_count(text: str, s: int, lx: TimeLexicon, units: dict[str, float]) -> bool:
    """A unit right after a number or a hyphen counts or repeats ("39 tahun ini", "tahun-tahun")."""
    if s > 0 and text[s - 1] == "-":
        return True
    m = re.search(r"(\S+)\s+$", text[max(0, s - 25) : s])
    if not m:
        return False
    w = m.group(1).lower()
    return bool(re.fullmatch(r"\d+(?:[.,]\d+)?", w)) or w in units or w in lx.grammar.vague_counts


def _mid_sentence(text: str, s: int) -> bool:
    """A capitalised word inside a sentence, not at its start or after a quotation mark."""
    return s > 0 and text[s - 2 : s].strip() not in ("", ".", '"', "“")


def _blocked_year(text: str, s: int, lx: TimeLexicon, p: Patterns, after_tahun: bool) -> bool:
    """A bare year after a label ("Pasal", "Nomor") or in a regulation number is not a time."""
    before = text[max(0, s - 40) : s]
    # the year of a numbered regulation: "Undang-undang Nomor 31 Tahun 1999", "PKPU No 17 Tahun 2013"
    if p.regulation_year.search(before):
        return True
    if after_tahun:
        return False
    m = re.search(r"([\w.]+)\s*$", before)
    if not m:
        return False
    return m.group(1).lower() in lx.year_not_after


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


def _select(cands: list[Found]) -> list[Found]:
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[Found] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen
