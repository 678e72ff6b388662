"""The archive: extracted articles in SQLite (default, one file) or PostgreSQL (shared).

``open_store(target)``: a path (``warta.db``) opens or creates a SQLite file; a
``postgresql://`` (or ``postgres://``) URL opens a PostgreSQL database. Both implement
:class:`warta.store.base.Store`; the schema is created or migrated on open.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from warta.errors import InputError
from warta.store.base import (
    ARCHIVE_TABLES,
    EXPORT_TABLES,
    QUERY_SECONDS,
    SCHEMA_VERSION,
    STANDINGS,
    AddResult,
    Page,
    Profile,
    Speaker,
    Store,
    as_id,
    canonical_key,
)

__all__ = [
    "ARCHIVE_TABLES",
    "EXPORT_TABLES",
    "QUERY_SECONDS",
    "SCHEMA_VERSION",
    "STANDINGS",
    "AddResult",
    "Page",
    "Profile",
    "Speaker",
    "Store",
    "as_id",
    "canonical_key",
    "open_store",
    "redact",
    "require_db",
]

if TYPE_CHECKING:  # both back ends are SQL stores: the archive-level queries are theirs
    from warta.store.sql import SqlStore


def redact(target: str) -> str:
    """The target for messages: a PostgreSQL URL's password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@/]+@", r"\1***@", target)


def require_db(target: str) -> None:
    """Reading commands (and the server) must not create an empty archive by mistake."""
    if not target.startswith(("postgresql://", "postgres://")) and not os.path.exists(target):
        raise InputError(f"{target}: no such archive (create one with: warta ingest INPUT... --db {target})")


def open_store(target: str = "warta.db", *, query_seconds: float | None = QUERY_SECONDS) -> SqlStore:
    """Open (creating or migrating) the store at a file path or a PostgreSQL URL.

    ``query_seconds``: the time limit of one read statement (None: none); past it the store
    raises :class:`warta.errors.QueryTimeout`. A database that is not a Warta archive (it has
    other tables) is refused with :class:`warta.errors.StoreError`.
    """
    if target.startswith(("postgresql://", "postgres://")):
        from warta.store.postgres import PostgresStore

        return PostgresStore(target, query_seconds=query_seconds)
    from warta.store.sqlite import SqliteStore

    return SqliteStore(target, query_seconds=query_seconds)
