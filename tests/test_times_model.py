"""The learned TIME/QUANTITY boundary detector (``warta.extract.timequant``) and its trainer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.evaluate import _nerugm
from warta.extract import timequant
from warta.training import timequant as trainer

MINI = Path(__file__).parent / "fixtures" / "times" / "nerugm-mini.tsv"


def _words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_tokens_follow_nerugm() -> None:
    text = "Minggu (24/8), 80.000 warga, Rp9.100, ke-80 dan anak-anak, 1,5 juta, pukul 14.30."
    toks = _words(text, timequant.tokenize(text))
    assert toks[:6] == ["Minggu", "(", "24/8", ")", ",", "80.000"]
    for t in ("Rp9.100", "ke-80", "1,5", "14.30"):
        assert t in toks
    assert toks[toks.index("dan") + 1 : toks.index("dan") + 4] == ["anak", "-", "anak"]


def test_tags_to_spans() -> None:
    text = "pada Sabtu (3/12) ada 80 ribu warga"
    toks = timequant.tokenize(text)
    tags = ["O", "B-TIME", "I-TIME", "I-TIME", "I-TIME", "O", "B-QUANTITY", "I-QUANTITY", "I-QUANTITY"]
    got = timequant.spans_from_tags(tags, toks)
    assert _words(text, got["TIME"]) == ["Sabtu (3/12)"]
    assert _words(text, got["QUANTITY"]) == ["80 ribu warga"]
    # an I- without a B- starts a span; a label change ends one
    got = timequant.spans_from_tags(["I-TIME", "I-QUANTITY", "O", "O", "O", "O", "O", "O", "O"], toks)
    assert _words(text, got["TIME"]) == ["pada"] and _words(text, got["QUANTITY"]) == ["Sabtu"]


def test_shipped_model_is_small_and_documented() -> None:
    det = timequant.detector()
    assert det is not None, "src/warta/models/timequant-id/ is missing: run `warta train timequant`"
    assert det.path.stat().st_size < 5_000_000
    assert det.meta["trained_on"] == "indolem-nerugm/train.01.tsv"
    assert det.meta["features_version"] == timequant.FEATURES_VERSION, "stale model: run `warta train timequant`"
    assert (timequant.MODEL_DIR / "MODEL_CARD.md").exists()


def test_shipped_model_draws_nerugm_spans() -> None:
    det = timequant.detector()
    assert det is not None
    text = "Menurut Konashenkov, lebih dari 80 ribu warga Suriah dibebaskan pada Sabtu (3/12)."
    got = det.spans(text)
    assert _words(text, got["TIME"]) == ["Sabtu (3/12)"]
    assert _words(text, got["QUANTITY"]) == ["80 ribu warga Suriah"]
    text = "Harga naik 5 persen menjadi Rp 1,5 juta pada Senin (5/12) pagi."
    got = det.spans(text)
    assert _words(text, got["QUANTITY"]) == ["5 persen", "Rp 1,5 juta"]
    assert _words(text, got["TIME"])[0].startswith("Senin (5/12)")
    # offsets stay in the caller's text when only a part of it is tagged
    lead = "Judul. "
    got = det.spans(lead + text, len(lead), len(lead) + len(text))
    assert _words(lead + text, got["QUANTITY"]) == ["5 persen", "Rp 1,5 juta"]


def test_training_is_reproducible_and_learns(tmp_path: Path) -> None:
    a = trainer.train(MINI, tmp_path / "a", {"max_iterations": 60}, verbose=False)
    b = trainer.train(MINI, tmp_path / "b", {"max_iterations": 60}, verbose=False)
    assert a.read_bytes() == b.read_bytes()
    meta = json.loads((tmp_path / "a" / "meta.json").read_text(encoding="utf-8"))
    assert meta["sentences"] == 12 and meta["labels"] == ["TIME", "QUANTITY"]
    det = timequant.Detector(a)
    sents = _nerugm.load(MINI, timequant.LABELS)
    for label in timequant.LABELS:
        sc = _nerugm.score(sents, label, lambda t, lab=label: det.spans(t)[lab])
        assert sc.exact()[2] >= 0.8, (label, sc)


def test_model_stage_additions_stay_inside_sentences() -> None:
    from warta.extract import quantities, times

    text = "Ia menjabat Wakil Presiden 2004 - 2009. Harga naik 5 persen."
    for t in times.model_only(text, 0, len(text), []):
        assert 0 <= t.start < t.end <= len(text) and t.text == text[t.start : t.end]
        assert t.value is None or t.grain == "year"
    qs = quantities.model_only(text, 0, len(text), [], [])
    assert all(q.value is not None and q.text == text[q.start : q.end] for q in qs)
    assert quantities.model_only(text, 0, len(text), quantities.find(text), []) == []


@pytest.mark.skipif(not (Path(__file__).parents[1] / "../shared/data/indolem-nerugm").exists(), reason="no shared data")
def test_shipped_model_matches_its_training_file() -> None:
    import hashlib

    det = timequant.detector()
    assert det is not None
    data = Path(__file__).parents[1] / "../shared/data/indolem-nerugm/train.01.tsv"
    assert det.meta["train_sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
