"""PostgreSQL store, for a team sharing one archive: same tables and behaviour as SQLite;
full-text search with ``tsvector`` ('simple' configuration, no stemming, as FTS5's unicode61)
in generated columns with GIN indexes.

``open_store("postgresql://user@host:5432/db")``; libpq URL options work, e.g.
``?options=-csearch_path%3Dmyschema`` to keep an archive in its own schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from warta.errors import InputError
from warta.store.base import SCHEMA_VERSION
from warta.store.migrations import MIGRATIONS
from warta.store.query import Term, to_tsquery
from warta.store.sql import SqlStore

MIGRATION_LOCK = 0x57415254  # pg_advisory_xact_lock key: one migrating process at a time


class PostgresStore(SqlStore):
    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.integrity_errors = (psycopg.errors.UniqueViolation,)
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"cannot connect to PostgreSQL: {msg}") from None
        self._migrate()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self.conn.transaction():
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

    def export_table(self, table: str) -> Iterator[tuple[Any, ...]]:
        sql = self._export_sql(table)
        with self.conn.transaction(), self.conn.cursor(name=f"warta_export_{table}") as cur:
            cur.itersize = 2000
            cur.execute(sql)
            for row in cur:
                yield tuple(row)

    def close(self) -> None:
        self.conn.close()
