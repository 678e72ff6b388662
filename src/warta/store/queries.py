"""Read queries of the web pages beyond plain search: speakers, entity links, archive-wide lists.

:class:`SpeakerQueries` implements those methods of the :class:`warta.store.Store` interface for
both SQL back ends (it is a base of :class:`warta.store.sql.SqlStore`). They run on the store's
own connection with parameters always bound, never formatted in. Both back ends take the same
SQL: ``?`` placeholders are turned into ``%s`` for PostgreSQL, and only functions both dialects
share (SUBSTR, LOWER, COUNT) are used; the two expressions that differ are dialect hooks.
"""

from __future__ import annotations

import abc
import json
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Sequence
from typing import Any

from warta.store.base import Profile, Speaker, canonical_key
from warta.store.copies import NOT_A_COPY
from warta.store.filters import article_filters

MAX_IDS = 5000  # a speaker with more unlinked quotations is selected by a scan instead of by ids


class NameIndex:
    """Quotations whose speaker is not linked to an entity, by case-folded speaker name.

    The store indexes quotations by speaker entity, not by name, so selecting an unlinked
    speaker's quotations scans the whole quotes table; this index (one scan, shared by the
    threads of a process) turns that into a primary-key lookup. It is rebuilt when the quotes
    table changes (row count, highest id, newest article row: checked at most every
    ``CHECK_SECONDS``) and at least every ``MAX_AGE`` seconds. The ids are only candidates:
    queries also check each quotation's speaker name (:func:`speaker_where`), so a stale index
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

    def refresh(self, store: SpeakerQueries) -> None:
        now = time.monotonic()
        if self.version is not None and now - self.checked < self.CHECK_SECONDS:
            return
        with self.lock:
            if self.version is not None and now - self.checked < self.CHECK_SECONDS:
                return
            last = store._newest_article_sql()
            row = store._all(f"SELECT COUNT(*) AS n, MAX(id) AS top, {last} AS last FROM quotes")[0]
            version = (row["n"], row["top"], row["last"])
            if version != self.version or now - self.built > self.MAX_AGE:
                ids: dict[str, list[int]] = {}
                spellings: dict[str, Counter[str]] = {}
                for r in store._all(
                    "SELECT id, speaker_name FROM quotes q WHERE speaker_entity_id IS NULL AND speaker_name IS NOT NULL"
                    f" AND {NOT_A_COPY}",
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

    def lookup(self, store: SpeakerQueries, name: str) -> tuple[list[int], list[str]] | None:
        """The quote ids and the name's spellings of this (unlinked) speaker; None when too many."""
        self.refresh(store)
        key = name.casefold()
        found = self.ids.get(key, [])
        return (found, self.spellings.get(key, [])) if len(found) <= MAX_IDS else None

    def containing(self, store: SpeakerQueries, fragment: str, limit: int) -> list[tuple[str, int]]:
        """(name, number of quotations) of the unlinked speakers whose name contains ``fragment``."""
        self.refresh(store)
        f = " ".join(fragment.casefold().split())
        hits = [(self.spellings[k][0], len(v)) for k, v in self.ids.items() if f and f in k]
        return sorted(hits, key=lambda h: (-h[1], h[0]))[:limit]


_indexes: dict[str, NameIndex] = {}
_indexes_lock = threading.Lock()


def name_index(store: SpeakerQueries) -> NameIndex:
    with _indexes_lock:
        return _indexes.setdefault(store.url, NameIndex())


def speaker_where(speaker: Speaker) -> tuple[str, list[Any]]:
    """The SQL condition on quotes (alias q) selecting this speaker's quotations, each once across
    the copies of an article (see warta.store.copies)."""
    cond, params = _speaker_where(speaker)
    return f"{cond} AND {NOT_A_COPY}", params


def _speaker_where(speaker: Speaker) -> tuple[str, list[Any]]:
    if speaker.entity_id is not None:
        return "q.speaker_entity_id = ?", [speaker.entity_id]
    if speaker.quote_ids is not None:
        if not speaker.quote_ids or not speaker.spellings:
            return "1 = 0", []
        ids = ", ".join("?" * len(speaker.quote_ids))
        names = ", ".join("?" * len(speaker.spellings))
        return (
            f"q.id IN ({ids}) AND q.speaker_entity_id IS NULL AND q.speaker_name IN ({names})",
            [*speaker.quote_ids, *speaker.spellings],
        )
    return "q.speaker_entity_id IS NULL AND LOWER(q.speaker_name) = LOWER(?)", [speaker.name]


PROFILE_CACHE_SIZE = 2048
_profiles: OrderedDict[tuple[Any, ...], Profile] = OrderedDict()
_profiles_lock = threading.Lock()


