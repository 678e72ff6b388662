"""Mine title/role phrases that stand before person names in the labelled NER corpora.

For each PER span in the train/dev splits (NERGrit, NER-UI fold 01, NER-UGM fold 01), the tokens
directly before it are read backwards up to punctuation, another entity or a clause word; every
suffix of that run (the words next to the name) is counted. The same is done on the raw news text
(CLICK-ID, IndoSum) for runs that end right before a name the labelled data knows as a person.
Phrases seen at least ``--min`` times are printed with their counts for review; the reviewed
list is ``src/warta/lang/id/titles.txt``.

    python training/ner/mine_titles.py --data ../shared/data > /tmp/title-candidates.tsv

``--from-model N`` instead reads the runs before the persons the shipped NER model finds in N
raw news sentences (before the organisation or place right before a person, when there is one) (every 10th sentence, so every source is read), and prints only phrases that
``titles.txt`` does not hold yet: candidates for ``title_candidates.txt``, reviewed by hand.

    python training/ner/mine_titles.py --from-model 150000 --min 8 > /tmp/new-titles.tsv
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
    ap.add_argument("--from-model", type=int, default=0, metavar="N", help="mine N raw sentences tagged by the model")
    args = ap.parse_args()
    if args.from_model:
        from_model(args.data, args.from_model, args.min)
        return
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


def from_model(data: Path, n: int, min_count: int) -> None:
    from warta import lang
    from warta.nlp import ner

    known = {line.split("#", 1)[0].strip().lower() for line in lang.get("id").lines("titles")}
    sents: list[list[str]] = []
    seen = 0
    for text in raw_sentences(data):
        for sent in text.split(" . "):
            seen += 1
            if seen % 10 == 0:
                sents.append(sent.split()[:120])
        if len(sents) >= n:
            break
    counts: Counter[str] = Counter()
    for words, spans in zip(sents, ner.tag_words(ner.load(), sents), strict=True):
        blocked = {i for a, b, _ in spans for i in range(a, b)}
        ends = {b: a for a, b, t in spans if t in ("ORG", "LOC")}
        for a, _, t in spans:
            if t == "PER":
                # "Menteri Luar Negeri Rusia Sergey Lavrov", "General Manager IPC Tanjung Priok,
                # Suparjo": the title stands before the organisation or place the person is from
                at = ends.get(a, ends.get(a - 1, a) if a and words[a - 1] == "," else a)
                run = runs_before(words, at, blocked)
                for k in range(1, min(len(run), 3) + 1):
                    counts[" ".join(run[-k:])] += 1
    for phrase, c in counts.most_common():
        if c >= min_count and phrase.lower() not in known:
            print(f"{c}\t{phrase}")


if __name__ == "__main__":
    main()
