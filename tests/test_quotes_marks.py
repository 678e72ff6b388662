"""Direct quotations in the styles news sites use, and articles that are odd."""

from __future__ import annotations

import pytest

import warta


def run(text: str):
    return warta.extract(text, published="2020-01-01", lang="id")


def direct(article):
    return [q for q in article.quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("«", "»"), ("”", "”"), ("„", "“")],
)
def test_quote_styles(opening, closing):
    text = (
        "Menteri Keuangan Sri Mulyani Indrawati menjelaskan rencana anggaran tahun depan di Jakarta.\n\n"
        f"{opening}Kami akan menjaga defisit tetap di bawah tiga persen,{closing} kata Sri Mulyani.\n"
    )
    qs = direct(run(text))
    assert len(qs) == 1
    assert qs[0].text == "Kami akan menjaga defisit tetap di bawah tiga persen"
    assert qs[0].speaker.name == "Sri Mulyani Indrawati"
    assert qs[0].cue.text == "kata"


def test_single_quotes_with_attribution_and_apostrophes():
    text = "Wakil Presiden Ma’ruf Amin hadir di Bandung.\n\n‘Kita harus bersatu melawan pandemi ini,’ ujar Ma’ruf.\n"
    qs = direct(run(text))
    assert [q.text for q in qs] == ["Kita harus bersatu melawan pandemi ini"]
    assert qs[0].speaker.name == "Ma’ruf Amin"


def test_scare_quotes_and_titles_are_not_quotations():
    text = (
        'Pengamat politik Ujang Komarudin menyebut fenomena itu sebagai "partai kartel" yang merugikan publik. '
        'Ia menulis buku berjudul "Demokrasi di Persimpangan Jalan Kita" pada 2019.\n'
    )
    assert direct(run(text)) == []


def test_cue_before_the_quotation():
    text = "Kapolda Metro Jaya Irjen Fadil Imran mengatakan, “Kami akan menindak tegas semua pelaku kerusuhan.”\n"
    qs = direct(run(text))
    assert len(qs) == 1
    assert qs[0].speaker.name == "Fadil Imran"
    assert qs[0].cue.text == "mengatakan"
    assert qs[0].text == "Kami akan menindak tegas semua pelaku kerusuhan."


def test_name_before_verb_after_the_quotation():
    text = (
        "Kepala BNPB Doni Monardo tiba di lokasi.\n\n“Semua warga sudah dievakuasi ke tempat aman,” Doni menambahkan.\n"
    )
    qs = direct(run(text))
    assert qs[0].speaker.name == "Doni Monardo"
    assert qs[0].cue.text == "menambahkan"


def test_quotation_over_several_paragraphs_with_repeated_opening_mark():
    text = (
        "Gubernur Jawa Barat Ridwan Kamil memberi keterangan pers di Bandung.\n\n"
        "“Kami sudah menyiapkan rumah sakit darurat di tiga kota besar.\n\n"
        "“Tenaga kesehatan tambahan juga sudah direkrut dan mulai bekerja minggu ini,” kata Ridwan.\n"
    )
    qs = direct(run(text))
    assert len(qs) == 1
    q = qs[0]
    assert len(q.parts) == 2
    assert q.text.startswith("Kami sudah menyiapkan") and q.text.endswith("mulai bekerja minggu ini")
    assert q.speaker.name == "Ridwan Kamil"


def test_missing_closing_mark_ends_at_paragraph_end():
    text = (
        "Ketua KPU Arief Budiman menjelaskan tahapan pemilu.\n\n"
        "“Pendaftaran calon akan dibuka pada bulan depan dan berlangsung selama dua minggu penuh.\n\n"
        "Setelah itu KPU memverifikasi berkas.\n"
    )
    qs = direct(run(text))
    assert len(qs) == 1
    assert qs[0].text.endswith("dua minggu penuh.")
    assert qs[0].confidence < 0.8


def test_odd_number_of_marks_no_marks_and_only_quotes_do_not_fail():
    odd = "“Kami siap,” kata Budi. Lalu ia pergi. “Besok kami datang lagi kata warga.\n"
    none = "Harga beras naik dua persen di pasar induk Cipinang pada pekan ini.\n"
    only = "“Kami menolak.”\n\n“Kami tetap menolak rencana itu.”\n\n“Sampai kapan pun.”\n"
    for text in (odd, none, only):
        article = run(text)
        for q in article.quotes:
            assert 0 <= q.start < q.end <= len(article.text)
            assert article.text[q.start : q.end]
    assert run(none).quotes == []
    assert all(q.speaker is None and q.speaker_reason for q in run(only).quotes)


def test_kompas_right_marks_as_opening_marks():
    text = (
        "JAKARTA, KOMPAS — Presiden Joko Widodo meminta percepatan bantuan sosial. ”Saya minta semuanya jalan "
        "minggu ini. Ini sudah sangat mendesak,” kata Presiden dalam rapat terbatas.\n"
    )
    qs = direct(run(text))
    assert len(qs) == 1
    assert qs[0].text == "Saya minta semuanya jalan minggu ini. Ini sudah sangat mendesak"
    assert qs[0].speaker.name == "Joko Widodo"
