"""Stories in the archive (warta.stories): ``/api/stories`` and ``/api/stories/{id}`` (JSON), and the
pages ``/stories`` and ``/stories/{id}``: a story's timeline, outlets, people and quotations in order."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from warta.store.base import MAX_ID
from warta.web.api import Limit, Offset, known_parameters_only, page_out
from warta.web.deps import StoreDep
from warta.web.pages import MAX_PAGE, PER_PAGE, page, pager

api = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters_only)])
pages = APIRouter(include_in_schema=False)

StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="a story's id")]
MinArticles = Annotated[int, Query(ge=1, le=1000, description="stories of at least this many articles")]


def _story(db: Any, story_id: int) -> dict[str, Any]:
    s = db.story(story_id)
    if s is None:
        raise HTTPException(404, f"no story {story_id}")
    return s  # type: ignore[no-any-return]


@api.get("/stories", summary="Stories: articles about one event across outlets and days, latest first")
def list_stories(db: StoreDep, min_articles: MinArticles = 2, limit: Limit = 20, offset: Offset = 0) -> Any:
    return page_out(db.stories(min_articles=min_articles, limit=limit, offset=offset))


@api.get("/stories/{story_id}", summary="One story: its timeline, outlets, people and quotations in order")
def get_story(db: StoreDep, story_id: StoryId) -> dict[str, Any]:
    return _story(db, story_id)


@pages.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request, db: StoreDep, page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1
) -> HTMLResponse:
    found = db.stories(limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    return page(
        request, "stories.html", stories=found.items, total=found.total, pager=pager(request, page_no, found.total)
    )


@pages.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, db: StoreDep, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    return page(request, "story.html", story=_story(db, story_id))
