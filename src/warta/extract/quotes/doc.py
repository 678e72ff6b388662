"""The article as the quotation finder reads it: tokens with fast offset lookups, and the
candidate quotations found before their speakers are resolved."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from warta.article import Article, Cue
from warta.extract.quotes.marks import Quoted
from warta.extract.quotes.phrase import SpeakerRef
from warta.nlp.segment import Token, tokenize

T = TypeVar("T")


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # direct | indirect
    parts: list[tuple[int, int]]
    cue: Cue | None = None
    ref: SpeakerRef | None = None
    has_ref: bool = False  # an attribution was found (even if its speaker could not be read)
    confidence: float = 0.8
    quoted: Quoted | None = None
    attribution_end: int | None = None  # end of the post-quote attribution
    notes: list[str] = field(default_factory=list)


class Doc:
    """Tokens of the article with fast offset lookups."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.tokens: list[Token] = tokenize(article.text)
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        self.paragraphs = [(p.start, p.end) for p in article.paragraphs] or [(0, len(article.text))]
        self.sentence_spans = [(s.start, s.end) for s in article.sentences] or self.paragraphs
        self.sentence_starts = [s for s, _ in self.sentence_spans]
        self._para_starts = [s for s, _ in self.paragraphs]
        self._memo: dict[str, object] = {}  # per-article indexes the finders build once (see memo)

    def tok_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        # bisect both ends and slice: linear scans made single-line megabyte texts quadratic
        i, j = self.token_range(start, end)
        return self.tokens[i:j]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes ``i, j`` of the tokens inside ``[start, end)``: ``tokens_in`` without the copy."""
        i = self.tok_index(start)
        return i, max(i, bisect.bisect_right(self.ends, end, lo=i))

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """An index over the whole article, built on first use and kept with this Doc."""
        if name not in self._memo:
            self._memo[name] = build()
        return self._memo[name]  # type: ignore[return-value]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        # spans are sorted and do not overlap: the last one starting at or before offset
        k = bisect.bisect_right(self._para_starts, offset) - 1
        if k >= 0 and offset < self.paragraphs[k][1]:
            return self.paragraphs[k]
        return self.paragraphs[-1]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sentence_starts, offset) - 1
        if k >= 0 and offset < self.sentence_spans[k][1]:
            return self.sentence_spans[k]
        return self.paragraph_of(offset)
