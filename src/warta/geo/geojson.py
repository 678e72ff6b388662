"""Places as GeoJSON (RFC 7946: coordinates are [lon, lat]), for the API and ``warta export``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def feature(p: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in p.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]}, "properties": props}


def feature_collection(places: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The places that have a point; the others (ambiguous, no coordinates) are left out."""
    return {"type": "FeatureCollection", "features": [feature(p) for p in places if p.get("lat") is not None]}


def write(places: Iterable[dict[str, Any]], path: Path) -> int:
    fc = feature_collection(places)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return len(fc["features"])
