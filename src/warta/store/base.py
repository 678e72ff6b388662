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

SCHEMA_VERSION = 2
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
}


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
        """Rows of one flat table in :data:`EXPORT_TABLES` order (streams; for big archives)."""

    # ---- lifecycle -----------------------------------------------------------------------
    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
