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

    def __post_init__(self) -> None:
        if self.name is not None and len(self.name) > MAX_NAME_CHARS:  # a WARC record named by a huge URL
            self.name = shorten(self.name, MAX_NAME_CHARS)


@dataclass
class Failure:
    """An input (file, row, record) that could not be read: the batch records it and goes on.
    Name and reason are cut to a line's length (a reason may quote the input)."""

    name: str
    reason: str

    def __post_init__(self) -> None:
        self.name = shorten(self.name, MAX_NAME_CHARS)
        self.reason = shorten(self.reason, MAX_REASON_CHARS)


MAX_NAME_CHARS = 300  # an input's name (a path, a record's URL) as error messages show it
MAX_REASON_CHARS = 500


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how much was cut (an error line stays short)."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 40]}... ({len(text) - limit + 40:,} more characters)"