class SpeakerQueries(abc.ABC):
    """The speaker, entity-link and archive-wide read queries of the store interface, in SQL."""

    url: str

    @abc.abstractmethod
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a query as dicts (column name -> value)."""

    # ---- dialect -------------------------------------------------------------------------
    @abc.abstractmethod
    def _newest_article_sql(self) -> str:
        """An expression for the newest article row, part of the quotes table's version (see
        :class:`NameIndex`): SQLite reuses the highest rowids after a delete, PostgreSQL never
        reuses identity values."""

    @abc.abstractmethod
    def _speaker_affiliations_sql(self) -> str:
        """An expression for the affiliations list in a quotation's JSON (``q.json``), as text."""

    # ---- speakers ------------------------------------------------------------------------
    def resolve_speaker(self, speaker: Speaker) -> Speaker:
        """The same speaker with its quotations' ids looked up (a name), for fast queries."""
        if speaker.entity_id is not None or speaker.quote_ids is not None:
            return speaker
        found = name_index(self).lookup(self, speaker.name)
        if found is None:
            return speaker
        return Speaker(name=speaker.name, quote_ids=tuple(found[0]), spellings=tuple(found[1]))

    def speaker_profile(self, speaker: Speaker) -> Profile:
        """Titles, affiliations, timeline, quoting outlets and article count of a speaker.

        Cached (least recently used, :data:`PROFILE_CACHE_SIZE` speakers) for one generation of
        the :class:`NameIndex`, which follows the quotes table (and is rebuilt at least every
        ``NameIndex.MAX_AGE`` seconds)."""
        index = name_index(self)
        index.refresh(self)
        who = speaker.entity_id if speaker.entity_id is not None else speaker.name.casefold()
        key = (self.url, index.generation, who)
        with _profiles_lock:
            hit = _profiles.get(key)
            if hit is not None:
                _profiles.move_to_end(key)
                return hit
        titles, affiliations = self.speaker_roles(speaker)
        prof = Profile(
            titles,
            affiliations,
            self.speaker_timeline(speaker),
            self.quoting_outlets(speaker),
            self.speaker_articles(speaker),
        )
        with _profiles_lock:
            _profiles[key] = prof
            while len(_profiles) > PROFILE_CACHE_SIZE:
                _profiles.popitem(last=False)
        return prof

    def local_entity_ids(self, article_id: str) -> dict[str, int]:
        """The article's own entity ids (as in its JSON) mapped to the merged entity ids."""
        found = self._all("SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?", [article_id])
        return {str(r["local_id"]): int(r["entity_id"]) for r in found if r["local_id"] is not None}

    def quote_entity_ids(self, article_id: str) -> dict[int, int]:
        """Quote index in the article -> merged speaker entity id, for the quotes that have one."""
        found = self._all(
            "SELECT idx, speaker_entity_id FROM quotes WHERE article_id = ? AND speaker_entity_id IS NOT NULL",
            [article_id],
        )
        return {int(r["idx"]): int(r["speaker_entity_id"]) for r in found}

    def entity_by_name(self, name: str) -> int | None:
        """The merged entity with this canonical name (a person first), if any."""
        found = self._all(
            "SELECT id FROM entities WHERE key = ? ORDER BY CASE WHEN type = 'PER' THEN 0 ELSE 1 END, id LIMIT 1",
            [canonical_key(name)],
        )
        return int(found[0]["id"]) if found else None

    def speaker_quotes(self, speaker: Speaker, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """This speaker's quotations, newest first, with their article, and the total."""
        where, params = speaker_where(speaker)
        total = self._all(f"SELECT COUNT(*) AS n FROM quotes q WHERE {where}", params)[0]["n"]
        items = self._all(
            "SELECT q.id, q.article_id, q.idx, q.text, q.kind, q.speaker_name, q.speaker_entity_id, q.speaker_titles,"
            ' q.cue, q.confidence, q."start", q."end", q.published, a.title, a.url, a.outlet'
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
            " ORDER BY q.published IS NULL, q.published DESC, q.article_id, q.idx LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        also = self.also_in([r["article_id"] for r in items])  # type: ignore[attr-defined]
        for r in items:
            r["speaker_titles"] = json.loads(r["speaker_titles"] or "[]")
            r["also_in"] = also.get(r["article_id"], [])
        return items, int(total)

    def speaker_timeline(self, speaker: Speaker) -> list[tuple[str, int]]:
        """Quotations per publication day (YYYY-MM-DD), oldest first; undated ones are left out."""
        where, params = speaker_where(speaker)
        found = self._all(
            f"SELECT SUBSTR(q.published, 1, 10) AS day, COUNT(*) AS n FROM quotes q WHERE {where}"
            " AND q.published IS NOT NULL GROUP BY SUBSTR(q.published, 1, 10) ORDER BY day",
            params,
        )
        return [(str(r["day"]), int(r["n"])) for r in found if r["day"]]

    def quoting_outlets(self, speaker: Speaker, *, limit: int = 20) -> list[dict[str, Any]]:
        """Outlets whose articles quote this speaker: outlet, n_quotes, n_articles."""
        where, params = speaker_where(speaker)
        return self._all(
            "SELECT a.outlet AS outlet, COUNT(*) AS n_quotes, COUNT(DISTINCT a.id) AS n_articles"
            f" FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where}"
            " GROUP BY a.outlet ORDER BY n_quotes DESC, outlet LIMIT ?",
            [*params, limit],
        )

    def speaker_roles(self, speaker: Speaker) -> tuple[list[str], list[str]]:
        """Titles and affiliations attributed to the speaker in their quotations, most frequent first.

        Grouped in SQL on the stored title lists and on the affiliations extracted from each
        quotation's JSON by the database, so that few distinct lists reach Python."""
        where, params = speaker_where(speaker)
        aff = self._speaker_affiliations_sql()
        found = self._all(
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

    def co_mentioned(self, speaker: Speaker, *, limit: int = 15) -> list[dict[str, Any]]:
        """Entities mentioned most often in the same articles: id, name, type, n_articles."""
        if speaker.entity_id is not None:
            articles = "SELECT m1.article_id FROM mentions m1 WHERE m1.entity_id = ?"
            params: list[Any] = [speaker.entity_id]
            exclude, ex_params = " AND m.entity_id <> ?", [speaker.entity_id]
        else:
            where, params = speaker_where(speaker)
            articles = f"SELECT q.article_id FROM quotes q WHERE {where}"
            exclude, ex_params = "", []
        return self._all(
            "SELECT e.id AS id, e.name AS name, e.type AS type, COUNT(DISTINCT m.article_id) AS n_articles"
            f" FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({articles}){exclude}"
            " GROUP BY e.id, e.name, e.type ORDER BY n_articles DESC, e.name LIMIT ?",
            [*params, *ex_params, limit],
        )

    def speaker_articles(self, speaker: Speaker) -> int:
        """How many articles quote this speaker."""
        where, params = speaker_where(speaker)
        return int(self._all(f"SELECT COUNT(DISTINCT q.article_id) AS n FROM quotes q WHERE {where}", params)[0]["n"])

    def speaker_article_hits(
        self,
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
        where, params = speaker_where(speaker)
        wheres, fparams = [f"a.id IN (SELECT q.article_id FROM quotes q WHERE {where})"], list(params)
        w, p = article_filters(outlet=outlet, language=language, since=since, until=until)
        wheres += w
        fparams += p
        cond = " AND ".join(wheres)
        total = self._all(f"SELECT COUNT(*) AS n FROM articles a WHERE {cond}", fparams)[0]["n"]
        items = self._all(
            "SELECT a.id, a.url, a.title, a.outlet, a.language, a.published, a.n_quotes,"
            f" SUBSTR(a.text, 1, 240) AS snippet, 0.0 AS score FROM articles a WHERE {cond}"
            " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
            [*fparams, limit, offset],
        )
        return items, int(total)

    def speakers_named(self, name: str, *, limit: int = 8) -> list[dict[str, Any]]:
        """Quoted speakers whose name contains ``name``: name, entity_id (or None), n_quotes.

        Linked speakers are the entities of that name with quotations; unlinked ones come from
        the name index."""
        linked = self._all(
            "SELECT e.name AS name, e.id AS entity_id, COUNT(*) AS n_quotes FROM entities e"
            f" JOIN quotes q ON q.speaker_entity_id = e.id WHERE e.key LIKE ? AND {NOT_A_COPY}"
            " GROUP BY e.id, e.name ORDER BY n_quotes DESC, name LIMIT ?",
            ["%" + canonical_key(name).replace("%", "").replace("_", " ") + "%", limit],
        )
        unlinked = [
            {"name": n, "entity_id": None, "n_quotes": k} for n, k in name_index(self).containing(self, name, limit)
        ]
        return sorted(linked + unlinked, key=lambda r: (-r["n_quotes"], r["name"]))[:limit]

    def top_speakers(self, *, limit: int = 12) -> list[dict[str, Any]]:
        """The most quoted speakers: name, entity_id (or None), n_quotes."""
        return self._all(
            "SELECT MIN(q.speaker_name) AS name, q.speaker_entity_id AS entity_id, COUNT(*) AS n_quotes FROM quotes q"
            f" WHERE q.speaker_name IS NOT NULL AND {NOT_A_COPY}"
            " GROUP BY q.speaker_entity_id, CASE WHEN q.speaker_entity_id IS NULL THEN LOWER(q.speaker_name) END"
            " ORDER BY n_quotes DESC, name LIMIT ?",
            [limit],
        )

    # ---- archive-wide lists ----------------------------------------------------------------
    def citations(self, *, limit: int = 200) -> list[dict[str, Any]]:
        """Which outlets cite which sources: outlet, source, n_articles, newest first by count."""
        return self._all(
            "SELECT a.outlet AS outlet, s.name AS source, COUNT(DISTINCT s.article_id) AS n_articles"
            " FROM sources s JOIN articles a ON a.id = s.article_id WHERE s.relation = 'cited'"
            " GROUP BY a.outlet, s.name ORDER BY n_articles DESC, outlet, source LIMIT ?",
            [limit],
        )

    def outlets(self, *, limit: int = 200) -> list[str]:
        """Outlets of the stored articles, those with most articles first."""
        found = self._all(
            "SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY n DESC LIMIT ?",
            [limit],
        )
        return [str(r["outlet"]) for r in found]

    def languages(self) -> list[str]:
        """Language codes of the stored articles, sorted."""
        found = self._all("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language")
        return [str(r["language"]) for r in found]
