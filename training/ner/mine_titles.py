"""Mine title/role phrases that stand before person names in the labelled NER corpora.

For each PER span in the train/dev splits (NERGrit, NER-UI fold 01, NER-UGM fold 01), the tokens
directly before it are read backwards up to punctuation, another entity or a clause word; every
suffix of that run (the words next to the name) is counted. The same is done on the raw news text
(CLICK-ID, IndoSum) for runs that end right before a name the labelled data knows as a person.
Phrases seen at least ``--min`` times are printed with their counts for review; the reviewed
list is ``src/warta/lang/id/titles.txt``.

    python training/ner/mine_titles.py --data ../shared/data > /tmp/title-candidates.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from warta.training.ner import CORPORA, load_split, raw_sentences

# words that end a title run when reading backwards (verbs of saying, clause words); the rest of
# the filtering is the count threshold and review
STOP = {
    "kata", "ujar", "ucap", "jelas", "tutur", "ungkap", "terang", "tambah", "lanjut", "menurut", "oleh",
    "dan", "dengan", "dari", "kepada", "bersama", "yaitu", "yakni", "adalah", "sebagai", "bahwa", "karena",
    "saat", "ketika", "seperti", "antara", "untuk", "di", "ke", "pada", "itu", "ini", "yang", "sang", "si",
}  # fmt: skip
MAX_RUN = 5


def runs_before(words: list[str], start: int, blocked: set[int]) -> list[str]:
    run: list[str] = []
    i = start - 1
    while i >= 0 and len(run) < MAX_RUN:
        w = words[i]
        if i in blocked or not any(c.isalpha() for c in w) or w.lower() in STOP:
            break
        run.insert(0, w)
        i -= 1
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min", type=int, default=3)
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    people: set[str] = set()
    for corpus in CORPORA:
        for split in ("train", "dev"):
            for s in load_split(args.data, corpus, split):
                spans = s.spans()
                blocked = {i for a, b, _ in spans for i in range(a, b)}
                for a, b, t in spans:
                    if t != "PER":
                        continue
                    people.add(" ".join(s.words[a:b]))
                    run = runs_before(s.words, a, blocked)
                    for k in range(1, len(run) + 1):
                        counts[" ".join(run[-k:])] += 1
    # raw text: runs before a known multi-word person name
    names = {p for p in people if " " in p}
    first = {p.split()[0] for p in names}
    for line in raw_sentences(args.data):
        words = line.split()
        for i, w in enumerate(words):
            if w not in first:
                continue
            for n in (2, 3):
                if " ".join(words[i : i + n]) in names:
                    run = runs_before(words, i, set())
                    for k in range(1, len(run) + 1):
                        counts[" ".join(run[-k:])] += 1
                    break
    for phrase, n in counts.most_common():
        if n >= args.min:
            print(f"{n}\t{phrase}")


if __name__ == "__main__":
    main()
