"""One store connection per worker thread.

A :class:`warta.store.Store` is thread-unsafe (one connection), while the server answers
requests from a thread pool; each thread opens its own store on first use and keeps it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from warta.commands.quotes import require_db
from warta.store import Store, open_store


class StorePool:
    def __init__(self, target: str) -> None:
        require_db(target)  # a read-mostly server must not create an empty archive by a typo
        self.target = target
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []
        self.get()  # fail at start-up, not on the first request, when the target is unusable

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.target)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def __iter__(self) -> Iterator[Store]:
        with self._lock:
            return iter(list(self._all))

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        for s in stores:
            with contextlib.suppress(Exception):  # at shutdown a broken connection is already gone
                s.close()
