"""Inter-annotator agreement on the double-annotated gold articles.

    python bench/gold/agreement.py [--a bench/gold/passes/a] [--b bench/gold/passes/b] [--data ../shared/data]
    python bench/gold/agreement.py --gold-dir training/ner/click --a training/ner/click/passes/a \
        --b training/ner/click/passes/b      # the NER training articles (entity layers only)

Scores the second pass (b) against the first (a) with the same code that scores Warta
(``warta.evaluate.article_scoring``): entity F1 is exact span + type, title F1 compares the titles
of persons paired across the passes, and speaker agreement is the share of quotations found by
both passes whose speakers agree. Prints the table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from warta.evaluate.article_scoring import PRF_KEYS, Tally, from_standoff, score  # noqa: E402
from warta.evaluate.gold_corpus import article_text, read_manifest  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--a", type=Path, default=HERE / "passes" / "a")
    ap.add_argument("--b", type=Path, default=HERE / "passes" / "b")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--errors", action="store_true", help="list the disagreements")
    ap.add_argument("--gold-dir", type=Path, default=HERE, help="the corpus whose manifest names the articles")
    args = ap.parse_args()
    index = {r["id"]: r for r in read_manifest(args.gold_dir)}
    tally = Tally()
    ids = sorted(p.stem for p in args.a.glob("*.json") if (args.b / p.name).exists())
    for doc_id in ids:
        rec = index[doc_id]
        text = article_text(args.data, rec["outlet"], rec["row"], rec["sha256"])
        a = from_standoff(json.loads((args.a / f"{doc_id}.json").read_text(encoding="utf-8")), text)
        b = from_standoff(json.loads((args.b / f"{doc_id}.json").read_text(encoding="utf-8")), text)
        score(doc_id, a, b, tally)
    figs = tally.figures()
    print(f"double-annotated articles: {len(ids)}")
    for key in PRF_KEYS:
        f = figs[key]
        print(f"{key:26} F1 {f['f1']:.3f}  (P {f['p']:.3f} R {f['r']:.3f}, first pass n={f['n_gold']:.0f})")
    s = figs["speakers"]
    print(f"speaker agreement: {s['accuracy']:.3f} over {s['matched']} quotations found by both passes")
    if args.errors:
        for cat, items in sorted(tally.errors.items(), key=lambda kv: -len(kv[1])):
            print(f"\n## {cat} ({len(items)})")
            for item in items:
                print(f"  {item}")
    summary = {
        "articles": len(ids),
        "entity_f1": figs["entity_mentions"]["f1"],
        "entities_f1": figs["entities"]["f1"],
        "title_f1": figs["titles"]["f1"],
        "affiliation_f1": figs["affiliations"]["f1"],
        "speaker_agreement": s["accuracy"],
        "quotes_direct_f1": figs["quotes_direct_overlap"]["f1"],
        "quotes_indirect_f1": figs["quotes_indirect_overlap"]["f1"],
        "time_values_f1": figs["time_values"]["f1"],
        "sources_f1": figs["sources"]["f1"],
        "boilerplate_f1": figs["boilerplate"]["f1"],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
