"""Mine one-word place names from the raw news text, for ``src/warta/lang/id/places.txt``.

A capitalised word is a place when the raw news (CLICK-ID, IndoSum; tokenized by
``warta.training.ner.raw_sentences``) often has it right after a locative word ("di Mosul",
"kota Raqqa") and (almost) never after a person cue ("kata Mosul", "Presiden Mosul"). The
entities stage uses the list to correct a one-word PER the model gave a place.

    python training/ner/mine_places.py --raw /tmp/ner-raw.txt > src/warta/lang/id/places.txt
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

LOCATIVE = {
    "di",
    "ke",
    "kota",
    "provinsi",
    "kabupaten",
    "desa",
    "kecamatan",
    "wilayah",
    "kawasan",
    "negara",
    "ibu kota",
}
PERSON = {
    "kata",
    "ujar",
    "ucap",
    "tutur",
    "jelas",
    "ungkap",
    "pak",
    "bu",
    "bapak",
    "ibu",
    "presiden",
    "menteri",
    "sang",
    "oleh",
}
MIN_LOC = 3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, required=True)
    args = ap.parse_args()
    total: Counter[str] = Counter()
    loc: Counter[str] = Counter()
    per: Counter[str] = Counter()
    with args.raw.open(encoding="utf-8") as fh:
        for line in fh:
            w = line.split()
            for i, tok in enumerate(w):
                if not (tok[:1].isupper() and tok[1:].islower() and tok.isalpha() and len(tok) > 2):
                    continue
                total[tok] += 1
                prev = w[i - 1].lower() if i else ""
                if prev in LOCATIVE:
                    loc[tok] += 1
                elif prev in PERSON:
                    per[tok] += 1
    print("# One-word place names mined from the raw news text by training/ner/mine_places.py:")
    print(f"# seen >= {MIN_LOC} times after a locative word (di, ke, kota, ...), in at least a fifth of")
    print("# its uses, and after a person cue (kata, Presiden, ...) at most a tenth as often.")
    print("# After each name: locative count / person count / all uses.")
    for tok in sorted(loc):
        n = loc[tok]
        if n >= MIN_LOC and n / total[tok] >= 0.2 and per[tok] * 10 <= n:
            print(f"{tok}  # {n}/{per[tok]}/{total[tok]}")


if __name__ == "__main__":
    main()
