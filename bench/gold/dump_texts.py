"""Write the gold articles' raw texts for annotators, outside the repository.

    python bench/gold/dump_texts.py [--data ../shared/data] [--out ../gold-work/texts]

One ``<id>.txt`` per article (the raw ``content`` field, unchanged) and ``<id>.meta.json`` with
the URL and the reference date times resolve against. The texts are the publishers' copyright:
never commit them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from warta.evaluate.gold_corpus import article_text, read_manifest  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("../gold-work/texts"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    gold = Path(__file__).resolve().parent
    n = 0
    for rec in read_manifest(gold):
        text = article_text(args.data, rec["outlet"], rec["row"], rec["sha256"])
        (args.out / f"{rec['id']}.txt").write_text(text, encoding="utf-8")
        meta = {k: rec[k] for k in ("id", "outlet", "url", "published")}
        (args.out / f"{rec['id']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
        n += 1
    print(f"{n} texts -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
