"""Places in the archive (issue 22): the places table on both back ends, /api/places with its
filters, GeoJSON, the map and place pages, and `warta export --format geojson`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from store_helpers import store, target  # noqa: F401
from warta.store.places import PlaceFilter
from warta.web import create_app
from web_support import executable, seed


@pytest.fixture
def seeded(target):  # noqa: F811
    return target, seed(target)


@pytest.fixture
def client(seeded):
    with TestClient(create_app(seeded[0], token=""), raise_server_exceptions=False) as c:
        yield c


def test_store_places_and_filters(store):  # noqa: F811
    from store_helpers import sample_articles

    for a in sample_articles():
        store.add(a)
    names = {p["place"]: p for p in store.places().items}
    assert {"Kota Jakarta Utara", "Kota Bogor"} <= set(names)
    assert names["Kota Bogor"]["admin1"] == "Jawa Barat" and names["Kota Bogor"]["lat"] is not None
    assert [p["place"] for p in store.places(PlaceFilter(province="jawa barat")).items] == ["Kota Bogor"]
    assert [p["place"] for p in store.places(PlaceFilter(regency="Kota Jakarta Utara")).items] == ["Kota Jakarta Utara"]
    around_bogor = (106.5, -7.0, 107.0, -6.4)
    assert [p["place"] for p in store.places(PlaceFilter(bbox=around_bogor)).items] == ["Kota Bogor"]
    assert store.places(PlaceFilter(q="bog")).total == 1 and store.places(PlaceFilter(country="SY")).total == 0
    src = names["Kota Bogor"]["source"]
    assert store.place_articles(src).total == 1
    assert {r["admin1"] for r in store.place_regions()} == {"DKI Jakarta", "Jawa Barat"}
    assert list(store.all_places(batch=1)) == store.places().items


def test_places_leave_with_their_article(store):  # noqa: F811
    from store_helpers import sample_articles

    a = sample_articles()[1]
    store.add(a)
    assert store.places().total == 1
    store.delete_article(a.id)
    assert store.places().total == 0


def test_api_places_filters_and_geojson(client):
    r = client.get("/api/places")
    assert r.status_code == 200 and r.json()["total"] >= 2
    r = client.get("/api/places", params={"province": "Jawa Barat"})
    assert [p["place"] for p in r.json()["items"]] == ["Kota Bogor"]
    r = client.get("/api/places", params={"bbox": "106.5,-7,107,-6.4"})
    assert [p["place"] for p in r.json()["items"]] == ["Kota Bogor"]
    r = client.get("/api/places.geojson", params={"country": "ID"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and fc["features"]
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert 95 < lon < 141 and -11 < lat < 6
    regions = client.get("/api/places/regions").json()["regions"]
    assert {r["admin1"] for r in regions} == {"DKI Jakarta", "Jawa Barat"}
    src = next(f["properties"]["source"] for f in fc["features"] if f["properties"]["place"] == "Kota Bogor")
    one = client.get(f"/api/places/{src}").json()
    assert one["place"]["place"] == "Kota Bogor" and one["articles"]["total"] == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/places?bbox=1,2,3",
        "/api/places?bbox=a,b,c,d",
        "/api/places?bbox=0,0,200,10",
        "/api/places?bbox=0,10,10,0",
        "/api/places?bbox=nan,0,1,1",
        "/api/places?country=Indonesia",
        "/api/places.geojson?limit=100000",
        "/api/places/not%20an%20id",
    ],
)
def test_api_places_bad_parameters_are_4xx(client, url):
    r = client.get(url)
    assert r.status_code == 422 and r.json()["status"] == 422


def test_unknown_place_is_404(client):
    assert client.get("/api/places/geonames:1").status_code == 404
    assert client.get("/places/geonames:1").status_code == 404


def test_map_and_place_pages(client):
    r = client.get("/map")
    assert r.status_code == 200 and 'id="map"' in r.text and "Kota Bogor" in r.text
    assert executable(r.text) == []
    r = client.get("/map", params={"province": "Jawa Barat"})
    assert r.status_code == 200 and "Kota Jakarta Utara" not in r.text.split("Most named places")[1]
    src = client.get("/api/places", params={"name": "Bogor"}).json()["items"][0]["source"]
    r = client.get(f"/places/{src}")
    assert r.status_code == 200 and "Menteri tinjau bendungan" in r.text and executable(r.text) == []
    for f in ("leaflet.js", "leaflet.css", "topojson-client.min.js", "countries-50m.json", "id-provinces.json"):
        assert client.get(f"/static/vendor/{f}").status_code == 200, f


def test_export_geojson_cli(seeded, tmp_path):
    db, _ = seeded
    out = tmp_path / "out"
    r = subprocess.run(
        [sys.executable, "-m", "warta.cli", "export", "--db", str(db), "--format", "geojson", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    fc = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["place"] for f in fc["features"]} >= {"Kota Bogor", "Kota Jakarta Utara"}
