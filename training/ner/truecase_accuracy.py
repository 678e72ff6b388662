"""How well the NERP truecaser restores case, measured on cased text (needs ../shared/data).

    nice -n 10 .venv/bin/python training/ner/truecase_accuracy.py [--data ../shared/data]

The dev sentences of NERGrit, NER-UI and NER-UGM (cased) are lower-cased and restored by
``warta.training.truecase`` with counts from the same raw news the trainer uses and the gold
entity spans as the "inside an entity" mask (as NERP's spans are used); prints the share of
cased word tokens restored exactly, inside and outside entities.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from warta.training.ner import CORPORA, in_entity, load_split, raw_sentences
from warta.training.truecase import Truecaser, count_forms, has_case


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    sents = [s for c in CORPORA for s in load_split(args.data, c, "dev")]
    vocab = {w.lower() for s in sents for w in s.words}
    caser = Truecaser(count_forms((line.split() for line in raw_sentences(args.data)), vocab))
    hits = {True: [0, 0], False: [0, 0]}  # inside entity -> [exact, total]
    for s in sents:
        mask = in_entity(s.tags)
        for gold, got, inside in zip(s.words, caser.restore([w.lower() for w in s.words], mask), mask, strict=True):
            if has_case(gold):
                hits[inside][0] += gold == got
                hits[inside][1] += 1
    ok = hits[True][0] + hits[False][0]
    n = hits[True][1] + hits[False][1]
    print(
        f"cased word tokens {n}: restored exactly {ok / n:.3f}; inside entities "
        f"{hits[True][0] / hits[True][1]:.3f} ({hits[True][1]}); outside {hits[False][0] / hits[False][1]:.3f} "
        f"({hits[False][1]})"
    )


if __name__ == "__main__":
    main()
