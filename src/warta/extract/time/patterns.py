"""The time grammar's regular expressions, built from the language pack's ``time.toml`` (and
``numbers.toml`` for counts: "dua hari lalu"). Compiled once per pack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.extract.lexicon_re import alternation as _alt
from warta.extract.time import numwords
from warta.extract.time.lexicon import PackLike, TimeLexicon, _lexicon, pack_of
from warta.lang import LanguagePack

FLAGS = re.IGNORECASE
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
DAY = r"(?:[0-3]?\d)"


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
    # the context checks of the grammar
    weekday_range_after: re.Pattern[str]  # "Senin-Jumat": the weekday is the first of a range
    weekday_range_before: re.Pattern[str]  # ... or the last
    regulation_year: re.Pattern[str]  # "Nomor 31 Tahun": the year of a numbered regulation


def seq(words: list[str]) -> str:
    """A regex alternation of ``words`` in their order, spaces matching any whitespace run."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@dataclass(frozen=True)
class _Words:
    """The alternations the patterns share."""

    mon: str
    mona: str
    wd: str
    part: str
    tz: str
    direc: str
    conn: str
    clockw: str

    def clock(self, p: str) -> str:
        # "pukul 14.30 WIB", "jam 8 malam", "14.00 WIB"
        return (
            rf"(?:(?:{self.clockw})\s*(?P<{p}hh>[0-2]?\d)(?:[.:](?P<{p}mm>[0-5]\d))?(?!\d)(?:\s*(?P<{p}tz>{self.tz})\b)?"
            rf"|(?P<{p}hh2>[0-2]?\d)[.:](?P<{p}mm2>[0-5]\d)\s*(?P<{p}tz2>{self.tz})\b)"
        )


def patterns(pack: PackLike = None) -> Patterns:
    """The compiled patterns of ``pack`` (the default pack when None)."""
    return _patterns(pack_of(pack))


@cache
def _patterns(pack: LanguagePack) -> Patterns:
    lx = _lexicon(pack)
    w = _Words(
        mon=_alt(lx.months),
        mona=_alt(list(lx.months) + list(lx.month_abbr)),
        wd=_alt(lx.weekdays),
        part=_alt(lx.parts),
        tz=_alt(lx.zones),
        direc=_alt(lx.direction),
        conn=_alt(lx.connectors),
        clockw=_alt(lx.clock_words),
    )
    wd_listed = "|".join(re.escape(x) for x in lx.weekdays)
    g = lx.grammar
    return Patterns(
        **_dates(lx, w),
        **_periods(lx, w, pack),
        **_relative(lx, w, pack),
        weekday_range_after=re.compile(rf"\s*[-–]\s*(?:{wd_listed})\b", FLAGS),
        weekday_range_before=re.compile(rf"\b(?:{wd_listed})\s*[-–]\s*$", FLAGS),
        regulation_year=re.compile(
            rf"\b(?:{seq(g.number_labels)})\s*[\w./-]+\s+(?:{re.escape(g.year_word)}\s+)?$", FLAGS
        ),
    )


def _dates(lx: TimeLexicon, w: _Words) -> dict[str, re.Pattern[str]]:
    """Days, day and month ranges, months, years."""
    g = lx.grammar
    bulan, tahun = re.escape(g.month_word), re.escape(g.year_word)
    yr, day, mona = YEAR, DAY, w.mona
    day_expr = re.compile(
        rf"(?<![\w/])(?=(?:{w.wd})\b|\(\s*\d|\d)"
        rf"(?:(?P<wd>{w.wd})\b(?:\s+(?P<wddir>{seq(g.after_weekday)})\b)?(?:\s+(?P<wdpart>{w.part})\b)?\s*,?\s*)?"
        rf"(?:\(\s*(?P<pd>\d{{1,2}})\s*/\s*(?P<pm>\d{{1,2}})(?:\s*/\s*(?P<py>\d{{4}}|\d{{2}}))?\s*\)"
        rf"|(?P<d>{day})\s+(?P<m>{mona})\b\.?(?:\s+(?P<y>{yr})\b)?"
        rf"|(?P<fd>[0-3]?\d)(?P<sep>[/.-])(?P<fm>[01]?\d)(?P=sep)(?P<fy>\d{{4}})\b)?"
        rf"(?:\s+(?P<ddir>{seq(g.after_date)})\b)?"
        rf"(?:\s*,?\s*(?P<part>{w.part})\b)?"
        rf"(?:\s*,?\s*(?:{w.clock('c')}))?",
        FLAGS,
    )
    day_range = re.compile(
        rf"(?<![\w/])(?P<d1>{day})\s*(?:{w.conn})\s*(?P<d2>{day})\s+(?P<m>{mona})\b\.?(?:\s+(?P<y>{yr})\b)?",
        FLAGS,
    )
    cross_range = re.compile(
        rf"(?<![\w/])(?P<d1>{day})\s+(?P<m1>{mona})\b\.?(?:\s+(?P<y1>{yr}))?\s*(?:{w.conn})\s*"
        rf"(?P<d2>{day})\s+(?P<m2>{mona})\b\.?(?:\s+(?P<y2>{yr})\b)?",
        FLAGS,
    )
    month_range = re.compile(
        rf"\b(?:{bulan}\s+)?(?P<m1>{w.mon})\s*(?:{w.conn})\s*(?P<m2>{w.mon})\b(?:\s+(?:{tahun}\s+)?(?P<y>{yr})\b)?",
        FLAGS,
    )
    month_year = re.compile(
        rf"\b(?:{bulan}\s+)?(?:(?P<m>{w.mon})\b|(?P<ma>{_alt(lx.month_abbr)})\b\.?(?=\s+{yr}))"
        rf"(?:\s+(?:{tahun}\s+)?(?P<y>{yr})\b|\s+(?P<dir>{w.direc})\b)?",
        FLAGS,
    )
    year_range = re.compile(
        rf"(?<![\w/.,])(?:(?P<pre>{tahun})\s+)?(?P<y1>{yr})\s*(?:{w.conn})\s*(?P<y2>{yr})\b(?![.,/]\d)",
        FLAGS,
    )
    year = re.compile(
        rf"(?<![\w/.,-])(?:(?P<pre>{tahun})\s+)?(?P<y>{yr})(?P<decade>-?{re.escape(g.decade_suffix)})?\b(?![.,/]\d|-)"
        rf"(?:\s+(?P<ydir>{seq(g.after_year)})\b)?",
        FLAGS,
    )
    return {
        "day_expr": day_expr,
        "day_range": day_range,
        "cross_range": cross_range,
        "month_range": month_range,
        "month_year": month_year,
        "year_range": year_range,
        "year": year,
    }


