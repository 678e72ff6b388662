"""The pretraining text of `warta train ner --pretrain`: raw news cut into pieces at full stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.training import ner, ner_train


def test_pieces_end_at_full_stops_and_keep_every_word(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "Banjir merendam ratusan rumah di Jakarta Utara ."
    article = " ".join([sentence] * 20)  # one CLICK-ID body: 160 words
    monkeypatch.setattr(ner, "raw_sentences", lambda data: iter([article, "Satu kalimat pendek ."]))
    pieces = list(ner.pretrain_texts(Path("unused"), words=30))
    assert all(p.endswith(" .") for p in pieces)
    assert all(len(p.split()) <= 30 + len(sentence.split()) for p in pieces)
    assert sum(len(p.split()) for p in pieces) == 160 + 4
    assert pieces[-1] == "Satu kalimat pendek ."


def test_the_config_can_load_pretrained_weights() -> None:
    # spaCy loads [initialize] init_tok2vec only when the config has a [pretraining] block
    from spacy import util

    cfg = util.load_config(ner_train.CONFIG, interpolate=True)
    assert cfg["pretraining"]["component"] == "tok2vec"
    assert cfg["initialize"]["init_tok2vec"] == cfg["paths"]["init_tok2vec"] is None
