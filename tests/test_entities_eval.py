"""`warta eval ner` helpers: detokenising test sentences and scoring the whole entities stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from ner_support import write_fake_corpora
from warta.evaluate.ner import char_to_tokens, detokenise, render, score, stage_spans
from warta.training.ner import read_conll, training_sets

FIX = Path(__file__).parent / "fixtures" / "entities"


def test_detokenise_spacing_and_offsets():
    words = ["Menurut", "Joko", "(", "Jokowi", ")", ",", "harga", "naik", "5", "%", "."]
    text, offs = detokenise(words)
    assert text == "Menurut Joko (Jokowi), harga naik 5%."
    assert [text[s:e] for s, e in offs] == words


def test_char_to_tokens_covers_partial_tokens():
    _, offs = detokenise(["Kota", "Semarang", "indah", "."])
    assert char_to_tokens(offs, 5, 13) == (1, 2)  # exactly "Semarang"
    assert char_to_tokens(offs, 0, 13) == (0, 2)
    assert char_to_tokens(offs, 2, 9) == (0, 2)  # starts in "Kota", ends in "Semarang"
    assert char_to_tokens(offs, 4, 5) is None  # only the space


def test_stage_spans_cut_titles_and_map_to_corpus_tokens():
    words = ["Presiden", "Joko", "Widodo", "tiba", "di", "Semarang", ",", "Jawa", "Tengah", "."]
    spans = stage_spans(words)
    assert (1, 3, "PER") in spans  # the title stays outside the name
    assert (5, 6, "LOC") in spans
    assert all(words[a:b] for a, b, _ in spans)


@pytest.mark.parametrize(("name", "floor"), [("nerui-dev01-sample.tsv", 0.7), ("nergrit-valid-sample.txt", 0.55)])
def test_stage_on_dataset_sentences(name, floor):
    sents = read_conll(FIX / name)
    pred = [stage_spans(s.words) for s in sents]
    res = score([s.spans() for s in sents], pred)
    assert res["ALL"]["f"] >= floor, res


def test_render_puts_systems_side_by_side():
    gold = [[(0, 2, "PER")]]
    res = {"model": {"nerui": score(gold, [[(0, 2, "PER")]])}, "stage": {"nerui": score(gold, [[]])}}
    out = render(res, "test")
    head, first = out.splitlines()[:2]
    assert "model F1" in head and "stage F1" in head
    assert first.split()[-4:] == ["1.0000", "0.0000", "0.0000", "0.0000"]


def test_training_weights_repeat_train_not_dev(tmp_path):
    write_fake_corpora(tmp_path, "Ali\tB-PER\n\n")
    train, dev, stats = training_sets(tmp_path, {"nergrit": 2})
    # "Ali" occurs in every test file: dropped everywhere; one sentence per train/dev file stays
    assert len(dev) == 3
    assert [s.words[0] for s in train].count("nergrit") == 2
    assert [s.words[0] for s in train].count("nerui") == 1
    assert stats["nergrit.train"] == 1
