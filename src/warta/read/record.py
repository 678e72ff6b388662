"""The raw-document record every reader yields and the pipeline consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawDocument:
    content: str | bytes  # text or HTML; bytes are decoded by the text reader
    format: str | None = None  # "text" | "html" | None (tell by content)
    name: str | None = None  # file name, record id: used in error messages
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date or datetime, when the source gives one
    fetched: str | None = None
    outlet: str | None = None
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # the years (first, last) of the dated records read before this one in the same run: a hint
    # for inferring a missing publication date (warta.read.corpus), not part of the output
    corpus_years: tuple[int, int] | None = None


@dataclass
class Failure:
    """An input (file, row, record) that could not be read: the batch records it and goes on."""

    name: str
    reason: str
