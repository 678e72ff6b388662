"""``warta train ner``: rebuild the shipped Indonesian NER model from ``../shared/data``.

Steps (all offline, fixed seeds):

1. Read the labelled corpora with their own train/dev splits: NERGrit (IndoNLU split), NER-UI
   and NER-UGM fold 01 (IndoLEM). Labels are mapped to PER/ORG/LOC (``LABELS``); NER-UGM's
   TIME/QUANTITY become O. Any training/dev sentence that also occurs in a test set is dropped,
   so the evaluation (``warta eval ner``) stays held out.
2. Raw news text (CLICK-ID, IndoSum), tokenized with Warta's runtime tokenizer, trains floret
   hashed-subword vectors (50k rows x 100 dims); ``spacy init vectors --mode floret`` loads them.
3. spaCy trains tok2vec (NORM/PREFIX/SUFFIX/SHAPE/ORTH hash embeddings + the static vectors,
   a 4-layer CNN) and the transition-based NER with ``training/ner/config.cfg``.
4. The best model (by dev F1) is copied to ``--out`` (default ``src/warta/models/ner-id``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.errors import UsageError

# source label -> Warta type (anything else -> O)
LABELS = {
    "PERSON": "PER",
    "PER": "PER",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "ORG": "ORG",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "LOC": "LOC",
}

# corpus -> split -> file under the data folder. NER-UI/UGM come as 5 cross-validation folds:
# only fold 01 is used (train.02.. contain test.01 sentences), and nerugm.txt/nergithub.txt
# (the full corpora) never are.
CORPORA: dict[str, dict[str, str]] = {
    "nergrit": {
        "train": "indonlu-nergrit/train_preprocess.txt",
        "dev": "indonlu-nergrit/valid_preprocess.txt",
        "test": "indonlu-nergrit/test_preprocess.txt",
    },
    "nerui": {
        "train": "indolem-nerui/train.01.tsv",
        "dev": "indolem-nerui/dev.01.tsv",
        "test": "indolem-nerui/test.01.tsv",
    },
    "nerugm": {
        "train": "indolem-nerugm/train.01.tsv",
        "dev": "indolem-nerugm/dev.01.tsv",
        "test": "indolem-nerugm/test.01.tsv",
    },
}

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "training" / "ner" / "config.cfg"
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


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # BIO over PER/ORG/LOC

    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans as (first token, end token, type)."""
        return bio_spans(self.tags)


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if label and (prefix != "I" or typ != label):
            out.append((start, i, label))
            label = ""
        if prefix == "B" or (prefix == "I" and not label):  # a stray I- starts an entity
            start, label = i, typ
    return out


