"""Train floret (hashed subword) word vectors on the raw news text, for spaCy's static vectors.

floret keeps the table small (a fixed number of hashed rows, here 50k x 100 = 20 MB) and gives
every token a vector, including names never seen in the raw text, from its character n-grams.

    python training/ner/vectors.py --text /tmp/ner-raw.txt --out /tmp/ner-vectors.floret
"""

from __future__ import annotations

import argparse
from pathlib import Path

import floret

PARAMS = {
    "model": "cbow",
    "mode": "floret",
    "hashCount": 2,
    "bucket": 50000,
    "minn": 3,
    "maxn": 5,
    "minCount": 3,
    "dim": 100,
    "epoch": 5,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=1)  # one thread: floret is deterministic only then
    args = ap.parse_args()
    model = floret.train_unsupervised(str(args.text), thread=args.threads, **PARAMS)
    model.save_floret_vectors(str(args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
