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
    # lower-cased phrases cut off names like titles but never reported (honorifics, relations)
    not_titles: frozenset[tuple[str, ...]] = frozenset()
    modifiers: frozenset[str] = frozenset()  # lower-cased words that join the title after them
    ordinals: frozenset[str] = frozenset()  # lower-cased ordinal words that join the title before them
    ordinal_prefix: str = ""  # "ke-" in "ke-3"
    ranks: frozenset[str] = frozenset()  # lower-cased military and police ranks
    forces: frozenset[tuple[str, ...]] = frozenset()  # token texts of a force after a rank ("TNI")
    heads: frozenset[str] = frozenset()  # lower-cased heads of offices that go on ("Kepala Seksi ...")
    links: frozenset[str] = frozenset()  # lower-cased words that may stand inside such an office
    predicate_cues: frozenset[str] = frozenset()  # "sebagai", "selaku": a title follows as a predicate
    predicate_skip: frozenset[str] = frozenset()  # words that may stand between the name and the cue

    def head_starting_at(self, toks: Sequence[Token], pos: int, ceil: int, longest: int = 8) -> int | None:
        """End of "[head] [Capitalised words]" starting at ``pos`` (not past ``ceil``)."""
        if pos >= ceil or toks[pos].text.lower() not in self.heads:
            return None
        end = pos + 1
        while end < ceil and end - pos < longest:
            w = toks[end].text
            if not (w[:1].isupper() or w.lower() in self.links) or _acronym(w):
                break
            end += 1
        while end > pos + 1 and toks[end - 1].text.lower() in self.links:
            end -= 1
        return end

    def title_starting_at(
        self, toks: Sequence[Token], pos: int, ceil: int, *, heads: bool, modifiers: bool
    ) -> int | None:
        """End of the title starting at ``pos``: a modifier, then the listed phrase or (``heads``)
        an office head with its words, whichever is longer."""
        start = pos
        while modifiers and start < ceil and toks[start].text.lower() in self.modifiers:
            start += 1
        listed = self.starting_at(toks, start, ceil)
        ends = [e for e in (listed, self.head_starting_at(toks, start, ceil) if heads else None) if e]
        return max(ends) if ends else None

    def head_ending_at(self, toks: Sequence[Token], pos: int, blocked: frozenset[int], longest: int = 8) -> int | None:
        """Start of "[head] [Capitalised words]" ending just before ``pos`` ("Kepala Seksi Data
        dan Informasi"): the furthest head with only capitalised words and links after it."""
        best = None
        i = pos - 1
        while i >= 0 and pos - i <= longest and i not in blocked:
            w = toks[i].text
            if w.lower() in self.heads:
                best = i
            elif not (w[:1].isupper() or w.lower() in self.links) or _acronym(w):
                break
            i -= 1
        if best is not None and toks[pos - 1].text.lower() in self.links:
            return None
        return best

    def rank_with_force(self, toks: Sequence[Token], pos: int) -> int | None:
        """Start of "rank force" ("Letjen TNI", "Brigjen (Pol)") ending just before ``pos``."""
        for n in (3, 2, 1):
            a = pos - n
            if a > 0 and tuple(t.text for t in toks[a:pos]) in self.forces and toks[a - 1].text.lower() in self.ranks:
                return a - 1
        return None

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

    def reported(self, toks: Sequence[Token], a: int, b: int) -> bool:
        """Is the title phrase ``toks[a:b]`` a title to report (not an honorific or a relation)?"""
        return tuple(t.text.lower() for t in toks[a:b]) not in self.not_titles

    def is_ordinal(self, word: str) -> bool:
        w = word.lower()
        p = self.ordinal_prefix
        return w in self.ordinals or bool(p and w.startswith(p) and w[len(p) :].isdigit())


def _acronym(word: str) -> bool:
    """An all-capitals word ("KPK", "PSIM"): an organisation's short name, never a title's field."""
    return len(word) > 1 and word.isupper() and word.isalpha()


@cache
def titles(pack: LanguagePack) -> Titles:
    phrases: dict[tuple[str, ...], str] = {}
    for line in pack.lines("titles"):
        phrase = line.split("#", 1)[0].strip()
        if phrase:
            key = tuple(t.text.lower() for t in tokenize(phrase))
            phrases[key] = phrase
    cfg = pack.toml("names").get("titles", {})
    not_titles = frozenset(tuple(t.text.lower() for t in tokenize(w)) for w in cfg.get("not_titles", []))
    return Titles(
        phrases,
        max((len(k) for k in phrases), default=0),
        not_titles=not_titles,
        modifiers=frozenset(w.lower() for w in cfg.get("modifiers", [])),
        ordinals=frozenset(w.lower() for w in cfg.get("ordinals", [])),
        ordinal_prefix=cfg.get("ordinal_prefix", ""),
        ranks=frozenset(w.lower() for w in cfg.get("ranks", [])),
        forces=frozenset(tuple(t.text for t in tokenize(w)) for w in cfg.get("rank_forces", [])),
        heads=frozenset(w.lower() for w in cfg.get("title_heads", [])),
        links=frozenset(w.lower() for w in cfg.get("title_links", [])),
        predicate_cues=frozenset(w.lower() for w in cfg.get("predicate_cues", [])),
        predicate_skip=frozenset(w.lower() for w in cfg.get("predicate_skip", [])),
    )


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


@dataclass(frozen=True)
class Acronyms:
    """Names mined as "Nama Panjang (SINGKATAN)" pairs (``acronyms.tsv``, reviewed by hand)."""

    forms: dict[tuple[str, ...], str]  # token texts of a usable form -> type (ORG or LOC)
    long_of: dict[str, str]  # a usable short form (or a person's alias) -> its long form
    longest: int
    firsts: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(k[0] for k in self.forms if k))


# a short form is read as its kind only when its rows agree, or its main meaning has this many
# times the articles of all the others ("PSG": the club, not the initials of a suspect)
DOMINANT = 5


@cache
def acronyms(pack: LanguagePack) -> Acronyms:
    forms: dict[tuple[str, ...], str] = {}
    long_of: dict[str, str] = {}
    by_short: dict[str, list[dict[str, str]]] = {}
    for row in pack.table("acronyms"):
        if row.get("type") in ("BAD", None):
            continue
        by_short.setdefault(row["short"], []).append(row)
        if row["type"] in ("ORG", "LOC"):
            forms[tuple(t.text for t in tokenize(row["long"]))] = row["type"]
    for short, rows in by_short.items():
        rows.sort(key=lambda r: -int(r.get("articles") or 0))
        top, rest = rows[0], rows[1:]
        others = sum(int(r.get("articles") or 0) for r in rest if r["type"] != top["type"])
        if top["type"] in ("ORG", "LOC", "PER") and int(top.get("articles") or 0) >= DOMINANT * others:
            if top["type"] != "PER":  # a person's alias is read as one only beside the full name
                forms[tuple(t.text for t in tokenize(short))] = top["type"]
            long_of[short] = top["long"]
    return Acronyms(forms, long_of, max((len(k) for k in forms), default=1))


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
