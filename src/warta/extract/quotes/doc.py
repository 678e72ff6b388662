"""The article as the quotation finder reads it: tokens with fast offset lookups, and the
candidate quotations found before their speakers are resolved."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from warta.article import Article, Cue
from warta.extract.quotes.marks import Quoted
from warta.extract.quotes.phrase import SpeakerRef
from warta.nlp.segment import Token, tokenize


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

    def tok_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        # bisect both ends and slice: linear scans made single-line megabyte texts quadratic
        i = self.tok_index(start)
        j = bisect.bisect_right(self.ends, end, lo=i)
        return self.tokens[i:j]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.paragraphs:
            if s <= offset < e:
                return s, e
        return self.paragraphs[-1]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.sentence_spans:
            if s <= offset < e:
                return s, e
        return self.paragraph_of(offset)
