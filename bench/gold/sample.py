"""Draw the gold-standard sample from CLICK-ID raw articles and fix its splits.

    python bench/gold/sample.py [--data ../shared/data] [--out bench/gold/articles.jsonl]

Stratified random draw (seed 2026): 40 articles from each news outlet (kompas, tempo, sindonews,
okezone, tribunnews, pos_metro) and 20 from each lifestyle/entertainment outlet (kapanlagi,
wowkeren, fimela): 300 in all. Eligible: the raw ``content`` field between 400 and 5,000
characters (short stubs and very long pieces left out so one article is annotated in one sitting),
its text not already drawn. Each outlet's draw is split train/dev/test 50/25/25, fixed here before
any system work. 30 articles of dev+test (stratified by outlet, same seed) are marked for the
second, independent annotation pass that measures agreement.

The manifest holds no article text: outlet file, row (0-based data row of the CSV), the SHA-256 of
the content, the URL and the reference date (``published``) the annotators resolve times against.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from warta.evaluate.gold_corpus import click_rows, manifest_record, text_hash  # noqa: E402

NEWS = {"kompas": 40, "tempo": 40, "sindonews": 40, "okezone": 40, "tribunnews": 40, "pos_metro": 40}
OTHER = {"kapanlagi": 20, "wowkeren": 20, "fimela_combined": 20}
SEED = 2026


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="bench/gold/articles.jsonl")
    args = ap.parse_args()
    rng = random.Random(SEED)
    records = []
    for outlet, n in {**NEWS, **OTHER}.items():
        rows = list(click_rows(Path(args.data), outlet))
        seen: set[str] = set()
        eligible = []
        for i, row in enumerate(rows):
            content = row.get("content") or ""
            h = text_hash(content)
            if 400 <= len(content) <= 5000 and h not in seen:
                seen.add(h)
                eligible.append((i, row, h))
        picked = rng.sample(eligible, n)
        picked.sort(key=lambda t: t[0])
        order = list(range(n))
        rng.shuffle(order)
        splits = ["train"] * (n // 2) + ["dev"] * (n // 4) + ["test"] * (n - n // 2 - n // 4)
        for slot, (i, row, h) in enumerate(picked):
            split = splits[order[slot]]
            records.append({**manifest_record(outlet, i, row, h, split), "second_pass": False})
    heldout = [r for r in records if r["split"] in ("dev", "test")]
    by_outlet: dict[str, list[dict]] = {}
    for r in heldout:
        by_outlet.setdefault(r["outlet"], []).append(r)
    chosen: list[dict] = []
    outlets = sorted(by_outlet)
    while len(chosen) < 30:
        for o in outlets:
            pool = [r for r in by_outlet[o] if not r["second_pass"]]
            if pool and len(chosen) < 30:
                pick = rng.choice(pool)
                pick["second_pass"] = True
                chosen.append(pick)
    Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    counts: dict[str, int] = {}
    for r in records:
        counts[r["split"]] = counts.get(r["split"], 0) + 1
    print(f"{len(records)} articles -> {args.out}: {counts}; second pass {len(chosen)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
