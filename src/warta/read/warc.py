"""WARC / WARC.gz files: HTML response records, with the record's URL and capture date.

Uses warcio (maintained by Webrecorder; handles per-record gzip, chunked and content
encodings). Other records (requests, metadata, non-HTML or non-2xx responses) are skipped and
counted; a truncated or corrupt file yields a failure for the rest of the file.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warta.read.record import Failure, RawDocument
from warta.read.text import MAX_BYTES

_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def gzip_truncated(stream: IO[bytes]) -> bool:
    """True when a (multi-member) gzip file ends inside a member. warcio stops quietly at such
    an end, so WARC.gz files are checked on their own: one extra decompression pass."""
    stream.seek(0)
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending = False
    while chunk := stream.read(1 << 16):
        while chunk:
            try:
                # at most 1 MB out per call: a megabyte of zeros decompresses to a gigabyte
                d.decompress(chunk, 1 << 20)
            except zlib.error:
                return True
            pending = not d.eof
            if d.eof:
                chunk = d.unused_data
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                pending = bool(chunk)
            else:
                chunk = d.unconsumed_tail
    return pending


def _ends_with_separator(stream: IO[bytes]) -> bool:
    """Every WARC record ends with CRLF CRLF, so a complete uncompressed file does too."""
    try:
        size = stream.seek(0, 2)
        if size == 0:
            return True
        stream.seek(max(0, size - 4))
        return stream.read(4) == b"\r\n\r\n"
    except (OSError, ValueError):
        return True  # not seekable: warcio's own checks are all there is


def _truncated(record: Any) -> bool:
    """True when the record's block ends before its Content-Length (a cut file): warcio stops
    quietly there, so read what is left and see whether the limit was reached."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0


def _skip_reason(record: Any) -> str | None:
    """Why a record is not an article page, or None for a 2xx HTML response."""
    if record.rec_type != "response":
        return f"warc {record.rec_type} record"
    http = record.http_headers
    if http is None:
        return "warc response without HTTP headers"
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return f"warc response status {status[:1] or '?'}xx"
    if not (http.get_header("Content-Type") or "").lower().startswith(HTML_TYPES):
        return "warc non-HTML response"
    return None


def iter_warc(
    stream: IO[bytes], name: str, skipped: dict[str, int] | None = None, *, gzipped: bool = False
) -> Iterator[RawDocument | Failure]:
    """Documents from one WARC (``stream`` must be seekable when ``gzipped``)."""
    failed = False
    for item in _records(stream, name, skipped):
        failed = failed or isinstance(item, Failure) and "truncated" in item.reason
        yield item
    if failed:
        return
    if gzipped and gzip_truncated(stream):
        yield Failure(name, "truncated WARC.gz: the file ends inside a gzip member")
    elif not gzipped and not _ends_with_separator(stream):
        yield Failure(name, "truncated WARC: the file does not end with a record separator")


MAX_HEADER_LINE = 1 << 20  # bytes in one WARC or HTTP header line
MAX_HEADERS = 8 << 20  # bytes of header lines read one after the other (between two reads of a body)


class HeaderTooLarge(Exception):
    pass


def _bounded_reader(it: Any) -> None:
    """Make warcio's reader refuse over-long header lines and headers: warcio reads a header
    line whole (a 1 GB line of a 1 MB gzip file is 1 GB in memory) and keeps every line."""
    reader = it.reader
    readline, read = reader.readline, reader.read
    seen = [0]

    def bounded_readline(length: int | None = None) -> bytes:
        size = MAX_HEADER_LINE if not length or length > MAX_HEADER_LINE else length
        line: bytes = readline(size)
        seen[0] += len(line)
        if len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
            raise HeaderTooLarge(f"a header line over {MAX_HEADER_LINE // 1024} KB")
        if seen[0] > MAX_HEADERS:
            raise HeaderTooLarge(f"headers over {MAX_HEADERS // (1024 * 1024)} MB")
        return line

    def counted_read(*args: Any, **kwargs: Any) -> bytes:
        seen[0] = 0
        return read(*args, **kwargs)  # type: ignore[no-any-return]

    reader.readline = bounded_readline
    reader.read = counted_read


def _records(stream: IO[bytes], name: str, skipped: dict[str, int] | None) -> Iterator[RawDocument | Failure]:
    from warcio.archiveiterator import ArchiveIterator

    skipped = skipped if skipped is not None else {}
    n = 0
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        _bounded_reader(records)  # before the first record is read
        for record in records:
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            rid = record.rec_headers.get_header("WARC-Record-ID") or f"record {n}"
            rec_name = f"{name}#{url or rid}"
            why = _skip_reason(record)
            body = b"" if why else record.content_stream().read(MAX_BYTES + 1)
            if _truncated(record):
                yield Failure(rec_name, "truncated WARC: the file ends inside this record")
                return
            if why:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            if len(body) > MAX_BYTES:
                yield Failure(rec_name, f"HTML page over the {MAX_BYTES // (1024 * 1024)} MB limit")
                continue
            content: str | bytes = body
            m = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
            if m:
                try:
                    content = body.decode(m.group(1), errors="replace")
                except LookupError:
                    content = body
            yield RawDocument(
                content=content,
                format="html",
                name=rec_name,
                url=url,
                fetched=record.rec_headers.get_header("WARC-Date"),
                meta={"warc_record_id": rid},
            )
    except HeaderTooLarge as exc:
        yield Failure(f"{name} (after {n} records)", f"WARC record with {exc}: the rest of the file is skipped")
    except Exception as exc:  # warcio raises various errors on corrupt gzip members and headers
        yield Failure(f"{name} (after {n} records)", f"truncated or corrupt WARC: {type(exc).__name__}: {exc}"[:300])
