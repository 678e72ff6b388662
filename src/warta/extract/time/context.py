"""Reading one sentence inside its text, and knowing whether reading it alone gives the same.

The time grammar and the quantity rules look a little around a match (the word before a year,
the character before an amount, what follows a weekday), so a sentence read inside its text
(``find(text, start, end)``) may differ from the same sentence read alone (``find(text[start:end])``,
which the learned detector's features use). A :class:`SentenceReading` asks each such look of both
and notes the first disagreement; while there is none, one reading stands for both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[..., Any]


class SentenceReading:
    def __init__(self, text: str, start: int, end: int | None, *, check: bool) -> None:
        self.text = text
        self.start = start
        self.end = len(text) if end is None else end
        # the patterns look one character before ``start`` at most: a space there reads as the
        # start of the sentence
        self.alone = check and (start == 0 or text[start - 1].isspace())
        self.sub = text[start : self.end] if self.alone else ""

    def ask(self, check: Check, at: tuple[int, ...], *args: Any) -> Any:
        """``check(text, *at, *args)`` (``at``: offsets in ``text``), also asked of the sentence
        alone (offsets shifted) while the answers agree."""
        got = check(self.text, *at, *args)
        if self.alone and check(self.sub, *(p - self.start for p in at), *args) != got:
            self.alone = False
        return got
