"""Pick one gazetteer place for a place name, or say why not.

The choice, in order of what decides:

0. Districts and villages form one tier (see ``gazetteer.KIND_RANK``).
1. **The admin word** written before the name ("Kota Padang", "Kecamatan Leles", "Desa
   Sukamaju") keeps only places of that kind.
2. **Regions** ("Timur Tengah", "Asia Tenggara", pack ``geo.toml [regions]``) get no point.
3. **Rank of the kind**: a country before a province before a city or regency before a district
   before a village ("Roma" is Rome before the villages called Roma); a foreign city of fewer
   than ``BIG_CITY`` people ranks after the home country's cities and regencies, and at equal
   rank a home place wins ("Jayapura" is the Papuan city).
4. **The article's other places**: a candidate in the regency (or province) of a place the
   article names unambiguously moves up ("Leles" next to "Garut" is Kecamatan Leles, Garut).
5. **Population** among foreign cities ("Washington" is the capital, not the English town).
6. A bare name that is both a kota and a kabupaten is the kota ("Bandung").

When several places stay tied, the answer keeps what they share (a province, a country) and
says how many places it could be; with nothing shared there is no answer, and the reason says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from warta.geo.gazetteer import KIND_RANK, Gazetteer, Place
from warta.geo.names import (
    admin_words,
    home_country,
    is_street,
    is_venue,
    key,
    known_localities,
    known_venues,
    part_words,
    regions,
    split_admin,
)

BIG_CITY = 1_000_000
# the kinds an admin word allows
ADMIN_KINDS = {
    "province": {"province"},
    "regency": {"regency"},
    "city": {"city", "town"},
    "district": {"district"},
    "village": {"village"},
    "country": {"country"},
    "island": {"island", "regency", "city", "district", "village"},
}
CONTEXT_REGENCY = 1.5  # how far up a candidate in a regency the article names moves
CONTEXT_PROVINCE = 0.75
# what a place named by part of its name can lie inside
PART_CITY = 100_000  # a foreign city read from part of a name has at least this many people
PART_OF_KINDS = {"country", "province", "city", "regency", "island", "town"}


@dataclass(frozen=True)
class Candidates:
    name: str  # the name looked up
    places: tuple[Place, ...]
    reason: str | None = None  # why there are none
    inside: bool = False  # found by a part of the name: the name is a place inside these
    venue: bool = False  # a street, building or venue: it lies in the article's place


@dataclass(frozen=True)
class Choice:
    place: Place | None
    shared: dict[str, str | None] | None  # what tied places share, when no single place won
    n: int  # how many places tied (1 when one won)
    reason: str | None


def rank(p: Place, home: str | None = None) -> float:
    r = float(KIND_RANK.get(p.kind, 5))
    if home and p.country != home and p.kind == "city":
        r += 0.1 if p.population >= BIG_CITY else 0.5
    elif home and p.country != home and p.kind == "province":
        r = 2.6  # a foreign region after the cities of its name ("Delhi", "Valencia"): it has no point
    return r


def candidates(names: Iterable[str], gaz: Gazetteer, lang: str, *, mined: bool = True) -> Candidates:
    """The places the first name that the gazetteer knows could be (names tried in order).
    ``mined=False`` leaves out the pack's mined tables (their miners read the gazetteer alone, so
    that a table never depends on itself)."""
    tried = []
    names = list(names)
    venues = known_venues(lang) if mined else {}
    localities = known_localities(lang) if mined else {}
    if names and any(is_venue(n, lang) for n in names):
        # a venue the news places again and again ("Kompleks Parlemen", "Stadion Patriot Candrabhaga"),
        # or named after its place ("Istana Kepresidenan Bogor", "Bandara Internasional Incheon"):
        # the more precise of the two, the mined table on a tie
        found: list[Place] = []
        for n in names:
            where = venues.get(key(n))
            if where and not is_street(n, lang):
                container = _container(gaz, lang, *where)
                if container:
                    found = [container]
                    break
        words = key(max(names, key=len)).split()
        for i in range(1, len(words)):
            named = [
                p
                for p in _part_of(gaz, " ".join(words[i:]), lang, localities)
                if p.country == home_country(lang) or p.kind == "country" or p.population >= BIG_CITY
            ]
            if named:
                if not found or (not found[0].admin2 and all(p.admin2 for p in named)):
                    found = named
                break
        if found:
            return Candidates(names[0], tuple(found), None, inside=True, venue=True)
        return Candidates(names[0], (), "a street, building or venue", venue=True)
    # a place the news keeps putting somewhere ("Kuningan, Jakarta Selatan", "Kemang"): the
    # gazetteer's place of that name there, else that regency (mined: lang/<code>/localities.tsv)
    for name in names:
        where = localities.get(key(name))
        if where:
            inner = [
                p for p in gaz.lookup(key(name)) if p.admin1 == where[1] and (not where[2] or p.admin2 == where[2])
            ]
            if inner:
                return Candidates(name, tuple(inner))
            container = _container(gaz, lang, *where)
            if container:
                return Candidates(name, (container,), None, inside=True, venue=True)
    for name in names:
        kind, k = split_admin(name, lang)
        if not k:
            continue
        if k in regions(lang) or key(name) in regions(lang):
            return Candidates(name, (), "a region, not one place")
        found = gaz.lookup(k) or gaz.lookup(k.replace(" ", ""))
        if kind:
            found = [p for p in found if p.kind in ADMIN_KINDS.get(kind, {p.kind})]
        if found:
            return Candidates(name, tuple(found))
        tried.append(name)
    # a part of a known place ("Aleppo timur"): the name's start names a country, province, city or
    # regency, and the rest are words of a part (pack: geo.toml part_words)
    for name in tried[:1]:
        words = key(name).split()
        for n in range(len(words) - 1, 0, -1):
            if not all(w in part_words(lang) for w in words[n:]):
                continue
            found = _part_of(gaz, " ".join(words[:n]), lang, localities)
            if found:
                return Candidates(name, tuple(found), None, inside=True)
    return Candidates(tried[0] if tried else "", (), "not in the gazetteer")


def _container(gaz: Gazetteer, lang: str, country: str, province: str, regency: str) -> Place | None:
    """The gazetteer's regency (or province) of a venue table row."""
    name = regency or province
    bare = split_admin(name, lang)[1] if regency else key(name)
    kinds = {"regency", "city"} if regency else {"province"}
    for p in gaz.lookup(bare) + gaz.lookup(bare.replace(" ", "")):
        if p.kind in kinds and p.country == country and p.admin1 == province and (not regency or p.admin2 == regency):
            return p
    return None


