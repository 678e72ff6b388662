"""Draw candidate time expressions from CLICK-ID articles for hand-checking (needs ../shared/data).

Writes candidates.jsonl: one sentence per item with the publication date from the article URL,
the expression text and Warta's value at sampling time (to be checked and corrected by hand;
the checked file is time-norm.jsonl). Sentences with a time keyword where Warta found nothing
are drawn too (value left empty, to be filled by hand), so that misses are counted.

    .venv/bin/python bench/data/time-norm/sample.py > /tmp/candidates.jsonl
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
import sys
from datetime import date
from pathlib import Path

from warta.extract.time.grammar import find
from warta.extract.time.published import URL_DATE
from warta.extract.time.times import resolve_span

DATA = Path("../shared/data/click-id-raw-articles/csv_converted")
OUTLETS = [
    "kompas",
    "tempo",
    "okezone",
    "sindonews",
    "tribunnews",
    "pos_metro",
    "kapanlagi",
    "wowkeren",
    "fimela_combined",
]
PER_KIND = {
    "day": 70,
    "deictic": 35,
    "month": 25,
    "year": 20,
    "unit_rel": 20,
    "count_rel": 15,
    "period_part": 15,
    "clock": 10,
    "day_range": 8,
    "year_range": 5,
    "cross_range": 3,
    "month_range": 3,
    "quarter": 3,
    "decade": 3,
    "century": 2,
}
KEYWORD = re.compile(
    r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|kemarin|lusa|besok|pekan|bulan|lalu|depan|pukul)\b"
)
SPLIT = re.compile(r"(?<=[.!?\"”])\s*,?(?=\s*[A-Z\"“])")


def articles():
    csv.field_size_limit(10**9)
    for name in OUTLETS:
        path = DATA / f"{name}.csv.gz"
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                m = URL_DATE.search(row.get("url") or "")
                if m and row.get("content"):
                    yield name, row["url"], date(int(m[1]), int(m[2]), int(m[3])), row["content"]


def main() -> None:
    rng = random.Random(20261129)
    pools: dict[str, list[dict]] = {}
    misses: list[dict] = []
    for outlet, url, pub, content in articles():
        if rng.random() > 0.15:
            continue
        for sent in SPLIT.split(content):
            sent = sent.strip(" ,")
            if not (20 <= len(sent) <= 400):
                continue
            found = find(sent)
            res = resolve_span(sent, 0, len(sent), pub, 1.0)
            for f, t in zip(found, res, strict=True):
                pools.setdefault(f.kind, []).append(
                    {
                        "outlet": outlet,
                        "url": url,
                        "published": pub.isoformat(),
                        "sentence": sent,
                        "text": t.text,
                        "value": t.value,
                        "kind": f.kind,
                    }
                )
            for k in KEYWORD.finditer(sent):
                if not any(f.start <= k.start() < f.end for f in found):
                    misses.append(
                        {
                            "outlet": outlet,
                            "url": url,
                            "published": pub.isoformat(),
                            "sentence": sent,
                            "text": k.group(0),
                            "value": None,
                            "kind": "keyword-miss",
                        }
                    )
    out = []
    for kind, n in PER_KIND.items():
        pool = pools.get(kind, [])
        rng.shuffle(pool)
        out.extend(pool[:n])
    rng.shuffle(misses)
    out.extend(misses[:40])
    for item in out:
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