def _periods(lx: TimeLexicon, w: _Words, pack: LanguagePack) -> dict[str, re.Pattern[str]]:
    """Parts of periods, quarters and halves, centuries."""
    g = lx.grammar
    bulan, tahun, yr = re.escape(g.month_word), re.escape(g.year_word), YEAR
    period_target = (
        rf"(?:(?:{bulan}\s+)?(?P<pm>{w.mon})\b(?:\s+(?:{tahun}\s+)?(?P<py>{yr}))?"
        rf"|(?:{tahun}\s+)?(?P<pyr>{yr})\b"
        rf"|(?P<punit>{seq(g.period_units)})(?:\s+(?P<pdir>{seq(g.after_period)}))?\b)"
    )
    quarter = re.compile(
        rf"\b(?:(?P<q>{_alt(lx.quarter_words)})|(?P<h>{_alt(lx.half_words)}))\s+(?P<n>{_alt(lx.ordinals)})\b"
        rf"(?:\s+(?:{tahun}\s+)?(?:(?P<y>{yr})\b|(?P<ydir>{seq(g.after_quarter)})\b))?",
        FLAGS,
    )
    ke = re.escape(numwords.lexicon(pack).prefix_ordinal)
    century = re.compile(rf"\b{re.escape(g.century_word)}\s+(?:{ke}-?\s*(?P<n>\d{{1,2}})|(?P<r>[IVX]{{1,5}}))\b", FLAGS)
    return {
        "period_part": re.compile(rf"\b(?P<mod>{_alt(lx.period_parts)})\s+{period_target}", FLAGS),
        "quarter": quarter,
        "century": century,
    }


def _relative(lx: TimeLexicon, w: _Words, pack: LanguagePack) -> dict[str, re.Pattern[str]]:
    """Deictic words, counts and units relative to the anchor, vague references, clock times."""
    g = lx.grammar
    num = numwords.number_pattern(pack)
    se = re.escape(numwords.lexicon(pack).prefix_one)
    deictic = re.compile(
        rf"(?<!-)\b(?P<deix>{_alt(list(lx.days) + list(lx.deictic_parts))})\b(?!-)(?:\s+(?P<part>{w.part})\b)?"
        rf"(?:\s*,?\s*(?:{w.clock('c')}))?",
        FLAGS,
    )
    count_rel = re.compile(
        rf"(?:\b(?P<n>{num}|{seq(g.vague_counts)})\s+|\b(?P<se>{se}))(?P<unit>{_alt(lx.units)})\s+"
        rf"(?P<dir>{_alt(lx.count_direction)})\b",
        FLAGS,
    )
    unit_rel = re.compile(
        rf"\b(?:(?P<wkend>{seq(g.weekend)})|(?P<unit>{seq(g.relative_units)}))\s+(?P<dir>{w.direc})\b",
        FLAGS,
    )
    return {
        "deictic": deictic,
        "count_rel": count_rel,
        "unit_rel": unit_rel,
        "vague": re.compile(rf"(?<![\w-])(?P<v>{_alt(lx.vague)})(?![\w-])", FLAGS),
        "clock": re.compile(rf"(?<![\w.,]){w.clock('c')}(?:\s+(?P<part>{w.part})\b)?", FLAGS),
    }
