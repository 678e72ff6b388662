"""The server-rendered pages: home, search, article, entity/speaker, sources, paste.

Templates are Jinja2 with autoescape on; the article body is built by :mod:`warta.web.render`,
which escapes every piece of text itself. Only http(s) URLs from articles become links.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from warta.archive import present
from warta.budget import time_budget
from warta.store import Speaker, Store, as_id
from warta.web import render
from warta.web.deps import StoreDep, error_status, extract_in_thread

PER_PAGE = 20
MAX_PAGE = 500  # deeper pages: narrow the search
CACHE_SECONDS = 60.0
DATE = r"^(\d{4}-\d{2}-\d{2})?$"

router = APIRouter(include_in_schema=False)
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]

_cache: dict[tuple[str, str], tuple[float, Any]] = {}
_cache_lock = threading.Lock()


def cached(db: Store, name: str, compute: Callable[[], Any]) -> Any:
    """Archive-wide aggregates (home page) are recomputed at most once a minute per archive."""
    key = (db.url, name)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
    if hit and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = compute()
    with _cache_lock:
        _cache[key] = (now, value)
    return value


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def pager(request: Request, page_no: int, total: int) -> dict[str, Any]:
    last = max(1, min(MAX_PAGE, math.ceil(total / PER_PAGE)))
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def link(n: int) -> str:
        return "?" + urlencode({**params, "page": n})

    return {
        "page": page_no,
        "last": last,
        "total": total,
        "prev": link(page_no - 1) if page_no > 1 else None,
        "next": link(page_no + 1) if page_no < last else None,
    }


def speaker_link(name: str | None, entity_id: int | None) -> str | None:
    if entity_id is not None:
        return f"/entities/{int(entity_id)}"
    return render.speaker_href(name) if name else None


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: StoreDep) -> HTMLResponse:
    stats = cached(db, "stats", db.stats)
    speakers = cached(db, "speakers", lambda: db.top_speakers())
    recent = db.search_articles(limit=10)
    return page(request, "home.html", stats=stats, speakers=speakers, recent=recent.items, speaker_link=speaker_link)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=308)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    db: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    language: Annotated[str, Query(max_length=16)] = "",
    since: Annotated[str, Query(pattern=DATE)] = "",
    until: Annotated[str, Query(pattern=DATE)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    ent: int | str | None = as_id(entity) if as_id(entity) is not None else (entity or None)
    hits = db.search_articles(
        q or None,
        outlet=outlet or None,
        language=language or None,
        since=since or None,
        until=until or None,
        entity=ent,
        limit=PER_PAGE,
        offset=(page_no - 1) * PER_PAGE,
    )
    entities, speakers = [], []
    if q.strip() and page_no == 1:
        entities = db.find_entities(q.strip(), limit=8).items
        speakers = db.speakers_named(q.strip())
    return page(
        request,
        "search.html",
        q=q,
        outlet=outlet,
        language=language,
        since=since,
        until=until,
        entity=entity,
        hits=hits.items,
        pager=pager(request, page_no, hits.total),
        entities=entities,
        speakers=speakers,
        outlets=cached(db, "outlets", lambda: db.outlets()),
        languages=cached(db, "languages", lambda: db.languages()),
        speaker_link=speaker_link,
    )


def article_context(art: dict[str, Any], db: Store | None) -> dict[str, Any]:
    """What the article template shows; ``db`` None for a pasted (unstored) article."""
    local: dict[str, int] = db.local_entity_ids(art["id"]) if db is not None else {}
    by_quote: dict[int, int] = db.quote_entity_ids(art["id"]) if db is not None else {}

    def entity_href(ent: dict[str, Any]) -> str | None:
        gid = local.get(str(ent.get("id")))
        if gid is not None:
            return f"/entities/{gid}"
        return "/search?" + urlencode({"entity": ent["name"]}) if db is not None and ent.get("name") else None

    def quote_href(i: int, q: dict[str, Any]) -> str | None:
        sp = q.get("speaker") or {}
        gid = by_quote.get(i)
        if gid is None and sp.get("entity") is not None:
            gid = local.get(str(sp["entity"]))
        return speaker_link(sp.get("name"), gid)

    lang = (art.get("language") or {}).get("code")
    text = art.get("text") or ""

    def speaker_role(q: dict[str, Any]) -> str:
        sp = q.get("speaker") or {}
        return render.role(sp.get("titles"), sp.get("affiliations"), lang)

    quotes = [
        dict(q, href=quote_href(i, q), index=i, shown=render.quote_text(q, text), role=speaker_role(q))
        for i, q in enumerate(art.get("quotes") or [])
    ]
    entities = sorted(
        (
            dict(e, href=entity_href(e), role=render.role(e.get("titles"), e.get("affiliations"), lang))
            for e in art.get("entities") or []
        ),
        key=lambda e: (-len(e.get("mentions") or []), e.get("name", "")),
    )
    return {
        "art": art,
        "body": render.render_body(art, entity_href=entity_href, quote_href=quote_href),
        "quotes": quotes,
        "entities": entities,
        "article_url": render.safe_url(art.get("url")),
        "copies": db.copy_group(art["id"]) if db is not None else None,
        "story_id": db.article_story(art["id"]) if db is not None else None,
    }


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, db: StoreDep, article_id: str) -> HTMLResponse:
    art = db.get_article(article_id[:64])
    if art is None:
        raise HTTPException(404, "no such article")
    return page(request, "article.html", stored=True, **article_context(art, db))


def speaker_page(
    request: Request,
    db: Store,
    sp: Speaker,
    page_no: int,
    listed: tuple[list[dict[str, Any]], int] | None = None,
    **context: Any,
) -> HTMLResponse:
    quotes, n_quotes = listed or db.speaker_quotes(sp, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    prof = db.speaker_profile(sp)
    ent = context.get("entity") or {}
    titles = _merge(list(ent.get("titles") or []), prof.titles)
    affiliations = _merge(list((ent.get("json") or {}).get("affiliations") or []), prof.affiliations)
    return page(
        request,
        "entity.html",
        quotes=quotes,
        n_quotes=n_quotes,
        pager=pager(request, page_no, n_quotes),
        titles=titles,
        affiliations=affiliations,
        timeline=prof.timeline,
        co_mentioned=db.co_mentioned(sp),
        outlets=prof.outlets,
        n_quoting_articles=prof.n_articles,
        **context,
    )


def _merge(first: list[str], more: list[str]) -> list[str]:
    seen = {t.casefold() for t in first}
    return first + [t for t in more if t.casefold() not in seen and not seen.add(t.casefold())]  # type: ignore[func-returns-value]


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(
    request: Request,
    db: StoreDep,
    entity_id: Annotated[int, Path(ge=0, le=2**62)],
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    ent = db.get_entity(entity_id)
    if ent is None:
        raise HTTPException(404, "no such entity")
    articles = db.entity_articles(entity_id, limit=10)
    return speaker_page(
        request,
        db,
        Speaker(entity_id=entity_id),
        page_no,
        name=ent["name"],
        type=ent["type"],
        entity=ent,
        articles=articles.items,
        n_articles=articles.total,
        archive=present(db.archive_entity(entity_id)),
    )


@router.get("/speaker", response_class=HTMLResponse)
def speaker(
    request: Request,
    db: StoreDep,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    sp = Speaker(name=name).resolved(db)
    listed = db.speaker_quotes(sp, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    if listed[1] == 0:
        eid = db.entity_by_name(name)
        if eid is not None:
            return RedirectResponse(f"/entities/{eid}", status_code=307)
        raise HTTPException(404, "no quotations by this speaker")
    return speaker_page(
        request, db, sp, page_no, listed=listed, name=name, type=None, entity=None, articles=[], n_articles=None
    )


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, db: StoreDep) -> HTMLResponse:
    summary = db.sources_summary(limit=100)
    cites = db.citations(limit=2000)
    outlet_totals: dict[str, int] = {}
    source_totals: dict[str, int] = {}
    for c in cites:
        o = c["outlet"] or "(unknown outlet)"
        outlet_totals[o] = outlet_totals.get(o, 0) + c["n_articles"]
        source_totals[c["source"]] = source_totals.get(c["source"], 0) + c["n_articles"]
    cols = sorted(outlet_totals, key=lambda o: -outlet_totals[o])[:10]
    rows_ = sorted(source_totals, key=lambda s: -source_totals[s])[:40]
    cell = {((c["outlet"] or "(unknown outlet)"), c["source"]): c["n_articles"] for c in cites}
    matrix = [(s, [cell.get((o, s), 0) for o in cols]) for s in rows_]
    return page(request, "sources.html", summary=summary, outlets=cols, matrix=matrix)


@router.get("/paste", response_class=HTMLResponse)
def paste_form(request: Request) -> HTMLResponse:
    return page(request, "paste.html", text="", published="", fmt="auto", error=None)


@router.post("/paste", response_class=HTMLResponse)
async def paste(
    request: Request,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    fmt: Annotated[str, Form(alias="format", pattern=r"^(auto|text|html)$")] = "auto",
) -> HTMLResponse:
    import warta
    from warta.errors import WartaError

    if not text.strip():
        return page(
            request,
            "paste.html",
            status=422,
            text=text,
            published=published,
            fmt=fmt,
            error="paste a text or an HTML page",
        )

    seconds = request.app.state.extract_seconds

    def work() -> Any:
        with time_budget(seconds):
            return warta.extract(text, published=published or None, format=None if fmt == "auto" else fmt)

    try:
        art = await extract_in_thread(work, seconds)
    except WartaError as exc:
        status = error_status(exc)
        return page(request, "paste.html", status=status, text=text, published=published, fmt=fmt, error=str(exc)[:500])
    ctx = article_context(art.to_dict(), None)
    return page(request, "article.html", stored=False, **ctx)
