"""Stories in the archive (``stories``, ``story_articles``; the grouping is :mod:`warta.stories`):
what the grouping reads, how it saves, and the story pages' queries. Mixed into the SQL stores;
the SQL of stories lives here."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from warta.store.access import SqlAccess
from warta.store.base import Page
from warta.store.copies import NOT_A_COPY

STORY_COLUMNS = "s.id, s.title, s.first_day, s.last_day, s.n_articles, s.n_outlets"


class StoryQueries(SqlAccess):
    """Requires ``_all``, ``_one``, ``_exec``, ``_insert_many``, ``_tx`` and ``also_in`` of the SQL store."""

    # ---- what the grouping reads ---------------------------------------------------------
    def story_inputs(self, *, lead_chars: int = 600) -> list[dict[str, Any]]:
        """Every article: id, published, title, the start of its text, outlet, its copy group's
        original (None for an original) and its story (None when it has none yet)."""
        return self._all(
            f"SELECT a.id, a.published, a.title, SUBSTR(a.text, 1, {int(lead_chars)}) AS lead, a.outlet,"
            " c.original_id, sa.story_id FROM articles a LEFT JOIN copies c ON c.article_id = a.id"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.published, a.id"
        )

    def story_entities(self) -> list[dict[str, Any]]:
        """(article_id, entity_id) for every merged person, organisation and place an article mentions."""
        return self._all(
            "SELECT DISTINCT m.article_id, m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE e.type IN ('PER', 'ORG', 'LOC')"
        )

    # ---- saving --------------------------------------------------------------------------
    def save_stories(self, assigned: list[tuple[str, int | str, float]], *, rebuild: bool = False) -> int:
        """Store the stories of newly grouped articles: (article id, story, score), where the story
        is a stored story's id (int) or a new story's key (str; one story per distinct key). The
        stories touched get their title, days and counts again. Returns the number of new stories."""
        with self._tx():
            if rebuild:
                self._exec("DELETE FROM story_articles")
                self._exec("DELETE FROM stories")
            new: dict[str, int] = {}
            rows = []
            for aid, story, score in assigned:
                if isinstance(story, str):
                    if story not in new:
                        row = self._one("INSERT INTO stories (n_articles) VALUES (0) RETURNING id")
                        assert row is not None
                        new[story] = int(row[0])
                    story = new[story]
                rows.append({"article_id": aid, "story_id": story, "score": score})
            self._insert_many("story_articles", rows)
            for sid in sorted({r["story_id"] for r in rows}):
                self._refresh_story(int(sid))
        return len(new)

    def _refresh_story(self, sid: int) -> None:
        arts = self._all(
            "SELECT a.id, a.title, a.outlet, a.published FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            [sid],
        )
        days = [str(a["published"])[:10] for a in arts if a["published"]]
        self._exec(
            "UPDATE stories SET title = ?, first_day = ?, last_day = ?, n_articles = ?, n_outlets = ?, updated_at = ?"
            " WHERE id = ?",
            [
                next((a["title"] for a in arts if a["title"]), None),
                min(days) if days else None,
                max(days) if days else None,
                len(arts),
                len({a["outlet"] for a in arts if a["outlet"]}),
                datetime.now(UTC).isoformat(timespec="seconds"),
                sid,
            ],
        )

    def _unlink_story(self, aid: str) -> None:
        """Before an article is deleted: its story loses it."""
        sid = self.article_story(aid)
        if sid is not None:
            self._exec("DELETE FROM story_articles WHERE article_id = ?", [aid])
            self._refresh_story(sid)

    # ---- reading -------------------------------------------------------------------------
    def stories(self, *, min_articles: int = 2, limit: int = 20, offset: int = 0) -> Page:
        """Stories of at least ``min_articles`` articles, the latest first."""
        total = self._one("SELECT COUNT(*) FROM stories WHERE n_articles >= ?", [min_articles])
        rows = self._all(
            f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.n_articles >= ?"
            " ORDER BY s.last_day IS NULL, s.last_day DESC, s.n_articles DESC, s.id LIMIT ? OFFSET ?",
            [min_articles, limit, offset],
        )
        return Page(rows, int(total[0]) if total else 0, limit, offset)

    def article_story(self, article_id: str) -> int | None:
        row = self._one("SELECT story_id FROM story_articles WHERE article_id = ?", [article_id])
        return int(row[0]) if row else None

    def story(self, story_id: int, *, max_quotes: int = 200) -> dict[str, Any] | None:
        """One story: its row, ``articles`` (the timeline: oldest first, copies marked with their
        original), ``outlets`` (outlet, n_articles), ``people`` (persons by the number of the
        story's articles that mention them) and ``quotes`` (in order, each once across copies)."""
        rows = self._all(f"SELECT {STORY_COLUMNS} FROM stories s WHERE s.id = ?", [story_id])
        if not rows:
            return None
        where = "a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        articles = self._all(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, a.n_quotes, c.original_id AS copy_of FROM articles a"
            f" LEFT JOIN copies c ON c.article_id = a.id WHERE {where}"
            " ORDER BY a.published IS NULL, a.published, a.id",
            [story_id],
        )
        outlets = self._all(
            f"SELECT a.outlet AS outlet, COUNT(*) AS n_articles FROM articles a WHERE {where} AND a.outlet IS NOT NULL"
            " GROUP BY a.outlet ORDER BY n_articles DESC, outlet",
            [story_id],
        )
        people = self._all(
            "SELECT e.id AS id, e.name AS name, COUNT(DISTINCT m.article_id) AS n_articles"
            " FROM mentions m JOIN entities e ON e.id = m.entity_id"
            " WHERE e.type = 'PER' AND m.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
            " GROUP BY e.id, e.name ORDER BY n_articles DESC, e.name LIMIT 30",
            [story_id],
        )
        quotes = self._all(
            "SELECT q.id, q.article_id, q.idx, q.text, q.kind, q.speaker_name, q.speaker_entity_id, q.speaker_titles,"
            " q.published, a.title, a.outlet FROM quotes q JOIN articles a ON a.id = q.article_id"
            f" WHERE q.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?) AND {NOT_A_COPY}"
            " ORDER BY q.published IS NULL, q.published, q.article_id, q.idx LIMIT ?",
            [story_id, max_quotes],
        )
        also = self.also_in([q["article_id"] for q in quotes])  # type: ignore[attr-defined]
        for q in quotes:
            q["speaker_titles"] = json.loads(q["speaker_titles"] or "[]")
            q["also_in"] = also.get(q["article_id"], [])
        return dict(rows[0], articles=articles, outlets=outlets, people=people, quotes=quotes)
