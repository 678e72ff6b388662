"""What Warta makes of raw scraped news: counts of suspicious output (needs ``../shared/data``).

    .venv/bin/python bench/raw_audit.py [--n 150] [--seed 11] [--per-file 300]

Reads the first ``--per-file`` rows of every CLICK-ID raw article dump
(``click-id-raw-articles/csv_converted/*.csv.gz``: text as the scraper left it, paragraphs
joined by commas, hyperlinked words gone), shuffles them with ``--seed``, runs ``warta.extract``
on ``--n`` of them (publication date from the URL when it has one) and counts what a reader
would flag: quotations without a speaker, speakers that are an organisation or place entity,
speakers that match no person entity, entity names in lower case, quantities with neither a unit
nor a counted thing ("bare": scores, clock parts and code names end up there when misread), and
time expressions left unresolved. Not a score: a way to compare two versions on the same sample.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
from collections import Counter
from pathlib import Path

import warta


def rows(folder: Path, per_file: int) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    out = []
    for f in sorted(folder.glob("*.csv.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                if i >= per_file:
                    break
                if (row.get("content") or "").strip():
                    out.append(row)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-file", type=int, default=300)
    args = ap.parse_args()
    folder = args.data / "click-id-raw-articles" / "csv_converted"
    if not folder.is_dir():
        raise SystemExit(f"error: CLICK-ID raw articles not found in {folder} (see ../shared/data)")
    sample = rows(folder, args.per_file)
    random.Random(args.seed).shuffle(sample)
    c: Counter[str] = Counter()
    for row in sample[: args.n]:
        m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", row.get("url", ""))
        a = warta.extract(row["content"], published="-".join(m.groups()) if m else None)
        c["articles"] += 1
        c["paragraphs"] += len(a.paragraphs)
        persons = {e.name for e in a.entities if e.type == "PER"}
        others = {e.name for e in a.entities if e.type != "PER"}
        c["entities"] += len(a.entities)
        c["entities in lower case"] += sum(
            1 for e in a.entities if not e.name[:1].isupper() and not e.name[:1].isdigit()
        )
        for q in a.quotes:
            c["quotations"] += 1
            if q.speaker is None:
                c["quotations without a speaker"] += 1
            elif q.speaker.name in others and q.speaker.name not in persons:
                c["speakers that are an ORG/LOC entity"] += 1
            elif not any(q.speaker.name in p or p in q.speaker.name for p in persons):
                c["speakers matching no person entity"] += 1
        c["quantities"] += len(a.quantities)
        c["bare quantities"] += sum(1 for q in a.quantities if q.unit is None and q.object is None)
        c["time expressions"] += len(a.times)
        c["times unresolved"] += sum(1 for t in a.times if t.value is None)
    for key, n in c.items():
        print(f"{key:40s} {n:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
