"""Stories (warta.stories) against the stories of bench/stories/gold.jsonl, scored with B-cubed F1.

    .venv/bin/python bench/stories.py --db click.db            # a SQLite archive of the CLICK-ID CSVs
    .venv/bin/python bench/stories.py --db click.db --sweep    # P/R/F1 on dev for other thresholds

The 53 gold stories (157 articles) were labelled by reading (bench/stories/README.md). The archive
is copied to a temporary file and grouped there from scratch (nothing is written to it); each gold
article is found by URL. B-cubed over the gold articles: for each, precision is the share of the
gold articles in its predicted story that are in its gold story, recall the share of its gold
story in its predicted story; averaged over articles. The threshold is chosen on the dev stories
(even ids) and reported on the test stories (odd ids); the shipped threshold is reported on all.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta import stories  # noqa: E402
from warta.store import open_store  # noqa: E402

GOLD = ROOT / "bench" / "stories" / "gold.jsonl"


def bcubed(gold: dict[str, int], pred: dict[str, int | str]) -> tuple[float, float, float]:
    ps, rs = [], []
    for a, g in gold.items():
        same_pred = [b for b in gold if pred[b] == pred[a]]
        same_gold = [b for b in gold if gold[b] == g]
        ps.append(sum(1 for b in same_pred if gold[b] == g) / len(same_pred))
        rs.append(sum(1 for b in same_gold if pred[b] == pred[a]) / len(same_gold))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a SQLite archive holding the CLICK-ID articles")
    ap.add_argument("--sweep", action="store_true", help="print P/R/F1 on dev for a range of thresholds")
    args = ap.parse_args()
    gold_rows = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "archive.db"
        shutil.copy(args.db, copy)
        with open_store(str(copy), query_seconds=None) as store:
            rows = store.story_inputs()  # type: ignore[attr-defined]
            ents = store.story_entities()  # type: ignore[attr-defined]
            by_url = {}
            for g in gold_rows:
                for u in g["urls"]:
                    found = store.get_article_by_url(u)
                    if found:
                        by_url[u] = found["id"]
    for r in rows:
        r["story_id"] = None
    gold = {by_url[u]: g["story"] for g in gold_rows for u in g["urls"] if u in by_url}
    missing = sum(len(g["urls"]) for g in gold_rows) - len(gold)
    print(f"{len(rows)} articles in the archive; {len(gold)} gold articles found ({missing} not in it)", flush=True)

    start = time.perf_counter()
    base = stories.vectors(rows, ents)
    vec_s = time.perf_counter() - start

    def run(threshold: float) -> dict[str, int | str]:
        start = time.perf_counter()
        docs = [stories.Doc(d.id, d.day, d.vec, d.original, None) for d in base]
        result = stories.group(docs, threshold=threshold)
        run.seconds = vec_s + time.perf_counter() - start  # type: ignore[attr-defined]
        return {aid: s for aid, s, _ in result.assigned}

    def split(pred: dict[str, int | str], which: int | None) -> dict[str, int]:
        return {a: g for a, g in gold.items() if which is None or g % 2 == which}

    grid = [round(0.05 * i, 2) for i in range(2, 10)]
    if args.sweep:
        for t in grid:
            pred = run(t)
            p, r, f = bcubed(split(pred, 0), pred)
            print(f"dev sweep  threshold {t:.2f}  B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}", flush=True)
    chosen = max(grid, key=lambda t: bcubed(split(pred := run(t), 0), pred)[2]) if args.sweep else stories.THRESHOLD
    for name, t in (("chosen on dev" if args.sweep else "shipped", chosen),):
        pred = run(t)
        for label, which in (("dev", 0), ("test", 1), ("all", None)):
            g = split(pred, which)
            p, r, f = bcubed(g, pred)
            n_stories = len(set(g.values()))
            print(
                f"{label:<5} ({name} threshold {t:.2f}): {n_stories} stories, {len(g)} articles:"
                f" B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}"
            )
    print(f"grouping {len(rows)} articles took {run.seconds:.1f} s")  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
