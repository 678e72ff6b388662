"""The ordered pipeline stages; ``extract()`` is this pipeline run on one input.

A stage is a function ``stage(article) -> None`` that only adds annotations to the Article.
Stages are named by import path and loaded once per process (so models load once per worker).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from warta.article import Article, InputInfo, Language, Published
from warta.clean.structure import build
from warta.errors import InputError, UsageError
from warta.offsets import ChainedMap
from warta.read.mojibake import repair as repair_mojibake
from warta.read.record import RawDocument
from warta.read.text import MAX_ARTICLE_CHARS, decode, normalise

Stage = Callable[[Article], None]

# The ordered stages after reading and cleaning. Each entry: (name, "module:function").
STAGES: list[tuple[str, str]] = [
    ("language", "warta.nlp.langid:detect"),
    ("segment", "warta.nlp.segment:segment"),
    ("entities", "warta.extract.entities:run"),
    ("published", "warta.extract.published:annotate"),
    ("times", "warta.extract.times:annotate"),
    ("quotes", "warta.extract.quotes:run"),
    ("standing", "warta.extract.standing:annotate"),
    ("quantities", "warta.extract.quantities:annotate"),
    ("sources", "warta.extract.sources:annotate"),
]


def _load(path: str) -> Stage:
    module, _, func = path.partition(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


@dataclass
class Pipeline:
    stages: list[tuple[str, Stage]]

    @classmethod
    def default(cls, exclude: Iterable[str] = ()) -> Pipeline:
        skip = set(exclude)
        return cls([(name, _load(path)) for name, path in STAGES if name not in skip])

    def read(self, doc: RawDocument) -> Article:
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
        article = Article(original=text, input=info, url=doc.url, outlet=outlet, meta=meta)
        if doc.lang:
            article.language = Language(code=doc.lang, confidence=1.0)
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

    def run(self, doc: RawDocument) -> Article:
        article = self.read(doc)
        for _name, stage in self.stages:
            stage(article)
        return article


def sniff_format(text: str) -> str:
    """Tell HTML from plain text by content."""
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head or "<head" in head):
        return "html"
    sample = text[:20000].lower()
    tags = sample.count("<p") + sample.count("<div") + sample.count("<br") + sample.count("</a>")
    return "html" if tags >= 3 else "text"


def parse_published(value: str | date | datetime) -> str:
    """Validate a publication date given by the user or the input (ISO date or datetime)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    v = str(value).strip()
    try:
        if len(v) == 10:
            return date.fromisoformat(v).isoformat()
        return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    written = _excel_serial(v) or _written_date(v)
    if written is None:
        raise UsageError(
            f"invalid publication date {value!r}: expected YYYY-MM-DD, an ISO datetime or a full written date"
            " ('31 Juli 2019', 'Selasa, 10/9/2019 14:30 WIB')"
        )
    return written


def _excel_serial(v: str) -> str | None:
    """A spreadsheet's day number ("43718" = 2019-09-10), as CSV exports of Excel files carry
    them; only whole-field numbers that fall between 1950 and 2100."""
    if not re.fullmatch(r"\d{5}(?:\.\d+)?", v):
        return None
    n = float(v)
    if not 18264 <= n < 73051:  # 1950-01-01 .. 2100-01-01
        return None
    return (date(1899, 12, 30) + timedelta(days=int(n))).isoformat()


def _written_date(v: str) -> str | None:
    """A full date written out ("31 Juli 2019", "Selasa, 10/9/2019 14:30 WIB"), read by the
    language pack's time grammar: one expression over the whole field, with its year and day."""
    from warta.extract.times import resolve_span

    found = resolve_span(v, 0, len(v), None, 0.0)
    if len(found) != 1 or found[0].value is None or len(found[0].text) < len(v.strip(" ,.")) - 2:
        return None
    value = found[0].value
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T[\d:]+(?:[+-]\d{2}:\d{2})?)?", value) else None


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline.default()
    return _default


def extract(
    text: str | bytes,
    *,
    published: str | date | datetime | None = None,
    url: str | None = None,
    lang: str | None = None,
    title: str | None = None,
    format: str | None = None,
) -> Article:
    """Run the whole pipeline on one text or HTML page and return the annotated Article."""
    pub = parse_published(published) if published is not None else None
    doc = RawDocument(content=text, format=format, url=url, published=pub, lang=lang, title=title)
    return default_pipeline().run(doc)
