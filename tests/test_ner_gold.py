"""In-domain NER training data: gold articles as tagged sentences (warta.training.ner_gold)."""

from __future__ import annotations

from warta.evaluate.gold_corpus import GoldArticle
from warta.training.ner_gold import article_sentences, gold_sentences


def _article(text: str, ann: dict) -> GoldArticle:
    return GoldArticle("t-1", "kompas", 0, "train", "2019-09-10", None, text, ann)


def test_mentions_become_bio_tags_on_runtime_tokens():
    text = "Menteri Keuangan Sri Mulyani datang ke Jakarta. KPK diam."
    ann = {
        "entities": [
            {"id": "E1", "type": "PER", "mentions": [[17, 28]]},
            {"id": "E2", "type": "LOC", "mentions": [[39, 46]]},
            {"id": "E3", "type": "ORG", "mentions": [[48, 51]]},
        ],
        "boilerplate": [],
    }
    sents = article_sentences(_article(text, ann))
    tagged = [(w, t) for s in sents for w, t in zip(s.words, s.tags, strict=True) if t != "O"]
    assert tagged == [("Sri", "B-PER"), ("Mulyani", "I-PER"), ("Jakarta", "B-LOC"), ("KPK", "B-ORG")]
    assert all(s.missing is None for s in sents)


def test_boilerplate_and_split_tokens_are_missing_not_outside():
    text = "Warga Bandung-Garut berdemo di Bandung hari ini. Baca juga: Jokowi ke Solo"
    ann = {
        "entities": [{"id": "E1", "type": "LOC", "mentions": [[6, 13], [31, 38]]}],
        "boilerplate": [{"span": [49, 74], "kind": "read_also"}],
    }
    sents = article_sentences(_article(text, ann))
    words = [w for s in sents for w in s.words]
    missing = [m for s in sents for m in (s.missing or [False] * len(s.words))]
    marked = {w for w, m in zip(words, missing, strict=True) if m}
    assert "Bandung-Garut" in marked  # a mention ends inside the token: its label is unknown
    assert {"Jokowi", "Solo"} & marked or "Jokowi" not in words  # inside a boilerplate block (or cut)


def test_the_gold_test_part_is_never_training_data(tmp_path):
    import pytest

    with pytest.raises(ValueError):
        gold_sentences(tmp_path, "test")