def read_conll(path: Path) -> list[Sentence]:
    """``token<TAB>label`` lines, blank line between sentences; labels mapped to PER/ORG/LOC."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if words:
                out.append(Sentence(words, tags))
                words, tags = [], []
            continue
        parts = line.split("\t") if "\t" in line else line.rsplit(" ", 1)
        word, label = parts[0].strip(), parts[-1].strip()
        prefix, _, typ = label.partition("-")
        mapped = LABELS.get(typ) if prefix in ("B", "I") else None
        words.append(word)
        tags.append(f"{prefix}-{mapped}" if mapped else "O")
    if words:
        out.append(Sentence(words, tags))
    return out


def load_split(data: Path, corpus: str, split: str) -> list[Sentence]:
    path = data / CORPORA[corpus][split]
    if not path.exists():
        raise UsageError(f"missing {path}: is --data the shared data folder?")
    return read_conll(path)


def _key(words: Iterable[str]) -> str:
    return " ".join(words).lower()


def training_sets(
    data: Path, weights: dict[str, int] | None = None
) -> tuple[list[Sentence], list[Sentence], dict[str, int]]:
    """Joint train and dev sets, minus any sentence that occurs in a held-out test set.

    ``weights`` repeats a corpus's training sentences (``{"nergrit": 2}``); dev is never repeated.
    """
    held_out = {_key(s.words) for c in CORPORA for s in load_split(data, c, "test")}
    stats: dict[str, int] = {}
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for corpus in CORPORA:
        for split, target in (("train", train), ("dev", dev)):
            sents = load_split(data, corpus, split)
            kept = [s for s in sents if _key(s.words) not in held_out]
            stats[f"{corpus}.{split}"] = len(kept)
            stats[f"{corpus}.{split}.dropped_in_test"] = len(sents) - len(kept)
            repeat = (weights or {}).get(corpus, 1) if split == "train" else 1
            target.extend(kept * repeat)
    return train, dev, stats


def to_docbin(sents: list[Sentence], path: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("id").vocab
    db = DocBin(store_user_data=False)
    for s in sents:
        doc = Doc(vocab, words=s.words)
        doc.ents = [Span(doc, a, b, label=t) for a, b, t in s.spans()]
        db.add(doc)
    db.to_disk(path)


# ---- raw text and vectors --------------------------------------------------------------------
def raw_sentences(data: Path) -> Iterator[str]:
    """Tokenized raw news text: CLICK-ID article bodies and IndoSum paragraphs."""
    from warta.nlp.segment import tokenize

    csv.field_size_limit(sys.maxsize)
    for path in sorted((data / "click-id-raw-articles" / "csv_converted").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                content = (row.get("content") or "").strip()
                if content:
                    yield " ".join(t.text for t in tokenize(content))
    seen: set[str] = set()
    for path in sorted((data / "indosum").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                if doc.get("id") in seen:
                    continue
                seen.add(doc.get("id"))
                for para in doc.get("paragraphs", []):
                    for sent in para:
                        yield " ".join(sent)


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


def train(
    data: Path,
    out: Path,
    work: Path,
    *,
    vectors: Path | None = None,
    config: Path = CONFIG,
    overrides: list[str] | None = None,
    weights: dict[str, int] | None = None,
) -> None:
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    tr, dv, stats = training_sets(data, weights)
    to_docbin(tr, work / "train.spacy")
    to_docbin(dv, work / "dev.spacy")
    (work / "data-stats.json").write_text(json.dumps(stats, indent=1))
    print(f"train {len(tr)} / dev {len(dv)} sentences; {stats}", flush=True)
    if vectors is None or not vectors.exists():
        vectors = train_vectors(data, work)
        print(f"vectors trained in {time.time() - t0:.0f}s", flush=True)
    vec_model = work / "vectors-model"
    if not (vec_model / "vocab").exists():
        _spacy("init", "vectors", "id", str(vectors), str(vec_model), "--mode", "floret")
    _spacy(
        "train",
        str(config),
        "--output",
        str(work / "output"),
        "--paths.train",
        str(work / "train.spacy"),
        "--paths.dev",
        str(work / "dev.spacy"),
        "--paths.vectors",
        str(vec_model),
        "--system.seed",
        str(SEED),
        *(a for kv in overrides or [] for a in (f"--{kv.split('=', 1)[0]}", kv.split("=", 1)[1])),
    )
    best = work / "output" / "model-best"
    card = out / "MODEL_CARD.md"
    card_text = card.read_text(encoding="utf-8") if card.exists() else None
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    if card_text is not None:  # the card is written by hand from `warta eval ner`; keep it
        card.write_text(card_text, encoding="utf-8")
    print(f"model written to {out} in {time.time() - t0:.0f}s", flush=True)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ner", help="train the Indonesian NER model (PER/ORG/LOC)")
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument("--out", type=Path, default=REPO / "src" / "warta" / "models" / "ner-id")
    p.add_argument(
        "--work", type=Path, default=Path("build/ner"), help="scratch folder (DocBins, vectors, checkpoints)"
    )
    p.add_argument("--vectors", type=Path, help="reuse a .floret vectors file instead of training one")
    p.add_argument("--config", type=Path, default=CONFIG)
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="spaCy config override, e.g. training.max_steps=2000",
    )
    p.add_argument(
        "--weight",
        dest="weights",
        action="append",
        default=[],
        metavar="CORPUS=N",
        help=f"repeat a corpus's training sentences N times ({', '.join(CORPORA)}), e.g. nergrit=2",
    )

    def run(args: argparse.Namespace) -> int:
        if not args.data.is_dir():
            raise UsageError(f"no data folder at {args.data}")
        if not args.config.exists():
            raise UsageError(f"no config at {args.config} (run from a repository checkout)")
        weights: dict[str, int] = {}
        for kv in args.weights:
            corpus, _, n = kv.partition("=")
            if corpus not in CORPORA or not n.isdigit() or int(n) < 1:
                raise UsageError(f"--weight {kv}: expected CORPUS=N with CORPUS in {', '.join(CORPORA)}")
            weights[corpus] = int(n)
        train(
            args.data,
            args.out,
            args.work,
            vectors=args.vectors,
            config=args.config,
            overrides=args.overrides,
            weights=weights,
        )
        return 0

    p.set_defaults(func=run)
