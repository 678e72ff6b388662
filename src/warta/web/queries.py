"""Read queries the web pages need beyond :class:`warta.store.Store`'s interface.

They run on the store's own connection (``store.conn``) with parameters always bound, never
formatted in. Both back ends take the same SQL: ``?`` placeholders are turned into ``%s`` for
PostgreSQL, and only functions both dialects share (SUBSTR, LOWER, COUNT) are used.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warta.store import Store, canonical_key
from warta.store.sql import article_filters


def _postgres(store: Store) -> bool:
    return store.url.startswith(("postgresql://", "postgres://"))


def rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    conn: Any = getattr(store, "conn", None)
    if conn is None:
        raise TypeError(f"{type(store).__name__} has no SQL connection")
    if _postgres(store):
        sql = sql.replace("?", "%s")
    cur = conn.execute(sql, tuple(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


MAX_IDS = 5000  # a speaker with more unlinked quotations is selected by a scan instead of by ids


class NameIndex:
    """Quotations whose speaker is not linked to an entity, by case-folded speaker name.

    The store indexes quotations by speaker entity, not by name, so selecting an unlinked
    speaker's quotations scans the whole quotes table; this index (one scan, shared by the
    threads of a process) turns that into a primary-key lookup. It is rebuilt when the quotes
    table changes (row count, highest id, newest article row: checked at most every
    ``CHECK_SECONDS``) and at least every ``MAX_AGE`` seconds. The ids are only candidates:
    queries also check each quotation's speaker name (:meth:`Speaker.where`), so a stale index
    can miss a new quotation for a while but never shows another speaker's.
    """

    CHECK_SECONDS = 5.0
    MAX_AGE = 300.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ids: dict[str, list[int]] = {}
        self.spellings: dict[str, list[str]] = {}  # case-folded -> spellings, most frequent first
        self.version: tuple[Any, ...] | None = None
        self.generation = 0  # incremented on every rebuild (keys the speaker profile cache)
        self.checked = 0.0
        self.built = 0.0

    def refresh(self, store: Store) -> None:
        now = time.monotonic()
        if self.version is not None and now - self.checked < self.CHECK_SECONDS:
            return
        with self.lock:
            if self.version is not None and now - self.checked < self.CHECK_SECONDS:
                return
            # PostgreSQL never reuses identity values; SQLite reuses the highest rowids after a
            # delete, so there the newest article row (rowid and write time) is part of the version
            last = (
                "NULL"
                if _postgres(store)
                else "(SELECT rid || ' ' || updated_at FROM articles ORDER BY rid DESC LIMIT 1)"
            )
            row = rows(store, f"SELECT COUNT(*) AS n, MAX(id) AS top, {last} AS last FROM quotes")[0]
            version = (row["n"], row["top"], row["last"])
            if version != self.version or now - self.built > self.MAX_AGE:
                ids: dict[str, list[int]] = {}
                spellings: dict[str, Counter[str]] = {}
                for r in rows(
                    store,
                    "SELECT id, speaker_name FROM quotes WHERE speaker_entity_id IS NULL AND speaker_name IS NOT NULL",
                ):
                    key = str(r["speaker_name"]).casefold()
                    ids.setdefault(key, []).append(int(r["id"]))
                    spellings.setdefault(key, Counter())[str(r["speaker_name"])] += 1
                self.ids = ids
                self.spellings = {k: [n for n, _ in c.most_common()] for k, c in spellings.items()}
                self.version = version
                self.generation += 1
                self.built = time.monotonic()
            self.checked = time.monotonic()

    def lookup(self, store: Store, name: str) -> tuple[list[int], list[str]] | None:
        """The quote ids and the name's spellings of this (unlinked) speaker; None when too many."""
        self.refresh(store)
        key = name.casefold()
        found = self.ids.get(key, [])
        return (found, self.spellings.get(key, [])) if len(found) <= MAX_IDS else None

    def containing(self, store: Store, fragment: str, limit: int) -> list[tuple[str, int]]:
        """(name, number of quotations) of the unlinked speakers whose name contains ``fragment``."""
        self.refresh(store)
        f = " ".join(fragment.casefold().split())
        hits = [(self.spellings[k][0], len(v)) for k, v in self.ids.items() if f and f in k]
        return sorted(hits, key=lambda h: (-h[1], h[0]))[:limit]


