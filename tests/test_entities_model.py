"""The shipped NER model on sentences from the NER data sets (tests/fixtures/entities)."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.evaluate.ner import score
from warta.nlp import ner
from warta.training.ner import read_conll

FIX = Path(__file__).parent / "fixtures" / "entities"


@pytest.mark.parametrize(("name", "floor"), [("nerui-dev01-sample.tsv", 0.75), ("nergrit-valid-sample.txt", 0.6)])
def test_model_on_dataset_sentences(name, floor):
    sents = read_conll(FIX / name)
    assert len(sents) == 40
    pred = list(ner.tag_words(ner.load(), (s.words for s in sents)))
    res = score([s.spans() for s in sents], pred)
    assert res["ALL"]["f"] >= floor, res


def test_label_mapping_and_bio():
    s = read_conll(FIX / "nergrit-valid-sample.txt")
    labels = {t.split("-", 1)[1] for x in s for t in x.tags if t != "O"}
    assert labels <= {"PER", "ORG", "LOC"}


def test_recognise_offsets():
    text = "Presiden Joko Widodo meresmikan jalan tol di Semarang, Jawa Tengah, kata juru bicara Istana."
    spans = ner.recognise(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert ("Joko Widodo", "PER") in {(s.text, s.label) for s in spans}
    assert ("Semarang", "LOC") in {(s.text, s.label) for s in spans}


def test_model_is_package_data():
    p = ner.model_path()
    assert (p / "config.cfg").exists() and (p / "meta.json").exists()
    size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    assert size < 60 * 2**20


def test_cached_floret_vectors_equal_the_table():
    import numpy

    nlp = ner.load()
    cached = nlp.vocab.vectors
    assert isinstance(cached, ner.CachedFloretVectors)
    table = cached._vectors
    words = ["Presiden", "Joko", "Widodo", "tiba", "di", "Semarang", ",", "Joko", "Widodo", "kata", "qzxv", "Semarang"]
    keys = numpy.array([nlp.vocab.strings.add(w) for w in words], dtype="uint64")
    want = numpy.asarray(table.get_batch(keys))
    assert numpy.array_equal(cached.get_batch(keys), want)
    assert numpy.array_equal(cached.get_batch(keys[::-1]), want[::-1])  # from the cache
    small = ner.CachedFloretVectors(table, max_words=3)  # cache full: fresh rows still right
    assert numpy.array_equal(small.get_batch(keys), want)
    assert numpy.array_equal(small.get_batch(keys), want)


def test_model_uses_numpy_gemm():
    from thinc.api import NumpyOps

    nlp = ner.load()
    ops = [node.ops for _, proc in nlp.pipeline for node in proc.model.walk()]
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)
