"""Turn one ``Article.to_dict()`` into the flat rows of the store's tables (both back ends)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from warta.store.base import canonical_key


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@dataclass
class EntityRow:
    local_id: str
    type: str
    name: str
    key: str
    titles: list[str]
    json: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    # people only: the offices the article gives them, (title, affiliation), either may be None
    offices: list[tuple[str | None, str | None]] = field(default_factory=list)


def offices_of(entity: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    """The (title, affiliation) pairs an article gives one person: a lone title goes with each
    affiliation; several titles and affiliations are kept apart (the article does not pair them);
    (None, None) when it gives neither, so that the person's dates are still known."""
    titles = [t for t in entity.get("titles") or [] if t]
    affs = [a for a in entity.get("affiliations") or [] if a]
    if len(titles) == 1 and affs:
        return [(titles[0], a) for a in affs]
    out: list[tuple[str | None, str | None]] = [(t, None) for t in titles] + [(None, a) for a in affs]
    return out or [(None, None)]


@dataclass
class ArticleRows:
    article: dict[str, Any]  # column -> value for the articles table (no timestamps)
    entities: list[EntityRow]
    quotes: list[dict[str, Any]]  # speaker_local holds the article-local entity id, resolved on insert
    times: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    places: list[dict[str, Any]] = field(default_factory=list)


def _cue(q: dict[str, Any]) -> tuple[str | None, str | None]:
    cue = q.get("cue") or {}
    return cue.get("text"), cue.get("lemma")


def article_rows(d: dict[str, Any], *, input_name: str | None = None) -> ArticleRows:
    published = (d.get("published") or {}).get("value")
    return ArticleRows(
        _article_row(d, published, input_name),
        _entity_rows(d),
        _quote_rows(d, published),
        _time_rows(d),
        _quantity_rows(d),
        _source_rows(d),
        _removed_rows(d),
        _place_rows(d),
    )


def _article_row(d: dict[str, Any], published: str | None, input_name: str | None) -> dict[str, Any]:
    pub_source = (d.get("published") or {}).get("source")
    lang = (d.get("language") or {}).get("code")
    inp = d.get("input") or {}
    return {
        "id": d["id"],
        "url": d.get("url") or None,
        "title": d.get("title"),
        "outlet": d.get("outlet"),
        "language": lang,
        "published": published,
        "published_source": pub_source,
        "text": d.get("text") or "",
        "n_chars": len(d.get("text") or ""),
        "n_entities": len(d.get("entities") or []),
        "n_quotes": len(d.get("quotes") or []),
        "input_name": input_name or inp.get("name"),
        "input_format": inp.get("format"),
        "json": dumps(d),
    }


def _entity_rows(d: dict[str, Any]) -> list[EntityRow]:
    entities: list[EntityRow] = []
    for e in d.get("entities") or []:
        name = e.get("name") or ""
        key = canonical_key(name)
        if not key:
            continue
        summary = {k: v for k, v in e.items() if k not in ("mentions", "id")}
        row = EntityRow(
            local_id=str(e.get("id")),
            type=str(e.get("type") or ""),
            name=name,
            key=key,
            titles=list(e.get("titles") or []),
            json=dumps(summary),
            offices=offices_of(e) if e.get("type") == "PER" else [],
        )
        for m in e.get("mentions") or []:
            row.mentions.append((int(m["start"]), int(m["end"]), m.get("text") or ""))
        entities.append(row)
    return entities


def _quote_rows(d: dict[str, Any], published: str | None) -> list[dict[str, Any]]:
    quotes = []
    for i, q in enumerate(d.get("quotes") or []):
        sp = q.get("speaker") or {}
        cue, lemma = _cue(q)
        quotes.append(
            {
                "idx": i,
                "text": q.get("text") or "",
                "kind": q.get("kind"),
                "speaker_local": sp.get("entity"),
                "speaker_name": sp.get("name"),
                "speaker_titles": dumps(sp.get("titles") or []),
                "speaker_standing": sp.get("standing"),
                "cue": cue,
                "cue_lemma": lemma,
                "start": q.get("start"),
                "end": q.get("end"),
                "confidence": q.get("confidence"),
                "published": published,
                "json": dumps(q),
            }
        )
    return quotes


def _time_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "idx": i,
            "start": t.get("start"),
            "end": t.get("end"),
            "text": t.get("text"),
            "value": t.get("value"),
            "grain": t.get("grain"),
            "anchor_source": t.get("anchor_source"),
            "confidence": t.get("confidence"),
            "json": dumps(t),
        }
        for i, t in enumerate(d.get("times") or [])
    ]


def _quantity_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "idx": i,
            "start": q.get("start"),
            "end": q.get("end"),
            "text": q.get("text"),
            "value": q.get("value"),
            "unit": q.get("unit"),
            "bound": q.get("bound"),
            "object": q.get("object"),
            "upper": q.get("upper"),
            "json": dumps(q),
        }
        for i, q in enumerate(d.get("quantities") or [])
    ]


def _source_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "idx": i,
            "name": s.get("name") or "",
            "relation": s.get("relation"),
            "start": s.get("start"),
            "end": s.get("end"),
            "text": s.get("text"),
            "in_original": int(bool(s.get("in_original"))),
            "json": dumps(s),
        }
        for i, s in enumerate(d.get("sources") or [])
    ]


def _removed_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "idx": i,
            "kind": r.get("kind"),
            "rule": r.get("rule"),
            "text": r.get("text"),
            "original_start": r.get("original_start"),
            "original_end": r.get("original_end"),
        }
        for i, r in enumerate(d.get("removed") or [])
    ]


def _place_row(idx: int, local_id: str | None, name: str, g: dict[str, Any], n: int, main: bool) -> dict[str, Any]:
    return {
        "idx": idx,
        "local_id": local_id,
        "name": name,
        "place": g.get("name"),
        "kind": g.get("kind"),
        "country": g.get("country"),
        "admin1": g.get("admin1"),
        "admin2": g.get("admin2"),
        "lat": g.get("lat"),
        "lon": g.get("lon"),
        "source": g.get("source"),
        "precision": g.get("precision"),
        "n_mentions": n,
        "main": int(main),
    }


def _place_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Places with a geo; the article's location is marked main (its own row when no entity has it)."""
    loc = d.get("location") or {}
    main_id = loc.get("entity")
    rows = []
    for e in d.get("entities") or []:
        g = e.get("geo")
        if e.get("type") != "LOC" or not g or not g.get("country"):
            continue
        n = len(e.get("mentions") or [])
        rows.append(_place_row(len(rows), str(e.get("id")), e.get("name") or "", g, n, e.get("id") == main_id))
    if loc and main_id is None and (loc.get("geo") or {}).get("country"):
        rows.append(_place_row(len(rows), None, loc.get("name") or "", loc["geo"], 0, True))
    return rows
