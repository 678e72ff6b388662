"""The executor side of the Spark job, in plain Python (no pyspark import, testable alone).

Each input file is read with the same reader ``warta ingest`` uses
(:func:`warta.batch.documents`), each document goes through the same pipeline call
(:func:`warta.batch.process`: models load once per Python worker, a bad record becomes a
failure, never an exception) and is flattened with the store's own
:func:`warta.store.rows.article_rows`. Every record carries its input order ``(file_no, rec_no)``
so the job can reproduce what a sequential ``warta ingest`` stores: the first of identical inputs,
entity names and titles in first-seen order, ids numbered in input order.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from warta.batch import documents, failure_key, input_key, process
from warta.read.inputs import NOT_ARTICLES, ReadStats
from warta.read.record import Failure, RawDocument
from warta.store.export import column_type
from warta.store.rows import ArticleRows, article_rows, dumps

__all__ = ["Doc", "Processed", "dumps", "failure_key"]


@dataclass
class Doc:
    """One input read on an executor: a document to run, or a failure to record."""

    file_no: int
    rec_no: int
    key: str
    name: str
    doc: RawDocument | None = None
    reason: str | None = None


@dataclass
class Processed:
    """One input after the pipeline: ``rows`` for a stored article, ``reason`` for a failure."""

    file_no: int
    rec_no: int
    key: str
    name: str
    rows: ArticleRows | None = None
    reason: str | None = None

    @property
    def ord(self) -> tuple[int, int]:
        return (self.file_no, self.rec_no)


# ---- inputs -----------------------------------------------------------------------------------
def is_article_file(path: str) -> bool:
    """What ``warta ingest`` keeps from a directory walk (README, LICENSE... are left out)."""
    return not os.path.basename(path.rstrip("/")).lower().startswith(NOT_ARTICLES)


def local_files(paths: Iterable[str]) -> list[str | Failure]:
    """Files of local inputs in the order ``warta ingest`` reads them (directories walked the
    same way: sorted, hidden files skipped); missing paths become failures as in ingest."""
    out: list[str | Failure] = []
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in sorted(files) if not f.startswith(".")]
            if not found:
                out.append(Failure(path, "directory has no files"))
            out += [f for f in found if is_article_file(f)]
        elif os.path.exists(path):
            out.append(path)
        else:
            out.append(Failure(path, "No such file or directory"))
    return out


def _docs(file_no: int, items: Iterable[RawDocument | Failure], rename: tuple[str, str] | None) -> Iterator[Doc]:
    for rec_no, item in enumerate(items):
        if rename and item.name and item.name.startswith(rename[0]):
            item.name = rename[1] + item.name[len(rename[0]) :]
        if isinstance(item, Failure):
            yield Doc(file_no, rec_no, failure_key(item), item.name, reason=item.reason)
        else:
            yield Doc(file_no, rec_no, input_key(item), item.name or "?", doc=item)


def read_local(file_no: int, path: str, mapping: Mapping[str, str]) -> Iterator[Doc]:
    """The documents of one local (or shared-filesystem) file, in file order."""
    try:
        yield from _docs(file_no, documents([path], mapping, ReadStats()), None)
    except Exception as exc:  # a reader bug must not fail the job: the rest of the file is lost, recorded
        yield Doc(file_no, 1 << 30, f"read-error:{path}", path, reason=f"internal error reading: {exc}"[:500])


def read_bytes(file_no: int, uri: str, data: bytes, mapping: Mapping[str, str]) -> Iterator[Doc]:
    """The documents of one remote file (HDFS, S3, GCS... fetched by Hadoop): spooled to a local
    temporary file so the very same reader runs on it; names show the URI, not the spool path."""
    tmpdir = tempfile.mkdtemp(prefix="warta-spark-")
    try:
        local = os.path.join(tmpdir, os.path.basename(uri.rstrip("/")) or "input")
        with open(local, "wb") as fh:
            fh.write(data)
        del data
        try:
            yield from _docs(file_no, documents([local], mapping, ReadStats()), (local, uri))
        except Exception as exc:
            yield Doc(file_no, 1 << 30, f"read-error:{uri}", uri, reason=f"internal error reading: {exc}"[:500])
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


# ---- pipeline -----------------------------------------------------------------------------------
def run(docs: Iterable[Doc]) -> Iterator[Processed]:
    """Run the pipeline over one partition (the pipeline is built once per Python worker)."""
    for d in docs:
        if d.doc is None:
            yield Processed(d.file_no, d.rec_no, d.key, d.name, reason=d.reason)
            continue
        ok, result = process(d.doc)
        if not ok:
            yield Processed(d.file_no, d.rec_no, d.key, d.name, reason=str(result))
            continue
        try:
            rows = article_rows(result, input_name=d.doc.name)
        except Exception as exc:  # an article the store could not flatten is a failure too
            yield Processed(d.file_no, d.rec_no, d.key, d.name, reason=f"internal error: {exc}"[:500])
            continue
        yield Processed(d.file_no, d.rec_no, d.key, d.name, rows=rows)


# ---- flat rows (values typed as `warta export` types them) -------------------------------------
def typed(table: str, column: str, value: Any) -> Any:
    if value is None:
        return None
    t = column_type(table, column)
    if t == "int":
        return int(value)
    if t == "float":
        return float(value)
    return str(value)


def child_rows(p: Processed, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    """(file_no, rec_no, *columns) rows of times/quantities/sources/removed/places for one article."""
    if p.rows is None:
        return []
    aid = p.rows.article["id"]
    items: list[dict[str, Any]] = getattr(p.rows, table)
    return [
        (p.file_no, p.rec_no, *(typed(table, c, aid if c == "article_id" else r.get(c)) for c in columns))
        for r in items
    ]


# ---- entities merged across articles, as the store merges them ---------------------------------
# An occurrence is one entity of one article; its order is (file_no, rec_no, position in the
# article). The store keeps the first occurrence's name, appends titles not seen yet in the order
# they come, and keeps the summary JSON of the last occurrence that added a title. The state below
# is that fold made associative, so Spark can merge partial results in any order.
EntityState = tuple[tuple[int, ...], str, str, dict[str, tuple[tuple[int, ...], str]]]


def entity_state(o: tuple[int, int, int], name: str, js: str, titles: list[str]) -> EntityState:
    first: dict[str, tuple[tuple[int, ...], str]] = {}
    for i, t in enumerate(titles):
        first.setdefault(t, ((*o, i), js))
    return (o, name, js, first)


def merge_entity(a: EntityState, b: EntityState) -> EntityState:
    first, other = (a, b) if a[0] <= b[0] else (b, a)
    titles = dict(first[3])
    for t, v in other[3].items():
        if t not in titles or v[0] < titles[t][0]:
            titles[t] = v
    return (first[0], first[1], first[2], titles)


def entity_final(s: EntityState) -> tuple[tuple[int, ...], str, list[str], str]:
    """(first occurrence, name, titles in first-seen order, json)."""
    order = sorted(s[3].items(), key=lambda kv: kv[1][0])
    titles = [t for t, _ in order]
    js = s[2]
    if order:
        last = max(order, key=lambda kv: kv[1][0][:3])[1]
        if last[0][:3] > s[0]:
            js = last[1]
    return (s[0], s[1], titles, js)


def entity_walk(events: Iterable[tuple[Any, ...]]) -> tuple[list[tuple[int, ...]], EntityState | None]:
    """The life of one entity when articles that have it are replaced (same URL, new content).

    ``events``: ``("occ", (file_no, rec_no, pos), name, json, titles, has_mentions)`` for each
    occurrence in an inserted article, ``("del", (file_no, rec_no), (when_file_no, when_rec_no))``
    for each replaced article that mentions it. The store deletes an entity when the last article
    mentioning it goes, and creates it again (a new id, a fresh name and titles) when a later
    article has it. Returns every creation (each took an id) and the state of the entity at the
    end, None if it no longer exists.
    """
    timeline: list[tuple[tuple[int, ...], tuple[Any, ...]]] = []
    for ev in events:
        if ev[0] == "occ":
            o = ev[1]
            timeline.append(((o[0], o[1], 1, o[2]), ev))
        else:  # deleted right before the replacing article is inserted
            timeline.append(((ev[2][0], ev[2][1], 0, 0), ev))
    timeline.sort(key=lambda x: x[0])
    live: set[tuple[int, int]] = set()
    pinned = False  # an occurrence without mentions: the store never deletes it
    creations: list[tuple[int, ...]] = []
    state: EntityState | None = None
    for _t, ev in timeline:
        if ev[0] == "del":
            live.discard(tuple(ev[1]))
            continue
        o = tuple(ev[1])
        if not live and not pinned:
            creations.append(o)
            state = None
        if ev[5]:
            live.add((o[0], o[1]))
        else:
            pinned = True
        s = entity_state(o, ev[2], ev[3], list(ev[4] or []))  # type: ignore[arg-type]
        state = s if state is None else merge_entity(state, s)
    return creations, (state if live or pinned else None)
