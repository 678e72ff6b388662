"""A time budget for one extraction: the stages look at the clock in their long loops and stop
with :class:`warta.errors.BudgetError` once it is spent.

The server gives each ``POST /api/extract`` (and ``/paste``) a budget so that one request
cannot hold a CPU for minutes; ``warta extract`` and ``warta ingest`` run without one (a long
article there is the user's own). The budget lives in a context variable: it applies to the
thread (or task) that set it and to nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from warta.errors import BudgetError

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("warta_budget", default=None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body with ``seconds`` to spend (None: no limit)."""
    if seconds is None:
        yield
        return
    token = _deadline.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise BudgetError when the current budget is spent (cheap: call it in long loops)."""
    limit = _deadline.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise BudgetError(f"extraction took over {limit[1]:g} s and was stopped; send a shorter text")
