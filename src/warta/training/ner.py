"""The data of ``warta train ner``: the labelled corpora and the raw news text.

The labelled corpora are read with their own train/dev splits: NERGrit (IndoNLU split), NER-UI
and NER-UGM fold 01 (IndoLEM). Labels are mapped to PER/ORG/LOC (``LABELS``); NER-UGM's
TIME/QUANTITY become O. Any training/dev sentence that also occurs in a test set is dropped, so
the evaluation (``warta eval ner``) stays held out. NERP (``--with-nerp``) is truecased from the
raw news first (``nerp_sentence``). The raw news text (CLICK-ID, IndoSum) is tokenized with
Warta's runtime tokenizer, for the vectors and the pretraining.

The training steps are in :mod:`warta.training.ner_train`, the command in
:mod:`warta.training.ner_command`.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
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


# ---- raw text -------------------------------------------------------------------------------
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
