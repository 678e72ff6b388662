"""The default store: one SQLite file in WAL mode, FTS5 over article text and quotations.

Every ``add`` is one ``BEGIN IMMEDIATE`` transaction, so a process killed at any moment
leaves the file consistent (WAL replays committed transactions only) and a rerun resumes.

A file that holds tables but is not a Warta archive is refused before anything is written to
it; a file this process cannot write (a read-only file, directory or filesystem) is opened
read-only (``mode=ro``, or ``immutable=1`` where SQLite cannot even create its shared-memory
file) and can be searched. Each read statement runs under a time limit (a progress handler).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warta.errors import InputError, QueryTimeout, StoreError, WartaError
from warta.store.base import QUERY_SECONDS, SCHEMA_VERSION
from warta.store.migrations import MIGRATIONS
from warta.store.query import Term, to_fts5
from warta.store.sql import SqlStore

PROGRESS_STEPS = 10_000  # virtual machine instructions between two looks at the clock


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


def _writable(p: Path) -> bool:
    """Can this process write the file and create its journal beside it?"""
    folder = p.parent if str(p.parent) else Path(".")
    if p.exists() and not os.access(p, os.W_OK):
        return False
    return os.access(folder, os.W_OK)


class SqliteStore(SqlStore):
    integrity_errors = (sqlite3.IntegrityError,)

    def __init__(
        self, path: str | Path, *, query_seconds: float | None = QUERY_SECONDS, read_only: bool | None = None
    ) -> None:
        """``read_only``: None opens the file read-only when this process cannot write it."""
        self.url = str(path)
        self.query_seconds = query_seconds
        self.read_only = False
        self._deadline: float | None = None
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not a database file")
        if p.parent and not p.parent.exists():
            raise InputError(f"{path}: directory {p.parent} does not exist")
        try:
            if p.exists() and (read_only or (read_only is None and not _writable(p))):
                self.conn = self._open_read_only(p)
            else:
                self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=60, check_same_thread=False)
            self.conn.set_progress_handler(self._progress, PROGRESS_STEPS)
            self.conn.execute("PRAGMA busy_timeout = 60000")
            self._refuse_foreign()
            if not self.read_only:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except WartaError:
            self._close_quietly()
            raise
        except sqlite3.Error as exc:
            self._close_quietly()
            fault = None if "not a database" in str(exc) else self._fault(exc)
            raise fault or InputError(f"{path}: not a usable warta database ({exc})") from None

    def _open_read_only(self, p: Path) -> sqlite3.Connection:
        """``mode=ro``; where that cannot read (a WAL archive in a read-only directory: no
        shared-memory file can be made) ``immutable=1``, which assumes nobody writes the file."""
        self.read_only = True
        quoted = urllib.parse.quote(str(p.resolve()))
        for query in ("mode=ro", "mode=ro&immutable=1"):
            conn = sqlite3.connect(
                f"file:{quoted}?{query}", uri=True, isolation_level=None, timeout=60, check_same_thread=False
            )
            try:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError:
                conn.close()
        raise StoreError(f"{self.url}: cannot open the read-only archive")

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    def _refuse_foreign(self) -> None:
        """Refuse another application's database (tables, none of them Warta's ``meta``)."""
        names = [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
        if names and "meta" not in names:
            shown = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
            raise StoreError(f"{self.url}: not a Warta archive (it holds other tables: {shown}); give another --db")
        if "meta" in names:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None and len(names) > 1:
                raise StoreError(f"{self.url}: not a Warta archive (its meta table has no schema version)")

    # ---- time limit and errors ---------------------------------------------------------------
    def _progress(self) -> int:
        deadline = self._deadline
        return 1 if deadline is not None and time.monotonic() > deadline else 0

    @contextmanager
    def _bounded(self) -> Iterator[None]:
        if self.query_seconds is None or self.conn.in_transaction:
            yield
            return
        self._deadline = time.monotonic() + self.query_seconds
        try:
            yield
        finally:
            self._deadline = None

    def _fault(self, exc: Exception) -> WartaError | None:
        if isinstance(exc, OverflowError):
            return InputError("a number past 64 bits: no id is that large")
        if isinstance(exc, UnicodeEncodeError):
            return InputError("text with an invalid character (a lone surrogate) cannot be stored or searched")
        if not isinstance(exc, sqlite3.Error) or isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
            return None
        msg = str(exc)
        if msg == "interrupted":
            return QueryTimeout(f"the query took over {self.query_seconds:g} s and was stopped; narrow it")
        if "disk is full" in msg or "disk I/O error" in msg:
            return StoreError(f"{self.url}: {msg}: free some space and run again")
        if "readonly" in msg or "read-only" in msg:
            return StoreError(f"{self.url}: the archive is read-only ({msg})")
        if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
            return StoreError(f"{self.url}: the archive is corrupt ({msg}); restore it from a copy")
        if "locked" in msg or "busy" in msg:
            return StoreError(f"{self.url}: the archive is locked by another process ({msg})")
        if "too big" in msg:
            return StoreError(f"{self.url}: a value is too big to store ({msg})")
        if "unable to open" in msg:
            return StoreError(f"{self.url}: cannot open the archive ({msg})")
        return None

    # ---- transactions and schema -------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._guard():
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        with self._guard():
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise

    def _version(self) -> int:
        has_meta = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if not has_meta:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"{self.url}: read-only archive at schema version {self._version()}, this warta needs"
                f" {SCHEMA_VERSION}: open it once where it can be written"
            )
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

    def _in_quote_part_sql(self) -> str:
        return (
            "(COALESCE(json_array_length(q.json, '$.parts'), 0) = 0 OR EXISTS (SELECT 1 FROM"
            " json_each(q.json, '$.parts') p WHERE n.\"start\" >= json_extract(p.value, '$.start')"
            " AND n.\"end\" <= json_extract(p.value, '$.end')))"
        )

    def close(self) -> None:
        self.conn.close()
