"""The training steps of ``warta train ner`` (all offline, fixed seeds):

1. Raw news text (:func:`warta.training.ner.raw_sentences`) trains floret hashed-subword vectors
   (50k rows x 100 dims); ``spacy init vectors --mode floret`` loads them.
2. spaCy trains tok2vec (NORM/PREFIX/SUFFIX/SHAPE/ORTH hash embeddings + the static vectors,
   a 4-layer CNN) and the transition-based NER with ``training/ner/config.cfg`` on the joint
   train/dev sets of :func:`warta.training.ner.training_sets`.
3. The best model (by dev F1) is copied to ``--out`` (default ``src/warta/models/ner-id``).

Optional: ``--pretrain`` (spaCy pretraining of the tok2vec on the raw news), ``--finetune``
(continue from the best model on the three corpora alone, ``training/ner/finetune.cfg``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from warta.errors import UsageError
from warta.training.ner import (
    CORPORA,
    Sentence,
    load_nerp,
    pretrain_texts,
    raw_sentences,
    to_docbin,
    training_sets,
    truecaser_for,
)
from warta.training.ner_gold import click_sentences, gold_sentences

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "training" / "ner" / "config.cfg"
FINETUNE_CONFIG = REPO / "training" / "ner" / "finetune.cfg"
SEED = 1

# floret parameters (cbow, hashed subwords). floret has no seed option; one thread makes it
# deterministic.
FLORET = {
    "model": "cbow",
    "mode": "floret",
    "hashCount": 2,
    "bucket": 50000,
    "minn": 3,
    "maxn": 5,
    "minCount": 3,
    "dim": 100,
    "epoch": 5,
    "thread": 1,
}


def pretrain_tok2vec(data: Path, work: Path, vec_model: Path, config: Path, max_words: int = 0) -> Path:
    """spaCy pretraining (characters objective, one epoch) of the tok2vec on the raw news text:
    the weights the NER training then starts from (``[initialize] init_tok2vec``)."""
    raw = work / "pretrain-text.jsonl"
    n_words = 0
    with raw.open("w", encoding="utf-8") as fh:
        for piece in pretrain_texts(data):
            fh.write(json.dumps({"text": piece}, ensure_ascii=False) + "\n")
            n_words += len(piece.split())
            if max_words and n_words >= max_words:
                break
    print(f"pretraining on {n_words} words", flush=True)
    out = work / "pretrain"
    if out.exists():
        shutil.rmtree(out)
    _spacy(
        "pretrain",
        str(config),
        str(out),
        "--paths.raw_text",
        str(raw),
        "--paths.vectors",
        str(vec_model),
        "--system.seed",
        str(SEED),
    )
    return out / "model-last.bin"


def train_vectors(data: Path, work: Path) -> Path:
    try:
        import floret
    except ImportError:
        raise UsageError("training vectors needs floret: pip install 'warta[train]'") from None
    text = work / "raw.txt"
    with text.open("w", encoding="utf-8") as out:
        for line in raw_sentences(data):
            out.write(line + "\n")
    model = floret.train_unsupervised(str(text), **FLORET)
    vec = work / "vectors.floret"
    model.save_floret_vectors(str(vec))
    return vec


def _spacy(*args: str) -> None:
    cmd = [sys.executable, "-m", "spacy", *args]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def _overrides(kvs: list[str] | None) -> list[str]:
    return [a for kv in kvs or [] for a in (f"--{kv.split('=', 1)[0]}", kv.split("=", 1)[1])]


def spacy_train(
    config: Path,
    output: Path,
    train_set: Path,
    dev_set: Path,
    vec_model: Path,
    *extra: str,
    overrides: list[str] | None = None,
) -> Path:
    """``spacy train`` with Warta's seed and vectors; ``extra`` are more ``--key value`` pairs, and
    ``overrides`` ``key=value`` strings (applied last). Returns the best checkpoint's folder."""
    _spacy(
        "train",
        str(config),
        "--output",
        str(output),
        "--paths.train",
        str(train_set),
        "--paths.dev",
        str(dev_set),
        "--paths.vectors",
        str(vec_model),
        "--system.seed",
        str(SEED),
        *extra,
        *_overrides(overrides),
    )
    return output / "model-best"


