"""Draw the in-domain NER training articles (CLICK-ID) that are not in the gold standard.

    python training/ner/click/sample.py [--data ../shared/data] [--n-news 16] [--n-other 8]
                                        [--texts ../gold-work/click-train/texts] [--batch 1]

Batch 1 (120 articles: --n-news 16 --n-other 8) and batch 2 (240: --n-news 32 --n-other 16,
--batch 2) were drawn; a later batch leaves out every article of the earlier ones and is appended.

Issue 16: the gold standard's train part (150 articles) is in-domain NER training data; this
corpus grows it. Same eligibility as the gold sample (raw ``content`` 400-5,000 characters, text
not drawn before), another seed (2027), and every article already in ``bench/gold`` (any split)
left out by hash, so nothing here can leak into the gold dev or test parts. The articles are
annotated by reading, with the gold guidelines, for the entity layers only (entities with titles,
affiliations and geo, ``not_entities``, boilerplate): ``"layers"`` in the manifest says so, and
nothing evaluates quotations or times on them.

Writes ``training/ner/click/articles.jsonl`` (no text) and, outside the repository, the texts
for the annotators (the publishers' copyright: never commit them).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))

from warta.evaluate.gold_corpus import click_rows, manifest_record, read_manifest, text_hash  # noqa: E402

NEWS = ("kompas", "tempo", "sindonews", "okezone", "tribunnews", "pos_metro")
OTHER = ("kapanlagi", "wowkeren", "fimela_combined")
SEED = 2027  # batch 1; batch k uses SEED + k - 1
LAYERS = ["entities", "boilerplate"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--n-news", type=int, default=16)
    ap.add_argument("--n-other", type=int, default=8)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "articles.jsonl")
    ap.add_argument("--texts", type=Path, default=Path("../gold-work/click-train/texts"))
    ap.add_argument("--batch", type=int, default=1)
    args = ap.parse_args()
    gold_hashes = {r["sha256"] for r in read_manifest(ROOT / "bench" / "gold")}
    earlier = read_manifest(args.out.parent) if args.batch > 1 and args.out.exists() else []
    gold_hashes |= {r["sha256"] for r in earlier}
    rng = random.Random(SEED + args.batch - 1)
    records = []
    texts = {}
    for outlet in NEWS + OTHER:
        n = args.n_news if outlet in NEWS else args.n_other
        seen = set(gold_hashes)
        eligible = []
        for i, row in enumerate(click_rows(args.data, outlet)):
            content = row.get("content") or ""
            h = text_hash(content)
            if 400 <= len(content) <= 5000 and h not in seen:
                seen.add(h)
                eligible.append((i, row, h))
        for i, row, h in sorted(rng.sample(eligible, n), key=lambda t: t[0]):
            rec = {**manifest_record(outlet, i, row, h, "train"), "layers": LAYERS, "batch": args.batch}
            records.append(rec)
            texts[rec["id"]] = row["content"]
    every = [*earlier, *records]
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in every), encoding="utf-8")
    args.texts.mkdir(parents=True, exist_ok=True)
    for r in records:
        (args.texts / f"{r['id']}.txt").write_text(texts[r["id"]], encoding="utf-8")
        meta = {k: r[k] for k in ("id", "outlet", "url", "published")}
        (args.texts / f"{r['id']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(records)} articles -> {args.out}; texts -> {args.texts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
