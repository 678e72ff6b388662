"""Run the pipeline over many inputs and store the results: N worker processes, one writer.

The reader and the writer live in the calling process; workers only run the pipeline (models
load once per worker). Every input gets a key (hash of its content and metadata); the store
records keys with each article or failure in the same transaction, so a rerun after a crash
skips what was done and stores every article exactly once.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from warta.errors import WartaError
from warta.read.inputs import ReadStats, iter_documents
from warta.read.record import Failure, RawDocument
from warta.store.base import Store


@dataclass
class IngestStats:
    seen: int = 0  # documents and failures read
    skipped: int = 0  # inputs done in an earlier run
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    worker_peak_rss_mb: list[float] = field(default_factory=list)
    read: ReadStats = field(default_factory=ReadStats)

    @property
    def stored(self) -> int:
        return self.inserted + self.updated + self.unchanged

    @property
    def rate(self) -> float:
        done = self.stored + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        parts = [
            f"{self.inserted} new",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
            f"{self.failed} failed",
        ]
        if self.skipped:
            parts.append(f"{self.skipped} done before")
        skipped = sum(self.read.skipped.values())
        if skipped:
            parts.append(f"{skipped} WARC records skipped")
        return ", ".join(parts) + f"; {self.rate:.1f} articles/s"


def input_key(doc: RawDocument) -> str:
    h = hashlib.sha256()
    content = doc.content.encode("utf-8") if isinstance(doc.content, str) else doc.content
    for part in (doc.url, doc.title, doc.published, doc.outlet, doc.lang, doc.format):
        h.update((part or "").encode("utf-8") + b"\x00")
    h.update(content)
    return h.hexdigest()[:32]


def failure_key(f: Failure) -> str:
    return hashlib.sha256(f"failure\x00{f.name}\x00{f.reason}".encode()).hexdigest()[:32]


# ---- worker side ----------------------------------------------------------------------------
def _init_worker() -> None:
    from warta.pipeline import default_pipeline

    default_pipeline()


def process(doc: RawDocument) -> tuple[bool, Any]:
    """(True, article dict) or (False, reason): runs in a worker (or in-process)."""
    from warta.pipeline import default_pipeline

    try:
        return True, default_pipeline().run(doc).to_dict()
    except WartaError as exc:
        return False, str(exc)
    except Exception as exc:  # one bad article must not stop the batch
        return False, f"internal error: {type(exc).__name__}: {exc}"[:500]


def _peak_rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# ---- driver ---------------------------------------------------------------------------------
def documents(
    paths: Iterable[str], mapping: Mapping[str, str], stats: ReadStats, published: str | None = None
) -> Iterator[RawDocument | Failure]:
    yield from iter_documents(paths, mapping, stats=stats, published=published)


def count_inputs(paths: list[str], mapping: Mapping[str, str]) -> int:
    return sum(1 for _ in documents(paths, mapping, ReadStats()))


def ingest(
    paths: list[str],
    store: Store,
    *,
    mapping: Mapping[str, str] | None = None,
    workers: int = 1,
    on_progress: Callable[[IngestStats], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    retry_failed: bool = False,
    reprocess: bool = False,
    published: str | None = None,
) -> IngestStats:
    """Ingest ``paths`` into ``store``; ``workers`` > 1 runs the pipeline in that many processes.

    ``retry_failed``: inputs that failed before are processed again. ``reprocess``: every
    input is processed again and stored articles get the new annotations (after a pipeline
    upgrade); without it, inputs done in an earlier run are skipped. ``published``: the
    publication date of single-document inputs (text or HTML files) that carry none.
    """
    stats = IngestStats()
    mapping = dict(mapping or {})
    start = time.perf_counter()

    def tick() -> None:
        stats.seconds = time.perf_counter() - start
        if on_progress:
            on_progress(stats)

    def fail(name: str, reason: str, key: str) -> None:
        store.add_failure(name, reason, input_key=key)
        stats.failed += 1
        if on_failure:
            on_failure(name, reason)

    def write(doc: RawDocument, key: str, ok: bool, result: Any) -> None:
        if ok:
            res = store.add(result, input_key=key, input_name=doc.name, replace=reprocess)
            setattr(stats, res.status, getattr(stats, res.status) + 1)
        else:
            fail(doc.name or "?", result, key)
        tick()

    def todo() -> Iterator[tuple[RawDocument, str]]:
        for item in documents(paths, mapping, stats.read, published):
            stats.seen += 1
            if isinstance(item, Failure):
                key = failure_key(item)
                if store.seen_inputs([key]):
                    stats.skipped += 1
                else:
                    fail(item.name, item.reason, key)
                tick()
                continue
            key = input_key(item)
            if not reprocess and store.seen_inputs([key], include_failed=not retry_failed):
                stats.skipped += 1
                tick()
                continue
            yield item, key

    if workers <= 1:
        _init_worker()
        for doc, key in todo():
            ok, result = process(doc)
            write(doc, key, ok, result)
    else:
        fork = sys.platform == "linux"
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        pending = todo()
        if fork:
            # Stages load some models lazily, on their first article: run the first one here,
            # so the models load once and the forked workers share them copy-on-write.
            _init_worker()
            first = next(pending, None)
            if first is not None:
                write(*first, *process(first[0]))
        in_flight: dict[Future[tuple[bool, Any]], tuple[RawDocument, str]] = {}
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker) as pool:
            try:
                for doc, key in pending:
                    in_flight[pool.submit(process, doc)] = (doc, key)
                    if len(in_flight) >= workers * 4:  # bounded: memory stays flat on big corpora
                        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                        for fut in done:
                            write(*in_flight.pop(fut), *fut.result())
                while in_flight:
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        write(*in_flight.pop(fut), *fut.result())
            finally:
                procs = getattr(pool, "_processes", None) or {}
                stats.worker_peak_rss_mb = [m for m in (_peak_rss_mb(p) for p in procs) if m is not None]
    if workers <= 1:
        peak = _peak_rss_mb(os.getpid())
        stats.worker_peak_rss_mb = [peak] if peak is not None else []
    tick()
    return stats
