"""``warta train timequant``: the TIME/QUANTITY boundary CRF (``warta.extract.time.tagger``).

Trained on NER-UGM (IndoLEM) ``train.0N.tsv`` + ``dev.0N.tsv`` (fold 1 by default); the fold's
test file is never read here. CRFsuite's L-BFGS training is deterministic: the same data,
clusters and parameters give the same model, byte for byte.

The word-cluster table the model uses is built here too: the vocabulary of the raw news text in
``../shared/data`` (CLICK-ID raw articles, IndoSum; no NER-UGM text), each word's vector from
the floret vectors shipped with the NER model (read only; the table is a copy, so a retrained NER
model does not change this one), and seeded spherical k-means at three granularities (numpy; no
clustering library is installed and k-means is twenty lines). ``--keep-clusters`` reuses the
table already in the model folder. Needs ``../shared/data`` (not in the repository).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from warta.extract.time import tagger as timequant

NERUGM = "indolem-nerugm"
# chosen by 5-fold cross-validation on train.01 + dev.01 (3 shuffles), see the model card;
# possible_states: weights for every (attribute, label) pair, also those unseen together in training
PARAMS: dict[str, float | int] = {"c1": 0.02, "c2": 0.1, "max_iterations": 200, "feature.possible_states": 1}
SEED = 0  # L-BFGS has no randomness; k-means's initial centres are drawn with this seed
CLUSTER_KS = (32, 128, 512)
MIN_COUNT = 3  # words seen fewer times in the raw text get no cluster
VECTORS = Path(__file__).resolve().parent.parent / "models" / "ner-id" / "vocab"
WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)?")


def gold_tags(toks: Sequence[tuple[int, int]], spans: dict[str, list[tuple[int, int]]]) -> list[str]:
    """BIO tags on Warta's own tokens for the gold TIME/QUANTITY character spans."""
    tags = ["O"] * len(toks)
    for lab in timequant.LABELS:
        for a, b in spans[lab]:
            inside = [i for i, (x, y) in enumerate(toks) if x < b and a < y]
            for k, i in enumerate(inside):
                tags[i] = ("B-" if k == 0 else "I-") + lab
    return tags


def examples(
    paths: Path | Sequence[Path], clusters: timequant.Clusters | None = None
) -> tuple[list[list[list[str]]], list[list[str]]]:
    """Features and BIO tags per sentence, on Warta's own tokens (as at run time)."""
    from warta.evaluate import nerugm_reader as _nerugm

    xs, ys = [], []
    for path in [paths] if isinstance(paths, Path) else paths:
        for s in _nerugm.load(path, timequant.LABELS):
            toks = timequant.tokenize(s.text)
            xs.append(timequant.features(s.text, toks, clusters=clusters))
            ys.append(gold_tags(toks, s.spans))
    return xs, ys


