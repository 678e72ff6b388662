"""Publication dates on the README's CLICK-ID ingest (issue 20): are the dates in the rows kept,
and where a row has none, is any inferred date far from the corpus's years?

    .venv/bin/python bench/dates.py                 # --per-file rows of each CSV (default 40), spread out
    .venv/bin/python bench/dates.py --per-file 300

Runs ``warta ingest`` twice on the same sample of rows, into fresh SQLite archives:

1. as the README does (``--map text=content,outlet=source,published=date``): every row with a
   date must come out with that date, or with its URL's date where the two disagree (the kept
   field is in ``meta.published_field``): "lost" counts rows with a date stored without one;
2. without the ``date`` column (``--map text=content,outlet=source``), so every date is inferred
   from the URL, the dateline and the text: "outside" counts dates outside the corpus's years
   (those of step 1, one year of slack) by their source, and how far the inferred ones are from
   the row's date.

Needs ../shared/data/click-id-raw-articles. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "click-id-raw-articles" / "csv_converted"
README_MAP = "text=content,outlet=source,published=date"
NO_DATE_MAP = "text=content,outlet=source"


def sample(out_dir: Path, per_file: int) -> int:
    """``per_file`` rows of each CSV, spread evenly over it, written as gzipped CSVs like the originals."""
    csv.field_size_limit(2**31 - 1)
    n = 0
    for src in sorted(DATA.glob("*.csv.gz")):
        with gzip.open(src, "rt", encoding="utf-8-sig", newline="") as fin:
            reader = csv.reader(fin)
            header = next(reader)
            rows = list(reader)
        step = max(1, len(rows) // per_file)
        picked = rows[::step][:per_file]
        with gzip.open(out_dir / src.name, "wt", encoding="utf-8", newline="") as fout:
            writer = csv.writer(fout)
            writer.writerow(header)
            writer.writerows(picked)
        n += len(picked)
    return n


def ingest(inputs: Path, db: Path, mapping: str) -> list[dict[str, object]]:
    """Ingest ``inputs`` into ``db`` with the CLI and read the stored articles back (warta export)."""
    warta = [sys.executable, "-m", "warta.cli"]
    subprocess.run(
        [*warta, "ingest", str(inputs), "--db", str(db), "--map", mapping, "--progress", "none"], check=False
    )
    out = db.parent / (db.stem + "-export")
    subprocess.run(
        [*warta, "export", str(out), "--db", str(db), "--format", "jsonl", "--tables", "articles"], check=True
    )
    rows = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return [json.loads(r["json"]) if isinstance(r.get("json"), str) else r for r in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-file", type=int, default=40, help="rows of each CSV (default 40)")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"bench/dates.py: {DATA} not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="warta-dates-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        n = sample(root / "in", args.per_file)
        given = ingest(root / "in", root / "given.db", README_MAP)
        years = Counter(int(a["published"]["value"][:4]) for a in given if (a.get("published") or {}).get("value"))
        lost = [a.get("url") for a in given if not (a.get("published") or {}).get("value")]
        by_field = sum(1 for a in given if "published_field" not in (a.get("meta") or {}))
        first, last = min(years), max(years)

        row_date = {a["id"]: (a.get("published") or {}).get("value") for a in given}
        inferred = ingest(root / "in", root / "inferred.db", NO_DATE_MAP)
        sources: Counter[str] = Counter()
        outside: Counter[str] = Counter()
        vs_row: Counter[str] = Counter()
        examples = []
        for a in inferred:
            pub = a.get("published") or {}
            src = pub.get("source") or "none"
            src = "url" if src == "input" else src  # with no date column, a record's date is its URL's
            sources[src] += 1
            value = pub.get("value")
            truth = row_date.get(a["id"])
            if src in ("inferred", "dateline") and value and truth:
                gap = abs((date.fromisoformat(value[:10]) - date.fromisoformat(truth[:10])).days)
                vs_row["same day" if gap == 0 else "within 7 days" if gap <= 7 else "further"] += 1
            if value and not first - 1 <= int(value[:4]) <= last + 1:
                outside[src] += 1
                examples.append((value, src, a.get("url")))
    print(
        json.dumps(
            {
                "rows_sampled": n,
                "with_row_date": {
                    "stored": len(given),
                    "dated": len(given) - len(lost),
                    "lost": len(lost),
                    "date_from_the_field": by_field,
                    "date_from_the_url_where_they_disagree": len(given) - by_field,
                    "years": dict(sorted(years.items())),
                    "lost_examples": lost[:5],
                },
                "without_row_date": {
                    "stored": len(inferred),
                    "by_source": dict(sources.most_common()),
                    "outside_corpus_years": dict(outside),
                    "inferred_vs_row_date": dict(vs_row),
                    "outside_examples": examples[:5],
                },
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
