"""Near-duplicate copies in the archive (``signatures``, ``lsh_bands``, ``copies``; the method is
:mod:`warta.dedup`). Mixed into the SQL stores; the SQL of copies lives here.

Every stored article gets its MinHash signature and band hashes in the same transaction as the
article (:meth:`CopyQueries._link_copies`, called by ``add``), so detection is incremental: a new
article is compared with the stored articles sharing a band hash, and a confirmed copy is linked
to the earliest article of its group (``copies.original_id``; published date, then ingest time).
An original has no ``copies`` row. When a new article is earlier than a group's original, or
joins two groups, the whole group is linked to the earliest. Quotations of copies are left out
of the speaker queries (``NOT_A_COPY``) when an earlier article of their group has the same
quotation (``quote_copies``), so a syndicated quotation counts once and what a copy adds still counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from warta import dedup
from warta.store.access import SqlAccess, marks

# the condition, on quotes aliased q, that leaves out the quotations an earlier copy already has
NOT_A_COPY = "NOT EXISTS (SELECT 1 FROM quote_copies qc WHERE qc.quote_id = q.id)"
MAX_CANDIDATES = 100  # most band-sharing articles compared with one new article


class CopyQueries(SqlAccess):
    """Requires ``_all``, ``_one``, ``_exec``, ``_insert_many`` and ``_tx`` of the SQL store."""

    # ---- writing (inside the caller's transaction) -----------------------------------------
    def _link_copies(self, aid: str, text: str, published: str | None, ingested_at: str | None) -> None:
        """Store the article's signature and link it with the stored copies of its text."""
        sig = dedup.signature(dedup.shingles(text))
        self._insert_many("signatures", [{"article_id": aid, "n_shingles": sig.n_shingles, "sig": sig.encode()}])
        if not sig.usable:
            return
        bands = sig.bands()
        self._insert_many("lsh_bands", [{"key": k, "article_id": aid} for k in bands])
        cands = self._all(
            f"SELECT article_id, COUNT(*) AS n FROM lsh_bands WHERE key IN ({marks(bands)}) AND article_id <> ?"
            " GROUP BY article_id ORDER BY n DESC, article_id LIMIT ?",
            [*bands, aid, MAX_CANDIDATES],
        )
        if not cands:
            return
        ids = [r["article_id"] for r in cands]
        found = self._all(
            "SELECT a.id, a.text, c.original_id FROM articles a LEFT JOIN copies c ON c.article_id = a.id"
            f" WHERE a.id IN ({marks(ids)})",
            ids,
        )
        own = dedup.sentences(text)
        bridge: dict[str, float] = {}  # the group's original -> best similarity of this article to the group
        for r in found:
            sim = dedup.similarity(own, dedup.sentences(r["text"] or ""))
            if sim >= dedup.THRESHOLD:
                root = r["original_id"] or r["id"]
                bridge[root] = max(sim, bridge.get(root, 0.0))
        if bridge:
            self._join_groups(aid, published, ingested_at, bridge)

    def _join_groups(self, aid: str, published: str | None, ingested_at: str | None, bridge: dict[str, float]) -> None:
        roots = sorted(bridge)
        keys = {aid: dedup.order_key(published, ingested_at, aid)}
        for r in self._all(f"SELECT id, published, ingested_at FROM articles WHERE id IN ({marks(roots)})", roots):
            keys[r["id"]] = dedup.order_key(r["published"], r["ingested_at"], r["id"])
        first = min(keys, key=lambda k: keys[k])
        old = [r for r in roots if r != first]
        moved = [aid] if aid != first else []
        if old:
            moved += old + [
                r["article_id"]
                for r in self._all(f"SELECT article_id FROM copies WHERE original_id IN ({marks(old)})", old)
            ]
            self._exec(f"DELETE FROM copies WHERE original_id IN ({marks(old)})", old)
        self._link_to(first, moved)
        self._mark_quote_copies(first)

    def _link_to(self, first: str, members: list[str]) -> None:
        """Link ``members`` to the original ``first``, each with its similarity to it (the same
        whatever order the articles came in)."""
        if not members:
            return
        ids = [first, *members]
        texts = {
            r["id"]: r["text"] or ""
            for r in self._all(f"SELECT id, text FROM articles WHERE id IN ({marks(ids)})", ids)
        }
        own = dedup.sentences(texts.get(first, ""))
        rows = [
            {
                "article_id": m,
                "original_id": first,
                "similarity": dedup.similarity(dedup.sentences(texts.get(m, "")), own),
            }
            for m in members
        ]
        self._insert_many("copies", rows)

    def _mark_quote_copies(self, root: str, exclude: str | None = None) -> None:
        """Mark again which quotations of the group of ``root`` repeat one of an earlier article of
        the group (``quote_copies``): those are left out of the counts (``NOT_A_COPY``)."""
        members = [root] + [
            r["article_id"] for r in self._all("SELECT article_id FROM copies WHERE original_id = ?", [root])
        ]
        members = [m for m in members if m != exclude]
        held = marks(members)
        self._exec(
            f"DELETE FROM quote_copies WHERE quote_id IN (SELECT id FROM quotes WHERE article_id IN ({held}))", members
        )
        if len(members) < 2:
            return
        order = {
            r["id"]: dedup.order_key(r["published"], r["ingested_at"], r["id"])
            for r in self._all(f"SELECT id, published, ingested_at FROM articles WHERE id IN ({held})", members)
        }
        quotes = self._all(f"SELECT id, article_id, idx, text FROM quotes WHERE article_id IN ({held})", members)
        quotes.sort(key=lambda q: (order.get(q["article_id"], ("~",)), q["idx"] or 0))
        seen: list[tuple[str, frozenset[str], int]] = []  # article, words, quote id
        rows = []
        for q in quotes:
            words = dedup.quote_words(q["text"] or "")
            earlier = next((qid for art, w, qid in seen if art != q["article_id"] and dedup.same_quote(words, w)), None)
            if earlier is not None:
                rows.append({"quote_id": q["id"], "original_quote_id": earlier})
            else:
                seen.append((q["article_id"], words, q["id"]))
        self._insert_many("quote_copies", rows)

    def _unlink_copies(self, aid: str) -> None:
        """Before an article is deleted: its group loses it (its copies are linked to the earliest of
        them when it was the original), and the group's quotations are marked again without it."""
        row = self._one("SELECT original_id FROM copies WHERE article_id = ?", [aid])
        root = row[0] if row else aid
        for table in ("signatures", "lsh_bands", "copies"):
            self._exec(f"DELETE FROM {table} WHERE article_id = ?", [aid])
        if root == aid:
            rest = self._all(
                "SELECT a.id, a.published, a.ingested_at FROM copies c JOIN articles a ON a.id = c.article_id"
                " WHERE c.original_id = ?",
                [aid],
            )
            if not rest:
                self._exec(
                    "DELETE FROM quote_copies WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?)", [aid]
                )
                return
            root = min(rest, key=lambda r: dedup.order_key(r["published"], r["ingested_at"], r["id"]))["id"]
            self._exec("DELETE FROM copies WHERE original_id = ?", [aid])
            self._link_to(root, [r["id"] for r in rest if r["id"] != root])
        self._exec("DELETE FROM quote_copies WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?)", [aid])
        self._mark_quote_copies(root, exclude=aid)

    # ---- backfill --------------------------------------------------------------------------
    def link_all_copies(
        self, *, rebuild: bool = False, batch: int = 500, on_progress: Callable[[int, int], None] | None = None
    ) -> dict[str, int]:
        """Sign and link the stored articles that have no signature yet (all of them with
        ``rebuild``), earliest first, ``batch`` articles per transaction. Returns counts."""
        with self._tx():
            if rebuild:
                for table in ("signatures", "lsh_bands", "copies", "quote_copies"):
                    self._exec(f"DELETE FROM {table}")
        todo = [
            r["id"]
            for r in self._all(
                "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.article_id = a.id)"
                " ORDER BY a.published IS NULL, a.published, a.ingested_at, a.id"
            )
        ]
        for i in range(0, len(todo), batch):
            chunk = todo[i : i + batch]
            with self._tx():
                for r in self._all(
                    f"SELECT id, text, published, ingested_at FROM articles WHERE id IN ({marks(chunk)})", chunk
                ):
                    self._link_copies(r["id"], r["text"] or "", r["published"], r["ingested_at"])
            if on_progress:
                on_progress(min(i + batch, len(todo)), len(todo))
        return dict(self.copy_counts(), signed=len(todo))

    # ---- reading ---------------------------------------------------------------------------
    def copy_counts(self) -> dict[str, int]:
        """articles, copies (articles linked to an earlier one), groups (originals with copies)."""
        row = self._one(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM copies),"
            " (SELECT COUNT(DISTINCT original_id) FROM copies)"
        )
        n, copies, groups = (int(x or 0) for x in (row or (0, 0, 0)))
        return {"articles": n, "copies": copies, "groups": groups, "unique": n - copies}

    def copy_group(self, article_id: str) -> dict[str, Any] | None:
        """The article's copy group: ``original`` (the earliest article's id) and ``articles``
        (id, title, outlet, url, published, similarity to the group; the original first), or
        None when the article has no copy."""
        row = self._one("SELECT original_id FROM copies WHERE article_id = ?", [article_id])
        original = row[0] if row else article_id
        members = self._all(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, c.similarity FROM articles a"
            " LEFT JOIN copies c ON c.article_id = a.id WHERE a.id = ? OR c.original_id = ?"
            " ORDER BY c.similarity IS NOT NULL, a.published IS NULL, a.published, a.ingested_at, a.id",
            [original, original],
        )
        if len(members) < 2:
            return None
        return {"original": original, "articles": members}

    def largest_copy_groups(self, *, limit: int = 10) -> list[dict[str, Any]]:
        """The copy groups with most articles, as :meth:`copy_group` gives them."""
        found = self._all(
            "SELECT original_id, COUNT(*) AS n FROM copies GROUP BY original_id ORDER BY n DESC, original_id LIMIT ?",
            [limit],
        )
        return [g for r in found if (g := self.copy_group(r["original_id"])) is not None]

    def also_in(self, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """For each article, the outlets of the other articles of its copy group (distinct, sorted)."""
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        root = {aid: aid for aid in ids}
        for r in self._all(f"SELECT article_id, original_id FROM copies WHERE article_id IN ({marks(ids)})", ids):
            root[r["article_id"]] = r["original_id"]
        roots = sorted(set(root.values()))
        groups: dict[str, list[tuple[str, str | None]]] = {}
        for r in self._all(
            "SELECT c.original_id AS root, a.id, a.outlet FROM copies c JOIN articles a ON a.id = c.article_id"
            f" WHERE c.original_id IN ({marks(roots)})"
            f" UNION ALL SELECT a.id AS root, a.id, a.outlet FROM articles a WHERE a.id IN ({marks(roots)})"
            " AND EXISTS (SELECT 1 FROM copies c WHERE c.original_id = a.id)",
            [*roots, *roots],
        ):
            groups.setdefault(r["root"], []).append((r["id"], r["outlet"]))
        out = {}
        for aid, r in root.items():
            outlets = sorted({str(o) for i, o in groups.get(r, []) if i != aid and o})
            if outlets:
                out[aid] = outlets
        return out
