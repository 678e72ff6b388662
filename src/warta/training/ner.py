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

Optional (not used by the shipped model, which they did not beat on dev; see its model card):
``--with-nerp`` adds NERP train, truecased from the raw news (``warta.training.truecase``), with
PPL/PLC/IND mapped and the tokens its conventions leave unknown marked missing
(``nerp_sentence``); ``--finetune`` then continues from the best model on the three corpora
alone (``training/ner/finetune.cfg``). Dev stays the three corpora's joint dev set.
``--distil`` trains several teachers and one student on their votes over raw news
(``warta.training.ner_distil``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.errors import UsageError
from warta.training.truecase import Truecaser, count_forms, is_capitalised, load_forms, save_forms

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
    # NERP (IndoNLU): people, places, institutions. Its EVT/FNB (events, food) map to O here;
    # nerp_sentence marks them missing instead
    "PPL": "PER",
    "PLC": "LOC",
    "IND": "ORG",
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

# NERP is all lower-case: used only with ``--with-nerp``, after truecasing (training/truecase.py)
# from the raw news. Its test split is never read; its valid split only for by-eye checks.
NERP = {
    "train": "indonlu-nerp/train_preprocess.txt",
    "valid": "indonlu-nerp/valid_preprocess.txt",
}

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


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # BIO over PER/ORG/LOC
    # tokens whose label is unknown (partial annotation; spaCy's NER does not learn from them)
    missing: list[bool] | None = None

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


def read_conll_raw(path: Path) -> list[tuple[list[str], list[str]]]:
    """``token<TAB>label`` lines, blank line between sentences: (words, source labels)."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    labels: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if words:
                out.append((words, labels))
                words, labels = [], []
            continue
        parts = line.split("\t") if "\t" in line else line.rsplit(" ", 1)
        words.append(parts[0].strip())
        labels.append(parts[-1].strip())
    if words:
        out.append((words, labels))
    return out


def map_label(label: str) -> str:
    prefix, _, typ = label.partition("-")
    mapped = LABELS.get(typ) if prefix in ("B", "I") else None
    return f"{prefix}-{mapped}" if mapped else "O"


def read_conll(path: Path) -> list[Sentence]:
    """``token<TAB>label`` lines, blank line between sentences; labels mapped to PER/ORG/LOC."""
    return [Sentence(words, [map_label(x) for x in labels]) for words, labels in read_conll_raw(path)]


def load_split(data: Path, corpus: str, split: str) -> list[Sentence]:
    path = data / CORPORA[corpus][split]
    if not path.exists():
        raise UsageError(f"missing {path}: is --data the shared data folder?")
    return read_conll(path)


def _key(words: Iterable[str]) -> str:
    return " ".join(words).lower()


def in_entity(tags: list[str]) -> list[bool]:
    return [t != "O" for t in tags]


def truecaser_for(data: Path, work: Path) -> Truecaser:
    """A truecaser for NERP's words, counted over the raw news (cached in ``work``)."""
    cache = work / "truecase-forms.json.gz"
    if cache.exists():
        return Truecaser(load_forms(cache))
    vocab = {w.lower() for split in NERP.values() for s in read_conll(data / split) for w in s.words}
    t0 = time.time()
    forms = count_forms((line.split() for line in raw_sentences(data)), vocab)
    save_forms(forms, cache)
    print(f"truecase counts for {len(forms)}/{len(vocab)} NERP words in {time.time() - t0:.0f}s", flush=True)
    return Truecaser(forms)


def nerp_sentence(words: list[str], labels: list[str], caser: Truecaser) -> Sentence:
    """One NERP sentence: case restored, PPL/PLC/IND mapped, unknowns marked missing.

    NERP's IND covers companies, clubs, media and brands; government bodies and parties
    ("KPK", "DPR", "Partai Demokrat") are O there but ORG in the other three corpora, and its
    EVT/FNB spans have no counterpart. So a token outside NERP's PPL/PLC/IND spans whose usual
    written form is capitalised (the raw news counts say "KPK", "Senin") and any EVT/FNB token
    is *missing* (not O): the model learns nothing about it from NERP. Lower-case words stay O.
    """
    tags = [map_label(x) for x in labels]
    entity = in_entity(tags)
    other = [x != "O" and not e for x, e in zip(labels, entity, strict=True)]
    missing = [
        o or (not e and is_capitalised(caser.word(w, in_entity=False)))
        for w, e, o in zip(words, entity, other, strict=True)
    ]
    # every NERP span (EVT/FNB too: "Piala Dunia") is cased as a name
    return Sentence(caser.restore(words, [x != "O" for x in labels]), tags, missing)


def load_nerp(data: Path, split: str, caser: Truecaser) -> list[Sentence]:
    """NERP sentences with their case restored (see ``nerp_sentence``)."""
    path = data / NERP[split]
    if not path.exists():
        raise UsageError(f"missing {path}: is --data the shared data folder?")
    return [nerp_sentence(w, x, caser) for w, x in read_conll_raw(path)]


def training_sets(
    data: Path, weights: dict[str, int] | None = None, nerp: list[Sentence] | None = None
) -> tuple[list[Sentence], list[Sentence], dict[str, int]]:
    """Joint train and dev sets, minus any sentence that occurs in a held-out test set.

    ``weights`` repeats a corpus's training sentences (``{"nergrit": 2}``); dev is never repeated.
    ``nerp`` (truecased NERP train) is added to train, minus any sentence that occurs
    (case-insensitively) in a test or dev set of the three corpora; dev stays those three.
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
    if nerp is not None:
        seen = held_out | {_key(s.words) for s in dev}
        kept = [s for s in nerp if _key(s.words) not in seen]
        stats["nerp.train"] = len(kept)
        stats["nerp.train.dropped_in_test_or_dev"] = len(nerp) - len(kept)
        train.extend(kept * (weights or {}).get("nerp", 1))
    return train, dev, stats


def to_docbin(sents: list[Sentence], path: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("id").vocab
    db = DocBin(store_user_data=False)
    for s in sents:
        doc = Doc(vocab, words=s.words)
        ents = [Span(doc, a, b, label=t) for a, b, t in s.spans()]
        missing = [Span(doc, i, i + 1) for i, m in enumerate(s.missing or []) if m]
        doc.set_ents(ents, missing=missing, default="outside")
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


def pretrain_texts(data: Path, words: int = 60) -> Iterator[str]:
    """The raw news text in pieces of about ``words`` words, cut after a sentence's full stop
    (``spacy pretrain`` skips documents over 500 tokens, and CLICK-ID yields whole articles)."""
    for text in raw_sentences(data):
        piece: list[str] = []
        n = 0
        for sent in re.split(r"(?<= \.) ", text):
            piece.append(sent)
            n += len(sent.split())
            if n >= words:
                yield " ".join(piece)
                piece, n = [], 0
        if piece:
            yield " ".join(piece)


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
        to_docbin(tr, work / "train.spacy")
        to_docbin(dv, work / "dev.spacy")
        (work / "data-stats.json").write_text(json.dumps(stats, indent=1))
        print(f"train {len(tr)} / dev {len(dv)} sentences; {stats}", flush=True)
        best = spacy_train(
            config, work / "output", work / "train.spacy", work / "dev.spacy", vec_model, *init, overrides=overrides
        )
    if finetune:
        tr, dv, stats = training_sets(data)
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
        help=f"repeat a corpus's training sentences N times ({', '.join(CORPORA)}, nerp), e.g. nergrit=2",
    )
    p.add_argument(
        "--with-nerp",
        action="store_true",
        help="add NERP train (lower-cased; truecased from the raw news first) to the training data",
    )
    p.add_argument(
        "--finetune",
        action="store_true",
        help="then continue training the best model on the three corpora alone (training/ner/finetune.cfg)",
    )
    p.add_argument(
        "--pretrain",
        action="store_true",
        help="first pretrain the tok2vec on the raw news text (spacy pretrain, characters objective)",
    )
    p.add_argument("--pretrain-words", type=int, default=0, help="pretrain on the first N words only (0: all)")
    p.add_argument("--stage-one", type=Path, help="fine-tune this model instead of training stage one")
    p.add_argument(
        "--distil",
        action="store_true",
        help="train the teachers in training/ner/teachers.toml, tag raw news with their votes, "
        "and train one model on gold + those silver labels (warta.training.ner_distil)",
    )
    p.add_argument(
        "--finetune-set",
        dest="finetune_overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="spaCy config override for the fine-tuning stage",
    )

    def run(args: argparse.Namespace) -> int:
        if not args.data.is_dir():
            raise UsageError(f"no data folder at {args.data}")
        if not args.config.exists():
            raise UsageError(f"no config at {args.config} (run from a repository checkout)")
        weights: dict[str, int] = {}
        names = (*CORPORA, "nerp")
        for kv in args.weights:
            corpus, _, n = kv.partition("=")
            if corpus not in names or not n.isdigit() or int(n) < 1:
                raise UsageError(f"--weight {kv}: expected CORPUS=N with CORPUS in {', '.join(names)}")
            weights[corpus] = int(n)
        if args.distil:
            from warta.training import ner_distil

            if args.with_nerp or args.finetune or args.pretrain or args.stage_one or weights:
                raise UsageError("--distil takes none of --with-nerp, --finetune, --pretrain, --stage-one, --weight")
            plan = ner_distil.load_plan()
            ner_distil.distil(
                args.data,
                args.out,
                args.work,
                plan=plan,
                vectors=args.vectors,
                config=args.config,
                overrides=args.overrides,
            )
            return 0
        train(
            args.data,
            args.out,
            args.work,
            vectors=args.vectors,
            config=args.config,
            overrides=args.overrides,
            weights=weights,
            with_nerp=args.with_nerp,
            finetune=args.finetune or args.stage_one is not None,
            stage_one=args.stage_one,
            finetune_overrides=args.finetune_overrides,
            pretrain=args.pretrain,
            pretrain_words=args.pretrain_words,
        )
        return 0

    p.set_defaults(func=run)