_indexes: dict[str, NameIndex] = {}
_indexes_lock = threading.Lock()


def name_index(store: Store) -> NameIndex:
    with _indexes_lock:
        return _indexes.setdefault(store.url, NameIndex())


@dataclass(frozen=True)
class Speaker:
    """Who a speaker page is about: a merged entity (``entity_id``) or, for quotations whose
    speaker was not linked to an entity, the speaker's name as the quotes give it (any case)."""

    entity_id: int | None = None
    name: str = ""
    quote_ids: tuple[int, ...] | None = None  # candidate quotations of a name (see ``resolved``)
    spellings: tuple[str, ...] = ()  # the name as written in those quotations

    def resolved(self, store: Store) -> Speaker:
        """The same speaker with its quotations' ids looked up (a name), for fast queries."""
        if self.entity_id is not None or self.quote_ids is not None:
            return self
        found = name_index(store).lookup(store, self.name)
        if found is None:
            return self
        return Speaker(name=self.name, quote_ids=tuple(found[0]), spellings=tuple(found[1]))

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on quotes (alias q) selecting this speaker's quotations."""
        if self.entity_id is not None:
            return "q.speaker_entity_id = ?", [self.entity_id]
        if self.quote_ids is not None:
            if not self.quote_ids or not self.spellings:
                return "1 = 0", []
            ids = ", ".join("?" * len(self.quote_ids))
            names = ", ".join("?" * len(self.spellings))
            return (
                f"q.id IN ({ids}) AND q.speaker_entity_id IS NULL AND q.speaker_name IN ({names})",
                [*self.quote_ids, *self.spellings],
            )
        return "q.speaker_entity_id IS NULL AND LOWER(q.speaker_name) = LOWER(?)", [self.name]


@dataclass(frozen=True)
class Profile:
    """What a speaker page shows beyond the list of quotations; all of it depends only on the
    speaker's quotations (and their articles), so it is cached per quotes-table version."""

    titles: list[str]
    affiliations: list[str]
    timeline: list[tuple[str, int]]
    outlets: list[dict[str, Any]]
    n_articles: int


PROFILE_CACHE_SIZE = 2048
_profiles: OrderedDict[tuple[Any, ...], Profile] = OrderedDict()
_profiles_lock = threading.Lock()


def speaker_profile(store: Store, speaker: Speaker) -> Profile:
    """Titles, affiliations, timeline, quoting outlets and article count of a speaker.

    Cached (least recently used, :data:`PROFILE_CACHE_SIZE` speakers) for one generation of
    the :class:`NameIndex`, which follows the quotes table (and is rebuilt at least every
    ``NameIndex.MAX_AGE`` seconds)."""
    index = name_index(store)
    index.refresh(store)
    who = speaker.entity_id if speaker.entity_id is not None else speaker.name.casefold()
    key = (store.url, index.generation, who)
    with _profiles_lock:
        hit = _profiles.get(key)
        if hit is not None:
            _profiles.move_to_end(key)
            return hit
    titles, affiliations = speaker_roles(store, speaker)
    prof = Profile(
        titles,
        affiliations,
        timeline(store, speaker),
        quoting_outlets(store, speaker),
        speaker_articles(store, speaker),
    )
    with _profiles_lock:
        _profiles[key] = prof
        while len(_profiles) > PROFILE_CACHE_SIZE:
            _profiles.popitem(last=False)
    return prof


def local_entity_ids(store: Store, article_id: str) -> dict[str, int]:
    """The article's own entity ids (as in its JSON) mapped to the merged entity ids."""
    found = rows(store, "SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?", [article_id])
    return {str(r["local_id"]): int(r["entity_id"]) for r in found if r["local_id"] is not None}


def quote_entity_ids(store: Store, article_id: str) -> dict[int, int]:
    """Quote index in the article -> merged speaker entity id, for the quotes that have one."""
    found = rows(
        store,
        "SELECT idx, speaker_entity_id FROM quotes WHERE article_id = ? AND speaker_entity_id IS NOT NULL",
        [article_id],
    )
    return {int(r["idx"]): int(r["speaker_entity_id"]) for r in found}


