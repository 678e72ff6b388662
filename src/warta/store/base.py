"""The archive interface every store back end implements (SQLite file or PostgreSQL server).

Open one with :func:`warta.store.open_store`::

    from warta.store import open_store
    with open_store("warta.db") as store:                 # or "postgresql://user@host/db"
        store.add(article)                                 # an Article or Article.to_dict()
        page = store.search_articles("banjir", outlet="Kompas.com", limit=20, offset=0)
        for hit in page.items: print(hit["title"], hit["snippet"])

Everything in ``Article.to_dict()`` is stored. Each annotation table keeps the columns that are
indexed and queried plus a ``json`` column with the full annotation dict (the annotation
dataclasses grow; the JSON keeps what the columns do not). The flat export tables and their
columns are :data:`EXPORT_TABLES`; the web UI and the Spark job read these names.

Results are plain dicts (JSON-ready) inside a :class:`Page` (items, total, limit, offset).
Dates are ISO strings; ``since``/``until`` filters compare the first 10 characters
(YYYY-MM-DD) of ``published``, both inclusive.
"""

from __future__ import annotations

import abc
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from warta.article import Article

SCHEMA_VERSION = 5
# the longest one read statement may run (seconds) before the store stops it with
# warta.errors.QueryTimeout: a search must not hold a server's worker (or a CPU) for minutes
QUERY_SECONDS = 10.0
# values of the quotation filter on the speaker's standing (docs/schema.md)
STANDINGS = ("public", "private", "unknown", "not-private")

# The flat tables of `warta export` and Store.export_table(), with their columns in order.
# Offsets ("start", "end") are character offsets into articles.text unless named original_*.
EXPORT_TABLES: dict[str, list[str]] = {
    "articles": [
        "id",
        "url",
        "title",
        "outlet",
        "language",
        "published",
        "published_source",
        "text",
        "n_chars",
        "n_entities",
        "n_quotes",
        "input_name",
        "input_format",
        "ingested_at",
        "updated_at",
        "json",
    ],
    # merged across articles by canonical name and type
    "entities": ["id", "type", "name", "key", "titles", "n_articles", "n_mentions", "first_seen", "json"],
    # one row per mention; local_id is the entity id inside the article's JSON
    "mentions": ["article_id", "entity_id", "local_id", "start", "end", "text"],
    "quotes": [
        "id",
        "article_id",
        "idx",
        "text",
        "kind",
        "speaker_entity_id",
        "speaker_name",
        "speaker_titles",
        "speaker_standing",
        "cue",
        "cue_lemma",
        "start",
        "end",
        "confidence",
        "published",
        "json",
    ],
    "times": ["article_id", "idx", "start", "end", "text", "value", "grain", "anchor_source", "confidence", "json"],
    "quantities": ["article_id", "idx", "start", "end", "text", "value", "unit", "bound", "object", "upper", "json"],
    "sources": ["article_id", "idx", "name", "relation", "start", "end", "text", "in_original", "json"],
    # boilerplate the cleaner removed; offsets are into the article's original input
    "removed": ["article_id", "idx", "kind", "rule", "text", "original_start", "original_end"],
    "failures": ["id", "input", "reason", "time", "input_key"],
    # geocoded places (warta.geo): one row per place entity with a geo (name as the article writes it,
    # place as the gazetteer names it), main = 1 for the article's
    # location (local_id null when only the dateline names it)
    "places": [
        "article_id",
        "idx",
        "local_id",
        "name",
        "place",
        "kind",
        "country",
        "admin1",
        "admin2",
        "lat",
        "lon",
        "source",
        "precision",
        "n_mentions",
        "main",
    ],
}

# Archive-level tables, across articles; `warta export` writes them after the flat tables and
# Store.export_table streams them too. The Spark job writes the flat tables only: load its output
# into a store (`warta load-parquet`), which derives them again, and export from there.
# copies, stories and story_articles are stored as articles arrive (warta.dedup, warta.stories);
# claims are computed when read (quantities inside quotations, warta.store.claims): a derived
# table has a row method in the SQL store's ARCHIVE_ROWS instead of a table.
ARCHIVE_TABLES: dict[str, list[str]] = {
    # near-duplicate copies (warta.dedup): each copy with the earliest article of its group
    "copies": ["article_id", "original_id", "similarity"],
    # stories (warta.stories): groups of articles about one event; story_articles: each article's story
    "stories": ["id", "title", "first_day", "last_day", "n_articles", "n_outlets"],
    "story_articles": ["article_id", "story_id", "score"],
    # claims (warta.store.claims): a quantity inside a quotation; start/end the quantity's offsets,
    # quote_start/quote_end the quotation's, time the first resolved time inside it (ISO)
    "claims": [
        "quote_id",
        "article_id",
        "quote_idx",
        "quantity_idx",
        "speaker_entity_id",
        "speaker_name",
        "kind",
        "text",
        "value",
        "upper",
        "unit",
        "bound",
        "object",
        "start",
        "end",
        "quote_start",
        "quote_end",
        "quote_text",
        "time",
        "time_text",
        "published",
        "outlet",
        "url",
    ],
}


