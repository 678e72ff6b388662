"""What the application (:mod:`warta.web.app`), the API (:mod:`warta.web.api`) and the pages
(:mod:`warta.web.pages`) share: the store dependency, the templates and the error response.

They live here so that the app imports the API and the pages, and neither imports the app.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import jinja2
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from warta import __version__
from warta.errors import BudgetError, InputError, QueryTimeout, StoreError, UsageError, WartaError
from warta.store.sql import SqlStore
from warta.web import charts, render

HERE = Path(__file__).resolve().parent
EXTRACT_SECONDS = 8.0  # the time one extraction may take in the server (POST /api/extract, /paste): 503 past it
T = TypeVar("T")


def error_status(exc: WartaError) -> int:
    """The HTTP status of a one-line error: the request's fault (4xx) or the server's limits (503)."""
    if isinstance(exc, QueryTimeout | BudgetError | StoreError):
        return 503  # the work was stopped or the archive is unusable: try again later, or narrower
    if isinstance(exc, UsageError | InputError):
        return 400
    return 422


async def extract_in_thread(work: Callable[[], T], seconds: float | None) -> T:
    """Run an extraction (which sets its own :func:`warta.budget.time_budget` of ``seconds``)
    in the thread pool and answer within the budget: the stages stop at their next look at the
    clock, and the answer does not wait for that look."""
    if seconds is None:
        return await run_in_threadpool(work)
    from warta.pipeline import warm

    await run_in_threadpool(warm)  # the first request loads the models, outside the budget
    try:
        return await asyncio.wait_for(run_in_threadpool(work), seconds + 1.0)
    except TimeoutError:
        raise BudgetError(f"extraction took over {seconds:g} s and was stopped; send a shorter text") from None


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,  # article text is untrusted: every {{ }} is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        safe_url=render.safe_url, speaker_href=render.speaker_href, role=render.role, version=__version__
    )
    env.filters["snippet"] = render.snippet
    env.filters["day"] = lambda v: str(v)[:10] if v else ""
    env.filters["num"] = render.fmt_int
    env.filters["value"] = render.fmt_number
    env.globals["timeline_svg"] = charts.timeline_svg
    return env


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if is_api(request):
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template("error.html").render(status=status, message=message, request=request)
    return HTMLResponse(html, status_code=status, headers=headers)


async def store(request: Request) -> Any:
    """The store, as used from the thread that runs the handler (a FastAPI dependency)."""
    return request.app.state.store


StoreDep = Annotated[SqlStore, Depends(store)]
