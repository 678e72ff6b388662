"""The geocoding stage: ``Entity.geo`` for every place, and ``Article.location``.

Places are resolved twice: first each on its own, then the ambiguous ones again with the places
the first pass settled (and the dateline's) as context. See ``warta.geo.resolve`` for the choice.
"""

from __future__ import annotations

from collections import Counter

from warta.article import Article, Entity, Geo, Location
from warta.geo.gazetteer import Place, load
from warta.geo.names import home_country
from warta.geo.resolve import Candidates, Choice, candidates, choose
from warta.lang import DEFAULT
from warta.stages import stage


def _geo(ch: Choice) -> Geo | None:
    p = ch.place
    if p is not None:
        kind = "city" if p.kind == "town" else p.kind  # a regency seat is a city to the user
        return Geo(p.name, kind, p.country, p.admin1 or None, p.admin2 or None, p.lat, p.lon, p.id, p.precision)
    if ch.shared:
        return Geo(
            None, None, ch.shared["country"], ch.shared["admin1"], ch.shared["admin2"], None, None, None, "none", ch.n
        )
    return None


def _fields(g: Geo) -> tuple[str | None, str | None, str | None, float | None, float | None]:
    return g.country, g.admin1, g.admin2, g.lat, g.lon


def _names(e: Entity) -> list[str]:
    """The entity's name, then its other mentions, longest first (an admin word makes a name longer)."""
    seen: list[str] = []
    for n in [e.name, *sorted((m.text for m in e.mentions), key=len, reverse=True)]:
        if n and n not in seen:
            seen.append(n)
    return seen


def _lang(article: Article) -> str:
    return article.language.code if article.language else DEFAULT


@stage(requires=("entities", "dateline", "language"), assigns=("geo", "location"))
def annotate(article: Article) -> None:
    places = [e for e in article.entities if e.type == "LOC"]
    dateline = article.dateline.place if article.dateline and article.dateline.place else None
    if not places and not dateline:
        return
    gaz = load()
    code = _lang(article)
    home = home_country(code)
    found: dict[str, Candidates] = {e.id: candidates(_names(e), gaz, code) for e in places}
    first = {eid: choose(c, home=home) for eid, c in found.items()}
    date_choice = choose(candidates([dateline], gaz, code), home=home) if dateline else None
    context: list[Place] = [ch.place for ch in first.values() if ch.place is not None]
    if date_choice and date_choice.place:
        context.append(date_choice.place)
    for e in places:
        ch = first[e.id]
        if ch.place is None and ch.n > 1:
            others = [p for p in context if p.id not in {x.id for x in found[e.id].places}]
            ch = choose(found[e.id], others, home=home)
        e.geo = _geo(ch)
        e.geo_reason = ch.reason if ch.place is None else None
        if found[e.id].venue and e.geo is not None and ch.place is not None:
            # a venue inside a known place: the place's region and point, the venue's own kind
            e.geo = Geo(None, "other", *_fields(e.geo), e.geo.source, ch.place.kind)
            e.geo_reason = f"a venue in {ch.place.name}"
    article.location = _location(article, places, dateline, date_choice)
    _place_venues(article, places, found)
    _country_of_the_article(places)


# an unknown place takes the article's country when at least this share of its known places
# (and at least MIN_KNOWN of them) lie in that country
COUNTRY_SHARE = 2 / 3
MIN_KNOWN = 2


def _country_of_the_article(places: list[Entity]) -> None:
    """A place the gazetteer lacks ("Carstensz", "Bidakara") in an article whose places lie in one
    country gets that country only (and that province, when they lie in one province too): no
    regency, no point, and the reason says where it came from."""
    known = [e.geo for e in places if e.geo is not None and e.geo.country and e.geo.kind != "other"]
    country = _dominant([g.country for g in known])
    if country is None:
        return
    inside = [g for g in known if g.country == country and g.kind != "country"]
    province = _dominant([g.admin1 for g in inside])
    regency = (
        _dominant([g.admin2 for g in inside if g.admin1 == province and g.kind != "province"]) if province else None
    )
    for e in places:
        if e.geo is None and e.geo_reason in ("not in the gazetteer", "a street, building or venue"):
            e.geo = Geo(None, None, country, province, regency, None, None, None, "none")
            where = "regency" if regency else "province" if province else "country"
            e.geo_reason = f"{e.geo_reason}; the {where} of the article's other places"
        elif e.geo is not None and e.geo.kind == "other" and regency and not e.geo.admin2 and e.geo.admin1 == province:
            e.geo.admin2 = regency


def _dominant(values: list[str | None]) -> str | None:
    """The value at least COUNTRY_SHARE of ``values`` (and at least MIN_KNOWN) have, if any."""
    counts = Counter(v for v in values)
    if not counts:
        return None
    v, n = counts.most_common(1)[0]
    return v if v and n >= MIN_KNOWN and n / len(values) >= COUNTRY_SHARE else None


# kinds of place a venue can lie in
SETTLEMENTS = {"city", "town", "regency", "district", "village", "province"}


def _location(
    article: Article, places: list[Entity], dateline: str | None, date_choice: Choice | None
) -> Location | None:
    if dateline:
        ent = next((e for e in places if any(m.text == dateline for m in e.mentions) or e.name == dateline), None)
        if ent is not None:
            return Location(dateline, ent.id, "dateline", ent.geo)
        return Location(dateline, None, "dateline", _geo(date_choice) if date_choice else None)
    counts = Counter(
        {e.id: len(e.mentions) for e in places if e.geo is not None and e.geo.lat is not None and e.geo.kind != "other"}
    )
    if not counts:
        return None
    # most mentions; ties go to the place named first
    order = {e.id: min((m.start for m in e.mentions), default=0) for e in places}
    eid = min(counts, key=lambda i: (-counts[i], order[i]))
    ent = next(e for e in places if e.id == eid)
    return Location(ent.name, ent.id, "mentions", ent.geo)


def _place_venues(article: Article, places: list[Entity], found: dict[str, Candidates]) -> None:
    """A street, building or venue lies in the article's own place, when that is a settlement."""
    loc = article.location
    g = loc.geo if loc else None
    if g is None or g.kind not in SETTLEMENTS:
        return
    if g.kind == "province":
        # the most mentioned city or regency of the article inside that province ("Jakarta Pusat")
        inner = [
            e
            for e in places
            if e.geo and e.geo.kind in SETTLEMENTS - {"province"} and e.geo.admin1 == g.admin1 and e.geo.lat is not None
        ]
        if inner:
            best = max(inner, key=lambda e: len(e.mentions))
            g = best.geo  # type: ignore[assignment]
    for e in places:
        if found[e.id].venue and e.geo is None:
            e.geo = Geo(None, "other", g.country, g.admin1, g.admin2, g.lat, g.lon, g.source, g.kind or "none")
            e.geo_reason = f"a venue, placed in the article's place ({loc.name if loc else ''})"
