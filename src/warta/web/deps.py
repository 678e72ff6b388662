"""What the application (:mod:`warta.web.app`), the API (:mod:`warta.web.api`) and the pages
(:mod:`warta.web.pages`) share: the store dependency, the templates and the error response.

They live here so that the app imports the API and the pages, and neither imports the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from warta import __version__
from warta.store import Store
from warta.web import charts, render

HERE = Path(__file__).resolve().parent


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


StoreDep = Annotated[Store, Depends(store)]
