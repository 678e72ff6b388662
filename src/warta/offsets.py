"""Piecewise offset maps between a derived text and the text it was derived from.

A derived text (normalised or cleaned) is a concatenation of copied pieces of its source plus
a few inserted characters (paragraph separators). Storing one entry per piece instead of one
per character keeps a 50 MB single-line input at a handful of entries.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Maps character offsets of a derived text back to offsets in its source text."""

    # Parallel lists: piece i starts at derived[i] and was copied from source[i];
    # source[i] == -1 marks inserted text (maps to the end of the previous piece).
    derived: list[int] = field(default_factory=list)
    source: list[int] = field(default_factory=list)
    length: int = 0
    # pieces that replace a source run by text of another length (mojibake repair): index → source length
    replaced: dict[int, int] = field(default_factory=dict)

    def copy(self, source_start: int, source_end: int) -> None:
        """Record that the next ``source_end - source_start`` derived chars are copied."""
        if source_end <= source_start:
            return
        if self.derived and self.source[-1] >= 0 and (len(self.derived) - 1) not in self.replaced:
            # extend the previous piece when contiguous
            prev_len = self.length - self.derived[-1]
            if self.source[-1] + prev_len == source_start:
                self.length += source_end - source_start
                return
        self.derived.append(self.length)
        self.source.append(source_start)
        self.length += source_end - source_start

    def replace(self, source_start: int, source_end: int, n: int) -> None:
        """Record ``n`` derived chars standing for the source run ``[source_start, source_end)``."""
        if n <= 0:
            return
        self.replaced[len(self.derived)] = source_end - source_start
        self.derived.append(self.length)
        self.source.append(source_start)
        self.length += n

    def insert(self, n: int) -> None:
        """Record ``n`` inserted characters that have no counterpart in the source."""
        if n <= 0:
            return
        if not (self.derived and self.source[-1] == -1):
            self.derived.append(self.length)
            self.source.append(-1)
        self.length += n

    def to_source(self, offset: int, *, end: bool = False) -> int:
        """Source offset of derived ``offset``; ``end=True`` maps an exclusive end offset."""
        if not self.derived:
            return offset
        if end and offset > 0:
            j = bisect_right(self.derived, offset - 1) - 1
            if j in self.replaced:
                piece_end = self.derived[j + 1] if j + 1 < len(self.derived) else self.length
                if offset >= piece_end:
                    return self.source[j] + self.replaced[j]
            return self.to_source(offset - 1) + 1
        i = bisect_right(self.derived, offset) - 1
        if i < 0:
            i = 0
        # inserted characters map to the position right after the previous copied piece
        while i >= 0 and self.source[i] == -1:
            i -= 1
        if i < 0:
            return 0
        piece_len = (self.derived[i + 1] if i + 1 < len(self.derived) else self.length) - self.derived[i]
        delta = offset - self.derived[i]
        if i in self.replaced:
            src_len = self.replaced[i]
            return self.source[i] + (src_len if delta >= piece_len else min(delta, src_len - 1))
        return self.source[i] + min(delta, piece_len)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end, end=True)


def chain_to_source(maps: list[OffsetMap] | list[OffsetMap | ChainedMap], start: int, end: int) -> tuple[int, int]:
    """Map a span through several maps, last derivation first."""
    for m in maps:
        start, end = m.span_to_source(start, end)
    return start, end


@dataclass
class ChainedMap:
    """Several maps applied in turn (last derivation first), usable wherever an OffsetMap is."""

    maps: list[OffsetMap]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        return chain_to_source(self.maps, start, end)

    def to_source(self, offset: int, *, end: bool = False) -> int:
        for m in self.maps:
            offset = m.to_source(offset, end=end)
        return offset
