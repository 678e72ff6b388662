"""Write the raw news text used to train word vectors: one tokenized sentence per line.

Sources (offline, in ``../shared/data``): CLICK-ID raw articles (``csv_converted/*.csv.gz``,
column ``content``) and IndoSum (``*.jsonl``, already tokenized paragraphs). Tokenization is
Warta's own runtime tokenizer (``warta.nlp.segment.tokenize``), so vector keys match the tokens
the NER model sees at run time.

    python training/ner/raw_text.py --data ../shared/data --out /tmp/ner-raw.txt
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from warta.nlp.segment import tokenize


def click_id(data: Path) -> Iterator[str]:
    csv.field_size_limit(sys.maxsize)
    for path in sorted((data / "click-id-raw-articles" / "csv_converted").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                content = (row.get("content") or "").strip()
                if content:
                    # paragraphs were joined with "," upstream; the tokens are what matters here
                    yield " ".join(t.text for t in tokenize(content))


def indosum(data: Path) -> Iterator[str]:
    seen: set[str] = set()
    for path in sorted((data / "indosum").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if doc.get("id") in seen:
                    continue
                seen.add(doc.get("id"))
                for para in doc.get("paragraphs", []):
                    for sent in para:
                        yield " ".join(sent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for line in (*click_id(args.data), *indosum(args.data)):
            out.write(line + "\n")
            n += len(line.split())
    print(f"wrote {n:,} tokens to {args.out}")


if __name__ == "__main__":
    main()
