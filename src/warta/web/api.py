"""The JSON API under ``/api/``; its OpenAPI schema is at ``/openapi.json`` (docs at ``/api/docs``).

``GET /api/`` lists the endpoints. Parameters are named alike everywhere: ``q`` is a full-text
query, ``name`` part of a name (any case), ``speaker``/``entity`` a name or an entity id, ``since``/
``until`` days (YYYY-MM-DD); a parameter an endpoint does not take is refused (422), not ignored.
Lists are pages: ``{"items": [...], "total": N, "limit": L, "offset": O, "has_more": bool}``,
``limit`` at most :data:`MAX_LIMIT`, ``offset`` at most :data:`MAX_OFFSET` (deeper pages:
narrow the query). ``POST /api/extract`` annotates a text or HTML page without storing it;
``POST /api/articles`` stores one and needs the bearer token.
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import AfterValidator, BaseModel, Field, field_validator

from warta.budget import time_budget
from warta.lang import SUPPORTED
from warta.store import Page, Speaker, Store, as_id
from warta.store.base import MAX_ID
from warta.web.deps import StoreDep, extract_in_thread

MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_EXTRACT_CHARS = 1_000_000
MAX_MATCHES = 20  # speakers listed as matching a part of a name
DATE = r"^\d{4}-\d{2}-\d{2}$"


def query_parameters(dependant: Dependant) -> list[str]:
    """The query parameters an endpoint takes, its dependencies' included."""
    names = [p.alias for p in dependant.query_params]
    for sub in dependant.dependencies:
        names += [n for n in query_parameters(sub) if n not in names]
    return names


