"""PostgreSQL store, for a team sharing one archive: same tables and behaviour as SQLite;
full-text search with ``tsvector`` ('simple' configuration, no stemming, as FTS5's unicode61)
in generated columns with GIN indexes.

``open_store("postgresql://user@host:5432/db")``; libpq URL options work, e.g.
``?options=-csearch_path%3Dmyschema`` to keep an archive in its own schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from warta.errors import InputError, QueryTimeout, StoreError, WartaError
from warta.store.base import QUERY_SECONDS, SCHEMA_VERSION
from warta.store.migrations import MIGRATIONS
from warta.store.query import Term, to_tsquery
from warta.store.sql import SqlStore

MIGRATION_LOCK = 0x57415254  # pg_advisory_xact_lock key: one migrating process at a time


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


class PostgresStore(SqlStore):
    def __init__(self, url: str, *, query_seconds: float | None = QUERY_SECONDS) -> None:
        import psycopg

        self.url = url
        self.query_seconds = query_seconds
        self.integrity_errors = (psycopg.errors.UniqueViolation,)
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise InputError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None
        try:
            with self._guard():
                self._refuse_foreign()
                self._migrate()
                # every statement outside a write transaction (see _tx) runs under this limit
                ms = max(1, int(query_seconds * 1000)) if query_seconds is not None else 0  # 0: none
                self.conn.execute(f"SET statement_timeout = {ms:d}")
        except BaseException:
            self.conn.close()
            raise

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _refuse_foreign(self) -> None:
        """Refuse another application's schema (tables, none of them Warta's ``meta``)."""
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
        names = sorted(r[0] for r in rows)
        if names and "meta" not in names:
            shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
            raise StoreError(f"not a Warta archive: the schema holds other tables ({shown}); give another database")

    def _fault(self, exc: Exception) -> WartaError | None:
        import psycopg

        if isinstance(exc, UnicodeEncodeError):
            return InputError("text with an invalid character (a lone surrogate) cannot be stored or searched")
        if not isinstance(exc, psycopg.Error) or isinstance(exc, psycopg.errors.UniqueViolation):
            return None
        msg = _first_line(exc)
        if isinstance(exc, psycopg.errors.QueryCanceled):
            return QueryTimeout(f"the query took over {self.query_seconds:g} s and was stopped; narrow it")
        if isinstance(exc, psycopg.DataError):
            return InputError(f"a value the database refuses: {msg}")
        if isinstance(exc, psycopg.errors.DiskFull):
            return StoreError(f"the PostgreSQL server's disk is full: {msg}")
        if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction | psycopg.errors.InsufficientPrivilege):
            return StoreError(f"the archive cannot be written: {msg}")
        if isinstance(exc, psycopg.OperationalError | psycopg.errors.DataCorrupted):
            return StoreError(f"PostgreSQL: {msg}")
        return None

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._guard(), self.conn.transaction():
            self.conn.execute("SET LOCAL statement_timeout = 0")  # writes and migrations are not cut short
            yield

    def _version(self) -> int:
        row = self.conn.execute("SELECT to_regclass('meta')").fetchone()
        if row is None or row[0] is None:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        with self._tx():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            version = self._version()
            if version > SCHEMA_VERSION:
                raise InputError(f"database schema version {version} is newer than this warta ({SCHEMA_VERSION})")
            for step in MIGRATIONS["postgres"][version:SCHEMA_VERSION]:
                self.conn.execute(step)  # type: ignore[arg-type]  # trusted constant DDL
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def _article_match(self, terms: list[Term]) -> tuple[str, str, list[Any], str, str]:
        return (
            "CROSS JOIN to_tsquery('simple', ?) AS tsq",
            "a.tsv @@ tsq",
            [to_tsquery(terms)],
            "ts_rank_cd(a.tsv, tsq)",
            "ts_headline('simple', a.text, tsq, 'StartSel=[, StopSel=], MaxWords=30, MinWords=12, MaxFragments=1')",
        )

    def _quote_match(self, terms: list[Term]) -> tuple[str, str, list[Any]]:
        return "CROSS JOIN to_tsquery('simple', ?) AS qtsq", "q.tsv @@ qtsq", [to_tsquery(terms)]

    def _newest_article_sql(self) -> str:
        return "NULL"  # PostgreSQL never reuses identity values: count and highest id suffice

    def _speaker_affiliations_sql(self) -> str:
        return "(q.json::json -> 'speaker' ->> 'affiliations')"

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        with self._guard(), self.conn.transaction(), self.conn.cursor(name="warta_export") as cur:
            self.conn.execute("SET LOCAL statement_timeout = 0")  # an export streams the whole table
            cur.itersize = 2000
            cur.execute(self._sql(sql), tuple(params))  # type: ignore[arg-type]  # trusted constant SQL
            for row in cur:
                yield tuple(row)

    def _in_quote_part_sql(self) -> str:
        return (
            "(COALESCE(json_array_length(q.json::json -> 'parts'), 0) = 0 OR EXISTS (SELECT 1 FROM"
            " json_array_elements(q.json::json -> 'parts') p WHERE n.\"start\" >= (p.value ->> 'start')::int"
            " AND n.\"end\" <= (p.value ->> 'end')::int))"
        )

    def close(self) -> None:
        self.conn.close()
