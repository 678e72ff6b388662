"""Claims in the archive (quantities people state in their quotations, :mod:`warta.store.claims`):
``/api/claims`` (filters: ``speaker``, ``q``, ``unit``, ``object``, ``since``, ``until``, ``standing``) and the
``/claims`` page: the speakers with most claims, the claims with the quantity marked in the
quotation, and for one speaker the same quantity (unit and object) over time."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from warta.store import STANDINGS, Page
from warta.store.claims import COUNT, UNIT_FAMILIES, ClaimFilter, claim_json, normalised, over_time
from warta.web.api import Limit, Offset, Since, Until, known_parameters_only, page_out
from warta.web.deps import StoreDep
from warta.web.pages import DATE, MAX_PAGE, PER_PAGE, cached, pager, speaker_link

api = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters_only)])
pages = APIRouter(include_in_schema=False)
MAX_OVER_TIME = 1000  # a speaker's claims read to group them by what they count
UNIT = r"^[^\x00-\x1f]{1,32}$"

Speaker = Annotated[str | None, Query(max_length=200, description="entity id, or part of the speaker's name")]
Text = Annotated[
    str | None, Query(max_length=500, description='full-text query on the quotation: words, "a phrase", prefix*')
]
Unit = Annotated[
    str | None,
    Query(
        pattern=UNIT,
        description=f"a unit family ({', '.join([*UNIT_FAMILIES, COUNT])}) or a unit code (IDR, kg, percent)",
    ),
]
Object = Annotated[str | None, Query(max_length=200, description="part of the counted thing, any case")]
Standing = Annotated[
    Literal["public", "private", "unknown", "not-private"] | None,
    Query(description="the speaker's standing: public, private (vox pop), unknown, or not-private"),
]


def claim_filter(
    speaker: Speaker = None,
    q: Text = None,
    unit: Unit = None,
    object: Object = None,
    since: Since = None,
    until: Until = None,
    standing: Standing = None,
) -> ClaimFilter:
    """The filter query parameters of /api/claims (a FastAPI dependency)."""
    return ClaimFilter(speaker=speaker, q=q, unit=unit, object=object, since=since, until=until, standing=standing)


@api.get("/claims", summary="Quantities stated in quotations: filter by speaker, text, unit, object, date")
def list_claims(
    db: StoreDep, f: Annotated[ClaimFilter, Depends(claim_filter)], limit: Limit = 20, offset: Offset = 0
) -> Any:
    page: Page = db.claims(f, limit=limit, offset=offset)
    page.items = [dict(claim_json(c), quantity=normalised(c)) for c in page.items]
    return page_out(page)


def shown(c: dict[str, Any]) -> dict[str, Any]:
    """A claim as the page shows it: the quotation cut around the marked quantity."""
    c = claim_json(c)
    text, mark = c["quote_text"] or "", c["mark"]
    if mark is None:
        return dict(c, before=text, marked="", after="", quantity=normalised(c))
    return dict(
        c, before=text[: mark[0]], marked=text[mark[0] : mark[1]], after=text[mark[1] :], quantity=normalised(c)
    )


def aggregate(db: Any, f: ClaimFilter, name: str) -> list[dict[str, Any]]:
    """Speakers or units of the filter's claims; those of the whole archive once a minute."""
    if f == ClaimFilter():
        return cached(db, name, lambda: getattr(db, name)(f, limit=15))  # type: ignore[no-any-return]
    return getattr(db, name)(f, limit=15)  # type: ignore[no-any-return]


@pages.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    db: StoreDep,
    speaker: Annotated[str, Query(max_length=200)] = "",
    q: Annotated[str, Query(max_length=500)] = "",
    unit: Annotated[str, Query(pattern=r"^([^\x00-\x1f]{1,32})?$")] = "",
    object: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(pattern=DATE)] = "",
    until: Annotated[str, Query(pattern=DATE)] = "",
    standing: Annotated[str, Query(pattern=r"^(public|private|unknown|not-private)?$")] = "",
    page_no: Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    f = ClaimFilter(
        speaker=speaker or None,
        q=q or None,
        unit=unit or None,
        object=object or None,
        since=since or None,
        until=until or None,
        standing=standing or None,
    )
    listed = db.claims(f, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    groups: list[dict[str, Any]] = []
    if speaker:
        every = db.claims(f, limit=MAX_OVER_TIME)
        groups = [dict(g, claims=[shown(c) for c in g["claims"]]) for g in over_time(every.items)]
    html = request.app.state.templates.get_template("claims.html").render(
        request=request,
        form={
            "speaker": speaker,
            "q": q,
            "unit": unit,
            "object": object,
            "since": since,
            "until": until,
            "standing": standing,
        },
        standings=STANDINGS,
        families=[*UNIT_FAMILIES, COUNT],
        claims=[shown(c) for c in listed.items],
        pager=pager(request, page_no, listed.total),
        speakers=aggregate(db, f, "claim_speakers"),
        units=aggregate(db, f, "claim_units"),
        groups=groups,
        speaker_link=speaker_link,
    )
    return HTMLResponse(html)
