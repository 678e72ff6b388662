"""The archive's places (the ``places`` table, filled from ``warta.geo``): which places the
articles name, filtered by country, province, regency, bounding box or name, and the articles
of one place. Mixed into the SQL stores; the SQL of places lives here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warta.store.access import SqlAccess
from warta.store.base import Page

PLACE_COLUMNS = (
    "p.source, MAX(p.place) AS place, MAX(p.kind) AS kind, MAX(p.country) AS country, MAX(p.admin1) AS admin1,"
    " MAX(p.admin2) AS admin2, MAX(p.lat) AS lat, MAX(p.lon) AS lon, MAX(p.precision) AS precision,"
    " MIN(p.name) AS name, COUNT(DISTINCT p.article_id) AS n_articles, SUM(p.n_mentions) AS n_mentions"
)


@dataclass(frozen=True)
class PlaceFilter:
    """What ``places`` and ``place_regions`` keep. ``bbox``: (west, south, east, north) degrees."""

    country: str | None = None
    province: str | None = None
    regency: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        # venues ("other") take their place's point: they are counted in their articles, not as places
        w = ["p.source IS NOT NULL", "p.kind <> 'other'"]
        params: list[Any] = []
        if self.country:
            w.append("p.country = ?")
            params.append(self.country.upper())
        if self.province:
            w.append("LOWER(p.admin1) = LOWER(?)")
            params.append(self.province)
        if self.regency:
            w.append("LOWER(p.admin2) = LOWER(?)")
            params.append(self.regency)
        if self.bbox:
            west, south, east, north = self.bbox
            w.append("p.lat BETWEEN ? AND ?")
            params += [south, north]
            if west <= east:
                w.append("p.lon BETWEEN ? AND ?")
                params += [west, east]
            else:  # across the antimeridian
                w.append("(p.lon >= ? OR p.lon <= ?)")
                params += [west, east]
        if self.q:
            like = "%" + self.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            w.append("(LOWER(p.name) LIKE ? ESCAPE '\\' OR LOWER(p.place) LIKE ? ESCAPE '\\')")
            params += [like, like]
        return " AND ".join(w), params


class PlaceQueries(SqlAccess):
    """Requires ``_all`` and ``_one`` of the SQL store."""

    def places(self, f: PlaceFilter = PlaceFilter(), *, limit: int = 100, offset: int = 0) -> Page:
        """Places the articles name, most articles first: one item per gazetteer place."""
        where, params = f.where()
        total = self._one(f"SELECT COUNT(DISTINCT p.source) FROM places p WHERE {where}", params)
        rows = self._all(
            f"SELECT {PLACE_COLUMNS} FROM places p WHERE {where} GROUP BY p.source"
            " ORDER BY n_articles DESC, n_mentions DESC, p.source LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Page(rows, int(total[0]) if total else 0, limit, offset)

    def place(self, source: str) -> dict[str, Any] | None:
        rows = self._all(f"SELECT {PLACE_COLUMNS} FROM places p WHERE p.source = ? GROUP BY p.source", [source])
        return rows[0] if rows else None

    def place_articles(self, source: str, *, limit: int = 20, offset: int = 0) -> Page:
        """Articles naming one place (a venue in it included), newest first."""
        total = self._one("SELECT COUNT(DISTINCT article_id) FROM places WHERE source = ?", [source])
        rows = self._all(
            "SELECT a.id, a.url, a.title, a.outlet, a.language, a.published, a.n_quotes, NULL AS snippet FROM articles a"
            " WHERE a.id IN (SELECT article_id FROM places WHERE source = ?)"
            " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
            [source, limit, offset],
        )
        return Page(rows, int(total[0]) if total else 0, limit, offset)

    def place_regions(self, f: PlaceFilter = PlaceFilter(country="ID")) -> list[dict[str, Any]]:
        """Articles per first-level region (province) of a country."""
        where, params = f.where()
        return self._all(
            f"SELECT p.admin1 AS admin1, COUNT(DISTINCT p.article_id) AS n_articles FROM places p WHERE {where}"
            " AND p.admin1 IS NOT NULL GROUP BY p.admin1 ORDER BY n_articles DESC, p.admin1",
            params,
        )

    def all_places(self, f: PlaceFilter = PlaceFilter(), *, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every place of the filter, most articles first, read a page at a time."""
        offset = 0
        while True:
            page = self.places(f, limit=batch, offset=offset)
            yield from page.items
            if len(page.items) < batch:
                return
            offset += batch
