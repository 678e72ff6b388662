"""Mine common lower-case words from the raw news text, for ``src/warta/lang/id/common_words.txt``.

A word is common when the raw news (CLICK-ID, IndoSum; tokenized by
``warta.training.ner.raw_sentences``) writes it in lower case at least ``MIN_LOWER`` times and
at least ``RATIO`` times as often as capitalised inside a sentence (so "hidup", "energi",
"terbaik" are common words; "Surya", "Hasto" are names). The entities stage stops a name it reads
after a title at such a word ("Menteri Lingkungan Hidup" has no name in it).

    python training/ner/mine_common_words.py --raw /tmp/ner-raw.txt > src/warta/lang/id/common_words.txt
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

MIN_LOWER = 30
RATIO = 2.0
SENTENCE_END = {".", "!", "?", '"', "\u201c", "\u201d", ":"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, required=True)
    args = ap.parse_args()
    lower: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    with args.raw.open(encoding="utf-8") as fh:
        for line in fh:
            w = line.split()
            for i, tok in enumerate(w):
                if not tok.isalpha() or len(tok) < 3:
                    continue
                if tok.islower():
                    lower[tok] += 1
                elif tok[:1].isupper() and tok[1:].islower() and i and w[i - 1] not in SENTENCE_END:
                    cap[tok.lower()] += 1
    print("# Common lower-case words mined from the raw news text by training/ner/mine_common_words.py:")
    print(f"# written in lower case >= {MIN_LOWER} times and >= {RATIO:g}x as often as capitalised")
    print("# inside a sentence. After each word: lower-case count / capitalised count.")
    for tok in sorted(lower):
        n = lower[tok]
        if n >= MIN_LOWER and n >= RATIO * cap[tok]:
            print(f"{tok}  # {n}/{cap[tok]}")


if __name__ == "__main__":
    main()
