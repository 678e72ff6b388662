"""Enrichment from the archive (issue 21, item 2): what the archive knows of an article's people
that the article does not say. Kept apart from what the text says: every value carries
``"source": "archive"`` and the API serves it beside the article, never inside its JSON."""

from __future__ import annotations

from typing import Any


def office_on(offices: list[dict[str, Any]], day: str | None) -> dict[str, Any] | None:
    """The office (with a title) the archive saw the person hold on ``day``: seen on days
    around it (first <= day <= last), the most attested one; None when none covers the day."""
    if not day:
        return None
    day = day[:10]
    held = [o for o in offices if o["title"] and o["first"] and o["last"] and o["first"] <= day <= o["last"]]
    if not held:
        return None
    best = max(held, key=lambda o: (o["n_articles"], o["last"]))
    return {k: best[k] for k in ("title", "affiliation", "first", "last", "n_articles")} | {"source": "archive"}


def enrich(
    people: list[dict[str, Any]], entities: dict[int, dict[str, Any]], published: str | None
) -> list[dict[str, Any]]:
    """For each of an article's entities (``Store.article_people``), with its archive entity
    (``Store.archive_entity``, by archive id): the office the archive knows for the article's day
    when the text gives the person none, and the type when the archive's vote differs from the
    article's."""
    out = []
    for p in people:
        ent = entities.get(int(p["archive_id"]))
        if ent is None:
            continue
        row: dict[str, Any] = {"entity": p["local_id"], "name": p["name"], "archive_entity": ent["id"]}
        if ent["type"] != p["type"]:
            row["type"] = {"value": ent["type"], "votes": ent["type_votes"], "source": "archive"}
        if ent["type"] == "PER" and not p["n_offices"]:
            office = office_on(ent["offices"], published)
            if office:
                row["office"] = office
        if len(row) > 3:
            out.append(row)
    return out
