"""Bring Parquet tables into a store (SQLite or PostgreSQL), so the web UI can serve an archive
that was processed on a cluster.

The source is the output of ``warta spark`` (``DIR/<table>/part-*.parquet``) or of
``warta export --format parquet`` (``DIR/<table>.parquet``). Each article's ``json`` column
holds its full ``Article.to_dict()``, so every article goes through the store's own
:meth:`Store.add`: entities merge with those already in the store, full-text indexes are
filled, a URL seen again replaces the older article, and ids are the store's own. Articles are
added in the order the files hold them (``warta spark`` writes them in input order), so a
fresh store gets the same ids as ``warta ingest`` would have given.

Loading is resumable and idempotent: the input keys of ``DIR/inputs`` (written by
``warta spark``) are recorded as done, so a second load, or a later ``warta ingest`` of the
same inputs, skips them; without them an article already stored is ``unchanged``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from warta.errors import InputError
from warta.store.base import Store

BATCH_ROWS = 256


@dataclass
class LoadStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # inputs loaded before
    failures: int = 0
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.inserted + self.updated + self.unchanged

    def summary(self) -> str:
        rate = (self.articles + self.failures) / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.inserted} new, {self.updated} updated, {self.unchanged} unchanged, {self.failures} failures,"
            f" {self.skipped} loaded before; {rate:.1f} rows/s"
        )


def table_path(src: str, table: str) -> str | None:
    """DIR/<table>/ (Spark) or DIR/<table>.parquet (warta export), or None when absent."""
    for p in (os.path.join(src, table), os.path.join(src, f"{table}.parquet")):
        if os.path.exists(p):
            return p
    return None


def iter_rows(path: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    """Rows of a Parquet file or directory in file order (part files sorted by name), streaming."""
    import pyarrow.dataset as ds

    if os.path.isdir(path):
        files = sorted(
            os.path.join(root, f)
            for root, _dirs, names in os.walk(path)
            for f in names
            if f.endswith(".parquet") and not f.startswith((".", "_"))
        )
    else:
        files = [path]
    for f in files:
        for batch in ds.dataset(f, format="parquet").to_batches(columns=columns, batch_size=BATCH_ROWS):
            yield from batch.to_pylist()


def _inputs(src: str) -> dict[str, list[tuple[str, str | None]]]:
    """article id -> [(input key, input name)] of the stored inputs, in input order."""
    path = table_path(src, "inputs")
    out: dict[str, list[tuple[str, str | None]]] = {}
    if path is None:
        return out
    for r in iter_rows(path, ["key", "name", "status", "article_id"]):
        if r["status"] == "stored" and r["article_id"]:
            out.setdefault(r["article_id"], []).append((r["key"], r["name"]))
    return out


def mark_stored(store: Store, key: str, name: str | None, article_id: str) -> None:
    """Record an input whose article a later one replaced (same URL) as done, as ingest does."""
    store.mark_input(key, name=name, status="stored", article_id=article_id)


def load(src: str, store: Store, *, on_progress: Callable[[LoadStats], None] | None = None) -> LoadStats:
    """Add the articles and failures of a Parquet output directory to ``store``."""
    import time

    if not os.path.isdir(src):
        raise InputError(f"{src}: no such directory")
    art_path = table_path(src, "articles")
    if art_path is None:
        raise InputError(f"{src}: no articles table (expected {src}/articles/ or {src}/articles.parquet)")
    start = time.perf_counter()
    stats = LoadStats()
    keys = _inputs(src)

    def tick() -> None:
        stats.seconds = time.perf_counter() - start
        if on_progress:
            on_progress(stats)

    for row in iter_rows(art_path, ["id", "input_name", "json"]):
        todo = keys.pop(row["id"], None) or [(None, row["input_name"])]
        known = store.seen_inputs([k for k, _ in todo if k]) if any(k for k, _ in todo) else set()
        article: dict[str, Any] | None = None
        for i, (key, name) in enumerate(todo):
            if key and key in known:
                stats.skipped += 1
                continue
            article = article or json.loads(row["json"])
            res = store.add(article, input_key=key, input_name=row["input_name"] if i == 0 else name)
            setattr(stats, res.status, getattr(stats, res.status) + 1)
        tick()
    for aid, rest in keys.items():  # inputs of articles replaced by a later one with the same URL
        for key, name in rest:
            if not store.seen_inputs([key]):
                mark_stored(store, key, name, aid)
    fail_path = table_path(src, "failures")
    if fail_path is not None:
        rows = sorted(iter_rows(fail_path, ["id", "input", "reason", "input_key"]), key=lambda r: r["id"] or 0)
        for r in rows:
            key = r["input_key"]
            if key and store.seen_inputs([key]):
                stats.skipped += 1
                continue
            store.add_failure(r["input"] or "?", r["reason"] or "", input_key=key)
            stats.failures += 1
            tick()
    tick()
    return stats