def _raw_texts(data: Path) -> Iterator[str]:
    csv.field_size_limit(1 << 30)
    for f in sorted((data / "click-id-raw-articles" / "csv_converted").glob("*.csv.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield row.get("content") or ""
    for f in sorted((data / "indosum").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            yield " ".join(" ".join(" ".join(s) for s in p) for p in doc.get("paragraphs", []))


def _kmeans(x: object, k: int, iterations: int = 25, seed: int = SEED) -> list[int]:
    """Spherical k-means (rows of ``x`` are unit vectors); deterministic for a seed."""
    import numpy as np

    xs = np.asarray(x)
    rng = np.random.default_rng(seed)
    centres = xs[rng.choice(len(xs), k, replace=False)].copy()
    for _ in range(iterations):
        assign = np.argmax(xs @ centres.T, axis=1)
        for j in range(k):
            members = xs[assign == j]
            if len(members):
                c = members.mean(0)
                centres[j] = c / (np.linalg.norm(c) + 1e-9)
    return [int(a) for a in np.argmax(xs @ centres.T, axis=1)]


def build_clusters(data: Path, out: Path, vectors: Path = VECTORS, *, verbose: bool = True) -> dict[str, object]:
    """Write the cluster table ``out`` from the raw news text under ``data``; returns its description."""
    import numpy as np
    from spacy.vocab import Vocab

    from warta.errors import UsageError

    if not (vectors / "vectors").exists():
        raise UsageError(f"word vectors not found: {vectors} (use --vectors)")
    counts: Counter[str] = Counter()
    for text in _raw_texts(data):
        counts.update(w.lower() for w in WORD.findall(text))
    if not counts:
        raise UsageError(f"no raw news text under {data} (CLICK-ID raw articles, IndoSum)")
    words = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    vocab = Vocab().from_disk(vectors)
    x = np.stack([vocab[w].vector for w in words]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    ids = [_kmeans(x, k) for k in CLUSTER_KS]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for i, w in enumerate(words):
            fh.write(w + "".join(f"\t{col[i]}" for col in ids) + "\n")
    desc = {
        "file": out.name,
        "words": len(words),
        "k": list(CLUSTER_KS),
        "min_count": MIN_COUNT,
        "raw_tokens": sum(counts.values()),
        "built_from": "click-id-raw-articles/csv_converted/*.csv.gz + indosum/*.jsonl; floret vectors of models/ner-id",
        "vectors_sha256": hashlib.sha256((vectors / "vectors").read_bytes()).hexdigest(),
    }
    if verbose:
        print(f"clusters: {len(words)} words (k {', '.join(map(str, CLUSTER_KS))}) -> {out}")
    return desc


def files_sha256(files: Sequence[Path]) -> str:
    """One digest for the training files, in order (what a fold model is checked against)."""
    h = hashlib.sha256()
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()


def train(
    train_files: Path | Sequence[Path],
    out_dir: Path,
    params: dict[str, float | int] | None = None,
    *,
    clusters: Path | None = None,
    verbose: bool = True,
) -> Path:
    """Train into ``out_dir``. ``clusters``: a cluster table to copy there (default: the shipped
    one, unless ``out_dir`` already has a table); without any table the cluster features are "-"."""
    import pycrfsuite

    files = [train_files] if isinstance(train_files, Path) else list(train_files)
    params = {**PARAMS, **(params or {})}
    t0 = time.time()
    out_dir.mkdir(parents=True, exist_ok=True)
    table = out_dir / timequant.CLUSTERS_FILE
    source = clusters if clusters is not None else timequant.MODEL_DIR / timequant.CLUSTERS_FILE
    if source.exists() and source.resolve() != table.resolve() and (clusters is not None or not table.exists()):
        shutil.copyfile(source, table)
    cl = timequant.load_clusters(table)
    xs, ys = examples(files, cl)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({**params, "feature.possible_transitions": True})
    model = out_dir / timequant.MODEL_FILE
    trainer.train(str(model))
    old = out_dir / "meta.json"
    previous = json.loads(old.read_text(encoding="utf-8")) if old.exists() else {}
    cl_meta = previous.get("clusters") if isinstance(previous.get("clusters"), dict) else {}
    meta = {
        "name": "timequant-id",
        "kind": "linear-chain CRF (CRFsuite, L-BFGS)",
        "labels": list(timequant.LABELS),
        "trained_on": " + ".join(f"{NERUGM}/{f.name}" for f in files),
        "train_sha256": files_sha256(files),
        "sentences": len(xs),
        "params": params,
        "seed": SEED,
        "features_version": timequant.FEATURES_VERSION,
        "clusters": {
            **(cl_meta or {}),
            "file": timequant.CLUSTERS_FILE,
            "words": len(cl),
            "sha256": hashlib.sha256(table.read_bytes()).hexdigest() if table.exists() else None,
        },
    }
    old.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if verbose:
        size = model.stat().st_size / 1e6
        names = ", ".join(str(f) for f in files)
        print(f"trained on {names} ({len(xs)} sentences) in {time.time() - t0:.0f}s -> {model} ({size:.2f} MB)")
    return model


def fold_files(folder: Path, fold: int | str, with_dev: bool = True) -> list[Path]:
    """The training files of a fold: ``train.0N.tsv`` (+ ``dev.0N.tsv``)."""
    n = f"{int(fold):02d}"
    return [folder / f"train.{n}.tsv"] + ([folder / f"dev.{n}.tsv"] if with_dev else [])


def run(args: argparse.Namespace) -> int:
    from warta.errors import UsageError

    files = fold_files(args.data / NERUGM, args.fold, not args.no_dev)
    for path in files:
        if not path.exists():
            raise UsageError(f"NER-UGM training file not found: {path} (use --data)")
    table = args.out / timequant.CLUSTERS_FILE
    cl_meta: dict[str, object] | None = None
    if not args.keep_clusters:
        cl_meta = build_clusters(args.data, table, args.vectors)
    elif not table.exists():
        raise UsageError(f"--keep-clusters: no cluster table at {table}")
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    if cl_meta is not None:  # recorded in meta.json by train(), which keeps what is there
        meta = args.out / "meta.json"
        old = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        meta.write_text(json.dumps({**old, "clusters": cl_meta}, indent=2) + "\n", encoding="utf-8")
    train(files, args.out, params, clusters=table)
    timequant.detector.cache_clear()
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "timequant", help="build the word clusters and train the TIME/QUANTITY boundary CRF on NER-UGM train.01+dev.01"
    )
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument("--fold", type=int, default=1, choices=range(1, 6), help="train on fold N's files (default 1)")
    p.add_argument("--no-dev", action="store_true", help="train on train.0N.tsv only (default: train + dev)")
    p.add_argument("--out", type=Path, default=timequant.MODEL_DIR, help="model folder (default: the package's)")
    p.add_argument("--vectors", type=Path, default=VECTORS, help="spaCy vocab folder with the floret vectors")
    p.add_argument("--keep-clusters", action="store_true", help="reuse the cluster table in --out")
    p.add_argument("--c1", type=float, default=float(PARAMS["c1"]), help="L1 penalty")
    p.add_argument("--c2", type=float, default=float(PARAMS["c2"]), help="L2 penalty")
    p.add_argument("--iterations", type=int, default=int(PARAMS["max_iterations"]), help="L-BFGS iterations")
    p.set_defaults(func=run)
