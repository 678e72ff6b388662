"""HTML pages: main text and metadata with trafilatura.

Warta's own cleaner (warta.clean) then removes what trafilatura leaves in Indonesian pages
(captions, "Baca juga", credits, share text: see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.errors import InputError

# A news page past this is not one article (inline images, whole-site dumps); lxml and
# trafilatura slow down badly on such pages, so they are refused with a clear reason.
MAX_HTML_CHARS = 10_000_000


@dataclass
class Extracted:
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def html_to_text(html: str, *, url: str | None = None) -> Extracted:
    import trafilatura

    if len(html) > MAX_HTML_CHARS:
        raise InputError(
            f"HTML page is {len(html) / 1e6:.1f} million characters, over the {MAX_HTML_CHARS // 1_000_000} million limit"
        )
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
        deduplicate=False,
        output_format="txt",
    )
    md = trafilatura.extract_metadata(html, default_url=url)
    title = md.title if md is not None else None
    published = md.date if md is not None else None
    outlet = md.sitename if md is not None else None
    meta: dict[str, Any] = {}
    if md is not None:
        meta = {"author": md.author, "sitename": md.sitename, "description": md.description, "hostname": md.hostname}
    return Extracted(text=text or "", title=title, published=published, outlet=outlet, meta=meta)
