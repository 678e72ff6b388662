"""HTML pages: main text and metadata with trafilatura.

Warta's own cleaner (warta.clean) then removes what trafilatura leaves in Indonesian pages
(captions, "Baca juga", credits, share text: see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.errors import InputError
from warta.read import html_meta

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
    # One parse for text and metadata. Tables are kept: on the Zyte benchmark they raise body
    # recall (F1 0.957 -> 0.960) and leave the Indonesian pages as they are; favor_precision
    # would cut Indonesian F1 (0.997 -> 0.965) and is not used (bench/html_extraction.py).
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if doc is None:
        return Extracted(text="")
    meta: dict[str, Any] = {
        "author": doc.author,
        "sitename": doc.sitename,
        "description": doc.description,
        "hostname": doc.hostname,
    }
    text, title, published, outlet = doc.text or "", doc.title, doc.date, doc.sitename
    tree = html_meta.parse(html)
    if tree is not None:
        # Warta's page rules (html_meta): headline without the site name, the outlet the page names,
        # the page's own publication date, and the site's article container for the body.
        page = html_meta.page_meta(tree, url)
        title = html_meta.best_title(page, title)
        outlet = html_meta.best_outlet(page, outlet)
        published = page.published or published
        block = html_meta.body_block(tree, page.url)
        if block is not None:
            from lxml import html as lxml_html

            part = "<html><body>" + lxml_html.tostring(block, encoding="unicode") + "</body></html>"
            sub = trafilatura.bare_extraction(
                part, include_comments=False, include_tables=True, deduplicate=False, with_metadata=False
            )
            if sub is not None and (sub.text or "").strip():
                text = sub.text
                meta["body_block"] = True
        agreed = html_meta.agreeing_lines(text, html_meta.article_body(tree))
        if agreed is not None and agreed != text:
            text = agreed
            meta["article_body_lines"] = True
    return Extracted(text=text, title=title, published=published, outlet=outlet, meta=meta)
