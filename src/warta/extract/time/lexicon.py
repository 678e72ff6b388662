"""The time vocabulary of a language pack (``time.toml``), read once per pack.

Code asks for a :class:`TimeLexicon`; every word the time grammar, the resolver and the stages
know comes from here, none is written in the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from warta import lang
from warta.lang import LanguagePack

# a pack, a language code (for callers that hold one), or None for the default pack
PackLike = LanguagePack | str | None


def pack_of(pack: PackLike = None) -> LanguagePack:
    """The language pack: the one given, the one of a language code, or the default pack."""
    if pack is None:
        return lang.get(lang.DEFAULT)
    return lang.get(pack) if isinstance(pack, str) else pack


@dataclass(frozen=True)
class Grammar:
    """The words the patterns are built from, besides the tables (``[grammar]`` in ``time.toml``)."""

    month_word: str
    year_word: str
    century_word: str
    decade_suffix: str
    vague_counts: list[str]
    after_weekday: list[str]
    after_date: list[str]
    after_year: list[str]
    after_period: list[str]
    after_quarter: list[str]
    period_units: list[str]
    relative_units: list[str]
    weekend: list[str]
    week_words: list[str]
    sunday_or_week: str
    need_count: list[str]
    number_labels: list[str]


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
    grammar: Grammar
    weekday_names: tuple[str, ...]  # as notes write them, Monday first
    apposition: list[str]  # words between two expressions of the same day
    nerugm: dict[str, list[str]]  # how NER-UGM draws TIME spans


def _grammar(d: dict[str, Any]) -> Grammar:
    g = d.get("grammar", {})
    words = ("vague_counts", "after_weekday", "after_date", "after_year", "after_period", "after_quarter")
    lists = {k: [str(w) for w in g.get(k, [])] for k in words}
    more = ("period_units", "relative_units", "weekend", "week_words", "need_count", "number_labels")
    lists.update({k: [str(w) for w in g.get(k, [])] for k in more})
    return Grammar(
        month_word=str(g.get("month_word", "")),
        year_word=str(g.get("year_word", "")),
        century_word=str(g.get("century_word", "")),
        decade_suffix=str(g.get("decade_suffix", "")),
        sunday_or_week=str(g.get("sunday_or_week", "")),
        **lists,
    )


def lexicon(pack: PackLike = None) -> TimeLexicon:
    """The time vocabulary of ``pack`` (the default pack when None)."""
    return _lexicon(pack_of(pack))


@cache
def _lexicon(pack: LanguagePack) -> TimeLexicon:
    d = pack.toml("time")
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
        grammar=_grammar(d),
        weekday_names=tuple(str(w) for w in d.get("weekday_names", {}).get("names", [])),
        apposition=[str(w) for w in d.get("apposition", {}).get("words", [])],
        nerugm={k: [str(w) for w in v] for k, v in d.get("nerugm", {}).items()},
    )