def entity_by_name(store: Store, name: str) -> int | None:
    """The merged entity with this canonical name (a person first), if any."""
    found = rows(
        store,
        "SELECT id FROM entities WHERE key = ? ORDER BY CASE WHEN type = 'PER' THEN 0 ELSE 1 END, id LIMIT 1",
        [canonical_key(name)],
    )
    return int(found[0]["id"]) if found else None


def speaker_quotes(store: Store, speaker: Speaker, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """This speaker's quotations, newest first, with their article, and the total."""
    where, params = speaker.where()
    total = rows(store, f"SELECT COUNT(*) AS n FROM quotes q WHERE {where}", params)[0]["n"]
    items = rows(
        store,
        "SELECT q.id, q.article_id, q.idx, q.text, q.kind, q.speaker_name, q.speaker_entity_id, q.speaker_titles,"
        ' q.cue, q.confidence, q."start", q."end", q.published, a.title, a.url, a.outlet'
        f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
        " ORDER BY q.published IS NULL, q.published DESC, q.article_id, q.idx LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    for r in items:
        r["speaker_titles"] = json.loads(r["speaker_titles"] or "[]")
    return items, int(total)


def timeline(store: Store, speaker: Speaker) -> list[tuple[str, int]]:
    """Quotations per publication day (YYYY-MM-DD), oldest first; undated ones are left out."""
    where, params = speaker.where()
    found = rows(
        store,
        f"SELECT SUBSTR(q.published, 1, 10) AS day, COUNT(*) AS n FROM quotes q WHERE {where}"
        " AND q.published IS NOT NULL GROUP BY SUBSTR(q.published, 1, 10) ORDER BY day",
        params,
    )
    return [(str(r["day"]), int(r["n"])) for r in found if r["day"]]


def quoting_outlets(store: Store, speaker: Speaker, *, limit: int = 20) -> list[dict[str, Any]]:
    """Outlets whose articles quote this speaker: outlet, n_quotes, n_articles."""
    where, params = speaker.where()
    return rows(
        store,
        "SELECT a.outlet AS outlet, COUNT(*) AS n_quotes, COUNT(DISTINCT a.id) AS n_articles"
        f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
        " GROUP BY a.outlet ORDER BY n_quotes DESC, outlet LIMIT ?",
        [*params, limit],
    )


def speaker_roles(store: Store, speaker: Speaker) -> tuple[list[str], list[str]]:
    """Titles and affiliations attributed to the speaker in their quotations, most frequent first.

    Grouped in SQL on the stored title lists and on the affiliations extracted from each
    quotation's JSON by the database, so that few distinct lists reach Python."""
    where, params = speaker.where()
    aff = (
        "(q.json::json -> 'speaker' ->> 'affiliations')"
        if _postgres(store)
        else "json_extract(q.json, '$.speaker.affiliations')"
    )
    found = rows(
        store,
        f"SELECT q.speaker_titles AS titles, {aff} AS affiliations, COUNT(*) AS n FROM quotes q WHERE {where}"
        " GROUP BY q.speaker_titles, 2",
        params,
    )
    titles: dict[str, Counter[str]] = {}  # case-folded -> spellings
    affiliations: dict[str, Counter[str]] = {}
    for r in found:
        n = int(r["n"])
        extra = r["affiliations"]
        for into, values in (
            (titles, json.loads(r["titles"] or "[]")),
            (affiliations, json.loads(extra) if isinstance(extra, str) and extra.startswith("[") else []),
        ):
            for v in values:
                if isinstance(v, str) and v.strip():
                    into.setdefault(v.strip().casefold(), Counter())[v.strip()] += n

    def ranked(seen: dict[str, Counter[str]]) -> list[str]:
        order = sorted(seen.values(), key=lambda c: (-sum(c.values()), c.most_common(1)[0][0]))
        return [c.most_common(1)[0][0] for c in order]

    return ranked(titles), ranked(affiliations)


def co_mentioned(store: Store, speaker: Speaker, *, limit: int = 15) -> list[dict[str, Any]]:
    """Entities mentioned most often in the same articles: id, name, type, n_articles."""
    if speaker.entity_id is not None:
        articles = "SELECT m1.article_id FROM mentions m1 WHERE m1.entity_id = ?"
        params: list[Any] = [speaker.entity_id]
        exclude, ex_params = " AND m.entity_id <> ?", [speaker.entity_id]
    else:
        where, params = speaker.where()
        articles = f"SELECT q.article_id FROM quotes q WHERE {where}"
        exclude, ex_params = "", []
    return rows(
        store,
        "SELECT e.id AS id, e.name AS name, e.type AS type, COUNT(DISTINCT m.article_id) AS n_articles"
        f" FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({articles}){exclude}"
        " GROUP BY e.id, e.name, e.type ORDER BY n_articles DESC, e.name LIMIT ?",
        [*params, *ex_params, limit],
    )


def speaker_articles(store: Store, speaker: Speaker) -> int:
    where, params = speaker.where()
    return int(rows(store, f"SELECT COUNT(DISTINCT q.article_id) AS n FROM quotes q WHERE {where}", params)[0]["n"])


def citations(store: Store, *, limit: int = 200) -> list[dict[str, Any]]:
    """Which outlets cite which sources: outlet, source, n_articles, newest first by count."""
    return rows(
        store,
        "SELECT a.outlet AS outlet, s.name AS source, COUNT(DISTINCT s.article_id) AS n_articles"
        " FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.relation = 'cited'"
        " GROUP BY a.outlet, s.name ORDER BY n_articles DESC, outlet, source LIMIT ?",
        [limit],
    )


def outlets(store: Store, *, limit: int = 200) -> list[str]:
    found = rows(
        store,
        "SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC LIMIT ?",
        [limit],
    )
    return [str(r["outlet"]) for r in found]


def languages(store: Store) -> list[str]:
    found = rows(store, "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language")
    return [str(r["language"]) for r in found]


def speaker_article_hits(
    store: Store,
    speaker: Speaker,
    *,
    outlet: str | None = None,
    language: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Articles quoting the speaker, newest first, as search hits (same keys as the store's)."""
    where, params = speaker.where()
    wheres, fparams = [f"a.id IN (SELECT q.article_id FROM quotes q WHERE {where})"], list(params)
    w, p = article_filters(outlet=outlet, language=language, since=since, until=until)
    wheres += w
    fparams += p
    cond = " AND ".join(wheres)
    total = rows(store, f"SELECT COUNT(*) AS n FROM articles a WHERE {cond}", fparams)[0]["n"]
    items = rows(
        store,
        "SELECT a.id, a.url, a.title, a.outlet, a.language, a.published, a.n_quotes,"
        f" SUBSTR(a.text, 1, 240) AS snippet, 0.0 AS score FROM articles a WHERE {cond}"
        " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
        [*fparams, limit, offset],
    )
    return items, int(total)


def speakers_named(store: Store, name: str, *, limit: int = 8) -> list[dict[str, Any]]:
    """Quoted speakers whose name contains ``name``: name, entity_id (or None), n_quotes.

    Linked speakers are the entities of that name with quotations; unlinked ones come from
    the name index."""
    linked = rows(
        store,
        "SELECT e.name AS name, e.id AS entity_id, COUNT(*) AS n_quotes FROM entities e"
        " JOIN quotes q ON q.speaker_entity_id = e.id WHERE e.key LIKE ?"
        " GROUP BY e.id, e.name ORDER BY n_quotes DESC, name LIMIT ?",
        ["%" + canonical_key(name).replace("%", "").replace("_", " ") + "%", limit],
    )
    unlinked = [
        {"name": n, "entity_id": None, "n_quotes": k} for n, k in name_index(store).containing(store, name, limit)
    ]
    return sorted(linked + unlinked, key=lambda r: (-r["n_quotes"], r["name"]))[:limit]


def top_speakers(store: Store, *, limit: int = 12) -> list[dict[str, Any]]:
    """The most quoted speakers: name, entity_id (or None), n_quotes."""
    return rows(
        store,
        "SELECT MIN(q.speaker_name) AS name, q.speaker_entity_id AS entity_id, COUNT(*) AS n_quotes FROM quotes q"
        " WHERE q.speaker_name IS NOT NULL"
        " GROUP BY q.speaker_entity_id, CASE WHEN q.speaker_entity_id IS NULL THEN LOWER(q.speaker_name) END"
        " ORDER BY n_quotes DESC, name LIMIT ?",
        [limit],
    )
