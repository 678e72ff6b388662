"""``warta eval quotes``: the PFSA-ID reader (on a tiny attributed excerpt) and the scoring."""

from __future__ import annotations

import json
from pathlib import Path

from warta.evaluate._quote_data import GoldDoc, GoldQuote, read_indirect, read_pfsa
from warta.evaluate.quotes import Tally, evaluate, score_doc, speaker_ok

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quotes"
ROOT = Path(__file__).resolve().parent.parent


def test_pfsa_reader_rebuilds_text_statements_and_speakers():
    (doc,) = read_pfsa(FIXTURES / "pfsa-excerpt.txt")
    assert doc.text.startswith("JAKARTA, KOMPAS — Jumlah korban jiwa terkait Covid-19")
    assert "Senin (20/4/2020), mengatakan," in doc.text
    spans = [doc.text[q.start : q.end] for q in doc.quotes]
    assert spans[0].startswith("”Saat kami berkoordinasi dengan BNPB,")
    assert spans[0].endswith("belum ada hasil tes,”")
    assert [q.speaker for q in doc.quotes] == ["Daeng M Faqih", "Doni Monardo", "Bambang Surya Putra"]


def test_warta_on_the_pfsa_excerpt():
    docs = read_pfsa(FIXTURES / "pfsa-excerpt.txt")
    t = evaluate(docs, "direct")
    s = t.summary()
    assert s["gold"] == 3 and s["overlap_r"] == 1.0 and s["exact_r"] == 1.0
    assert s["speaker_acc"] == 1.0


def test_scoring_counts_overlap_exact_and_speakers():
    text = "Ia berkata: “Satu dua tiga.” Lalu “empat lima enam,” kata Budi."
    g1 = GoldQuote(text.index("“Satu"), text.index("tiga.”") + 6, "Ani")
    g2 = GoldQuote(text.index("“empat"), text.index("enam,”") + 6, "Budi Santoso")
    doc = GoldDoc("d", text, [g1, g2])
    preds = [
        (text.index("Satu"), text.index("tiga.") + 5, "Ani Yudhoyono", ""),  # exact after trimming marks
        (text.index("lima"), text.index("enam") + 4, "Budi", ""),  # overlap only; speaker partial
        (0, 2, None, ""),  # spurious
    ]
    t = Tally()
    score_doc(doc, preds, t)
    s = t.summary()
    assert (s["gold"], s["predicted"]) == (2, 3)
    assert s["overlap_p"] == 2 / 3 and s["overlap_r"] == 1.0
    assert s["exact_r"] == 0.5
    assert s["speaker_acc"] == 0.5 and s["speaker_acc_lenient"] == 1.0


def test_speaker_match_ignores_gold_ranks():
    assert speaker_ok("Paulus Waterpauw", "Inspektur Jenderal Paulus Waterpauw") == (True, True)
    assert speaker_ok("Paulus", "Paulus Waterpauw") == (False, True)
    assert speaker_ok(None, "Paulus Waterpauw") == (False, False)


def test_indirect_set_is_valid_and_big_enough():
    path = ROOT / "bench" / "data" / "indirect-quotes" / "indirect.jsonl"
    docs = read_indirect(path)  # checks that every offset matches its content
    quotes = [q for d in docs for q in d.quotes]
    assert len(quotes) >= 150
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["start"] is not None:
            assert r["scope_start"] <= r["start"] < r["end"] <= r["scope_end"]
            assert r["context"][r["cue_start"] : r["cue_end"]].lower() == r["cue"].lower()
    assert (ROOT / "bench" / "data" / "indirect-quotes" / "ATTRIBUTION.md").exists()


def test_documents_split_into_even_and_odd_halves():
    from warta.evaluate.quotes import doc_half, select_docs

    assert doc_half("pfsa-000") == "even" and doc_half("pfsa-013") == "odd"
    docs = [GoldDoc(f"pfsa-{i:03d}", "") for i in range(5)]
    assert [d.id for d in select_docs(docs, "even")] == ["pfsa-000", "pfsa-002", "pfsa-004"]
    assert [d.id for d in select_docs(docs, "odd")] == ["pfsa-001", "pfsa-003"]
    assert len(select_docs(docs, "all")) == 5


def test_tallies_of_the_halves_add_up_to_the_whole():
    text = "“Satu dua tiga,” kata Budi. “Empat lima enam,” kata Ani."
    g1 = GoldQuote(text.index("Satu"), text.index("tiga") + 4, "Budi")
    g2 = GoldQuote(text.index("Empat"), text.index("enam") + 4, "Ani")
    a, b, whole = Tally(), Tally(), Tally()
    p1 = (g1.start, g1.end, "Budi", "")
    p2 = (g2.start, g2.end, "Budi", "")
    score_doc(GoldDoc("a", text, [g1]), [p1], a)
    score_doc(GoldDoc("b", text, [g2]), [p2], b)
    score_doc(GoldDoc("w", text, [g1, g2]), [p1, p2], whole)
    combined = Tally.combine([a, b])
    assert combined.summary() == whole.summary()
    assert combined.summary()["speaker_acc"] == 0.5
    assert len(combined.errors) == 1


def test_public_figure_view_leaves_out_private_speakers_only():
    from warta.evaluate.quotes import evaluate_views

    text = (
        "Harga cabai naik dua kali lipat sejak pekan lalu.\n\n"
        "Sumarni Wulandari (47), pedagang sayur di Pasar Minggu, mengeluhkan sepinya pembeli.\n\n"
        "“Sekarang sepi sekali, orang hanya beli sedikit,” kata Sumarni.\n\n"
        "Menteri Perdagangan Budi Santoso mengatakan pemerintah memantau harga.\n\n"
        "“Kami akan operasi pasar minggu depan,” kata Budi."
    )
    s = text.index("“Kami")
    gold = GoldDoc("d", text, [GoldQuote(s, text.index("depan,”") + 7, "Budi Santoso")])
    every, public = evaluate_views([gold], "direct")
    assert every.n_pred == 2 and every.tp_overlap == 1  # the trader's quotation is not in this gold
    assert public.n_pred == 1 and public.tp_overlap == 1
    assert public.summary()["speaker_acc"] == 1.0
