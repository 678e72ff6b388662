"""The founding example: title, language, boilerplate removed and reported, body kept."""

from __future__ import annotations

BODY_PARAGRAPHS_START = [
    "Pada pertemuan di Roma kemarin",
    "Menteri Luar Negeri AS John Kerry mengajukan proposal terkait Aleppo",
    "“Moskow siap untuk segera",
    "“Ini tidak boleh menjadi pertemuan",
    "Sebelumnya pada Rabu (30/11)",
    "“Kita perlu memaksa teroris keluar",
    "Kesuksesan tentara pemerintah",
    '"Sebagian wilayah bagian timur Aleppo',
    "Menurut Konashenkov, kini lebih dari 80 ribu",
]


def test_title_and_language(aleppo):
    assert aleppo.title.text == "Bahas Aleppo, Lavrov: AS Akhirnya Ajukan Proposal yang Sejalan dengan Rusia"
    assert aleppo.language.code == "id"
    assert 0.5 < aleppo.language.confidence <= 1.0


def test_boilerplate_removed_and_reported(aleppo, aleppo_text):
    text = aleppo.text
    assert "kuki" not in text
    assert "Hak cipta" not in text
    assert "\nEPA" not in text and not text.startswith("EPA")
    caption = "Menteri Luar Negeri AS John Kerry (kiri) dan Menteri Luar Negeri Rusia Sergey Lavrov."
    assert caption not in text
    kinds = [r.kind for r in aleppo.removed]
    assert kinds.count("cookie_notice") == 2
    assert "copyright" in kinds and "photo_credit" in kinds and "duplicate_caption" in kinds
    for r in aleppo.removed:
        # every removed block is reported with exact offsets in the original input
        assert aleppo_text[r.original_start : r.original_end] == r.text
    assert [c.text for c in aleppo.captions] == [caption]


def test_every_body_paragraph_kept_word_for_word(aleppo, aleppo_text):
    original_paragraphs = [line.strip() for line in aleppo_text.splitlines() if line.strip()]
    kept = [aleppo.text[p.start : p.end] for p in aleppo.paragraphs]
    assert len(kept) == len(BODY_PARAGRAPHS_START)
    for para, start in zip(kept, BODY_PARAGRAPHS_START, strict=True):
        assert para.startswith(start)
        assert para in original_paragraphs


def test_offsets_map_back_to_original(aleppo, aleppo_text):
    for p in aleppo.paragraphs:
        s, e = aleppo.to_original(p.start, p.end)
        assert aleppo_text[s:e] == aleppo.text[p.start : p.end]
    for s in aleppo.sentences:
        os_, oe = aleppo.to_original(s.start, s.end)
        assert aleppo_text[os_:oe] == aleppo.text[s.start : s.end]


def test_sentences_keep_closing_quote(aleppo):
    sents = [aleppo.text[s.start : s.end] for s in aleppo.sentences]
    assert "“Ini tidak boleh menjadi pertemuan yang hanya sekadar pertemuan,” kata Lavrov." in sents
    assert "“Kita perlu menyepakati rincian waktu pelaksanaan langkah-langkah yang diusulkan.”" in sents


def test_to_dict_schema(aleppo):
    d = aleppo.to_dict()
    assert d["schema"] == "warta.article/1"
    for key in (
        "id",
        "language",
        "title",
        "dateline",
        "published",
        "url",
        "text",
        "paragraphs",
        "sentences",
        "removed",
    ):
        assert key in d
    assert d["id"] == aleppo.id and len(d["id"]) == 16
