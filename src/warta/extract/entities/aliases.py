"""Other names of one entity in one article: an acronym and its expansion, a listed alias
("Jokowi" for Joko Widodo), a place with and without its admin word, an organisation with and
without its country. Each gives ``{other name (lower case): the mention it joins}``, the form
:func:`warta.extract.entities.linking.link` reads bracketed aliases in."""

from __future__ import annotations

from functools import cache

from warta.extract.entities.lexicons import acronyms
from warta.extract.entities.mentions import Found
from warta.extract.entities.registry import RULES
from warta.lang import LanguagePack

LISTED_ALIAS = RULES.declare(
    "acronym-joins-expansion",
    "a listed acronym or alias and its expansion (acronyms.tsv) in one article are one entity, brackets or not",
    "Presiden Joko Widodo meresmikan bendungan itu. Jokowi didampingi Gubernur.",
)
SPELLED = RULES.declare(
    "acronym-spells-name",
    "an all-capitals name whose letters open the words of another name in the article is that name's acronym",
    "PT Honda Prospect Motor merilis mobil baru. Menurut HPM, penjualan naik.",
)
ADMIN_VARIANT = RULES.declare(
    "place-with-admin-word",
    "a place written with and without its admin word ('Provinsi Riau', 'Riau') is one place, when one admin word is used",
    "Banjir melanda Provinsi Riau. Warga Riau diminta waspada.",
)
COUNTRY_VARIANT = RULES.declare(
    "organisation-with-country",
    "an organisation written with and without its country ('Kementerian Kesehatan RI') is one organisation",
    "Kementerian Kesehatan RI menyiapkan vaksin. Kementerian Kesehatan menyebut stok cukup.",
)


@cache
def _words(pack: LanguagePack, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in pack.toml("names").get("aliases", {}).get(key, []))


def spells(short: str, long: str, skips: frozenset[str]) -> bool:
    """Do the letters of ``short`` open, in order, every word of ``long`` (skip words may give
    none), each word giving its first letter and maybe more of its own after it?"""
    s = [c for c in short.lower() if c.isalnum()]
    words = [w.lower() for w in long.split() if w.lower() not in skips]
    if len(words) < 2 or not s or len(s) < len(words):
        return False

    def go(i: int, w: int, j: int) -> bool:
        if i == len(s):  # every letter read: the last word must have given one
            return w == len(words) - 1 and j >= 0
        if w == len(words):
            return False
        word = words[w]
        if j < 0:
            return word[0] == s[i] and go(i + 1, w, 0)
        k = word.find(s[i], j + 1)
        return (k >= 0 and go(i + 1, w, k)) or go(i, w + 1, -1)

    return go(0, 0, -1)


def other_names(found: list[Found], alias_of: dict[str, Found], pack: LanguagePack) -> None:
    """Add each other name of a mention's entity to ``alias_of`` (a bracketed alias wins)."""
    by_text: dict[str, Found] = {}
    for f in found:
        by_text.setdefault(f.text, f)
    if LISTED_ALIAS.on:
        long_of = acronyms(pack).long_of
        for f in found:
            long = long_of.get(f.text)
            if long and long in by_text:
                alias_of.setdefault(f.text.lower(), by_text[long])
    if SPELLED.on:
        skips = _words(pack, "spelling_skips")
        names = [g for g in by_text.values() if g.label in ("ORG", "LOC") and " " in g.text]
        for f in found:
            t = f.text
            if f.label in ("ORG", "LOC") and 2 <= len(t) <= 8 and t.isupper() and t.isalpha():
                hits = [g for g in names if spells(t, g.text, skips)]
                if len(hits) == 1:
                    alias_of.setdefault(t.lower(), hits[0])
    if ADMIN_VARIANT.on:
        prefixes = _words(pack, "admin_prefixes")
        variants: dict[str, list[Found]] = {}
        for g in by_text.values():
            head, _, rest = g.text.partition(" ")
            if g.label == "LOC" and head.lower() in prefixes and rest:
                variants.setdefault(rest, []).append(g)
        for bare, vs in variants.items():
            if len(vs) == 1 and bare in by_text and by_text[bare].label == "LOC":
                alias_of.setdefault(bare.lower(), vs[0])
    if COUNTRY_VARIANT.on:
        suffixes = _words(pack, "country_suffixes")
        for g in list(by_text.values()):
            rest, _, tail = g.text.rpartition(" ")
            if g.label == "ORG" and tail.lower() in suffixes and rest in by_text and by_text[rest].label == "ORG":
                alias_of.setdefault(rest.lower(), g)