def _part_of(gaz: Gazetteer, k: str, lang: str, localities: dict[str, tuple[str, str, str]]) -> list[Place]:
    """Places a part of a name can be: no admin word alone ("Balai Kota"), no small foreign town
    known only by an alternate name ("Trade Center")."""
    if split_admin(k + " x", lang)[1] == "x" or k in {w for w, _ in admin_words(lang)}:
        return []
    where = localities.get(k)
    if where:  # "Jalan Patra Kuningan": the Kuningan of Jakarta Selatan, not the regency in West Java
        container = _container(gaz, lang, *where)
        return [container] if container else []
    return [
        p
        for p in gaz.lookup(k)
        if p.kind in PART_OF_KINDS
        and (
            p.country == home_country(lang) or (p.kind == "country" or (p.population >= PART_CITY and key(p.name) == k))
        )
    ]


def choose(c: Candidates, context: Iterable[Place] = (), home: str | None = None) -> Choice:
    if not c.places:
        return Choice(None, None, 0, c.reason)
    context = list(context)
    regencies = {p.admin2 for p in context if p.admin2}
    provinces = {p.admin1 for p in context if p.country == "ID" and p.admin1}

    def score(p: Place) -> float:
        s = rank(p, home)
        if p.kind not in ("country", "province") and p.country == "ID":
            if p.admin2 and p.admin2 in regencies:
                s -= CONTEXT_REGENCY
            elif p.admin1 in provinces:
                s -= CONTEXT_PROVINCE
        return s

    scored = sorted(c.places, key=lambda p: (score(p), p.country != home, -p.population, p.kind != "city"))
    best = scored[0]
    ties = [
        p
        for p in scored
        if score(p) == score(best) and (p.country == home) == (best.country == home) and p.population == best.population
    ]
    # a kota and a kabupaten of the same name: the kota
    if (
        len(ties) > 1
        and {p.kind for p in ties} == {"city", "regency"}
        and len([p for p in ties if p.kind == "city"]) == 1
    ):
        ties = [p for p in ties if p.kind == "city"]
    # a district and its village of the same name ("Leles", Kabupaten Garut): the district
    if len({p.admin2 for p in ties}) == 1 and len([p for p in ties if p.kind == "district"]) == 1:
        ties = [p for p in ties if p.kind == "district"]
    if len({p.id for p in ties}) == 1:
        return Choice(ties[0], None, 1, None)
    shared: dict[str, str | None] = {"country": None, "admin1": None, "admin2": None}
    for f in ("country", "admin1", "admin2"):
        vals = {getattr(p, f) for p in ties}
        if len(vals) != 1 or not next(iter(vals)):
            break
        shared[f] = next(iter(vals))
    where = f"{len({p.admin2 or p.country for p in ties})} regencies or countries"
    reason = f"ambiguous: {len(ties)} places named {c.name!r} in {where}"
    if shared["country"] is None:
        return Choice(None, None, len(ties), reason)
    return Choice(None, shared, len(ties), reason)
