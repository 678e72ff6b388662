"""The store logic shared by the SQL back ends; subclasses supply the connection, the
transaction, the schema and the full-text search expressions.

SQL here is written with ``?`` placeholders; PostgreSQL's subclass rewrites them to ``%s``.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any

from warta.article import Article
from warta.errors import WartaError
from warta.store.archive import ArchiveQueries, fact_row
from warta.store.base import ARCHIVE_TABLES, EXPORT_TABLES, AddResult, Page, Store, as_id, canonical_key, table_columns
from warta.store.claims import ClaimFilter, ClaimQueries
from warta.store.copies import NOT_A_COPY, CopyQueries
from warta.store.display import tidy_snippet
from warta.store.filters import article_filters, date_filters, standing_filter
from warta.store.places import PlaceQueries
from warta.store.queries import SpeakerQueries
from warta.store.query import Term, parse
from warta.store.rows import ArticleRows, article_rows, dumps
from warta.store.stories import StoryQueries

CHILD_TABLES = ("mentions", "quotes", "times", "quantities", "sources", "removed", "places", "entity_facts")
HIT_COLUMNS = "a.id, a.url, a.title, a.outlet, a.language, a.published, a.n_quotes"
QUOTE_COLUMNS = (
    "q.id, q.article_id, q.text, q.kind, q.speaker_name, q.speaker_entity_id, q.speaker_titles, q.speaker_standing, q.cue, "
    'q.confidence, q."start", q."end", q.published, a.title, a.url, a.outlet'
)
EXPORT_SELECT: dict[str, str] = {
    "entities": (
        "SELECT e.id, e.type, e.name, e.key, e.titles,"
        " (SELECT COUNT(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id),"
        " (SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id), e.first_seen, e.json"
        " FROM entities e ORDER BY e.id"
    ),
}
EXPORT_ORDER = {
    "articles": "published, id",
    "mentions": 'article_id, "start"',
    "quotes": "article_id, idx",
    "times": "article_id, idx",
    "quantities": "article_id, idx",
    "sources": "article_id, idx",
    "removed": "article_id, idx",
    "places": "article_id, idx",
    "failures": "id",
    "copies": "original_id, article_id",
    "stories": "id",
    "story_articles": "story_id, article_id",
}
# the store method streaming each archive-level table (warta.store.base.ARCHIVE_TABLES)
ARCHIVE_ROWS = {"claims": "claim_rows"}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def quoted(cols: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


class SqlStore(SpeakerQueries, PlaceQueries, ClaimQueries, CopyQueries, StoryQueries, ArchiveQueries, Store):
    conn: Any

    # ---- dialect -------------------------------------------------------------------------
    @abc.abstractmethod
    def _tx(self) -> AbstractContextManager[Any]:
        """A write transaction (committed on success, rolled back on error)."""

    def _sql(self, sql: str) -> str:
        return sql

    @abc.abstractmethod
    def _article_match(self, terms: list[Term]) -> tuple[str, str, list[Any], str, str]:
        """(join, where, params, score expression, snippet expression) for an article query."""

    @abc.abstractmethod
    def _quote_match(self, terms: list[Term]) -> tuple[str, str, list[Any]]:
        """(join, where, params) for a full-text query on quotations (alias q)."""

    @abc.abstractmethod
    def _fault(self, exc: Exception) -> WartaError | None:
        """The one-line error for a back-end error (disk full, read-only, corrupt, timed out),
        or None for an error that is a bug here (it propagates as it is)."""

    def _bounded(self) -> AbstractContextManager[Any]:
        """Around one read statement: the back end's time limit applies (see ``query_seconds``)."""
        return nullcontext()

    # ---- helpers -------------------------------------------------------------------------
    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Back-end errors that the user can act on become one-line WartaErrors."""
        try:
            yield
        except WartaError:
            raise
        except Exception as exc:
            fault = self._fault(exc)
            if fault is None:
                raise
            raise fault from None

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._guard():
            return self.conn.execute(self._sql(sql), tuple(params))

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._guard(), self._bounded():
            cur = self.conn.execute(self._sql(sql), tuple(params))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        with self._guard(), self._bounded():
            row = self.conn.execute(self._sql(sql), tuple(params)).fetchone()
            return tuple(row) if row is not None else None

    def _insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        sql = self._sql(f"INSERT INTO {table} ({quoted(cols)}) VALUES ({', '.join('?' * len(cols))})")
        with self._guard():
            cur = self.conn.cursor()
            cur.executemany(sql, [tuple(r[c] for c in cols) for r in rows])

    def _mark_input(self, key: str | None, name: str | None, status: str, article_id: str | None) -> None:
        if not key:
            return
        self._exec(
            "INSERT INTO inputs (key, name, status, article_id, time) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET status = excluded.status, article_id = excluded.article_id,"
            " time = excluded.time",
            (key, name, status, article_id, now()),
        )

    def _entity_id(self, type_: str, key: str, name: str, titles: list[str], js: str, at: str) -> int:
        row = self._one("SELECT id, titles FROM entities WHERE type = ? AND key = ?", (type_, key))
        if row is not None:
            eid, old = int(row[0]), row[1]
            import json

            known = json.loads(old or "[]")
            merged = known + [t for t in titles if t not in known]
            if merged != known:
                self._exec("UPDATE entities SET titles = ?, json = ? WHERE id = ?", (dumps(merged), js, eid))
            return eid
        row = self._one(
            "INSERT INTO entities (type, key, name, titles, json, first_seen) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (type, key) DO UPDATE SET key = excluded.key RETURNING id",
            (type_, key, name, dumps(titles), js, at),
        )
        assert row is not None
        return int(row[0])

    def _delete(self, article_id: str) -> None:
        self._unlink_copies(article_id)
        self._unlink_story(article_id)
        ents = [
            r["entity_id"]
            for r in self._all("SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", (article_id,))
        ]
        for table in CHILD_TABLES:
            self._exec(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._exec("DELETE FROM articles WHERE id = ?", (article_id,))
        for eid in ents:  # entities no other article mentions or quotes
            self._exec(
                "DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?)"
                " AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_entity_id = ?)",
                (eid, eid, eid),
            )

    # ---- writing -------------------------------------------------------------------------
    # the back end's unique-violation error: another writer stored the same article first
    integrity_errors: tuple[type[Exception], ...] = ()

    def add(
        self,
        article: Article | dict[str, Any],
        *,
        input_key: str | None = None,
        input_name: str | None = None,
        replace: bool = False,
    ) -> AddResult:
        d = article.to_dict() if isinstance(article, Article) else article
        rows = article_rows(d, input_name=input_name)
        try:
            return self._add(rows, input_key, input_name, replace)
        except self.integrity_errors:
            # a concurrent writer (PostgreSQL shared by a team) won the race for this id or URL;
            # the transaction was rolled back, and the retry sees its row
            return self._add(rows, input_key, input_name, replace)

    def _add(self, rows: ArticleRows, input_key: str | None, input_name: str | None, replace: bool) -> AddResult:
        aid = rows.article["id"]
        url = rows.article["url"]
        at = now()
        with self._tx():
            existing = self._one("SELECT id, url, ingested_at FROM articles WHERE id = ?", (aid,))
            first = at
            if existing is not None and replace:
                self._delete(aid)
                url, first = url or existing[1], existing[2]
            elif existing is not None:
                if url and not existing[1] and self._one("SELECT id FROM articles WHERE url = ?", (url,)) is None:
                    self._exec("UPDATE articles SET url = ?, updated_at = ? WHERE id = ?", (url, at, aid))
                self._mark_input(input_key, input_name, "stored", aid)
                return AddResult(aid, "unchanged")
            replaced = None
            if url:
                old = self._one("SELECT id, ingested_at FROM articles WHERE url = ?", (url,))
                if old is not None:
                    replaced, first = old[0], old[1]
                    self._delete(replaced)
            art = dict(rows.article, url=url, ingested_at=first, updated_at=at)
            self._insert_many("articles", [art])
            local: dict[str, int] = {}
            mentions, facts = [], []
            published = rows.article["published"]
            for e in rows.entities:
                eid = self._entity_id(e.type, e.key, e.name, e.titles, e.json, at)
                local[e.local_id] = eid
                facts += [fact_row(aid, eid, e.local_id, office, published) for office in e.offices]
                for s, t, txt in e.mentions:
                    mentions.append(
                        {"article_id": aid, "entity_id": eid, "local_id": e.local_id, "start": s, "end": t, "text": txt}
                    )
            self._insert_many("mentions", mentions)
            self._insert_many("entity_facts", facts)
            quotes = []
            for q in rows.quotes:
                q = dict(q)
                sp = q.pop("speaker_local")
                quotes.append(dict(q, article_id=aid, speaker_entity_id=local.get(str(sp)) if sp is not None else None))
            self._insert_many("quotes", quotes)
            for table, items in (
                ("times", rows.times),
                ("quantities", rows.quantities),
                ("sources", rows.sources),
                ("removed", rows.removed),
                ("places", rows.places),
            ):
                self._insert_many(table, [dict(r, article_id=aid) for r in items])
            self._link_copies(aid, art["text"] or "", art["published"], first)
            self._mark_input(input_key, input_name, "stored", aid)
        if existing is not None:
            return AddResult(aid, "updated", aid)
        return AddResult(aid, "updated" if replaced else "inserted", replaced)

    def add_failure(self, input_name: str, reason: str, *, input_key: str | None = None) -> None:
        with self._tx():
            self._exec(
                "INSERT INTO failures (input, reason, time, input_key) VALUES (?, ?, ?, ?)",
                (input_name, reason, now(), input_key),
            )
            self._mark_input(input_key, input_name, "failed", None)

    def mark_input(self, key: str, *, name: str | None, status: str, article_id: str | None) -> None:
        with self._tx():
            self._mark_input(key, name, status, article_id)

    def seen_inputs(self, keys: list[str], *, include_failed: bool = True) -> set[str]:
        seen: set[str] = set()
        status = "" if include_failed else " AND status = 'stored'"
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._all(f"SELECT key FROM inputs WHERE key IN ({marks}){status}", chunk)
            seen.update(r["key"] for r in rows)
        return seen

    def delete_article(self, article_id: str) -> bool:
        with self._tx():
            if self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is None:
                return False
            self._delete(article_id)
        return True

    # ---- reading -------------------------------------------------------------------------
    def _load_json(self, row: tuple[Any, ...] | None) -> dict[str, Any] | None:
        import json

        return json.loads(row[0]) if row is not None else None

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        return self._load_json(self._one("SELECT json FROM articles WHERE id = ?", (article_id,)))

    def get_article_by_url(self, url: str) -> dict[str, Any] | None:
        return self._load_json(self._one("SELECT json FROM articles WHERE url = ?", (url,)))

    def _entity_filter(self, entity: int | str) -> tuple[str, list[Any]]:
        eid = as_id(entity)
        if eid is not None:
            return "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.entity_id = ?)", [eid]
        if isinstance(entity, int):  # an int past 64 bits: no entity has it
            return "1 = 0", []
        return (
            "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE m.article_id = a.id AND e.key = ?)",
            [canonical_key(entity)],
        )

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
        join, wheres, params = "", [], []
        score, snippet = "0.0", "SUBSTR(a.text, 1, 240)"
        terms = parse(query) if query else []
        if query and not terms:
            return Page([], 0, limit, offset)
        if terms:
            join, where, params, score, snippet = self._article_match(terms)
            wheres.append(where)
        w, p = article_filters(outlet=outlet, language=language, since=since, until=until)
        wheres += w
        params += p
        if entity is not None and entity != "":
            w, p = self._entity_filter(entity)
            wheres.append(w)
            params += p
        where = (" WHERE " + " AND ".join(wheres)) if wheres else ""
        total = self._one(f"SELECT COUNT(*) FROM articles a {join}{where}", params)
        order = (
            "score DESC, a.published IS NULL, a.published DESC"
            if terms
            else "a.published IS NULL, a.published DESC, a.id"
        )
        items = self._all(
            f"SELECT {HIT_COLUMNS}, {snippet} AS snippet, {score} AS score FROM articles a {join}{where}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        for item in items:
            item["snippet"] = tidy_snippet(item["snippet"])
        return Page(items, int(total[0]) if total else 0, limit, offset)

    def _entity_select(self) -> str:
        return (
            "SELECT e.id, e.type, e.name, e.key, e.titles, e.json,"
            " COUNT(DISTINCT m.article_id) AS n_articles, COUNT(m.entity_id) AS n_mentions"
            " FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id"
        )

    def _entity_out(self, row: dict[str, Any]) -> dict[str, Any]:
        import json

        row["titles"] = json.loads(row["titles"] or "[]")
        row["json"] = json.loads(row["json"] or "{}")
        return row

    def get_entity(self, entity_id: int) -> dict[str, Any] | None:
        rows = self._all(self._entity_select() + " WHERE e.id = ? GROUP BY e.id", (int(entity_id),))
        return self._entity_out(rows[0]) if rows else None

    def find_entities(
        self, name: str | None = None, *, type: str | None = None, limit: int = 20, offset: int = 0
    ) -> Page:
        wheres, params = [], []
        if name:
            wheres.append("e.key LIKE ?")
            params.append("%" + canonical_key(name) + "%")
        if type:
            wheres.append("e.type = ?")
            params.append(type)
        where = (" WHERE " + " AND ".join(wheres)) if wheres else ""
        total = self._one(f"SELECT COUNT(*) FROM entities e{where}", params)
        rows = self._all(
            self._entity_select() + where + " GROUP BY e.id ORDER BY n_mentions DESC, e.name LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return Page([self._entity_out(r) for r in rows], int(total[0]) if total else 0, limit, offset)

    def entity_articles(self, entity_id: int, *, limit: int = 20, offset: int = 0) -> Page:
        return self.search_articles(entity=int(entity_id), limit=limit, offset=offset)

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
        # each quotation once across copies, except in the list of one article's quotations
        join, wheres, params = "", [] if article_id else [NOT_A_COPY], []
        if text:
            terms = parse(text)
            if not terms:
                return Page([], 0, limit, offset)
            join, w, params = self._quote_match(terms)
            wheres.append(w)
        if speaker is not None and speaker != "":
            if isinstance(speaker, int):
                wheres.append("q.speaker_entity_id = ?")
                params.append(speaker)
            else:
                wheres.append(
                    "(LOWER(q.speaker_name) LIKE ? OR q.speaker_entity_id IN (SELECT id FROM entities WHERE key LIKE ?))"
                )
                params += ["%" + speaker.lower() + "%", "%" + canonical_key(speaker) + "%"]
        date_filters("q.published", since, until, wheres, params)
        if article_id:
            wheres.append("q.article_id = ?")
            params.append(article_id)
        if standing:
            w, p = standing_filter(standing)
            wheres.append(w)
            params += p
        where = (" WHERE " + " AND ".join(wheres)) if wheres else ""
        total = self._one(f"SELECT COUNT(*) FROM quotes q {join}{where}", params)
        rows = self._all(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id {join}{where}"
            " ORDER BY q.published IS NULL, q.published DESC, q.article_id, q.idx LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        import json

        also = self.also_in([r["article_id"] for r in rows])
        for r in rows:
            r["speaker_titles"] = json.loads(r["speaker_titles"] or "[]")
            r["also_in"] = also.get(r["article_id"], [])
        return Page(rows, int(total[0]) if total else 0, limit, offset)

    def sources_summary(self, *, limit: int = 50) -> list[dict[str, Any]]:
        return self._all(
            "SELECT name, relation, COUNT(DISTINCT article_id) AS n_articles, COUNT(*) AS n_refs FROM sources"
            " GROUP BY name, relation ORDER BY n_articles DESC, n_refs DESC, name LIMIT ?",
            (limit,),
        )

    def failures(self, *, limit: int = 50, offset: int = 0) -> Page:
        total = self._one("SELECT COUNT(*) FROM failures")
        rows = self._all(
            "SELECT id, input, reason, time FROM failures ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
        )
        return Page(rows, int(total[0]) if total else 0, limit, offset)

    def stats(self) -> dict[str, Any]:
        counts = {}
        stored = [t for t in ARCHIVE_TABLES if t not in ARCHIVE_ROWS]  # derived tables are not counted
        for table in (*EXPORT_TABLES, *stored, "inputs"):
            row = self._one(f"SELECT COUNT(*) FROM {table}")
            counts[table] = int(row[0]) if row else 0
        outlets = self._all(
            "SELECT outlet, COUNT(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet LIMIT 50"
        )
        span = self._one("SELECT MIN(SUBSTR(published, 1, 10)), MAX(SUBSTR(published, 1, 10)) FROM articles")
        version = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        return {
            "store": self.url,
            "schema_version": int(version[0]) if version else None,
            "counts": counts,
            "outlets": outlets,
            "published_from": span[0] if span else None,
            "published_to": span[1] if span else None,
        }

    def _export_sql(self, table: str) -> str:
        cols = table_columns(table)
        if table in EXPORT_SELECT:
            return EXPORT_SELECT[table]
        return f"SELECT {quoted(cols)} FROM {table} ORDER BY {EXPORT_ORDER[table]}"

    def export_table(self, table: str) -> Iterator[tuple[Any, ...]]:
        if table in ARCHIVE_ROWS:
            rows: Iterator[tuple[Any, ...]] = getattr(self, ARCHIVE_ROWS[table])()
            return rows
        return self._stream(self._export_sql(table), ())

    def claim_rows(self) -> Iterator[tuple[Any, ...]]:
        return self.export_claims(ClaimFilter())

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        with self._guard():
            cur = self.conn.cursor()
            cur.execute(self._sql(sql), tuple(params))
        while True:
            with self._guard():
                batch = cur.fetchmany(1000)
            if not batch:
                break
            yield from (tuple(r) for r in batch)
