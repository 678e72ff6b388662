"""Indonesian sentences and tokens: abbreviations whole, reduplications one token, quotes kept."""

from __future__ import annotations

import pytest

from warta.nlp.segment import sentence_spans, tokenize
from warta.pipeline import extract


def tokens(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("Kantor PT. Astra di Jl. Sudirman No. 5", ["PT.", "Jl.", "No."]),
        ("Saham PT Astra International Tbk. naik", ["Tbk."]),
        ("Dr. H. Agus Salim, M.Si. hadir", ["Dr.", "H.", "M.Si."]),
        ("dr. Reisa, Sp.PD. dan Prof. Ir. Budi, Ph.D. datang", ["dr.", "Sp.PD.", "Prof.", "Ir.", "Ph.D."]),
        ("Kapolda Irjen. Pol. X di Kec. Gambir, Kab. Bogor", ["Irjen.", "Kec.", "Kab."]),
        ("sayur, buah, dll. dan ikan", ["dll."]),
    ],
)
def test_abbreviations_are_one_token(text, whole):
    toks = tokens(text)
    for abbr in whole:
        assert abbr in toks
    assert "." not in toks


@pytest.mark.parametrize(
    "word", ["pakar-pakar", "Anak-anak", "kupu-kupu", "berbeda-beda", "bentrokan-bentrokan", "anak-anaknya"]
)
def test_reduplication_is_one_token(word):
    assert word in tokens(f"Para {word} itu datang.")


def test_currency_and_numbers():
    assert tokens("Harganya Rp15.000 atau Rp 1,5 juta pada 14.30 WIB (10/9/2019).") == [
        "Harganya",
        "Rp",
        "15.000",
        "atau",
        "Rp",
        "1,5",
        "juta",
        "pada",
        "14.30",
        "WIB",
        "(",
        "10/9/2019",
        ")",
        ".",
    ]
    assert "Rp." in tokens("Sebanyak Rp. 5 juta disita.")


def test_urls_and_emails_stay_whole():
    toks = tokens("Kirim ke pr.mms@margamandala.co.id atau buka https://www.tempo.co/read/1 sekarang.")
    assert "pr.mms@margamandala.co.id" in toks
    assert "https://www.tempo.co/read/1" in toks


@pytest.mark.parametrize(
    "text",
    [
        "Ia tinggal di Jl. Sudirman No. 12 bersama keluarganya.",
        "Kantor PT. Astra dipimpin Dr. H. Agus Salim yang baru.",
        "Harganya Rp. 15.000 per kilogram.",
        "Franco A. ditangkap ketika berusaha mengambil pistol.",
        "Undang-Undang No. 5/1999 Tentang Larangan Monopoli berlaku.",
        "Dua penggawa yakni M. Hargianto dan Septian David Maulana cedera.",
        "Ia berkata, “Tunggu... saya belum selesai,” lalu pergi.",
        '"Apa kabar?" tanya dia kepada wartawan.',
        "Skornya 3.5 poin, katanya.",
    ],
)
def test_no_split_inside(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kantor dipimpin Agus Salim, M.Si. Ia datang kemarin.",
            ["Kantor dipimpin Agus Salim, M.Si.", "Ia datang kemarin."],
        ),
        (
            "Ia membeli sayur, buah, dll. Selain itu ia membeli ikan.",
            ["Ia membeli sayur, buah, dll.", "Selain itu ia membeli ikan."],
        ),
        ("Saham PT Astra International Tbk. Harganya naik.", ["Saham PT Astra International Tbk.", "Harganya naik."]),
        ("Ia tinggal di Jl. Sudirman. Rumahnya besar.", ["Ia tinggal di Jl. Sudirman.", "Rumahnya besar."]),
        ("Dia menunggu... Lalu pulang.", ["Dia menunggu...", "Lalu pulang."]),
        ("Korban 5 orang. 3 orang luka.", ["Korban 5 orang.", "3 orang luka."]),
    ],
)
def test_splits(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden berkata: “Ini sudah final.” Menteri pun diam.",
            ["Presiden berkata: “Ini sudah final.”", "Menteri pun diam."],
        ),
        (
            '"Kami siap," kata dia. "Besok kami berangkat!" Lalu ia pergi.',
            ['"Kami siap," kata dia.', '"Besok kami berangkat!"', "Lalu ia pergi."],
        ),
        (
            "Ia menyebutnya 'luar biasa.' Semua setuju (meski ada yang ragu.) Rapat usai.",
            ["Ia menyebutnya 'luar biasa.'", "Semua setuju (meski ada yang ragu.)", "Rapat usai."],
        ),
    ],
)
def test_closing_quote_stays_with_its_sentence(text, expected):
    assert sentences(text) == expected


def test_sentences_tile_paragraphs_and_dateline_stays_in_first_sentence():
    text = (
        "Judul Berita Hari Ini\n"
        "TEMPO.CO, Jakarta - Kepala BKPM Thomas Lembong mengaku sudah diberi izin. Ia senang.\n"
        "“Saya boleh marah,” kata Thomas di Jl. Veteran No. 16, Jakarta. Lalu ia pergi.\n"
    )
    article = extract(text)
    got = [article.text[s.start : s.end] for s in article.sentences]
    assert got == [
        "TEMPO.CO, Jakarta - Kepala BKPM Thomas Lembong mengaku sudah diberi izin.",
        "Ia senang.",
        "“Saya boleh marah,” kata Thomas di Jl. Veteran No. 16, Jakarta.",
        "Lalu ia pergi.",
    ]
    assert article.dateline is not None and article.dateline.outlet == "TEMPO.CO"
    typo = extract("Judul Berita\nTEMPO, CO. Jakarta - Kepala BKPM datang. Ia senang.\nParagraf kedua di sini.\n")
    first = typo.sentences[0]
    assert typo.text[first.start : first.end] == "TEMPO, CO. Jakarta - Kepala BKPM datang."


@pytest.mark.timeout(120)
def test_segmenting_a_long_paragraph(tmp_path):
    # a 1.2 MB paragraph: every sentence found, abbreviations kept (speed is measured in bench/)
    para = "Ia tinggal di Jl. Sudirman No. 5 bersama pakar-pakar ekonomi. " * 20000
    spans = sentence_spans(para, 0, len(para))
    assert len(spans) == 20000
    assert para[spans[1][0] : spans[1][1]] == "Ia tinggal di Jl. Sudirman No. 5 bersama pakar-pakar ekonomi."
