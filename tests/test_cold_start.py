"""What a cold start (issue 18) loads: the NER model without spaCy's tokenizer, which Warta never
calls (it hands the model its own tokens); asked for, that tokenizer splits as the saved one."""

from __future__ import annotations

import spacy

from warta.nlp import ner
from warta.pipeline import extract

TEXT = "Jl. Sudirman, kata-kata PT. Astra Tbk. (5/12/2016) pukul 14.30 WIB, Rp 80.000; e-mail: a@b.id."


def test_running_the_pipeline_builds_no_spacy_tokenizer():
    nlp = ner.load(None)
    extract("Menteri Luar Negeri Rusia Sergey Lavrov berbicara di Moskow, Senin.", published="2016-12-05")
    assert isinstance(nlp.tokenizer, ner.DeferredTokenizer)
    assert nlp.tokenizer._real is None


def test_the_deferred_tokenizer_splits_as_the_saved_one():
    saved = spacy.blank("id")
    saved.tokenizer.from_disk(ner.model_path() / "tokenizer", exclude=["vocab"])
    fresh = ner.DeferredTokenizer(spacy.blank("id"))
    fresh.source = ner.model_path() / "tokenizer"
    assert [t.text for t in fresh(TEXT)] == [t.text for t in saved(TEXT)]
    assert fresh.rules == saved.tokenizer.rules  # the special cases, through attribute access