def table_columns(table: str) -> list[str]:
    """The columns of an export or archive table (KeyError for any other name)."""
    return EXPORT_TABLES[table] if table in EXPORT_TABLES else ARCHIVE_TABLES[table]


MAX_ID = 2**63 - 1  # ids are 64-bit integers in both back ends


def as_id(value: int | str | None) -> int | None:
    """An entity or quotation id given as an int or a string of ASCII digits, when it fits in
    64 bits; None for anything else ("²".isdigit() is True, and 2**64 overflows the database)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        n = int(value)
        return n if n <= MAX_ID else None
    return None


def canonical_key(name: str) -> str:
    """The merge key of an entity name: NFKC, case-folded, whitespace collapsed, outer punctuation cut."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = " ".join(s.split())
    return re.sub(r"^[\W_]+|[\W_]+$", "", s)


@dataclass
class Page:
    """One page of results: ``items`` (dicts), ``total`` matching rows, and the window asked for."""

    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    limit: int = 20
    offset: int = 0

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total


@dataclass
class AddResult:
    """What ``Store.add`` did: status is inserted | updated (same URL, new content) | unchanged."""

    id: str
    status: str
    replaced: str | None = None  # the id of the article an update replaced


@dataclass(frozen=True)
class Speaker:
    """Who a speaker page is about: a merged entity (``entity_id``) or, for quotations whose
    speaker was not linked to an entity, the speaker's name as the quotes give it (any case)."""

    entity_id: int | None = None
    name: str = ""
    quote_ids: tuple[int, ...] | None = None  # candidate quotations of a name (see ``resolved``)
    spellings: tuple[str, ...] = ()  # the name as written in those quotations

    def resolved(self, store: Store) -> Speaker:
        """The same speaker with its quotations' ids looked up (a name), for fast queries."""
        return store.resolve_speaker(self)


@dataclass(frozen=True)
class Profile:
    """What a speaker page shows beyond the list of quotations; all of it depends only on the
    speaker's quotations (and their articles), so it is cached per quotes-table version."""

    titles: list[str]
    affiliations: list[str]
    timeline: list[tuple[str, int]]
    outlets: list[dict[str, Any]]
    n_articles: int


