"""NER-UGM (IndoLEM) span scorer for the TIME and QUANTITY labels.

The sentences and their gold character spans come from ``warta.evaluate.nerugm_reader``;
predictions from Warta's extractors are compared exactly (same start and end) and by token
overlap. Needs ``../shared/data/indolem-nerugm`` (not in the repository).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.evaluate._metrics import prf
from warta.evaluate.nerugm_reader import Sentence, load

DEFAULT_DIR = Path("../shared/data/indolem-nerugm")  # relative to the repository root, like the other evaluations


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tok_tp: int = 0
    tok_fp: int = 0
    tok_fn: int = 0

    def exact(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)

    def tokens(self) -> tuple[float, float, float]:
        return prf(self.tok_tp, self.tok_fp, self.tok_fn)


def _token_set(spans: list[tuple[int, int]], tokens: list[tuple[int, int]]) -> set[int]:
    return {i for i, (a, b) in enumerate(tokens) for s, e in spans if a < e and s < b}


def score(
    sents: list[Sentence], label: str, predict: Callable[[str], list[tuple[int, int]]], errors: list[str] | None = None
) -> Score:
    sc = Score()
    for s in sents:
        gold = set(s.spans.get(label, []))
        pred = set(predict(s.text))
        sc.tp += len(gold & pred)
        sc.fp += len(pred - gold)
        sc.fn += len(gold - pred)
        gt, pt = _token_set(list(gold), s.tokens), _token_set(list(pred), s.tokens)
        sc.tok_tp += len(gt & pt)
        sc.tok_fp += len(pt - gt)
        sc.tok_fn += len(gt - pt)
        if errors is not None and gold != pred:
            g = ", ".join(repr(s.text[a:b]) for a, b in sorted(gold - pred))
            p = ", ".join(repr(s.text[a:b]) for a, b in sorted(pred - gold))
            errors.append(f"missed [{g}] spurious [{p}] in: {s.text}")
    return sc


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DIR, help="NER-UGM folder (default: ../shared/data/indolem-nerugm)"
    )
    p.add_argument("--split", default="test", help="test, dev or train (default: test)")
    p.add_argument("--folds", default="1,2,3,4,5", help="comma-separated folds (default: all five)")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="print the first N sentences with errors")
    p.add_argument(
        "--system",
        choices=SYSTEMS,
        default="model",
        help="model: the timequant CRF (default); pipeline: rule spans through the NER-UGM view plus the "
        "model's spans the rules miss (what `warta extract` reports); rules: the rule spans through the view; "
        "raw: the rule spans as Warta reports them",
    )
    p.add_argument("--raw", action="store_true", help="same as --system raw")
    p.add_argument(
        "--cv-dir",
        type=Path,
        default=Path("build/timequant-cv"),
        help="where models for folds other than the shipped model's are trained and kept (default: build/timequant-cv)",
    )


SYSTEMS = ("model", "pipeline", "rules", "raw")
Predict = Callable[[str], list[tuple[int, int]]]


def fold_detector(args: argparse.Namespace, split_file: str) -> tuple[Any, str]:
    """The timequant model to score ``split_file`` with: one trained on the same fold's training files.

    The shipped model is used where it was trained on that fold's files (train.01 + dev.01); for
    the other folds a model is trained on their train + dev files with the same parameters and the
    shipped word-cluster table (built from raw news text, not NER-UGM), kept in --cv-dir, so no
    fold is scored by a model that saw its test sentences.
    """
    import json

    from warta.extract.time import tagger
    from warta.training import timequant as trainer

    fold = split_file.rsplit(".", 2)[-2]  # "test.03.tsv" -> "03"
    files = trainer.fold_files(args.data, fold)
    sha = trainer.files_sha256(files)
    shipped = tagger.detector()
    current = shipped is not None and shipped.meta.get("features_version") == tagger.FEATURES_VERSION
    if shipped is not None and current and shipped.meta.get("train_sha256") == sha:
        return shipped, f"shipped model ({shipped.meta.get('trained_on')})"
    out = args.cv_dir / f"fold.{fold}"
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    table = tagger.MODEL_DIR / tagger.CLUSTERS_FILE
    table_sha = shipped.meta.get("clusters", {}).get("sha256") if shipped is not None else None  # type: ignore[union-attr]
    wanted = {"train_sha256": sha, "params": trainer.PARAMS, "features_version": tagger.FEATURES_VERSION}
    stale = any(meta.get(k) != v for k, v in wanted.items()) or meta.get("clusters", {}).get("sha256") != table_sha
    if stale:
        if shipped is None:
            print("  (no shipped timequant model: run `warta train timequant`)")
        trainer.train(files, out, verbose=False, clusters=table if table.exists() else None)
    return tagger.Detector(out / tagger.MODEL_FILE), f"model trained on {' + '.join(f.name for f in files)}"


def system_predict(
    args: argparse.Namespace, split_file: str, label: str, rules_view: Predict, rules_raw: Predict
) -> tuple[Predict, str]:
    system = "raw" if getattr(args, "raw", False) else getattr(args, "system", "rules")
    if system == "raw":
        return rules_raw, "rule spans, raw"
    if system == "rules":
        return rules_view, "rule spans, NER-UGM view"
    det, desc = fold_detector(args, split_file)
    memo: dict[str, dict[str, list[tuple[int, int]]]] = {}

    def model(text: str) -> list[tuple[int, int]]:
        if text not in memo:
            memo[text] = det.spans(text)
        return memo[text][label]

    if system == "model":
        return model, desc

    def pipeline(text: str) -> list[tuple[int, int]]:
        ruled = rules_view(text)
        raw = rules_raw(text)
        extra = [(a, b) for a, b in model(text) if not any(x < b and a < y for x, y in raw + ruled)]
        return sorted(ruled + extra)

    return pipeline, f"rules through the view + {desc} where the rules find nothing"


def run(args: argparse.Namespace, label: str, rules_view: Predict, rules_raw: Predict | None = None) -> int:
    from warta.errors import UsageError

    if not args.data.is_dir():
        raise UsageError(f"NER-UGM not found at {args.data} (needs ../shared/data/indolem-nerugm; use --data)")
    total = Score()
    errors: list[str] = []
    fold_f1: list[float] = []
    print(f"NER-UGM {label}, {args.split} folds, exact span (token overlap in brackets)")
    for fold in args.folds.split(","):
        path = args.data / f"{args.split}.0{fold.strip()}.tsv"
        if not path.exists():
            raise UsageError(f"no such fold file: {path}")
        predict, desc = system_predict(args, path.name, label, rules_view, rules_raw or rules_view)
        sc = score(load(path, [label]), label, predict, errors if args.errors else None)
        for k in ("tp", "fp", "fn", "tok_tp", "tok_fp", "tok_fn"):
            setattr(total, k, getattr(total, k) + getattr(sc, k))
        p, r, f = sc.exact()
        fold_f1.append(f)
        tp_, tr, tf = sc.tokens()
        print(
            f"  {path.name}: P {p:.3f} R {r:.3f} F1 {f:.3f}  (token P {tp_:.3f} R {tr:.3f} F1 {tf:.3f})  gold {sc.tp + sc.fn}  [{desc}]"
        )
    p, r, f = total.exact()
    tp_, tr, tf = total.tokens()
    print(
        f"  all: P {p:.3f} R {r:.3f} F1 {f:.3f}  (token P {tp_:.3f} R {tr:.3f} F1 {tf:.3f})  gold {total.tp + total.fn}"
    )
    if len(fold_f1) > 1:
        print(f"  mean F1 over {len(fold_f1)} folds: {sum(fold_f1) / len(fold_f1):.3f}")
    for e in errors[: args.errors]:
        print("  -", e)
    return 0
