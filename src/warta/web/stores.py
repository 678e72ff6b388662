"""One store connection per worker thread.

A :class:`warta.store.Store` is thread-unsafe (one connection), while the server answers
requests from a thread pool; each thread opens its own store on first use and keeps it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from warta.store import QUERY_SECONDS, Store, open_store, require_db


class StorePool:
    def __init__(self, target: str, *, query_seconds: float | None = QUERY_SECONDS) -> None:
        require_db(target)  # a read-mostly server must not create an empty archive by a typo
        self.target = target
        self.query_seconds = query_seconds
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []
        self.get()  # fail at start-up, not on the first request, when the target is unusable

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.target, query_seconds=self.query_seconds)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def proxy(self) -> Store:
        """A stand-in for "this thread's store": every attribute is looked up on the store of
        the thread that uses it. Handing it out costs no thread switch (FastAPI runs plain
        dependencies in its thread pool), and a handler running in a worker thread then
        works on that thread's own connection."""
        return ThreadStore(self)  # type: ignore[return-value]

    def __iter__(self) -> Iterator[Store]:
        with self._lock:
            return iter(list(self._all))

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for s in stores:
            with contextlib.suppress(Exception):  # at shutdown a broken connection is already gone
                s.close()


class ThreadStore:
    def __init__(self, pool: StorePool) -> None:
        self._pool = pool

    @property
    def url(self) -> str:
        return self._pool.target

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool.get(), name)