class Store(abc.ABC):
    """One archive of extracted articles. Thread-unsafe; one writer per process.

    A store is a context manager (closes on exit). All write methods commit before returning,
    so a crash loses at most the call in progress and never leaves a half-written article.
    """

    url: str

    # ---- writing -------------------------------------------------------------------------
    @abc.abstractmethod
    def add(
        self,
        article: Article | dict[str, Any],
        *,
        input_key: str | None = None,
        input_name: str | None = None,
        replace: bool = False,
    ) -> AddResult:
        """Store one article with all its annotations (idempotent upsert).

        Same content hash as a stored article: ``unchanged`` (or, with ``replace``, its
        annotations are replaced by these: ``updated``, for re-extraction with a newer
        pipeline). Same URL as a stored article with other content: the old one and its
        annotations are replaced (``updated``). Entities are merged with those of other
        articles by canonical name and type. ``input_key`` marks the input as done (see
        :meth:`seen_inputs`) in the same transaction.
        """

    @abc.abstractmethod
    def add_failure(self, input_name: str, reason: str, *, input_key: str | None = None) -> None:
        """Record an input that could not be read or processed (the batch goes on)."""

    @abc.abstractmethod
    def mark_input(self, key: str, *, name: str | None, status: str, article_id: str | None) -> None:
        """Record an input as done (``status`` stored or failed) without storing anything else: an
        input whose article a later one replaced (same URL), loaded from a Spark run."""

    @abc.abstractmethod
    def seen_inputs(self, keys: list[str], *, include_failed: bool = True) -> set[str]:
        """Those of ``keys`` already processed (stored, or failed unless ``include_failed`` is
        False): ingest skips them on a rerun."""

    @abc.abstractmethod
    def delete_article(self, article_id: str) -> bool:
        """Remove one article and its annotations; True if it existed."""

    # ---- reading -------------------------------------------------------------------------
    @abc.abstractmethod
    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The full ``Article.to_dict()`` of one article, or None."""

    @abc.abstractmethod
    def get_article_by_url(self, url: str) -> dict[str, Any] | None:
        """The full ``Article.to_dict()`` of the article stored for ``url``, or None."""

    @abc.abstractmethod
    def search_articles(
        self,
        query: str | None = None,
        *,
        outlet: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: int | str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page:
        """Full-text search (words, all required; "quoted phrases"; prefix*) with filters.

        ``entity``: an entity id (int) or a name (matched case-insensitively on the canonical
        key). Without a query, newest first. Items: id, url, title, outlet, language,
        published, n_quotes, snippet (matches in [brackets]), score (higher is better).
        """

    @abc.abstractmethod
    def get_entity(self, entity_id: int) -> dict[str, Any] | None:
        """One merged entity: id, type, name, key, titles, n_articles, n_mentions, json."""

    @abc.abstractmethod
    def find_entities(
        self, name: str | None = None, *, type: str | None = None, limit: int = 20, offset: int = 0
    ) -> Page:
        """Entities whose name contains ``name`` (case-insensitive), most mentioned first."""

    @abc.abstractmethod
    def entity_articles(self, entity_id: int, *, limit: int = 20, offset: int = 0) -> Page:
        """Articles mentioning an entity, newest first (items as in search_articles)."""

    @abc.abstractmethod
    def quotes(
        self,
        *,
        speaker: str | int | None = None,
        text: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        standing: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Page:
        """Quotations. ``speaker``: entity id (int) or a name fragment (case-insensitive, on the
        speaker's name and the merged entity name); ``text``: full-text query on the quotation.
        ``standing``: one of ``STANDINGS`` (``not-private`` leaves out private individuals).
        Items: id, article_id, text, kind, speaker_name, speaker_entity_id, speaker_titles,
        speaker_standing, cue, confidence, start, end, published, title, url, outlet. Newest first."""

    @abc.abstractmethod
    def sources_summary(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """Cited sources by how many articles cite them: name, relation, n_articles, n_refs."""

    @abc.abstractmethod
    def failures(self, *, limit: int = 50, offset: int = 0) -> Page:
        """Recorded failures, newest first: id, input, reason, time."""

    @abc.abstractmethod
    def stats(self) -> dict[str, Any]:
        """Row counts per table, outlets with counts, published date range, schema version."""

    @abc.abstractmethod
    def export_table(self, table: str) -> Iterator[tuple[Any, ...]]:
        """Rows of one flat table in :data:`EXPORT_TABLES` order, or of an archive-level table in
        :data:`ARCHIVE_TABLES` order (streams; for big archives)."""

    # ---- reading: speakers, articles' entity links, archive-wide lists (the web UI) -------------
    @abc.abstractmethod
    def resolve_speaker(self, speaker: Speaker) -> Speaker:
        """The same speaker with its quotations' ids looked up (a name), for fast queries."""

    @abc.abstractmethod
    def entity_by_name(self, name: str) -> int | None:
        """The merged entity with this canonical name (a person first), if any."""

    @abc.abstractmethod
    def local_entity_ids(self, article_id: str) -> dict[str, int]:
        """The article's own entity ids (as in its JSON) mapped to the merged entity ids."""

    @abc.abstractmethod
    def quote_entity_ids(self, article_id: str) -> dict[int, int]:
        """Quote index in the article -> merged speaker entity id, for the quotes that have one."""

    @abc.abstractmethod
    def speaker_quotes(self, speaker: Speaker, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """This speaker's quotations, newest first, with their article, and the total."""

    @abc.abstractmethod
    def speaker_profile(self, speaker: Speaker) -> Profile:
        """Titles, affiliations, timeline, quoting outlets and article count of a speaker (cached)."""

    @abc.abstractmethod
    def speaker_timeline(self, speaker: Speaker) -> list[tuple[str, int]]:
        """Quotations per publication day (YYYY-MM-DD), oldest first; undated ones are left out."""

    @abc.abstractmethod
    def quoting_outlets(self, speaker: Speaker, *, limit: int = 20) -> list[dict[str, Any]]:
        """Outlets whose articles quote this speaker: outlet, n_quotes, n_articles."""

    @abc.abstractmethod
    def speaker_roles(self, speaker: Speaker) -> tuple[list[str], list[str]]:
        """Titles and affiliations attributed to the speaker in their quotations, most frequent first."""

    @abc.abstractmethod
    def co_mentioned(self, speaker: Speaker, *, limit: int = 15) -> list[dict[str, Any]]:
        """Entities mentioned most often in the same articles: id, name, type, n_articles."""

    @abc.abstractmethod
    def speaker_articles(self, speaker: Speaker) -> int:
        """How many articles quote this speaker."""

    @abc.abstractmethod
    def speaker_article_hits(
        self,
        speaker: Speaker,
        *,
        outlet: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """Articles quoting the speaker, newest first, as search hits (same keys as search_articles')."""

    @abc.abstractmethod
    def speakers_named(self, name: str, *, limit: int = 8) -> list[dict[str, Any]]:
        """Quoted speakers whose name contains ``name``: name, entity_id (or None), n_quotes."""

    @abc.abstractmethod
    def top_speakers(self, *, limit: int = 12) -> list[dict[str, Any]]:
        """The most quoted speakers: name, entity_id (or None), n_quotes."""

    @abc.abstractmethod
    def citations(self, *, limit: int = 200) -> list[dict[str, Any]]:
        """Which outlets cite which sources: outlet, source, n_articles, newest first by count."""

    @abc.abstractmethod
    def outlets(self, *, limit: int = 200) -> list[str]:
        """Outlets of the stored articles, those with most articles first."""

    @abc.abstractmethod
    def languages(self) -> list[str]:
        """Language codes of the stored articles, sorted."""

    # ---- lifecycle -----------------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
