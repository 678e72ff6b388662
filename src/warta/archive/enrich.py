"""Enrichment from the archive (issue 21, item 2): what the archive knows of an article's people
that the article does not say. Kept apart from what the text says: every value carries
``"source": "archive"`` and the API serves it beside the article, never inside its JSON."""

from __future__ import annotations

from typing import Any

MIN_ARTICLES = 2  # an office one article gives is not enough to tell another article


def office_on(
    offices: list[dict[str, Any]], day: str | None, min_articles: int = MIN_ARTICLES
) -> dict[str, Any] | None:
    """The office the archive saw the person hold around ``day``: a title whose first and last
    days (over all its affiliations) enclose the day, the most attested one, with its most attested
    affiliation; None when no title seen in at least ``min_articles`` articles covers the day (the
    archive does not guess past what it saw)."""
    if not day:
        return None
    day = day[:10]
    spans: dict[str, dict[str, Any]] = {}
    for o in offices:
        if not (o["title"] and o["first"] and o["last"]) or o.get("status", "office") != "office":
            continue
        s = spans.setdefault(
            o["title"], {"title": o["title"], "first": o["first"], "last": o["last"], "n": 0, "aff": {}}
        )
        s["first"], s["last"] = min(s["first"], o["first"]), max(s["last"], o["last"])
        s["n"] += o["n_articles"]
        if o["affiliation"]:
            s["aff"][o["affiliation"]] = s["aff"].get(o["affiliation"], 0) + o["n_articles"]
    held = [s for s in spans.values() if s["first"] <= day <= s["last"] and s["n"] >= min_articles]
    if not held:
        return None
    best = max(held, key=lambda s: (s["n"], s["last"]))
    aff = max(best["aff"], key=lambda a: best["aff"][a]) if best["aff"] else None
    return {
        "title": best["title"],
        "affiliation": aff,
        "first": best["first"],
        "last": best["last"],
        "n_articles": best["n"],
        "source": "archive",
    }


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


def sure_offices(offices: list[dict[str, Any]], relation_words: frozenset[str], bare: Any) -> list[dict[str, Any]]:
    """The offices with what the archive makes of each, in ``status``: ``relation`` for a family or
    personal relation read as a title ("istri kedua", "mantan kekasih": the article says whose,
    it is no office), ``uncertain`` for an office one article gives while another is attested by
    three or more (often the title of the next name in a list), else ``office``. ``bare`` is
    ``NameRules.bare_title``; nothing is dropped, the page and the enrichment use ``office`` only."""
    out = []
    top = max((o["n_articles"] for o in offices if o["title"]), default=0)
    for o in offices:
        if o["title"] and bare(o["title"]) in relation_words:
            status = "relation"
        elif o["n_articles"] == 1 and top >= 3:
            status = "uncertain"
        else:
            status = "office"
        out.append(dict(o, status=status))
    return out