def train(
    data: Path,
    out: Path,
    work: Path,
    *,
    vectors: Path | None = None,
    config: Path = CONFIG,
    overrides: list[str] | None = None,
    weights: dict[str, int] | None = None,
    with_nerp: bool = False,
    finetune: bool = False,
    stage_one: Path | None = None,
    finetune_overrides: list[str] | None = None,
    pretrain: bool = False,
    pretrain_words: int = 0,
    gold: bool = False,
) -> None:
    """Train (stage one) and, with ``finetune``, continue on the three corpora alone (stage two).

    ``stage_one`` skips stage one and fine-tunes that model instead.
    """
    t0 = time.time()
    vec_model = vectors_model(data, work, vectors)
    init: list[str] = []
    if pretrain and stage_one is None:
        init_path = pretrain_tok2vec(data, work, vec_model, config, pretrain_words)
        print(f"tok2vec pretrained in {time.time() - t0:.0f}s", flush=True)
        init = ["--paths.init_tok2vec", str(init_path)]
    best = stage_one
    if best is None:
        nerp = load_nerp(data, "train", truecaser_for(data, work)) if with_nerp else None
        tr, dv, stats = training_sets(data, weights, nerp)
        if gold:
            add_in_domain(data, tr, dv, stats, (weights or {}).get("gold", 1))
        to_docbin(tr, work / "train.spacy")
        to_docbin(dv, work / "dev.spacy")
        (work / "data-stats.json").write_text(json.dumps(stats, indent=1))
        print(f"train {len(tr)} / dev {len(dv)} sentences; {stats}", flush=True)
        best = spacy_train(
            config, work / "output", work / "train.spacy", work / "dev.spacy", vec_model, *init, overrides=overrides
        )
    if finetune:
        # with the in-domain articles, --weight also repeats the three corpora in this stage
        tr, dv, stats = training_sets(data, weights if gold else None)
        if gold:
            add_in_domain(data, tr, dv, stats, (weights or {}).get("gold", 1))
        to_docbin(tr, work / "finetune-train.spacy")
        to_docbin(dv, work / "dev.spacy")
        print(f"fine-tuning {best} on train {len(tr)} / dev {len(dv)} sentences", flush=True)
        best = spacy_train(
            FINETUNE_CONFIG,
            work / "finetune",
            work / "finetune-train.spacy",
            work / "dev.spacy",
            vec_model,
            "--paths.source",
            str(best),
            *init,
            overrides=finetune_overrides,
        )
    install(best, out)
    print(f"model written to {out} in {time.time() - t0:.0f}s", flush=True)


def finetune_in_domain(
    data: Path,
    work: Path,
    vec_model: Path,
    source: Path,
    repeat: int,
    corpus_repeat: int = 1,
    overrides: list[str] | None = None,
) -> Path:
    """Continue training ``source`` on the three corpora (each ``corpus_repeat`` times) plus the
    annotated CLICK-ID articles (``repeat`` times; ``training/ner/finetune.cfg``); dev: the three
    corpora's dev sets plus the gold dev part. Returns the best checkpoint (by that dev set's F1)."""
    work.mkdir(parents=True, exist_ok=True)
    tr, dv, stats = training_sets(data, dict.fromkeys(CORPORA, corpus_repeat))
    add_in_domain(data, tr, dv, stats, repeat)
    to_docbin(tr, work / "train.spacy")
    to_docbin(dv, work / "dev.spacy")
    (work / "data-stats.json").write_text(json.dumps(stats, indent=1))
    print(f"in-domain fine-tuning {source} on train {len(tr)} / dev {len(dv)} sentences; {stats}", flush=True)
    return spacy_train(
        FINETUNE_CONFIG,
        work / "output",
        work / "train.spacy",
        work / "dev.spacy",
        vec_model,
        "--paths.source",
        str(source),
        overrides=overrides,
    )


def add_in_domain(data: Path, train: list[Sentence], dev: list[Sentence], stats: dict[str, int], repeat: int) -> None:
    """Add the annotated CLICK-ID articles (:mod:`warta.training.ner_gold`): the gold train part
    and ``training/ner/click`` to ``train`` (``repeat`` times), the gold dev part to ``dev``."""
    gold_train = gold_sentences(data, "train") + click_sentences(data)
    gold_dev = gold_sentences(data, "dev")
    stats["gold.train"] = len(gold_train)
    stats["gold.dev"] = len(gold_dev)
    train.extend(gold_train * repeat)
    dev.extend(gold_dev)


def vectors_model(data: Path, work: Path, vectors: Path | None = None) -> Path:
    """``work/vectors-model``: the floret vectors as a spaCy pipeline (reused when already there;
    from ``vectors`` when given, else trained on the raw news)."""
    work.mkdir(parents=True, exist_ok=True)
    vec_model = work / "vectors-model"
    if not (vec_model / "vocab").exists():
        if vectors is None or not vectors.exists():
            t0 = time.time()
            vectors = train_vectors(data, work)
            print(f"vectors trained in {time.time() - t0:.0f}s", flush=True)
        _spacy("init", "vectors", "id", str(vectors), str(vec_model), "--mode", "floret")
    return vec_model


def install(best: Path, out: Path) -> None:
    """Copy a trained pipeline to ``out``, keeping the model card already there."""
    card = out / "MODEL_CARD.md"
    card_text = card.read_text(encoding="utf-8") if card.exists() else None
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    if card_text is not None:  # the card is written by hand from `warta eval ner`; keep it
        card.write_text(card_text, encoding="utf-8")
