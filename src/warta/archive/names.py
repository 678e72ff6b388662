"""How the archive resolver compares names: a name key without honorifics and degrees, its
tokens, initials, and titles reduced to the office they name. The words come from the language
pack (``archive.toml``, ``names.toml``); the alias lists are ``person_aliases.tsv`` and the
person, organisation and place rows of ``acronyms.tsv``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.lang import LanguagePack
from warta.store.base import canonical_key


def _bare(word: str) -> str:
    return word.casefold().replace(".", "").strip(",")


@dataclass(frozen=True)
class NameRules:
    honorifics: frozenset[str]
    degrees: frozenset[str]
    modifiers: frozenset[str]
    ordinals: frozenset[str]
    ordinal_prefix: str
    weak_titles: frozenset[str]
    aliases: tuple[tuple[str, str, str, str], ...]  # (alias key, name key, type, list it came from)
    title_words: frozenset[str] = frozenset()  # titles, ranks and forms of address, case-folded
    country_suffixes: frozenset[str] = frozenset()  # "Indonesia", "RI": a national branch's name
    common: frozenset[str] = frozenset()  # common lower-case words: "Trio Mohamed Salah" is no relative
    relation_words: frozenset[str] = frozenset()  # "istri", "putra", "kekasih": relations, no offices
    kinds: frozenset[str] = frozenset()  # short forms acronyms.tsv types MISC: kinds of body ("RSUD")
    kin_words: frozenset[str] = frozenset()  # "papa", "kakek": a relative written before a name
    generic_kinds: frozenset[str] = frozenset()  # ORG short forms that name a kind of body ("Bamus", "DPW")

    def branch_of(self, key: str, short: str) -> bool:
        """``key`` is ``short`` and a country ("facebook indonesia" of "facebook")."""
        return key.startswith(short + " ") and key[len(short) + 1 :] in self.country_suffixes

    def name_words(self, name: str, part: tuple[str, ...]) -> list[str]:
        """The words a fuller name has beyond ``part`` that look like a name: capitalised, no
        title or form of address ("Iriana" of "Iriana Joko Widodo", not "wajah" nor "Jendral")."""
        words = [w for w in re.split(r"[\s,]+", name) if w]
        extra = [w for w in words if w.casefold() not in part]
        return [
            w for w in extra if w[:1].isupper() and _bare(w) not in self.title_words and _bare(w) not in self.common
        ]

    def tokens(self, key: str) -> tuple[str, ...]:
        """The name's words without honorifics before it and degrees after it."""
        words = [w for w in re.split(r"[\s,]+", key) if w]
        while len(words) > 1 and _bare(words[0]) in self.honorifics:
            words.pop(0)
        while len(words) > 1 and _bare(words[-1]) in self.degrees:
            words.pop()
        return tuple(words)

    def office(self, title: str) -> str | None:
        """A title as the office it names ("mantan Presiden ke-3" -> "presiden"); None when it
        names no office on its own."""
        out = self.bare_title(title)
        return out if out and out not in self.weak_titles else None

    def bare_title(self, title: str) -> str:
        """A title without its modifiers and ordinals, case-folded ("mantan Presiden ke-3" -> "presiden")."""
        words = [w for w in canonical_key(title).split() if w]
        words = [w for w in words if w not in self.modifiers and w not in self.ordinals]
        return " ".join(w for w in words if not (self.ordinal_prefix and w.startswith(self.ordinal_prefix)))


@cache
def name_rules(pack: LanguagePack) -> NameRules:
    arch = pack.toml("archive").get("names", {})
    persons = pack.toml("names").get("persons", {})
    titles = pack.toml("names").get("titles", {})
    aliases: list[tuple[str, str, str, str]] = []
    for row in pack.table("person_aliases"):
        if row.get("alias") and row.get("name"):
            aliases.append((canonical_key(row["alias"]), canonical_key(row["name"]), "PER", "person_aliases.tsv"))
    for row in pack.table("acronyms"):
        if row.get("type") in ("PER", "ORG", "LOC") and row.get("short") and row.get("long"):
            aliases.append((canonical_key(row["short"]), canonical_key(row["long"]), row["type"], "acronyms.tsv"))
    return NameRules(
        honorifics=frozenset(_bare(w) for w in arch.get("honorifics", [])),
        degrees=frozenset(_bare(w) for w in persons.get("degrees", [])),
        modifiers=frozenset(canonical_key(w) for w in titles.get("modifiers", [])),
        ordinals=frozenset(canonical_key(w) for w in titles.get("ordinals", [])),
        ordinal_prefix=str(titles.get("ordinal_prefix", "")),
        weak_titles=frozenset(canonical_key(w) for w in arch.get("weak_titles", [])),
        aliases=tuple(aliases),
        common=frozenset(_bare(w.split("#")[0].strip()) for w in pack.lines("common_words")),
        relation_words=frozenset(canonical_key(w) for w in titles.get("not_titles", [])),
        kinds=frozenset(canonical_key(r["short"]) for r in pack.table("acronyms") if r.get("type") == "MISC")
        | frozenset(canonical_key(w) for w in arch.get("generic_kinds", [])),
        kin_words=frozenset(_bare(w) for w in arch.get("kin_words", [])),
        generic_kinds=frozenset(canonical_key(w) for w in arch.get("generic_kinds", [])),
        country_suffixes=frozenset(
            canonical_key(w) for w in pack.toml("names").get("aliases", {}).get("country_suffixes", [])
        ),
        title_words=frozenset(
            [_bare(t.split("#")[0].strip()) for t in pack.lines("titles")]
            + [_bare(w) for w in titles.get("not_titles", []) + titles.get("ranks", []) + arch.get("honorifics", [])]
        ),
    )


def initials_match(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """ "bj habibie" for "bacharuddin jusuf habibie": the short name's first words are the full
    name's initials (one word of letters, or one letter a word) and the rest is the same."""
    if len(short) < 2 or len(full) <= len(short):
        return False
    for n_tail in range(len(short) - 1, 0, -1):
        if short[-n_tail:] != full[-n_tail:]:
            continue
        head, fhead = short[:-n_tail], full[:-n_tail]
        letters = "".join(head).replace(".", "")
        if len(letters) == len(fhead) >= 2 and all(w[:1] == c for w, c in zip(fhead, letters, strict=True)):
            return True
    return False


def part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """The short name is the full one's first or last words ("anies" of "anies baswedan")."""
    n = len(short)
    return 0 < n < len(full) and (full[:n] == short or full[-n:] == short)
