"""Read one raw document into an Article: decode bytes, HTML to text, repair mojibake, normalise,
check the publication date, and clean (:func:`warta.clean.structure.build`) into the body text.

This is the reading step of the pipeline (:meth:`warta.pipeline.Pipeline.read`), before the stages.
"""

from __future__ import annotations

from warta import lang
from warta.article import Article, InputInfo, Language, Published
from warta.clean.structure import build
from warta.errors import InputError, UsageError
from warta.offsets import ChainedMap
from warta.read.dates import parse_published
from warta.read.mojibake import repair as repair_mojibake
from warta.read.record import RawDocument
from warta.read.text import MAX_ARTICLE_CHARS, decode, normalise


def read_document(doc: RawDocument) -> Article:
    """Decode and clean one raw document into an Article with its body text."""
    content = doc.content
    info = InputInfo(name=doc.name)
    if isinstance(content, bytes):
        if not content.strip():
            raise InputError("empty input")
        dec = decode(content)
        text = dec.text
        info.encoding, info.encoding_guessed, info.bom = dec.encoding, dec.guessed, dec.bom
        info.invalid_bytes_replaced = dec.replaced
    else:
        text = content
    if not text.strip():
        raise InputError("empty input")
    fmt = doc.format or sniff_format(text)
    title = doc.title
    published, published_source, outlet = doc.published, "input", doc.outlet
    meta = dict(doc.meta)
    if fmt == "html":
        from warta.read.html import html_to_text  # trafilatura is only imported for HTML

        extracted = html_to_text(text, url=doc.url)
        meta.update({k: v for k, v in extracted.meta.items() if v})
        title = title or extracted.title
        if not published and extracted.published:
            published, published_source = extracted.published, "metadata"
        outlet = outlet or extracted.outlet
        text = extracted.text
        if not text.strip():
            raise InputError("no article text found in the HTML page")
    info.format = fmt
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"text is {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit for one article")
    repaired, repair_map = repair_mojibake(text)
    norm = normalise(repaired)
    norm_map = norm.map if repair_map is None else ChainedMap([norm.map, repair_map])
    info.control_chars_removed, info.newlines = norm.control_chars_removed, norm.newlines
    article = Article(original=text, input=info, url=doc.url, outlet=outlet, meta=meta, corpus_years=doc.corpus_years)
    if doc.lang:
        article.language = Language(code=lang.require_supported(doc.lang), confidence=1.0)
    if published:
        try:
            article.published = Published(value=parse_published(published), source=published_source)
        except UsageError:
            if published_source == "input":
                raise
            article.warnings.append(f"ignored an unreadable date in the page metadata: {published!r}")
    if info.control_chars_removed:
        article.warnings.append(f"removed {info.control_chars_removed} control characters")
    if info.invalid_bytes_replaced:
        article.warnings.append(f"replaced {info.invalid_bytes_replaced} invalid UTF-8 byte sequences with U+FFFD")
    if info.encoding_guessed:
        article.warnings.append(f"encoding guessed as {info.encoding}")
    if repair_map is not None:
        article.warnings.append(
            f"repaired {len(repair_map.replaced)} mojibake sequences (UTF-8 read as a legacy encoding)"
        )
    build(article, norm.text, norm_map, title=title)
    if not article.text.strip():
        article.warnings.append("no body text left after cleaning")
    return article


def sniff_format(text: str) -> str:
    """Tell HTML from plain text by content."""
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<head" in head):
        return "html"
    sample = text[:20000].lower()
    tags = sample.count("<p") + sample.count("<div") + sample.count("<br") + sample.count("</a>")
    return "html" if tags >= 3 else "text"
