"""The SQL of archive entities (``warta.archive``): what the articles say of their people
(``entity_facts``, written with each article), the resolver's merges (``entity_links``), the
users' joins and splits (``entity_decisions``), and the archive entity pages built from them.
Mixed into the SQL stores; the resolution itself is ``warta.archive.resolve``."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from warta.errors import InputError
from warta.store.access import SqlAccess
from warta.store.base import Page, canonical_key
from warta.store.rows import dumps, offices_of

FACTS_BATCH = 500


def fact_row(
    article_id: str, entity_id: int, local_id: str, office: tuple[str | None, str | None], published: str | None
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "entity_id": entity_id,
        "local_id": local_id,
        "title": office[0],
        "affiliation": office[1],
        "published": (published or "")[:10] or None,
    }


class ArchiveQueries(SqlAccess):
    """Mixed into SqlStore (which supplies _all, _one, _exec, _insert_many, _tx)."""

    def _tx(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    # ---- facts -----------------------------------------------------------------------------
    def backfill_facts(self) -> int:
        """Write the people's facts of articles stored before schema v5 (or loaded without them):
        the articles that mention a person and have no facts yet. Returns how many were read."""
        done = 0
        while True:
            rows = self._all(
                "SELECT a.id, a.json, a.published FROM articles a WHERE NOT EXISTS"
                " (SELECT 1 FROM entity_facts f WHERE f.article_id = a.id) AND EXISTS (SELECT 1 FROM mentions m"
                " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = a.id AND e.type = 'PER') LIMIT ?",
                (FACTS_BATCH,),
            )
            if not rows:
                return done
            with self._tx():
                for r in rows:
                    self._backfill_one(r["id"], json.loads(r["json"]), r["published"])
            done += len(rows)

    def _backfill_one(self, aid: str, d: dict[str, Any], published: str | None) -> None:
        local = {
            r["local_id"]: int(r["entity_id"])
            for r in self._all("SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?", (aid,))
        }
        facts = []
        for e in d.get("entities") or []:
            eid = local.get(str(e.get("id")))
            if e.get("type") == "PER" and eid is not None:
                facts += [fact_row(aid, eid, str(e.get("id")), o, published) for o in offices_of(e)]
        if not facts:  # a person of another type in this article's JSON: one empty row marks it read
            pid = next(iter(local.values()))
            facts = [fact_row(aid, pid, "", (None, None), published)]
        self._insert_many("entity_facts", facts)

    # ---- what the resolver reads --------------------------------------------------------
    def archive_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Everything the resolver needs, as rows: names, mention texts, titles, co-mentions, decisions."""
        return {
            "names": self._all("SELECT id, type, key, name FROM entities"),
            "mentions": self._all(
                "SELECT entity_id, text, COUNT(DISTINCT article_id) AS n FROM mentions GROUP BY entity_id, text"
            ),
            "titles": self._all(
                "SELECT entity_id, title, COUNT(DISTINCT article_id) AS n FROM entity_facts"
                " WHERE title IS NOT NULL GROUP BY entity_id, title"
            ),
            "pairs": self._all("SELECT DISTINCT article_id, entity_id FROM mentions"),
            "decisions": self._all("SELECT action, type, key, other_type, other_key FROM entity_decisions ORDER BY id"),
        }

    def save_links(self, links: list[dict[str, Any]], at: str) -> None:
        """Replace the resolver's merges with these (entity_id, archive_id, rule, evidence)."""
        with self._tx():
            self._exec("DELETE FROM entity_links")
            self._insert_many("entity_links", [dict(r, evidence=dumps(r["evidence"]), resolved_at=at) for r in links])

    # ---- users' decisions ------------------------------------------------------------------
    def add_decision(self, action: str, entity_id: int, other_id: int, *, note: str | None, at: str) -> dict[str, Any]:
        """Record a join (merge the two) or a split (keep them apart); by type and name key, so it
        holds when the articles are stored again. Takes effect at the next resolution."""
        if action not in ("join", "split"):
            raise InputError(f"unknown action {action!r}: join or split")
        ends = []
        for eid in (entity_id, other_id):
            row = self._one("SELECT type, key FROM entities WHERE id = ?", (eid,))
            if row is None:
                raise InputError(f"no entity {eid}")
            ends.append(row)
        if ends[0] == ends[1]:
            raise InputError("an entity cannot be joined to or split from itself")
        with self._tx():
            self._exec(
                "INSERT INTO entity_decisions (action, type, key, other_type, other_key, note, time)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (action, ends[0][0], ends[0][1], ends[1][0], ends[1][1], note, at),
            )
        return {"action": action, "entity": entity_id, "other": other_id, "note": note, "time": at}

    def decisions(self) -> list[dict[str, Any]]:
        return self._all("SELECT id, action, type, key, other_type, other_key, note, time FROM entity_decisions")

    # ---- archive entities ------------------------------------------------------------------
    def archive_id(self, entity_id: int) -> int:
        row = self._one("SELECT archive_id FROM entity_links WHERE entity_id = ?", (entity_id,))
        return int(row[0]) if row else entity_id

    def archive_entity(self, entity_id: int) -> dict[str, Any] | None:
        """The archive entity of one entity: its names with the evidence of each merge, its type by
        vote, and its offices over time (title, affiliation, first and last day, articles)."""
        rep = self.archive_id(entity_id)
        head = self._one("SELECT id, type, name FROM entities WHERE id = ?", (rep,))
        if head is None:
            return None
        names = self._all(
            "SELECT e.id, e.type, e.name, l.rule, l.evidence, (SELECT COUNT(DISTINCT m.article_id) FROM mentions m"
            " WHERE m.entity_id = e.id) AS n_articles FROM entities e LEFT JOIN entity_links l ON l.entity_id = e.id"
            " WHERE e.id = ? OR l.archive_id = ? ORDER BY e.id",
            (rep, rep),
        )
        votes: Counter[str] = Counter()
        for n in names:
            n["evidence"] = json.loads(n["evidence"]) if n["evidence"] else None
            votes[n["type"]] += n["n_articles"]
        ids = [n["id"] for n in names]
        return {
            "id": rep,
            "name": head[2],
            "type": votes.most_common(1)[0][0] if votes else head[1],
            "type_votes": dict(votes),
            "names": names,
            "n_articles": self._count_articles(ids),
            "offices": self.offices(ids),
        }

    def _count_articles(self, ids: list[int]) -> int:
        marks = ", ".join("?" * len(ids))
        row = self._one(f"SELECT COUNT(DISTINCT article_id) FROM mentions WHERE entity_id IN ({marks})", ids)
        return int(row[0]) if row else 0

    def offices(self, ids: list[int], *, max_articles: int = 20) -> list[dict[str, Any]]:
        """(title, affiliation) pairs the articles give these entities: first and last day, the
        number of articles and the newest of them; most articles first."""
        marks = ", ".join("?" * len(ids))
        rows = self._all(
            "SELECT DISTINCT f.title, f.affiliation, f.article_id, f.published FROM entity_facts f"
            f" WHERE f.entity_id IN ({marks}) AND (f.title IS NOT NULL OR f.affiliation IS NOT NULL)",
            ids,
        )
        groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        spelled: dict[tuple[str, str], Counter[tuple[str | None, str | None]]] = defaultdict(Counter)
        for r in rows:  # one office however its case is written ("Komisioner", "komisioner")
            k = ((r["title"] or "").casefold(), (r["affiliation"] or "").casefold())
            groups[k].append((r["published"] or "", r["article_id"]))
            spelled[k][(r["title"], r["affiliation"])] += 1
        out = []
        for k, arts in groups.items():
            title, aff = spelled[k].most_common(1)[0][0]
            days = sorted(p for p, _ in arts if p)
            arts.sort(reverse=True)
            out.append(
                {
                    "title": title,
                    "affiliation": aff,
                    "first": days[0] if days else None,
                    "last": days[-1] if days else None,
                    "n_articles": len({a for _, a in arts}),
                    "articles": [a for _, a in arts[:max_articles]],
                }
            )
        out.sort(key=lambda o: (-o["n_articles"], o["first"] or "", o["title"] or "", o["affiliation"] or ""))
        return out

    def find_archive_entities(self, name: str, *, limit: int = 20, offset: int = 0) -> Page:
        """Archive entities one of whose names contains ``name`` (any case), most articles first
        (articles under all their names; among the 500 with the most articles under the matching names)."""
        rows = self._all(
            "SELECT COALESCE(l.archive_id, e.id) AS id, COUNT(DISTINCT m.article_id) AS n FROM entities e"
            " LEFT JOIN entity_links l ON l.entity_id = e.id JOIN mentions m ON m.entity_id = e.id"
            " WHERE e.key LIKE ? GROUP BY COALESCE(l.archive_id, e.id) ORDER BY n DESC LIMIT 500",
            ("%" + canonical_key(name).replace("%", "").replace("_", "") + "%",),
        )
        items = []
        for r in rows:
            rep = int(r["id"])
            head = self._one("SELECT name, type FROM entities WHERE id = ?", (rep,))
            members = [rep] + [
                int(x["entity_id"])
                for x in self._all("SELECT entity_id FROM entity_links WHERE archive_id = ?", (rep,))
            ]
            if head is not None:
                items.append({"id": rep, "name": head[0], "type": head[1], "n_articles": self._count_articles(members)})
        items.sort(key=lambda x: (-x["n_articles"], x["id"]))
        return Page(items[offset : offset + limit], len(items), limit, offset)

    def mention_contexts(
        self, entity_id: int, *, article_ids: Sequence[str] | None = None, limit: int = 2, width: int = 160
    ) -> list[dict[str, Any]]:
        """Where the articles name an entity: article id, title, day, outlet and the text around
        its first mention there (``width`` characters each side); the articles' order is stable."""
        where, params = "m.entity_id = ?", [entity_id]
        if article_ids:
            where += f" AND m.article_id IN ({', '.join('?' * len(article_ids))})"
            params += list(article_ids)
        rows = self._all(
            'SELECT m.article_id, MIN(m."start") AS s FROM mentions m WHERE '
            + where
            + " GROUP BY m.article_id ORDER BY m.article_id LIMIT ?",
            [*params, limit],
        )
        out = []
        for r in rows:
            a = self._one("SELECT title, published, outlet, text FROM articles WHERE id = ?", (r["article_id"],))
            if a is None:
                continue
            s = int(r["s"] or 0)
            snippet = a[3][max(0, s - width) : s + width].replace("\n", " ")
            out.append({"article": r["article_id"], "title": a[0], "published": a[1], "outlet": a[2], "text": snippet})
        return out

    def article_people(self, article_id: str) -> list[dict[str, Any]]:
        """The article's entities with their archive entity and whether the text gives them an office."""
        return self._all(
            "SELECT DISTINCT m.local_id, e.id, e.type, e.name, COALESCE(l.archive_id, e.id) AS archive_id,"
            " (SELECT COUNT(*) FROM entity_facts f WHERE f.article_id = m.article_id AND f.local_id = m.local_id"
            " AND (f.title IS NOT NULL OR f.affiliation IS NOT NULL)) AS n_offices"
            " FROM mentions m JOIN entities e ON e.id = m.entity_id LEFT JOIN entity_links l ON l.entity_id = e.id"
            " WHERE m.article_id = ? ORDER BY m.local_id",
            (article_id,),
        )
