"""Read TopoJSON boundary files (the ones the web map ships) and place a point inside each shape.

Only what the gazetteer build needs: decode a quantized, delta-encoded TopoJSON object into
rings of (lon, lat) and take the area-weighted centroid of each feature's largest polygon (so
France's point is in Europe, not between it and French Guiana).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Ring = list[tuple[float, float]]


def _arcs(topo: dict[str, Any]) -> list[Ring]:
    tf = topo.get("transform")
    out: list[Ring] = []
    for arc in topo["arcs"]:
        pts: Ring = []
        x = y = 0.0
        for p in arc:
            if tf:
                x, y = x + p[0], y + p[1]
                pts.append((x * tf["scale"][0] + tf["translate"][0], y * tf["scale"][1] + tf["translate"][1]))
            else:
                pts.append((float(p[0]), float(p[1])))
        out.append(pts)
    return out


def _ring(arcs: list[Ring], idx: list[int]) -> Ring:
    ring: Ring = []
    for i in idx:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(pts if not ring else pts[1:])
    return ring


def _area_centroid(ring: Ring) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def centroids(path: Path, object_name: str, key: str = "id") -> dict[str, tuple[float, float]]:
    """``{feature id (or property key): (lat, lon)}`` of the largest polygon of each feature."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    out: dict[str, tuple[float, float]] = {}
    areas: dict[str, float] = {}  # features sharing an id (Australia and Ashmore Is.): the largest wins
    for g in topo["objects"][object_name]["geometries"]:
        fid = g.get(key) if key == "id" else (g.get("properties") or {}).get(key)
        if fid is None:
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        best = None
        for poly in polys:
            ring = _ring(arcs, poly[0])
            if max(x for x, _ in ring) - min(x for x, _ in ring) > 180:  # across the antimeridian
                ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
            area, lon, lat = _area_centroid(ring)
            lon = lon - 360 if lon > 180 else lon
            if best is None or area > best[0]:
                best = (area, lat, lon)
        if best is not None and best[0] > areas.get(str(fid), -1.0):
            areas[str(fid)] = best[0]
            out[str(fid)] = (round(best[1], 4), round(best[2], 4))
    return out
