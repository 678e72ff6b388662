"""The FastAPI application: JSON API under ``/api/``, server-rendered pages, static files.

``create_app(db)`` opens the archive (a SQLite path or a ``postgresql://`` URL). Writes
(``POST /api/articles``) need ``Authorization: Bearer <token>`` with the token from
``WARTA_API_TOKEN`` (or ``token=``); with no token configured the server is read-only.
Errors come back as ``{"error": ..., "status": ...}`` under ``/api/`` and as a page elsewhere,
never with a traceback.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta import __version__
from warta.errors import WartaError
from warta.store import QUERY_SECONDS
from warta.web import api, archive, claims, pages, places, stories
from warta.web.deps import EXTRACT_SECONDS, HERE, error_response, error_status, templates
from warta.web.security import BodyLimit, SecurityHeaders
from warta.web.stores import StorePool

MAX_BODY = 2_000_000  # bytes in one request body (POST /api/extract, /paste, /api/articles)
log = logging.getLogger("warta.web")


def describe_schema(schema: dict[str, Any] | None, spec: dict[str, Any] | None = None) -> str:
    """A short human reading of a JSON schema (for the API docs page)."""
    if not schema:
        return ""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        target = ((spec or {}).get("components", {}).get("schemas", {})).get(name)
        if target and target.get("properties"):
            return name + " {" + ", ".join(target["properties"]) + "}"
        return name
    if "anyOf" in schema:
        return " or ".join(describe_schema(s, spec) for s in schema["anyOf"])
    out = str(schema.get("type", ""))
    limits = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength", "pattern") if k in schema]
    if "default" in schema and schema["default"] is not None:
        limits.append(f"default {schema['default']}")
    return out + (f" ({', '.join(limits)})" if limits else "")


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    if app.state.load_pipeline:  # before the first request: it answers as fast as the rest
        from starlette.concurrency import run_in_threadpool

        from warta.pipeline import warm

        await run_in_threadpool(warm)
    yield
    app.state.pool.close()


def create_app(
    db: str,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY,
    docs: bool = True,
    query_seconds: float | None = QUERY_SECONDS,
    extract_seconds: float | None = EXTRACT_SECONDS,
    load_pipeline: bool = False,
) -> FastAPI:
    """The server over the archive at ``db``; ``token`` (default: ``$WARTA_API_TOKEN``) enables
    writes; ``query_seconds``: the longest one read statement may run, ``extract_seconds``: one
    extraction (``POST /api/extract``, ``/paste``); 503 past either. ``load_pipeline``: load the
    extraction pipeline and its models at startup (``warta serve``) instead of on the first
    extraction."""
    pool = StorePool(db, query_seconds=query_seconds)
    app = FastAPI(
        title="Warta",
        version=__version__,
        description=(
            "Structured, source-linked records from Indonesian news articles: search articles, "
            "entities, quotations and cited sources; annotate a text without storing it. "
            "Lists are paginated with `limit` (at most 100) and `offset`. Writes need a bearer token."
        ),
        docs_url=None,  # Swagger UI loads its code from a CDN; /api/docs is rendered here instead
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
    )
    app.state.pool = pool
    app.state.store = pool.proxy()
    app.state.token = token if token is not None else (os.environ.get("WARTA_API_TOKEN") or None)
    app.state.templates = templates()
    app.state.max_body = max_body
    app.state.extract_seconds = extract_seconds
    app.state.load_pipeline = load_pipeline

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        return error_response(request, exc.status_code, detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return error_response(request, 422, "invalid request: " + "; ".join(parts))

    @app.exception_handler(WartaError)
    async def warta_error(request: Request, exc: WartaError) -> Response:
        return error_response(request, error_status(exc), str(exc)[:500])

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error_response(request, 500, "internal error; the server log has the details")

    if docs:

        @app.get("/api/docs", include_in_schema=False)
        def api_docs(request: Request) -> HTMLResponse:
            html = request.app.state.templates.get_template("api_docs.html").render(
                request=request, spec=app.openapi(), describe=describe_schema
            )
            return HTMLResponse(html)

    app.include_router(api.router)
    app.include_router(places.api)
    app.include_router(claims.api)
    app.include_router(archive.api)
    app.include_router(pages.router)
    app.include_router(places.pages)
    app.include_router(claims.pages)
    app.include_router(stories.api)
    app.include_router(stories.pages)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` (each worker process builds its own, and loads its own
    pipeline at startup): ``$WARTA_DB``."""
    return create_app(os.environ.get("WARTA_DB", "warta.db"), load_pipeline=True)
