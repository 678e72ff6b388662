"""Archive entities (issue 21): one person, organisation or place across the articles of a store,
with its names, the evidence of each merge, its type by vote and its offices over time
(docs/archive.md). :func:`resolve_store` runs the resolver over a store; ``warta resolve`` and
``warta ingest`` call it."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warta.archive.names import name_rules
from warta.archive.resolve import ArchiveData, Name, Resolution, Thresholds, resolve
from warta.lang import LanguagePack, for_code
from warta.store.base import canonical_key

__all__ = ["ArchiveData", "Report", "Thresholds", "archive_data", "resolve_store"]

if TYPE_CHECKING:
    from warta.store.sql import SqlStore


@dataclass
class Report:
    facts_backfilled: int
    names: int
    links: int
    rejected: int
    by_rule: dict[str, int]
    seconds: float
    resolution: Resolution


def archive_data(rows: dict[str, list[dict[str, Any]]]) -> ArchiveData:
    """The resolver's view of a store, from ``Store.archive_rows()``."""
    articles_of: dict[int, set[str]] = defaultdict(set)
    entities_of: dict[str, set[int]] = defaultdict(set)
    for r in rows["pairs"]:
        articles_of[int(r["entity_id"])].add(r["article_id"])
        entities_of[r["article_id"]].add(int(r["entity_id"]))
    names = {
        int(r["id"]): Name(int(r["id"]), r["type"], r["key"], r["name"], len(articles_of[int(r["id"])]))
        for r in rows["names"]
        if int(r["id"]) in articles_of
    }
    mentioned: dict[int, Counter[str]] = defaultdict(Counter)
    for r in rows["mentions"]:
        eid = int(r["entity_id"])
        k = canonical_key(r["text"] or "")
        if eid in names and k and k != names[eid].key:
            mentioned[eid][k] += int(r["n"])
    offices: dict[int, Counter[str]] = defaultdict(Counter)
    for r in rows["titles"]:
        offices[int(r["entity_id"])][r["title"]] += int(r["n"])
    decisions = [(r["action"], r["type"], r["key"], r["other_type"], r["other_key"]) for r in rows["decisions"]]
    return ArchiveData(names, dict(mentioned), dict(offices), dict(articles_of), dict(entities_of), decisions)


def resolve_store(
    store: SqlStore, *, pack: LanguagePack | None = None, thresholds: Thresholds | None = None, at: str = ""
) -> Report:
    """Bring the store's archive entities up to date: the facts of articles stored without them,
    then the merges over all names (seconds for tens of thousands of articles)."""
    t0 = time.perf_counter()
    backfilled = store.backfill_facts()
    data = archive_data(store.archive_rows())
    res = resolve(data, name_rules(pack or for_code(None)), thresholds)
    links = [
        {"entity_id": lk.entity_id, "archive_id": lk.archive_id, "rule": lk.rule, "evidence": lk.evidence}
        for lk in res.links
    ]
    store.save_links(links, at)
    by_rule = Counter(lk.rule for lk in res.links)
    return Report(
        backfilled, len(data.names), len(links), len(res.rejected), dict(by_rule), time.perf_counter() - t0, res
    )


def resolve_after_batch(target: str, at: str = "") -> str:
    """Run the resolver over the archive at ``target`` after a batch was stored (``warta ingest``,
    ``warta load-parquet``): the new articles' facts were written with them; the merges are redone
    over all names. Returns the one-line summary."""
    from warta.store import open_store

    with open_store(target, query_seconds=None) as store:
        rep = resolve_store(store, at=at)
    return summary(rep)


def summary(rep: Report) -> str:
    rules = ", ".join(f"{k} {v}" for k, v in sorted(rep.by_rule.items()))
    return (
        f"{rep.names} names, {rep.links} merged"
        + (f" ({rules})" if rules else "")
        + f", {rep.rejected} candidates kept apart;"
        f" facts of {rep.facts_backfilled} articles backfilled; {rep.seconds:.1f} s"
    )


def present(entity: dict[str, Any] | None, pack: LanguagePack | None = None) -> dict[str, Any] | None:
    """An archive entity (``Store.archive_entity``) as the API, the CLI and the pages show it: each
    office with its ``status`` (office, relation, uncertain; see ``enrich.sure_offices``)."""
    if entity is None:
        return None
    from warta.archive.enrich import sure_offices

    rules = name_rules(pack or for_code(None))
    return dict(entity, offices=sure_offices(entity["offices"], rules.relation_words, rules.bare_title))
