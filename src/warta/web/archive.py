"""Archive entities in the API (docs/archive.md): ``/api/archive/entities`` (search by name),
``/api/archive/entities/{id}`` (names, merge evidence, type by vote, offices over time),
``/api/archive/articles/{id}`` (what the archive adds to an article's people, marked as coming
from the archive), and the users' ``join`` and ``split`` (bearer token, like ``POST
/api/articles``): stored as decisions that hold through re-ingest, and applied at once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query
from pydantic import BaseModel, Field

from warta.archive import present, resolve_store
from warta.archive.enrich import enrich
from warta.errors import InputError
from warta.store.base import MAX_ID
from warta.web.api import EntityId, Limit, Offset, known_parameters_only, page_out, require_token
from warta.web.deps import StoreDep

api = APIRouter(prefix="/api/archive", tags=["archive"], dependencies=[Depends(known_parameters_only)])


class Decision(BaseModel):
    other: int = Field(ge=0, le=MAX_ID, description="the other entity's id")
    note: str | None = Field(None, max_length=500, description="why (kept with the decision)")


@api.get("/entities", summary="Archive entities one of whose names contains a name (any case)")
def list_archive_entities(
    db: StoreDep,
    name: Annotated[str, Query(min_length=1, max_length=200, description="part of a name, any case")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Any:
    return page_out(db.find_archive_entities(name, limit=limit, offset=offset))


@api.get("/entities/{entity_id}", summary="One archive entity: names with merge evidence, type by vote, offices")
def get_archive_entity(db: StoreDep, entity_id: EntityId) -> dict[str, Any]:
    ent = present(db.archive_entity(entity_id))
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id}")
    return ent  # type: ignore[no-any-return]


@api.get("/articles/{article_id}", summary="What the archive knows of an article's people that its text does not say")
def article_enrichment(db: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    art = db.get_article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id}")
    people = db.article_people(article_id)
    ents = {int(p["archive_id"]): present(db.archive_entity(int(p["archive_id"]))) for p in people}
    published = (art.get("published") or {}).get("value")
    return {"article": article_id, "published": published, "entities": enrich(people, ents, published)}


def _decide(db: Any, action: str, entity_id: int, d: Decision) -> dict[str, Any]:
    from warta.store.sql import now

    try:
        out = db.add_decision(action, entity_id, d.other, note=d.note, at=now())
    except InputError as exc:
        raise HTTPException(404 if str(exc).startswith("no entity") else 422, str(exc)) from None
    rep = resolve_store(db, at=now())
    return dict(out, archive_entity=db.archive_id(entity_id), merged=rep.links)


@api.post("/entities/{entity_id}/join", summary="Merge another entity into this one's archive entity (bearer token)")
def join(db: StoreDep, entity_id: EntityId, d: Annotated[Decision, Body()], _: None = Depends(require_token)) -> Any:
    return _decide(db, "join", entity_id, d)


@api.post("/entities/{entity_id}/split", summary="Keep another entity apart from this one (bearer token)")
def split(db: StoreDep, entity_id: EntityId, d: Annotated[Decision, Body()], _: None = Depends(require_token)) -> Any:
    return _decide(db, "split", entity_id, d)
