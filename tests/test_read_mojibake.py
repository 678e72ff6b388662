"""Mojibake (UTF-8 read as Mac Roman / cp1252) is repaired, offsets still point into the input."""

from __future__ import annotations

from warta.pipeline import extract
from warta.read.mojibake import repair


def test_repair_maps_back_to_the_broken_input():
    broken = "dia,‚Äù tutur Budi. ‚ÄúSaya¬†senang.‚Äù CafÃ© biasa."
    fixed, omap = repair(broken)
    assert fixed == "dia,” tutur Budi. “Saya\xa0senang.” Café biasa."
    assert omap is not None
    for word, original in [("“Saya", "‚ÄúSaya"), ("senang.”", "senang.‚Äù"), ("Café", "CafÃ©"), ("biasa.", "biasa.")]:
        i = fixed.index(word)
        s, e = omap.span_to_source(i, i + len(word))
        assert broken[s:e] == original


def test_clean_text_is_left_alone():
    text = "Menteri Luar Negeri Rusia Sergey Lavrov, “Moskow siap.” Café naïve Müller €5."
    assert repair(text) == (text, None)


def test_quotes_found_through_repaired_marks():
    broken = (
        "Judul Berita Hari Ini\n\n"
        "‚ÄúKami akan membangun jembatan baru tahun depan,‚Äù kata Bupati Sleman Sri Purnomo di Sleman.\n"
    )
    article = extract(broken)
    assert any(w.startswith("repaired 2 mojibake") for w in article.warnings)
    assert "“Kami akan membangun" in article.text
    quotes = [q for q in article.quotes if q.kind == "direct"]
    assert quotes and quotes[0].text.startswith("Kami akan membangun jembatan")
    s, e = article.to_original(quotes[0].start, quotes[0].end)
    assert broken[s:e] == "Kami akan membangun jembatan baru tahun depan"
