"""Name keys and the pack's place vocabulary (admin words, province names, regions)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from warta import lang

# the pack whose geo.toml describes the administrative regions the gazetteer is built from
ADMIN_PACK = "id"

_NON_WORD = re.compile(r"[^\w]+")


def key(name: str) -> str:
    """Lookup key of a place name: case, accents, punctuation and spacing do not matter."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", s.casefold()).strip()


@cache
def geo_data(code: str = ADMIN_PACK) -> dict[str, Any]:
    try:
        return lang.get(code).toml("geo")
    except KeyError:
        return {}


def province_name(code: str) -> str:
    return str(geo_data().get("provinces", {}).get(code, code))


@cache
def admin_words(code: str) -> tuple[tuple[str, str], ...]:
    """``(word key, kind)`` pairs, longest first, of the words written before a place's name."""
    pairs = []
    for kind, words in geo_data(code).get("admin_words", {}).items():
        for w in words:
            pairs.append((key(w), kind))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def split_admin(name: str, code: str) -> tuple[str | None, str]:
    """``("city", "bandung")`` for "Kota Bandung": the admin word's kind and the rest's key."""
    k = key(name)
    for w, kind in admin_words(code):
        if k.startswith(w + " ") and len(k) > len(w) + 1:
            return kind, k[len(w) + 1 :]
    return None, k


@cache
def regions(code: str) -> frozenset[str]:
    return frozenset(key(n) for n in geo_data(code).get("regions", {}).get("names", []))


@cache
def venue_words(code: str) -> tuple[str, ...]:
    return tuple(sorted({key(w) for w in geo_data(code).get("venues", {}).get("words", [])}, key=len, reverse=True))


def is_venue(name: str, code: str) -> bool:
    """A street, building or venue ("Jalan Sudirman", "Hotel Mandarin", "Stadion Patriot")."""
    k = key(name)
    return any(k.startswith(w + " ") for w in venue_words(code))


def home_country(code: str) -> str | None:
    return geo_data(code).get("home_country")


@cache
def streets(code: str) -> tuple[str, ...]:
    return tuple(key(w) for w in geo_data(code).get("venues", {}).get("streets", []))


def is_street(name: str, code: str) -> bool:
    k = key(name)
    return any(k.startswith(w + " ") for w in streets(code))


@cache
def known_venues(code: str) -> dict[str, tuple[str, str, str]]:
    """Venue key -> (country, province, regency or "") from the pack's mined ``venues.tsv``."""
    return _mined(code, "venues", "venue")


@cache
def known_localities(code: str) -> dict[str, tuple[str, str, str]]:
    """Locality key -> (country, province, regency or "") from the pack's mined ``localities.tsv``."""
    return _mined(code, "localities", "locality")


def _mined(code: str, table: str, column: str) -> dict[str, tuple[str, str, str]]:
    try:
        rows = lang.get(code).table(table)
    except KeyError:
        return {}
    return {key(r[column]): (r["country"], r["province"], r.get("regency") or "") for r in rows}


@cache
def part_words(code: str) -> frozenset[str]:
    """Words naming a part of a place after its name ("Aleppo timur", "Jakarta kota")."""
    return frozenset(key(w) for w in geo_data(code).get("part_words", []))
