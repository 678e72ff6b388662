"""Stories: the articles about one event, across outlets and days.

Each article is a sparse vector of its words (the title counted twice, then the start of the body)
and of the merged entities it mentions (persons, organisations, places), weighted by how rare they
are in the archive (tf-idf; words in more than :data:`MAX_DF` of the articles are dropped) and
normalised. Articles are taken in publication order; an article joins the story whose articles
published within :data:`WINDOW_DAYS` days of it are the closest on average (cosine), when that
average reaches :data:`THRESHOLD`, and starts a story otherwise. A near-duplicate copy joins its
original's story. Grouping is incremental: stored assignments stay, and only articles without a
story are placed (``rebuild`` starts over). Measured with B-cubed F1 on the stories labelled by
reading in ``bench/stories/`` (``python bench/stories.py``). Nothing here is language-specific.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

WINDOW_DAYS = 3
THRESHOLD = 0.15  # dev half of bench/stories/gold.jsonl: F1 0.984 (0.10: 1.000, but stories of 80+ articles; see docs/archive.md)
MAX_DF = 0.05  # words in more than this share of the articles carry no story
LEAD_WORDS = 80  # words of the body read after the title
ENTITY_WEIGHT = 1.5  # an entity counts this much more than a word of the same rarity
MAX_MEMBERS = 30  # the most recent articles of a story compared with a new one
MAX_CANDIDATES = 50  # stories compared with one article (those sharing most of its top features)

_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Doc:
    id: str
    day: date | None
    vec: dict[str, float]
    original: str | None = None
    story: int | str | None = None


@dataclass
class Grouping:
    """What :func:`group` decided: (article id, story, score) for the articles it placed, where a
    story is a stored story's id or a new story's key."""

    assigned: list[tuple[str, int | str, float]] = field(default_factory=list)
    new_stories: int = 0


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _features(row: dict[str, Any], entities: list[int]) -> Counter[str]:
    title = _WORD.findall((row.get("title") or "").casefold())
    lead = _WORD.findall((row.get("lead") or "").casefold())[:LEAD_WORDS]
    feats: Counter[str] = Counter(title * 2 + lead)
    for e in entities:
        feats[f"\x00{e}"] += 1
    return feats


def vectors(rows: list[dict[str, Any]], entity_rows: list[dict[str, Any]]) -> list[Doc]:
    """The tf-idf vectors of the articles (rows as ``Store.story_inputs`` gives them)."""
    ents: dict[str, list[int]] = defaultdict(list)
    for r in entity_rows:
        ents[r["article_id"]].append(int(r["entity_id"]))
    feats = [_features(r, ents.get(r["id"], [])) for r in rows]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    n = max(1, len(rows))
    docs = []
    for r, f in zip(rows, feats, strict=True):
        vec = {}
        for k, tf in f.items():
            if df[k] > MAX_DF * n and n >= 200:
                continue
            w = (1 + math.log(tf)) * math.log(n / df[k])
            vec[k] = w * (ENTITY_WEIGHT if k.startswith("\x00") else 1.0)
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        docs.append(
            Doc(
                r["id"],
                _day(r.get("published")),
                {k: w / norm for k, w in vec.items()},
                r.get("original_id"),
                r.get("story_id"),
            )
        )
    return docs


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())


def _near(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= WINDOW_DAYS


def group(docs: list[Doc], *, threshold: float = THRESHOLD) -> Grouping:
    """Place the articles that have no story (in publication order) into stories."""
    members: dict[int | str, list[Doc]] = defaultdict(list)
    index: dict[str, set[int | str]] = defaultdict(set)  # feature -> stories with an article having it
    by_id = {d.id: d for d in docs}

    def add(d: Doc, story: int | str) -> None:
        d.story = story
        members[story].append(d)
        for k in d.vec:
            index[k].add(story)

    for d in docs:
        if d.story is not None:
            add(d, d.story)
    out = Grouping()
    new = 0
    for d in docs:
        if d.story is not None:
            continue
        orig = by_id.get(d.original) if d.original else None
        if orig is not None and orig.story is not None:
            add(d, orig.story)
            out.assigned.append((d.id, orig.story, 1.0))
            continue
        best, best_score = None, 0.0
        for story in _candidates(d, index):
            near = _recent(members[story], d.day)
            if not near:
                continue
            score = sum(cosine(d.vec, m.vec) for m in near) / len(near)
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < threshold:
            new += 1
            best, best_score = f"new{new}", 1.0
        add(d, best)
        out.assigned.append((d.id, best, round(best_score, 4)))
    out.new_stories = new
    return out


def _recent(docs: list[Doc], day: date | None) -> list[Doc]:
    """The story's latest articles within the window of ``day`` (they were added in time order)."""
    out = []
    for m in reversed(docs):
        if _near(m.day, day):
            out.append(m)
            if len(out) >= MAX_MEMBERS:
                break
        elif m.day is not None and day is not None and m.day < day:
            break
    return out


def _candidates(d: Doc, index: dict[str, set[int | str]]) -> list[int | str]:
    seen: Counter[int | str] = Counter()
    for k, _ in sorted(d.vec.items(), key=lambda kv: -kv[1])[:20]:
        for s in index.get(k, ()):
            seen[s] += 1
    return [s for s, _ in seen.most_common(MAX_CANDIDATES)]


def update(store: Any, *, rebuild: bool = False, threshold: float = THRESHOLD) -> dict[str, int]:
    """Group the store's articles that have no story yet (all of them with ``rebuild``)."""
    rows = store.story_inputs()
    if rebuild:
        for r in rows:
            r["story_id"] = None
    docs = vectors(rows, store.story_entities())
    result = group(docs, threshold=threshold)
    created = store.save_stories(result.assigned, rebuild=rebuild)
    return {"articles": len(rows), "placed": len(result.assigned), "new_stories": created}
