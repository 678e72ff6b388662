"""A fake ``../shared/data`` for the NER training-set tests: one file per corpus and split."""

from __future__ import annotations

from pathlib import Path


def write_fake_corpora(root: Path, extra: str = "") -> None:
    """Each corpus/split file holds the sentence "<corpus> <split>" (the corpus name a person),
    then ``extra`` (more CoNLL lines) when given."""
    from warta.training.ner import CORPORA

    for corpus, splits in CORPORA.items():
        for split, rel in splits.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(f"{corpus}\tB-PERSON\n{split}\tO\n\n{extra}", encoding="utf-8")
