"""The ordered pipeline stages; ``extract()`` is this pipeline run on one input.

A stage is a function ``stage(article) -> None`` that only adds annotations to the Article and
declares what it requires and assigns (``warta.stages.stage``); the pipeline checks the order
once. Stages are named by import path and loaded once per process (so models load once per worker).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from warta import budget
from warta.article import Article
from warta.read.dates import parse_published
from warta.read.document import read_document
from warta.read.record import RawDocument
from warta.stages import check_order

Stage = Callable[[Article], None]

# The ordered stages after reading and cleaning. Each entry: (name, "module:function").
STAGES: list[tuple[str, str]] = [
    ("language", "warta.nlp.langid:detect"),
    ("segment", "warta.nlp.segment:segment"),
    ("entities", "warta.extract.entities:run"),
    ("geo", "warta.geo.stage:annotate"),
    ("published", "warta.extract.time.published:annotate"),
    ("times", "warta.extract.time.times:annotate"),
    ("quotes", "warta.extract.quotes:run"),
    ("standing", "warta.extract.entities.standing:annotate"),
    ("quantities", "warta.extract.time.quantities:annotate"),
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
        stages = [(name, _load(path)) for name, path in STAGES if name not in skip]
        check_order(stages)
        for _name, fn in stages:  # in stage order: a model loaded in a thread overlaps with the next ones
            start = getattr(fn, "preload", None)
            if start is not None:
                start()
        return cls(stages)

    def read(self, doc: RawDocument) -> Article:
        """Decode and clean one raw document into an Article with its body text."""
        return read_document(doc)

    def run(self, doc: RawDocument) -> Article:
        article = self.read(doc)
        for _name, stage in self.stages:
            budget.check()
            stage(article)
        return article


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline.default()
    return _default


_warm = threading.Lock()
_warmed = False
# an article that takes every stage through its models and lexicons once
WARM_UP = (
    "Menteri Luar Negeri Rusia Sergey Lavrov di Moskow, Senin (5/12/2016), mengatakan AS akhirnya "
    "mengajukan proposal. “Kami siap membahasnya,” kata Lavrov kepada RIA Novosti. Harga beras naik 10 persen.\n\n"
    "<p>Menurut dia, pertemuan itu digelar dua hari.</p>"
)


def warm() -> None:
    """Load every model and lexicon the stages use lazily (once per process), so that a time
    budget (:mod:`warta.budget`) measures the work on an article, not the loading."""
    global _warmed
    with _warm:
        if not _warmed:
            extract(WARM_UP, published="2016-12-05")
            extract("<html><body><p>" + WARM_UP + "</p></body></html>", format="html")
            _warmed = True


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
