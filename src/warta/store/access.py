"""What the SQL store gives the query mixins it is made of (places, claims, copies, stories, the
archive entities): the statement helpers and the write transaction, implemented by :class:`warta.store.sql.SqlStore`
for both back ends. A mixin inherits :class:`SqlAccess` so its calls type-check and the stubs are
written once."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any


class SqlAccess:
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        raise NotImplementedError

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    def _tx(self) -> AbstractContextManager[Any]:
        raise NotImplementedError


def marks(values: Sequence[Any]) -> str:
    """One ``?`` placeholder per value: ``IN (?, ?, ?)``."""
    return ", ".join("?" * len(values))
