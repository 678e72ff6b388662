"""Cross-validation of the TIME/QUANTITY CRF on NER-UGM train.01 + dev.01 (needs ``../shared/data``).

    .venv/bin/python bench/timequant_cv.py [--variant base|pos|style] [--algorithm lbfgs|ap|pa|arow]

The choices in the timequant model card are made with this: 5 folds over the 1,874 sentences of
train.01 + dev.01, on 3 shuffles (seeds 1-3), mean exact-span F1 per label; no test file is read.
Variants add features on top of ``warta.extract.time.tagger.features``:

- ``pos``: each word's most frequent universal part of speech in the UD Indonesian treebanks
  (GSD, CSUI, PUD under ``../shared/data``), for the word and its neighbours (±2);
- ``style``: sentence-level marks (a "(d/m)" dateline, "WIB", English decimal points or
  thousands, lower-case months, old or recent years) on number, month and weekday words.

``--algorithm`` picks another CRFsuite learner (default L-BFGS with the shipped parameters).
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

from warta.evaluate import nerugm_reader as _nerugm
from warta.extract.time import tagger as tq
from warta.training.timequant import PARAMS, gold_tags

Sent = tuple[str, list[tuple[int, int]], tq.RuleView, list[str], dict[str, set[tuple[int, int]]]]
Features = Callable[[str, list[tuple[int, int]], tq.RuleView, tq.Clusters], list[list[str]]]

STYLE = {
    "dm": re.compile(r"\(\d{1,2}/\d{1,2}(/\d{2,4})?\)"),
    "wib": re.compile(r"\bWIB\b"),
    "engdec": re.compile(r"\b\d+\.\d{1,2}\b(?!\.\d)"),
    "engthou": re.compile(r"\b\d{1,3},\d{3}\b"),
    "quote": re.compile(r"^[\"“]"),
    "lower_month": re.compile(
        r"\b(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b"
    ),
    "year_old": re.compile(r"\b19\d\d\b"),
    "year_new": re.compile(r"\b20[01]\d\b"),
}


def sentences(folder: Path) -> list[Sent]:
    out: list[Sent] = []
    for name in ("train.01.tsv", "dev.01.tsv"):
        for s in _nerugm.load(folder / name, tq.LABELS):
            toks = tq.tokenize(s.text)
            tags = gold_tags(toks, s.spans)
            gold = {lab: set(s.spans[lab]) for lab in tq.LABELS}
            out.append((s.text, toks, tq.rule_view(s.text), tags, gold))
    return out


def pos_lexicon(data: Path) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for f in sorted(glob.glob(str(data / "ud-indonesian-*" / "*.conllu"))):
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                counts[cols[1].lower()][cols[3]] += 1
    return {w: c.most_common(1)[0][0] for w, c in counts.items()}


def variant(name: str, data: Path) -> Features:
    if name == "base":
        return tq.features
    if name == "pos":
        lex = pos_lexicon(data)

        def with_pos(text: str, toks: list[tuple[int, int]], view: tq.RuleView, cl: tq.Clusters) -> list[list[str]]:
            per = tq.features(text, toks, view, cl)
            tags = [lex.get(text[a:b].lower(), "-") for a, b in toks]
            for i in range(len(toks)):
                per[i] += [f"{d}:pos={tags[i + d]}" for d in (-2, -1, 0, 1, 2) if 0 <= i + d < len(toks)]
                if i + 1 < len(toks):
                    per[i].append(f"pos01={tags[i]}|{tags[i + 1]}")
            return per

        return with_pos

    def with_style(text: str, toks: list[tuple[int, int]], view: tq.RuleView, cl: tq.Clusters) -> list[list[str]]:
        per = tq.features(text, toks, view, cl)
        flags = [k for k, rx in STYLE.items() if rx.search(text)]
        classes = tq.word_classes()
        for i, (a, b) in enumerate(toks):
            w = text[a:b]
            if any(c.isdigit() for c in w) or classes.get(w.lower()) in ("numword", "month", "weekday", "multiplier"):
                per[i] += [f"st={f}" for f in flags]
        return per

    return with_style


_JOB: dict[str, object] = {}  # set before the worker pool forks


def _fold(split: tuple[list[int], list[int]]) -> dict[str, tuple[int, int, int]]:
    import pycrfsuite

    sents: list[Sent] = _JOB["sents"]  # type: ignore[assignment]
    feats: Features = _JOB["features"]  # type: ignore[assignment]
    algorithm = str(_JOB["algorithm"])
    cl = tq.load_clusters(tq.MODEL_DIR / tq.CLUSTERS_FILE)
    train, test = split
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for i in train:
        text, toks, view, tags, _ = sents[i]
        trainer.append(feats(text, toks, view, cl), tags)
    params = dict(PARAMS) if algorithm == "lbfgs" else {"max_iterations": 50, "feature.possible_states": 1}
    trainer.set_params({**params, "feature.possible_transitions": True})
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        res = {lab: [0, 0, 0] for lab in tq.LABELS}
        for i in test:
            text, toks, view, _, gold = sents[i]
            pred = tq.spans_from_tags(tagger.tag(feats(text, toks, view, cl)), toks)
            for lab in tq.LABELS:
                p = set(tq.balance_brackets(text, pred[lab], toks))
                res[lab][0] += len(p & gold[lab])
                res[lab][1] += len(p)
                res[lab][2] += len(gold[lab])
    finally:
        os.unlink(path)
    return {lab: (v[0], v[1], v[2]) for lab, v in res.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--variant", choices=("base", "pos", "style"), default="base")
    ap.add_argument("--algorithm", choices=("lbfgs", "ap", "pa", "arow"), default="lbfgs")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    folder = args.data / "indolem-nerugm"
    if not (folder / "train.01.tsv").exists():
        raise SystemExit(f"error: NER-UGM not found in {folder} (see ../shared/data)")
    sents = sentences(folder)
    _JOB.update(sents=sents, features=variant(args.variant, args.data), algorithm=args.algorithm)
    splits = []
    for seed in (int(s) for s in args.seeds.split(",")):
        order = list(range(len(sents)))
        random.Random(seed).shuffle(order)
        for k in range(5):
            splits.append(
                ([i for j, i in enumerate(order) if j % 5 != k], [i for j, i in enumerate(order) if j % 5 == k])
            )
    with Pool(args.workers) as pool:
        results = pool.map(_fold, splits)
    line = [f"variant {args.variant}, {args.algorithm}, {len(splits)} folds:"]
    for lab in tq.LABELS:
        f1s = []
        for r in results:
            tp, n_pred, n_gold = r[lab]
            p, rc = (tp / n_pred if n_pred else 0.0), (tp / n_gold if n_gold else 0.0)
            f1s.append(2 * p * rc / (p + rc) if p + rc else 0.0)
        line.append(f"{lab} {sum(f1s) / len(f1s):.4f}")
    print(" ".join(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
