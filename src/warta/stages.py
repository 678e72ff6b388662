"""What each pipeline stage requires of the Article and what it assigns, checked once.

A stage function is marked with :func:`stage`::

    @stage(requires=("text", "sentences"), assigns=("entities",))
    def run(article: Article) -> None: ...

``Pipeline`` calls :func:`check_order` on its stages: a stage whose requirement no earlier stage
(or the reader) assigns is a configuration error, reported before any article is read. The
reader assigns ``READER_ASSIGNS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from warta.errors import UsageError

# what Pipeline.read() fills before any stage runs
READER_ASSIGNS = frozenset(
    {"original", "text", "paragraphs", "title", "captions", "dateline", "removed", "input", "url", "outlet", "meta"}
)

F = TypeVar("F", bound=Callable[..., Any])


def stage(
    *, requires: Sequence[str] = (), assigns: Sequence[str] = (), preload: Callable[[], None] | None = None
) -> Callable[[F], F]:
    """Declare a stage's inputs and outputs (Article attribute names), and optionally a function
    that starts loading its model in the background (``Pipeline.default`` calls it)."""

    def mark(fn: F) -> F:
        fn.requires = tuple(requires)  # type: ignore[attr-defined]
        fn.assigns = tuple(assigns)  # type: ignore[attr-defined]
        fn.preload = preload  # type: ignore[attr-defined]
        return fn

    return mark


def declared(fn: Callable[..., Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(getattr(fn, "requires", ())), tuple(getattr(fn, "assigns", ()))


def check_order(stages: Sequence[tuple[str, Callable[..., Any]]]) -> None:
    """Raise :class:`UsageError` when a stage needs what no stage before it assigns, or when a
    stage declares nothing (every stage must say what it reads and writes)."""
    have = set(READER_ASSIGNS)
    for name, fn in stages:
        requires, assigns = declared(fn)
        if not assigns:
            raise UsageError(f"pipeline stage {name!r} declares nothing it assigns (use warta.stages.stage)")
        missing = [r for r in requires if r not in have]
        if missing:
            raise UsageError(f"pipeline stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        have.update(assigns)
