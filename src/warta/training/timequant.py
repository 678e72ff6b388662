"""``warta train timequant``: the TIME/QUANTITY boundary CRF (``warta.extract.timequant``).

Trained on NER-UGM (IndoLEM) ``train.0N.tsv`` only (fold 1 by default); dev and test folds are
never read here. CRFsuite's L-BFGS training is deterministic: the same data and parameters give
the same model, byte for byte. Needs ``../shared/data/indolem-nerugm`` (not in the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from warta.extract import timequant

NERUGM = "indolem-nerugm"
PARAMS: dict[str, float | int] = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}
SEED = 0  # L-BFGS has no randomness; recorded so the card says so


def examples(path: Path) -> tuple[list[list[list[str]]], list[list[str]]]:
    """Features and BIO tags per sentence, on Warta's own tokens (as at run time)."""
    from warta.evaluate import _nerugm

    xs, ys = [], []
    for s in _nerugm.load(path, timequant.LABELS):
        toks = timequant.tokenize(s.text)
        tags = ["O"] * len(toks)
        for lab in timequant.LABELS:
            for a, b in s.spans[lab]:
                inside = [i for i, (x, y) in enumerate(toks) if x < b and a < y]
                for k, i in enumerate(inside):
                    tags[i] = ("B-" if k == 0 else "I-") + lab
        xs.append(timequant.features(s.text, toks))
        ys.append(tags)
    return xs, ys


def train(
    train_file: Path, out_dir: Path, params: dict[str, float | int] | None = None, *, verbose: bool = True
) -> Path:
    import pycrfsuite

    params = {**PARAMS, **(params or {})}
    t0 = time.time()
    xs, ys = examples(train_file)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({**params, "feature.possible_transitions": True})
    out_dir.mkdir(parents=True, exist_ok=True)
    model = out_dir / timequant.MODEL_FILE
    trainer.train(str(model))
    meta = {
        "name": "timequant-id",
        "kind": "linear-chain CRF (CRFsuite, L-BFGS)",
        "labels": list(timequant.LABELS),
        "trained_on": f"{NERUGM}/{train_file.name}",
        "train_sha256": hashlib.sha256(train_file.read_bytes()).hexdigest(),
        "sentences": len(xs),
        "params": params,
        "seed": SEED,
        "features_version": timequant.FEATURES_VERSION,
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if verbose:
        size = model.stat().st_size / 1e6
        print(f"trained on {train_file} ({len(xs)} sentences) in {time.time() - t0:.0f}s -> {model} ({size:.2f} MB)")
    return model


def run(args: argparse.Namespace) -> int:
    from warta.errors import UsageError

    folder = args.data / NERUGM
    path = folder / f"train.0{args.fold}.tsv"
    if not path.exists():
        raise UsageError(f"NER-UGM training file not found: {path} (use --data)")
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    train(path, args.out, params)
    timequant.detector.cache_clear()
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("timequant", help="train the TIME/QUANTITY boundary CRF on NER-UGM train.01")
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument("--fold", type=int, default=1, choices=range(1, 6), help="train on train.0N.tsv (default 1)")
    p.add_argument("--out", type=Path, default=timequant.MODEL_DIR, help="model folder (default: the package's)")
    p.add_argument("--c1", type=float, default=float(PARAMS["c1"]), help="L1 penalty")
    p.add_argument("--c2", type=float, default=float(PARAMS["c2"]), help="L2 penalty")
    p.add_argument("--iterations", type=int, default=int(PARAMS["max_iterations"]), help="L-BFGS iterations")
    p.set_defaults(func=run)