def known_parameters_only(request: Request) -> None:
    """Refuse a query parameter the endpoint does not take (it would be silently ignored)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    taken = set(query_parameters(route.dependant))
    unknown = [k for k in request.query_params if k not in taken]
    if unknown:
        hint = next((f" (use {HINTS[k]})" for k in unknown if HINTS.get(k) in taken), "")
        raise HTTPException(
            422,
            f"unknown query parameter {unknown[0]!r}{hint}: {route.path} takes {', '.join(sorted(taken)) or 'none'}",
        )


HINTS = {"text": "q", "query": "q", "name": "q", "q": "name", "search": "q", "lang": "language", "page": "offset"}

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters_only)])
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1 to {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]


def calendar_day(value: str | None) -> str | None:
    """A YYYY-MM-DD that names a real day (2019-13-45 matches the pattern but is no date)."""
    if value is not None:
        date.fromisoformat(value)  # ValueError: a 422 saying why
    return value


Since = Annotated[
    str | None, Query(pattern=DATE, description="published on or after YYYY-MM-DD"), AfterValidator(calendar_day)
]
Until = Annotated[
    str | None, Query(pattern=DATE, description="published on or before YYYY-MM-DD"), AfterValidator(calendar_day)
]
EntityId = Annotated[int, Path(ge=0, le=MAX_ID, description="a merged entity's id")]


class PageOut(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    has_more: bool


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def page_out(page: Page) -> PageOut:
    return PageOut(items=page.items, total=page.total, limit=page.limit, offset=page.offset, has_more=page.has_more)


class ArticleIn(BaseModel):
    """A text or an HTML page, with what is known about it (all optional but one of text/html)."""

    text: str | None = Field(None, description="plain text of the article")
    html: str | None = Field(None, description="the article's HTML page (used when text is absent)")
    published: str | None = Field(None, max_length=64, description="publication date, YYYY-MM-DD or an ISO datetime")
    url: str | None = Field(None, max_length=4096)
    title: str | None = Field(None, max_length=2000)
    lang: str | None = Field(
        None,
        description=f"language code of an installed pack ({', '.join(SUPPORTED)}), when known (otherwise detected)",
    )

    @field_validator("text", "html", "published", "url", "title", "lang")
    @classmethod
    def _encodable(cls, v: str | None) -> str | None:
        # a lone surrogate ("\ud800" in the JSON) is no text: it cannot be encoded, stored or answered
        if v is not None and not _encodes(v):
            raise ValueError("text with an invalid character (a lone surrogate)")
        return v

    @field_validator("lang")
    @classmethod
    def _installed(cls, v: str | None) -> str | None:
        if v is not None and v not in SUPPORTED:
            raise ValueError(f"not an installed language pack (those are {', '.join(SUPPORTED)})")
        return v

    def content(self) -> tuple[str, str]:
        if self.text and self.text.strip():
            body, fmt = self.text, "text"
        elif self.html and self.html.strip():
            body, fmt = self.html, "html"
        else:
            raise HTTPException(422, "give the article as text or html")
        if len(body) > MAX_EXTRACT_CHARS:
            raise HTTPException(413, f"article over {MAX_EXTRACT_CHARS:,} characters")
        return body, fmt


def run_extract(doc: ArticleIn, seconds: float | None) -> Any:
    import warta
    import warta.pipeline

    body, fmt = doc.content()
    if seconds is not None:
        warta.pipeline.warm()  # models load outside the budget (once per process)
    with time_budget(seconds):
        return warta.extract(body, published=doc.published, url=doc.url, lang=doc.lang, title=doc.title, format=fmt)


def require_token(request: Request) -> None:
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(403, "this server is read-only (no WARTA_API_TOKEN configured)")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


@router.get("/", summary="This list of the API's endpoints")
def index(request: Request) -> dict[str, Any]:
    endpoints = []
    for path, methods in request.app.openapi().get("paths", {}).items():
        if not path.startswith("/api"):
            continue
        for method, op in methods.items():
            params = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
            endpoints.append(
                {"method": method.upper(), "path": path, "summary": op.get("summary", ""), "query": params}
            )
    return {"endpoints": endpoints, "openapi": "/openapi.json", "docs": "/api/docs"}


@router.get("/articles", response_model=PageOut, summary="List and search articles")
def list_articles(
    db: StoreDep,
    q: Annotated[str | None, Query(max_length=500, description='words (all required), "a phrase", prefix*')] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(max_length=16)] = None,
    since: Since = None,
    until: Until = None,
    entity: Annotated[str | None, Query(max_length=200, description="entity id or name mentioned")] = None,
    speaker: Annotated[
        str | None, Query(max_length=200, description="entity id or exact name of a speaker quoted in the article")
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> PageOut:
    if speaker:
        if q:
            raise HTTPException(400, "q and speaker cannot be combined; use /api/quotes?speaker=...&text=...")
        sp = resolve_speaker(db, speaker)
        items, total = db.speaker_article_hits(
            sp, outlet=outlet, language=language, since=since, until=until, limit=limit, offset=offset
        )
        return page_out(Page(items, total, limit, offset))
    ent: int | str | None = as_id(entity) if as_id(entity) is not None else entity
    return page_out(
        db.search_articles(
            q, outlet=outlet, language=language, since=since, until=until, entity=ent, limit=limit, offset=offset
        )
    )


def resolve_speaker(db: Store, speaker: str) -> Speaker:
    eid = as_id(speaker)
    if eid is not None:
        return Speaker(entity_id=eid)
    eid = db.entity_by_name(speaker)
    return Speaker(entity_id=eid) if eid is not None else Speaker(name=speaker).resolved(db)


@router.get("/articles/{article_id}", summary="One article with all its annotations (warta.article/1)")
def get_article(db: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    art = db.get_article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id}")
    group = db.copy_group(article_id)
    # what the archive knows beyond the article: its near-duplicate copies (docs/archive.md)
    art["archive"] = {
        "original": group["original"] if group else article_id,
        "copies": [c for c in group["articles"] if c["id"] != article_id] if group else [],
        "also_in": sorted({c["outlet"] for c in group["articles"] if c["id"] != article_id and c["outlet"]})
        if group
        else [],
        "story": db.article_story(article_id),
    }
    return art


@router.post("/articles", status_code=201, summary="Extract and store one article (bearer token)")
def post_article(
    request: Request, db: StoreDep, doc: Annotated[ArticleIn, Body()], _: None = Depends(require_token)
) -> dict[str, Any]:
    article = run_extract(doc, request.app.state.extract_seconds)
    res = db.add(article, input_name=doc.url or "api")
    return {"id": res.id, "status": res.status, "replaced": res.replaced, "url": f"/articles/{res.id}"}


@router.get("/entities", response_model=PageOut, summary="Search merged entities by name")
def list_entities(
    db: StoreDep,
    name: Annotated[str | None, Query(max_length=200, description="part of the name, any case")] = None,
    type: Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC)$")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> PageOut:
    return page_out(db.find_entities(name, type=type, limit=limit, offset=offset))


@router.get("/entities/{entity_id}", summary="One entity with the articles mentioning it and its quotations")
def get_entity(db: StoreDep, entity_id: EntityId, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    ent = db.get_entity(entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id}")
    sp = Speaker(entity_id=entity_id)
    quotes, n_quotes = db.speaker_quotes(sp, limit=limit, offset=offset)
    articles = db.entity_articles(entity_id, limit=limit, offset=offset)
    return {
        "entity": ent,
        "articles": page_out(articles).model_dump(),
        "quotes": page_out(Page(quotes, n_quotes, limit, offset)).model_dump(),
        "co_mentioned": db.co_mentioned(sp),
        "quoted_by_outlets": db.speaker_profile(sp).outlets,
    }


@router.get("/speakers", summary="One speaker by name or part of it (any case): quotations, timeline, roles")
def get_speaker(
    db: StoreDep,
    name: Annotated[
        str, Query(min_length=1, max_length=200, description="the speaker's name as quoted, or part of it (any case)")
    ],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """A speaker linked to an entity of that name is that entity's quotations; otherwise the
    quotations whose (unlinked) speaker has exactly this name, in any case; otherwise the most
    quoted speaker whose name contains it, as ``warta quotes --speaker`` and ``/api/quotes?speaker=``
    match. ``matches`` lists every quoted speaker whose name contains ``name``."""
    matches = db.speakers_named(name, limit=MAX_MATCHES)
    sp = resolve_speaker(db, name) if as_id(name) is None else Speaker(name=name).resolved(db)
    quotes, n_quotes = db.speaker_quotes(sp, limit=limit, offset=offset)
    shown = name
    if n_quotes == 0 and matches:  # no speaker of exactly this name: the most quoted one containing it
        best = matches[0]
        shown = best["name"]
        sp = Speaker(entity_id=best["entity_id"]) if best["entity_id"] is not None else resolve_speaker(db, shown)
        quotes, n_quotes = db.speaker_quotes(sp, limit=limit, offset=offset)
    if n_quotes == 0:
        raise HTTPException(404, "no quotations by this speaker")
    prof = db.speaker_profile(sp)
    return {
        "name": shown,
        "matches": matches,
        "entity_id": sp.entity_id,
        "titles": prof.titles,
        "affiliations": prof.affiliations,
        "n_articles": prof.n_articles,
        "timeline": [{"day": d, "n": n} for d, n in prof.timeline],
        "quoted_by_outlets": prof.outlets,
        "quotes": page_out(Page(quotes, n_quotes, limit, offset)).model_dump(),
    }


@router.get("/quotes", response_model=PageOut, summary="Quotations by speaker, text and date")
def list_quotes(
    db: StoreDep,
    speaker: Annotated[
        str | None, Query(max_length=200, description="entity id, or part of the speaker's name")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description='full-text query on the quotation: words, "a phrase", prefix*')
    ] = None,
    since: Since = None,
    until: Until = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    standing: Annotated[
        Literal["public", "private", "unknown", "not-private"] | None,
        Query(description="the speaker's standing: public, private (vox pop), unknown, or not-private"),
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> PageOut:
    sp: int | str | None = as_id(speaker) if as_id(speaker) is not None else speaker
    return page_out(
        db.quotes(
            speaker=sp,
            text=q,
            since=since,
            until=until,
            article_id=article_id,
            standing=standing,
            limit=limit,
            offset=offset,
        )
    )


@router.get("/sources", summary="Cited sources, and which outlets cite which")
def list_sources(db: StoreDep, limit: Limit = 50) -> dict[str, Any]:
    return {"sources": db.sources_summary(limit=limit), "citations": db.citations(limit=limit)}


@router.post("/extract", summary="Annotate a text or HTML page; nothing is stored")
async def extract(request: Request, doc: Annotated[ArticleIn, Body()]) -> dict[str, Any]:
    seconds = request.app.state.extract_seconds
    article = await extract_in_thread(lambda: run_extract(doc, seconds), seconds)
    return article.to_dict()  # type: ignore[no-any-return]
