"""Reading with bounds: every reader takes at most a fixed number of bytes or characters into
memory for one record, whatever the input claims or expands to (a 1 MB gzip file can hold
gigabytes of zeros). Past a bound the record is refused with a one-line failure and the reader
skips to the next record without holding what it skips.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from typing import IO, AnyStr

from warta.read.text import MAX_BYTES

MAX_LINE_BYTES = MAX_BYTES  # one JSON Lines record, one CSV line


class Overlong(Exception):
    """A line past its bound (the rest of it has been skipped)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"line over the {size // (1024 * 1024)} MB limit for one record")


def bounded_lines(stream: IO[AnyStr], limit: int) -> Iterator[AnyStr | Overlong]:
    """Lines of ``stream`` (bytes or text), each at most ``limit`` long; an over-long line is
    read through in pieces, dropped and given as an :class:`Overlong` in its place."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            newline = b"\n" if isinstance(line, bytes) else "\n"
            while not line.endswith(newline):  # type: ignore[arg-type]
                line = stream.readline(1 << 20)
                if not line:
                    break
            yield Overlong(limit)
            continue
        yield line


class Peeked:
    """A non-seekable stream (standard input) whose first bytes were read to tell its kind:
    those bytes, then the rest of the stream."""

    def __init__(self, raw: IO[bytes], size: int = 4096) -> None:
        self.raw = raw
        self.head = raw.read(size)

    def stream(self) -> IO[bytes]:
        return io.BufferedReader(_Chained(self.head, self.raw))  # type: ignore[arg-type]


class _Chained(io.RawIOBase):
    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def spooled(stream: IO[bytes]) -> IO[bytes]:
    """A seekable copy of a stream, on disk past a few megabytes (a WARC read from a pipe)."""
    tmp = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115 - the caller reads and drops it
    shutil.copyfileobj(stream, tmp, 1 << 20)
    tmp.seek(0)
    return tmp  # type: ignore[return-value]


def gzip_head(data: bytes, size: int = 64) -> bytes:
    """The first ``size`` decompressed bytes of the gzip data that starts with ``data``."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, size)
    except zlib.error:
        return b""
