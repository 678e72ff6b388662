"""One entry point for every input: files, directories (recursive), gzip, standard input.

``iter_documents(paths, mapping=...)`` yields :class:`RawDocument` for each article and
:class:`Failure` (name, reason) for each input that cannot be read; it never raises for bad
data, so a batch always goes on. The kind of each file is told by content (gzip and WARC
magic, HTML vs text), with the extension deciding only between JSONL/JSON/CSV/TSV corpora.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO

from warta.read.bounded import Peeked, gzip_head, spooled
from warta.read.corpus import CorpusYears
from warta.read.record import Failure, RawDocument
from warta.read.tabular import iter_csv, iter_json, iter_jsonl
from warta.read.text import MAX_BYTES
from warta.read.warc import iter_warc

GZIP_MAGIC = b"\x1f\x8b"
CORPUS_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv"}
WARC_EXTENSIONS = (".warc", ".arc")
# what a directory walk leaves out besides hidden files: files that describe a corpus, not
# articles in it (named on the command line, they are read like any file)
NOT_ARTICLES = ("readme", "license", "licence", "attribution", "source.md", "notice", "copying", "changelog")


@dataclass
class ReadStats:
    """What the readers saw besides documents: skipped WARC records by reason, files walked."""

    files: int = 0
    skipped: dict[str, int] = field(default_factory=dict)


def _strip_gz(name: str) -> str:
    low = name.lower()
    return low[:-3] if low.endswith(".gz") else low


def kind_of(name: str, head: bytes) -> str:
    """warc | jsonl | json | csv | tsv | document, from the (decompressed) first bytes and the name."""
    if head.startswith(b"WARC/"):
        return "warc"
    base = _strip_gz(name)
    for ext, kind in CORPUS_EXTENSIONS.items():
        if base.endswith(ext):
            return kind
    if base.endswith(WARC_EXTENSIONS):
        return "warc"
    if head.lstrip()[:2] in (b'{"', b"{ ", b"{\n"):  # JSON Lines without a telling name (stdin)
        return "jsonl"
    return "document"


def _peek(raw: IO[bytes]) -> tuple[bool, bytes]:
    """(gzipped, first decompressed bytes) without consuming ``raw`` (which must be seekable)."""
    if not raw.seekable():
        raise ValueError("_peek needs a seekable stream")
    start = raw.read(2)
    raw.seek(0)
    if start != GZIP_MAGIC:
        head = raw.read(64)
        raw.seek(0)
        return False, head
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw.read(4096), 64)
    except zlib.error:
        head = b""
    raw.seek(0)
    return True, head


def _read_limited(stream: IO[bytes], name: str) -> bytes | Failure:
    try:
        data = stream.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return Failure(name, f"cannot read: {exc}")
    if len(data) > MAX_BYTES:
        return Failure(name, f"input is over the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    return data


def _from_stream(
    raw: IO[bytes], name: str, mapping: Mapping[str, str], stats: ReadStats, defaults: Mapping[str, str | None]
) -> Iterator[RawDocument | Failure]:
    if raw.seekable():
        gz, head = _peek(raw)
    else:  # a pipe: keep its first bytes to tell its kind, then stream it (never read it whole)
        peeked = Peeked(raw)
        gz = peeked.head[:2] == GZIP_MAGIC
        head = gzip_head(peeked.head) if gz else peeked.head[:64]
        raw = peeked.stream()
    kind = kind_of(name, head)
    if kind == "warc":  # warcio reads gzip members itself; the checks for a cut file seek
        yield from iter_warc(raw if raw.seekable() else spooled(raw), name, stats.skipped, gzipped=gz)
        return
    stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if gz else raw
    try:
        if kind == "jsonl":
            yield from iter_jsonl(stream, name, mapping)
        elif kind in ("csv", "tsv"):
            yield from iter_csv(stream, name, mapping, delimiter="\t" if kind == "tsv" else ",")
        else:
            data = _read_limited(stream, name)
            if isinstance(data, Failure):
                yield data
            elif kind == "json":
                yield from iter_json(data, name, mapping)
            else:
                yield RawDocument(content=data, name=name, **{k: v for k, v in defaults.items() if v})  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as exc:  # truncated gzip in the middle of a corpus
        yield Failure(name, f"truncated or corrupt file: {type(exc).__name__}: {exc}")


def _walk(path: str) -> Iterator[str]:
    for root, dirs, files in os.walk(path, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and not f.lower().startswith(NOT_ARTICLES):
                yield os.path.join(root, f)


def iter_documents(
    paths: Iterable[str],
    mapping: Mapping[str, str] | None = None,
    *,
    stats: ReadStats | None = None,
    url: str | None = None,
    published: str | None = None,
    lang: str | None = None,
) -> Iterator[RawDocument | Failure]:
    """Documents and failures from files, directories (recursively), ``-`` (stdin), gzip or not.

    ``url``/``published``/``lang`` apply to single-document inputs (a text or HTML file).
    Documents without a publication date carry the years of the dated records read before them
    (``RawDocument.corpus_years``), which date inference keeps to.
    """
    years = CorpusYears()
    for item in _iter_documents(paths, mapping, stats=stats, url=url, published=published, lang=lang):
        if isinstance(item, RawDocument):
            years.observe(item)
        yield item


def _iter_documents(
    paths: Iterable[str],
    mapping: Mapping[str, str] | None,
    *,
    stats: ReadStats | None,
    url: str | None,
    published: str | None,
    lang: str | None,
) -> Iterator[RawDocument | Failure]:
    mapping = dict(mapping or {})
    stats = stats if stats is not None else ReadStats()
    defaults = {"url": url, "published": published, "lang": lang}
    for path in paths:
        if path == "-":
            stats.files += 1
            try:
                yield from _from_stream(sys.stdin.buffer, "<stdin>", mapping, stats, defaults)
            except OSError as exc:
                yield Failure("<stdin>", exc.strerror or f"cannot read: {exc}")
            continue
        if os.path.isdir(path):
            files = list(_walk(path))
            if not files:
                yield Failure(path, "directory has no files")
        elif os.path.exists(path):
            files = [path]
        else:
            yield Failure(path, "No such file or directory")
            continue
        for f in files:
            stats.files += 1
            try:
                fh = open(f, "rb")  # noqa: SIM115 - closed below; the generator may stop early
            except OSError as exc:
                yield Failure(f, exc.strerror or "cannot read")
                continue
            try:
                yield from _from_stream(fh, f, mapping, stats, defaults)
            except OSError as exc:
                yield Failure(f, exc.strerror or f"cannot read: {exc}")
            finally:
                fh.close()
