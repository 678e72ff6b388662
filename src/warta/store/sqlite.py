"""The default store: one SQLite file in WAL mode, FTS5 over article text and quotations.

Every ``add`` is one ``BEGIN IMMEDIATE`` transaction, so a process killed at any moment
leaves the file consistent (WAL replays committed transactions only) and a rerun resumes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warta.errors import InputError
from warta.store.base import SCHEMA_VERSION
from warta.store.migrations import MIGRATIONS
from warta.store.query import Term, to_fts5
from warta.store.sql import SqlStore


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies contain semicolons)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


class SqliteStore(SqlStore):
    integrity_errors = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path) -> None:
        self.url = str(path)
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not a database file")
        if p.parent and not p.parent.exists():
            raise InputError(f"{path}: directory {p.parent} does not exist")
        try:
            self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=60, check_same_thread=False)
            self.conn.execute("PRAGMA busy_timeout = 60000")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: not a usable warta database ({exc})") from None

    @contextmanager
    def _tx(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _version(self) -> int:
        has_meta = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if not has_meta:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        with self._tx():
            version = self._version()  # again, under the write lock: another process may have migrated
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"{self.url}: database schema version {version} is newer than this warta ({SCHEMA_VERSION})"
                )
            for step in MIGRATIONS["sqlite"][version:SCHEMA_VERSION]:
                for stmt in _statements(step):
                    self.conn.execute(stmt)
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def _article_match(self, terms: list[Term]) -> tuple[str, str, list[Any], str, str]:
        return (
            "JOIN articles_fts ON articles_fts.rowid = a.rid",
            "articles_fts MATCH ?",
            [to_fts5(terms)],
            "-bm25(articles_fts, 4.0, 1.0)",
            "snippet(articles_fts, 1, '[', ']', '…', 24)",
        )

    def _quote_match(self, terms: list[Term]) -> tuple[str, str, list[Any]]:
        return "JOIN quotes_fts ON quotes_fts.rowid = q.id", "quotes_fts MATCH ?", [to_fts5(terms)]

    def _newest_article_sql(self) -> str:
        # SQLite reuses the highest rowids after a delete: the newest article row (rowid and
        # write time) is part of the quotes table's version
        return "(SELECT rid || ' ' || updated_at FROM articles ORDER BY rid DESC LIMIT 1)"

    def _speaker_affiliations_sql(self) -> str:
        return "json_extract(q.json, '$.speaker.affiliations')"

    def close(self) -> None:
        self.conn.close()
