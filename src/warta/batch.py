"""Run the pipeline over many inputs and store the results: N worker processes, one writer.

The reader and the writer live in the calling process; workers only run the pipeline (models
load once per worker). Every input gets a key (hash of its content and metadata); the store
records keys with each article or failure in the same transaction, so a rerun after a crash
skips what was done and stores every article exactly once.

This is orchestration beside :mod:`warta.pipeline`: it reads (:mod:`warta.read`), runs the
pipeline and hands the results to a :class:`warta.store.Store`, which only stores.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from warta.errors import WartaError
from warta.pipeline import default_pipeline
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
    default_pipeline()


def _init_child() -> None:
    """A worker process: dies with its parent (a killed ``warta ingest`` leaves no orphan, which
    would hold its models' memory under PID 1), leaves Ctrl-C and SIGTERM to the parent."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch and the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    _init_worker()


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when its parent dies: prctl(PR_SET_PDEATHSIG) on Linux, and a
    watchdog thread that looks at the parent id every second (other systems, and the moment
    between the fork and the prctl)."""
    if sys.platform == "linux":
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(1.0)

    threading.Thread(target=watch, name="warta-parent-watchdog", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the prctl
        os._exit(1)


def process(doc: RawDocument) -> tuple[bool, Any]:
    """(True, article dict) or (False, reason): runs in a worker (or in-process)."""
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


@dataclass
class _Batch:
    """One ingest run: reads the inputs, skips those done before, writes results and failures."""

    paths: list[str]
    store: Store
    mapping: dict[str, str]
    on_progress: Callable[[IngestStats], None] | None
    on_failure: Callable[[str, str], None] | None
    retry_failed: bool
    reprocess: bool
    published: str | None
    stats: IngestStats = field(default_factory=IngestStats)
    start: float = field(default_factory=time.perf_counter)

    def tick(self) -> None:
        self.stats.seconds = time.perf_counter() - self.start
        if self.on_progress:
            self.on_progress(self.stats)

    def fail(self, name: str, reason: str, key: str) -> None:
        self.store.add_failure(name, reason, input_key=key)
        self.stats.failed += 1
        if self.on_failure:
            self.on_failure(name, reason)

    def write(self, doc: RawDocument, key: str, ok: bool, result: Any) -> None:
        if ok:
            res = self.store.add(result, input_key=key, input_name=doc.name, replace=self.reprocess)
            setattr(self.stats, res.status, getattr(self.stats, res.status) + 1)
        else:
            self.fail(doc.name or "?", result, key)
        self.tick()

    def todo(self) -> Iterator[tuple[RawDocument, str]]:
        """The documents to process with their keys; read failures are recorded on the way."""
        stats = self.stats
        for item in documents(self.paths, self.mapping, stats.read, self.published):
            stats.seen += 1
            if isinstance(item, Failure):
                key = failure_key(item)
                if self.store.seen_inputs([key]):
                    stats.skipped += 1
                else:
                    self.fail(item.name, item.reason, key)
                self.tick()
                continue
            key = input_key(item)
            if not self.reprocess and self.store.seen_inputs([key], include_failed=not self.retry_failed):
                stats.skipped += 1
                self.tick()
                continue
            yield item, key

    def run_here(self) -> None:
        """The pipeline in this process, one document after the other."""
        _init_worker()
        for doc, key in self.todo():
            ok, result = process(doc)
            self.write(doc, key, ok, result)
        peak = _peak_rss_mb(os.getpid())
        self.stats.worker_peak_rss_mb = [peak] if peak is not None else []

    def run_workers(self, workers: int) -> None:
        """The pipeline in ``workers`` processes; results are written here as they come."""
        fork = sys.platform == "linux"
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        pending = self.todo()
        if fork:
            # Stages load some models lazily, on their first article: run the first one here,
            # so the models load once and the forked workers share them copy-on-write.
            _init_worker()
            first = next(pending, None)
            if first is not None:
                self.write(*first, *process(first[0]))
        in_flight: dict[Future[tuple[bool, Any]], tuple[RawDocument, str]] = {}
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_child) as pool:
            try:
                for doc, key in pending:
                    in_flight[pool.submit(process, doc)] = (doc, key)
                    if len(in_flight) >= workers * 4:  # bounded: memory stays flat on big corpora
                        self._write_done(in_flight)
                while in_flight:
                    self._write_done(in_flight)
            except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (see warta.commands.ingest)
                # keep every article a worker has finished, then stop the workers at once
                for fut in [f for f in in_flight if f.done() and not f.cancelled()]:
                    with contextlib.suppress(Exception):
                        self.write(*in_flight.pop(fut), *fut.result())
                _stop(pool)
                raise
            finally:
                procs = getattr(pool, "_processes", None) or {}
                self.stats.worker_peak_rss_mb = [m for m in (_peak_rss_mb(p) for p in procs) if m is not None]

    def _write_done(self, in_flight: dict[Future[tuple[bool, Any]], tuple[RawDocument, str]]) -> None:
        """Wait for at least one document in flight and write those done."""
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        for fut in done:
            self.write(*in_flight.pop(fut), *fut.result())


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the worker processes (an interrupted batch)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.kill()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)


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
    batch = _Batch(paths, store, dict(mapping or {}), on_progress, on_failure, retry_failed, reprocess, published)
    if workers <= 1:
        batch.run_here()
    else:
        batch.run_workers(workers)
    batch.tick()
    return batch.stats
