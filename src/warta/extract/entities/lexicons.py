"""The entities stage's language data, read once per language pack.

Titles (``titles.txt``), countries and capitals (``countries.toml``), outlets (``outlets.toml``),
places and common words mined from the news (``places.txt``, ``common_words.txt``), and the word
lists of ``names.toml`` (``[entities]``, ``[aliases]``). Every function takes the pack
(:class:`warta.lang.LanguagePack`) the stage was handed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.lang import LanguagePack
from warta.nlp.segment import Token, tokenize


@dataclass(frozen=True)
class Titles:
    phrases: dict[tuple[str, ...], str]
    longest: int
    firsts: frozenset[str] = frozenset()  # lower-cased first words: a cheap pre-check

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(k[0] for k in self.phrases if k))

    def ending_at(self, toks: Sequence[Token], pos: int, blocked: frozenset[int] = frozenset()) -> int | None:
        """Start index of the longest title phrase ending just before ``pos`` (no blocked token)."""
        for n in range(min(self.longest, pos), 0, -1):
            if any(i in blocked for i in range(pos - n, pos)):
                continue
            if tuple(t.text.lower() for t in toks[pos - n : pos]) in self.phrases:
                return pos - n
        return None

    def starting_at(self, toks: Sequence[Token], pos: int, ceil: int) -> int | None:
        """End index of the longest title phrase starting at ``pos`` (not past ceil)."""
        if pos >= len(toks) or toks[pos].text.lower() not in self.firsts:
            return None
        for n in range(min(self.longest, ceil - pos), 0, -1):
            if tuple(t.text.lower() for t in toks[pos : pos + n]) in self.phrases:
                return pos + n
        return None


@cache
def titles(pack: LanguagePack) -> Titles:
    phrases: dict[tuple[str, ...], str] = {}
    for line in pack.lines("titles"):
        phrase = line.split("#", 1)[0].strip()
        if phrase:
            key = tuple(t.text.lower() for t in tokenize(phrase))
            phrases[key] = phrase
    return Titles(phrases, max((len(k) for k in phrases), default=0))


@dataclass(frozen=True)
class Countries:
    canonical: dict[str, str]  # any name, alias or canonical -> canonical country
    capitals: dict[str, str]  # capital -> canonical country
    place_after: frozenset[tuple[str, ...]]
    longest: int

    def country(self, name: str) -> str | None:
        return self.canonical.get(_norm(name))

    def capital_of(self, name: str) -> str | None:
        return self.capitals.get(_norm(name))


def _norm(name: str) -> str:
    return " ".join(name.split())


@cache
def countries(pack: LanguagePack) -> Countries:
    data = pack.toml("countries")
    canonical: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for name, info in data.get("countries", {}).items():
        canonical[name] = name
        for alias in info.get("aliases", []):
            canonical[_norm(alias)] = name
        for cap in info.get("capitals", []):
            capitals[_norm(cap)] = name
    after = frozenset(tuple(w.lower().split()) for w in data.get("capital_use", {}).get("place_after", []))
    names = [*canonical, *capitals]
    longest = max((len(tokenize(n)) for n in names), default=1)
    return Countries(canonical, capitals, after, longest)


@dataclass(frozen=True)
class Outlets:
    variants: dict[tuple[str, ...], str]  # token texts (as written) -> canonical outlet
    cues: frozenset[tuple[str, ...]]  # lower-cased words that may stand right before an outlet
    longest: int
    firsts: frozenset[str] = frozenset()  # first token of each variant: a cheap pre-check

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(k[0] for k in self.variants if k))


@cache
def outlets(pack: LanguagePack) -> Outlets:
    """News outlets from the sources lexicon (``outlets.toml``), an ORG gazetteer for NER."""
    data = pack.toml("outlets")
    variants: dict[tuple[str, ...], str] = {}
    for name, forms in data.get("outlets", {}).items():
        for form in [name, *forms]:
            variants[tuple(t.text for t in tokenize(form))] = name
    cue_words = [*data.get("prefixes", {}).get("words", []), *data.get("cues", {}).get("strong", [])]
    cue_words += data.get("copyright", {}).get("lead", [])
    cues = frozenset(tuple(t.text.lower() for t in tokenize(c)) for c in cue_words)
    return Outlets(variants, cues, max((len(k) for k in variants), default=1))


@cache
def places(pack: LanguagePack) -> frozenset[str]:
    return frozenset(line.split("#", 1)[0].strip() for line in pack.lines("places"))


@cache
def common_words(pack: LanguagePack) -> frozenset[str]:
    """Lower-case words the news mostly writes in lower case (mined, ``common_words.txt``)."""
    return frozenset(line.split("#", 1)[0].strip() for line in pack.lines("common_words"))


@cache
def place_cues(pack: LanguagePack) -> frozenset[tuple[str, ...]]:
    words = pack.toml("countries").get("place_cues", {}).get("before", [])
    return frozenset(tuple(w.lower().split()) for w in words)


@cache
def not_names(pack: LanguagePack) -> frozenset[str]:
    """Capitalised words that follow a title but are no name: weekdays, months (time lexicon)."""
    t = pack.toml("time")
    words = {*t.get("months", {}), *t.get("weekdays", {})}
    return frozenset(w.lower() for w in words)


@cache
def not_aliases(pack: LanguagePack) -> frozenset[str]:
    words = pack.toml("names").get("aliases", {}).get("not_aliases", [])
    return frozenset(w.lower() for w in words)


@cache
def word_list(pack: LanguagePack, key: str) -> frozenset[str]:
    """One word list of the ``[entities]`` table of ``names.toml``, lower-cased."""
    return frozenset(w.lower() for w in pack.toml("names").get("entities", {}).get(key, []))


def after_any(toks: Sequence[Token], pos: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """Does one of ``phrases`` (lower-cased word tuples) end right before token ``pos``?"""
    return any(pos - n >= 0 and tuple(t.text.lower() for t in toks[pos - n : pos]) in phrases for n in (3, 2, 1))


def span_text(toks: Sequence[Token], a: int, b: int) -> str:
    """The text of tokens ``a``..``b`` with their original spacing."""
    parts: list[str] = []
    for i in range(a, b):
        if i > a and toks[i].start > toks[i - 1].end:
            parts.append(" ")
        parts.append(toks[i].text)
    return "".join(parts)
