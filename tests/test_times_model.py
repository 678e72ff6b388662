"""The learned TIME/QUANTITY boundary detector (``warta.extract.time.tagger``) and its trainer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.evaluate import _nerugm, nerugm_reader
from warta.extract.time import tagger as timequant
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
    table = timequant.MODEL_DIR / timequant.CLUSTERS_FILE
    assert det.path.stat().st_size + table.stat().st_size < 5_000_000
    assert det.meta["trained_on"] == "indolem-nerugm/train.01.tsv + indolem-nerugm/dev.01.tsv"
    assert det.meta["features_version"] == timequant.FEATURES_VERSION, "stale model: run `warta train timequant`"
    assert (timequant.MODEL_DIR / "MODEL_CARD.md").exists()


def test_shipped_model_draws_nerugm_spans() -> None:
    det = timequant.detector()
    assert det is not None
    text = "Menurut Konashenkov, lebih dari 80 ribu warga Suriah dibebaskan pada Sabtu (3/12)."
    got = det.spans(text)
    assert _words(text, got["TIME"]) == ["Sabtu (3/12)"]
    # NER-UGM draws a nationality after the counted people both ways (train.01 + dev.01: left out
    # 6 times, "1,8 juta warga [Palestina]"; inside 2 times, "2.122 warga Palestina")
    assert _words(text, got["QUANTITY"]) in (["80 ribu warga"], ["80 ribu warga Suriah"])
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
    sents = nerugm_reader.load(MINI, timequant.LABELS)
    for label in timequant.LABELS:
        sc = _nerugm.score(sents, label, lambda t, lab=label: det.spans(t)[lab])
        assert sc.exact()[2] >= 0.8, (label, sc)


def test_model_stage_additions_stay_inside_sentences() -> None:
    from warta.extract.time import amounts, quantities, times

    text = "Ia menjabat Wakil Presiden 2004 - 2009. Harga naik 5 persen."
    for t in times.model_only(text, 0, len(text), []):
        assert 0 <= t.start < t.end <= len(text) and t.text == text[t.start : t.end]
        assert t.value is None or t.grain == "year"
    qs = quantities.model_only(text, 0, len(text), [], [])
    assert all(q.value is not None and q.text == text[q.start : q.end] for q in qs)
    assert quantities.model_only(text, 0, len(text), amounts.find(text), []) == []


@pytest.mark.skipif(not (Path(__file__).parents[1] / "../shared/data/indolem-nerugm").exists(), reason="no shared data")
def test_shipped_model_matches_its_training_file() -> None:
    import hashlib

    det = timequant.detector()
    assert det is not None
    folder = Path(__file__).parents[1] / "../shared/data/indolem-nerugm"
    assert det.meta["train_sha256"] == trainer.files_sha256(trainer.fold_files(folder, 1))
    # the cluster table shipped is the one the model was trained with
    table = timequant.MODEL_DIR / timequant.CLUSTERS_FILE
    assert det.meta["clusters"]["sha256"] == hashlib.sha256(table.read_bytes()).hexdigest()


def test_cluster_table_feeds_the_features(tmp_path: Path) -> None:
    table = tmp_path / timequant.CLUSTERS_FILE
    table.write_text("warga\t3\t17\t101\nfoto\t5\t40\t7\n", encoding="utf-8")
    cl = timequant.load_clusters(table)
    assert cl["warga"] == ("3", "17", "101") and timequant.load_clusters(tmp_path / "none.tsv") == {}
    text = "80 ribu warga"
    toks = timequant.tokenize(text)
    feats = timequant.features(text, toks, clusters=cl)
    assert "0:c2=101" in feats[2] and "1:c1=17" in feats[1] and "0:c0=-" in feats[0]
    # the rules' reading of the quantity is a feature too: digits, magnitude, counted thing's head
    assert {"q.inw=False", "q.mag=4", "q.head=warga"} <= set(feats[0])
    # a model trained with a table keeps a copy of it and records which
    trainer.train(MINI, tmp_path / "m", {"max_iterations": 20}, clusters=table, verbose=False)
    assert (tmp_path / "m" / timequant.CLUSTERS_FILE).read_bytes() == table.read_bytes()
    assert timequant.Detector(tmp_path / "m" / timequant.MODEL_FILE).clusters == cl


def test_kmeans_is_seeded() -> None:
    import numpy as np

    rng = np.random.default_rng(5)
    x = np.concatenate([rng.normal(0, 0.05, (20, 4)) + [1, 0, 0, 0], rng.normal(0, 0.05, (20, 4)) + [0, 0, 1, 0]])
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    a = trainer._kmeans(x, 2)
    assert a == trainer._kmeans(x, 2)
    assert len(set(a[:20])) == 1 and len(set(a[20:])) == 1 and a[0] != a[20]


def test_spans_keep_their_brackets_balanced() -> None:
    text = "sejauh 2.000 kilometer (1.250 mil) dari sana, gaji 256 (Rp5 juta) sebulan"
    toks = timequant.tokenize(text)
    w = _words(text, toks)
    open_end = (toks[1][0], toks[w.index("mil")][1])  # "2.000 kilometer (1.250 mil"
    stray = (toks[w.index("Rp5")][0], toks[w.index("juta") + 1][1])  # "Rp5 juta)"
    whole = (toks[1][0], toks[w.index("mil") + 1][1])
    got = timequant.balance_brackets(text, [open_end, stray, whole], toks)
    assert _words(text, got) == ["2.000 kilometer (1.250 mil)", "Rp5 juta", "2.000 kilometer (1.250 mil)"]
