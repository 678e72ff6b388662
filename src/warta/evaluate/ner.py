"""``warta eval ner``: exact-span precision/recall/F1 of the NER model on held-out test sets.

Needs ``../shared/data``: NERGrit test (IndoNLU split), NER-UI and NER-UGM test fold 01
(IndoLEM). Labels are mapped to PER/ORG/LOC as in training (NER-UGM TIME/QUANTITY -> O). The
test sentences are pre-tokenized; the model runs on those tokens.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from warta.errors import UsageError

TYPES = ("PER", "ORG", "LOC")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(
    gold: list[list[tuple[int, int, str]]], pred: list[list[tuple[int, int, str]]]
) -> dict[str, dict[str, float]]:
    """Exact-span micro scores, overall (``ALL``) and per type."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    out: dict[str, dict[str, float]] = {}
    for t in ("ALL", *TYPES):
        a, b, c = (sum(tp.values()), sum(fp.values()), sum(fn.values())) if t == "ALL" else (tp[t], fp[t], fn[t])
        p_, r_, f_ = prf(a, b, c)
        out[t] = {"p": p_, "r": r_, "f": f_, "n": a + c}
    return out


def evaluate(data: Path, split: str = "test", model: str | None = None) -> dict[str, dict[str, dict[str, float]]]:
    from warta.nlp import ner
    from warta.training.ner import CORPORA, load_split

    nlp = ner.load(model)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for corpus in CORPORA:
        sents = load_split(data, corpus, split)
        gold = [s.spans() for s in sents]
        t0 = time.perf_counter()
        pred = list(ner.tag_words(nlp, (s.words for s in sents)))
        dt = time.perf_counter() - t0
        results[corpus] = score(gold, pred)
        results[corpus]["_speed"] = {"words_per_s": sum(len(s.words) for s in sents) / dt}
    return results


def render(results: dict[str, dict[str, dict[str, float]]], split: str) -> str:
    names = {"nergrit": "NERGrit test", "nerui": "NER-UI test.01", "nerugm": "NER-UGM test.01"}
    if split != "test":
        names = {k: f"{k} {split}" for k in names}
    lines = [f"{'corpus':<17}{'type':<5}{'n':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for corpus, res in results.items():
        for t in ("ALL", *TYPES):
            r = res[t]
            lines.append(f"{names[corpus]:<17}{t:<5}{int(r['n']):>6}{r['p']:>8.4f}{r['r']:>8.4f}{r['f']:>8.4f}")
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ner", help="NER exact-span P/R/F1 on NERGrit test, NER-UI and NER-UGM test.01")
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument("--split", choices=("test", "dev"), default="test")
    p.add_argument("--model", help="model folder (default: the shipped warta/models/ner-id)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def run(args: argparse.Namespace) -> int:
        if not args.data.is_dir():
            raise UsageError(f"no data folder at {args.data} (this evaluation needs ../shared/data)")
        res = evaluate(args.data, args.split, args.model)
        print(json.dumps(res, indent=1) if args.json else render(res, args.split))
        return 0

    p.set_defaults(func=run)
