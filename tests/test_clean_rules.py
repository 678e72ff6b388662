"""Boilerplate rules on the leftovers trafilatura leaves in Indonesian news pages.

The lines come from /work/shared/docs/html-leftovers.md (measured on antara, kompas, detik,
okezone, republika, liputan6, kapanlagi, tempo, viva pages); the body lines around them are
written for this test.
"""

from __future__ import annotations

import pytest

from warta.pipeline import Pipeline
from warta.read.record import RawDocument

PAGE = """Home > News > Nasional
Harga Beras Naik Jelang Akhir Tahun - Kompas.com
Harga Beras Naik Jelang Akhir Tahun
JAKARTA, KOMPAS.com -
Harga beras medium di pasar tradisional Jakarta naik Rp 1.000 per kilogram dalam sepekan terakhir.
Pedagang beras di Pasar Induk Cipinang, H. Sutrisno, mengatakan pasokan dari Jawa Tengah berkurang.
Petugas memeriksa stok beras di gudang Bulog, Jakarta, Kamis (5/11/2015). (REUTERS / Danny Moloshok)
“Kami berharap pemerintah segera operasi pasar,” kata Sutrisno.
ANTARA
-
Editor: Farid Assifa
| Penulis | : Rina Ayu |
| Redaktur | : Hendra |
Fotografer: Andi Nur
SHARE
17Shares / Facebook Twitter Google+ Email Copy Link
Rate artikel ini Like (0)
close
Komentar yang tampil sepenuhnya menjadi tanggung jawab pengirim dan bukan merupakan pendapat atau kebijakan redaksi.
Berita · Bisnis · Olahraga · Hiburan · Teknologi
BERITA LAINNYA
Kamis, 05/11/2015 09:25 WIB Harga Cabai Turun di Pasar Senen
01
Menteri Tinjau Gudang Bulog di Surabaya
02
More Stories
Load More...
FOTO TERKAIT:
COPYRIGHT © ANTARA 2015
© 2007 - 2015 okezone.com, All Rights Reserved
"""

BODY = [
    "JAKARTA, KOMPAS.com - Harga beras medium di pasar tradisional Jakarta naik Rp 1.000 per kilogram dalam sepekan terakhir.",
    "Pedagang beras di Pasar Induk Cipinang, H. Sutrisno, mengatakan pasokan dari Jawa Tengah berkurang.",
    "“Kami berharap pemerintah segera operasi pasar,” kata Sutrisno.",
]

REMOVED = [
    ("breadcrumb", "Home > News > Nasional"),
    ("duplicate_title", "Harga Beras Naik Jelang Akhir Tahun"),
    ("photo_credit", "ANTARA"),
    ("bullet", "-"),
    ("editor_credit", "Editor: Farid Assifa"),
    ("author_credit", "| Penulis | : Rina Ayu |"),
    ("editor_credit", "| Redaktur | : Hendra |"),
    ("photo_credit", "Fotografer: Andi Nur"),
    ("share_prompt", "SHARE"),
    ("share_prompt", "17Shares / Facebook Twitter Google+ Email Copy Link"),
    ("widget", "Rate artikel ini Like (0)"),
    ("widget", "close"),
    (
        "comment_disclaimer",
        "Komentar yang tampil sepenuhnya menjadi tanggung jawab pengirim dan bukan merupakan pendapat atau kebijakan redaksi.",
    ),
    ("navigation", "Berita · Bisnis · Olahraga · Hiburan · Teknologi"),
    ("read_also", "BERITA LAINNYA"),
    ("related_list", "Kamis, 05/11/2015 09:25 WIB Harga Cabai Turun di Pasar Senen"),
    ("related_list", "01"),
    ("related_list", "Menteri Tinjau Gudang Bulog di Surabaya"),
    ("related_list", "02"),
    ("read_also", "More Stories"),
    ("read_also", "Load More..."),
    ("read_also", "FOTO TERKAIT:"),
    ("copyright", "COPYRIGHT © ANTARA 2015"),
    ("copyright", "© 2007 - 2015 okezone.com, All Rights Reserved"),
]


def read(text: str):
    return Pipeline([]).read(RawDocument(content=text))


@pytest.fixture(scope="module")
def page():
    return read(PAGE)


def test_body_kept_word_for_word(page):
    assert [page.text[p.start : p.end] for p in page.paragraphs] == BODY


def test_every_leftover_removed_with_its_kind(page):
    assert [(r.kind, r.text) for r in page.removed] == REMOVED
    for r in page.removed:
        assert PAGE[r.original_start : r.original_end] == r.text


def test_title_caption_and_lone_dateline(page):
    assert page.title.text == "Harga Beras Naik Jelang Akhir Tahun"  # " - Kompas.com" stripped
    assert [c.text for c in page.captions] == [
        "Petugas memeriksa stok beras di gudang Bulog, Jakarta, Kamis (5/11/2015). (REUTERS / Danny Moloshok)"
    ]
    d = page.dateline
    assert (d.text, d.place, d.outlet) == ("JAKARTA, KOMPAS.com -", "JAKARTA", "KOMPAS.com")
    # the dateline line and the lead paragraph are joined in the text, each maps back exactly
    first = page.paragraphs[0]
    s, e = page.to_original(first.start, first.start + len(d.text))
    assert PAGE[s:e] == d.text
    s, e = page.to_original(first.start + len(d.text) + 1, first.end)
    assert PAGE[s:e] == BODY[0][len(d.text) + 1 :]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Jokowi Resmikan Tol Baru | Republika Online", "Jokowi Resmikan Tol Baru"),
        ("KapanLagi.com: Raisa Rilis Album Baru", "Raisa Rilis Album Baru"),
        ("Gempa Guncang Lombok - detikNews", "Gempa Guncang Lombok"),
    ],
)
def test_site_name_stripped_from_title(line, title):
    a = read(f"{line}\nParagraf pertama berita ini.\nParagraf kedua berita ini.\n")
    assert a.title.text == title


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Situs ini menggunakan kuki. Klik di sini untuk mempelajari lebih lanjut.", "cookie_notice"),
        ("Terima kuki", "cookie_notice"),
        ("This site uses cookies. By continuing to browse the site you agree to our use of cookies.", "cookie_notice"),
        ("Hak cipta milik Rossiyskaya Gazeta.", "copyright"),
        ("Copyright (c) 2019 Tempo.co", "copyright"),
        ("SCROLL TO CONTINUE WITH CONTENT", "scroll_prompt"),
        ("Baca juga: Harga Cabai Turun di Pasar Senen", "read_also"),
        ("Ikuti berita terkini dari Kompas.com di Google News", "follow_prompt"),
        ("Bagikan artikel ini: Facebook Twitter WhatsApp", "share_prompt"),
        ("Penulis: Annesa K. Ramadhany", "author_credit"),
        ("Editor : Memey Mega", "editor_credit"),
        ("ANTARA FOTO/Hafidz Mubarak A", "photo_credit"),
        ("Foto; Paul De Roos - dok BBC.", "photo_credit"),
        ("Sumber: Tirto", "source_credit"),
        ("Artikel ini tayang di Kompas.com dengan judul Harga Beras Naik", "syndication_notice"),
        ("DailySocial.id adalah portal berita startup dan inovasi teknologi.", "outlet_promo"),
        ("#GrowFearLess with FIMELA", "hashtag_slogan"),
        ("loading...", "widget"),
        ("(dek/ris)", "author_credit"),
        ("* * *", "bullet"),
    ],
)
def test_line_rules(line, kind):
    # two sentences above: not a caption for a credit line
    first = "Paragraf pertama berita ini. Kalimat keduanya di sini."
    a = read(f"Judul Berita Ini\n{first}\n{line}\nParagraf kedua berita ini.\n")
    assert [(r.kind, r.text) for r in a.removed] == [(kind, line)]
    assert [a.text[p.start : p.end] for p in a.paragraphs] == [first, "Paragraf kedua berita ini."]


@pytest.mark.parametrize(
    "line",
    [
        # body lines that resemble boilerplate and must stay
        "Penulis",  # an item of a list of professions
        "Foto itu langsung disukai oleh hampir 4,5 juta pengguna Instagram.",
        "Sumber di kepolisian mengatakan pelaku sudah ditangkap sejak Senin malam lalu.",
        "Lihat juga: Keluarga Minta Tersangka Dikembalikan ke Papua,Setelah itu, Golfrid dibawa ke rumah sakit.",
        "Komentar Presiden itu langsung ditanggapi oleh para menteri di Istana.",
        "Harga saham PT Astra International Tbk. naik 2 persen pada perdagangan Senin.",
        "Dia menyebut hak cipta lagu itu masih dalam sengketa di pengadilan.",
        "“Kita cek dulu ya,” ujarnya singkat.",
        "Share pada kolom komentar di bawah ini pendapatmu tentang film tersebut, ya!",
    ],
)
def test_body_lines_that_look_like_boilerplate_stay(line):
    a = read(f"Judul Berita Ini\nParagraf pertama berita ini.\n{line}\nParagraf kedua berita ini.\n")
    assert a.removed == []
    assert line in [a.text[p.start : p.end] for p in a.paragraphs]


def test_inline_cuts_keep_the_rest_of_the_paragraph():
    a = read(
        "Judul Berita Ini\n"
        "Baca Juga: ,Demikian manfaat algae untuk kecantikan, semoga informasi ini bermanfaat ya.\n"
        "Habibie diakui dunia. (baca juga: Jejak BJ Habibie di Jerman) Ia lalu pulang ke Indonesia.\n"
        "“Kita cek dulu ya,” ujarnya singkat.(dek/ris)\n"
        "Paragraf SCROLL TO CONTINUE WITH CONTENT terakhir di sini.\n"
    )
    assert [(r.kind, r.text) for r in a.removed] == [
        ("read_also", "Baca Juga: ,"),
        ("read_also", "(baca juga: Jejak BJ Habibie di Jerman)"),
        ("author_credit", "(dek/ris)"),
        ("scroll_prompt", "SCROLL TO CONTINUE WITH CONTENT"),
    ]
    assert [a.text[p.start : p.end] for p in a.paragraphs] == [
        "Demikian manfaat algae untuk kecantikan, semoga informasi ini bermanfaat ya.",
        "Habibie diakui dunia. Ia lalu pulang ke Indonesia.",
        "“Kita cek dulu ya,” ujarnya singkat.",
        "Paragraf terakhir di sini.",
    ]


def test_a_caption_repeated_far_away_or_a_short_repeated_line_is_not_removed():
    a = read(
        "Judul Berita Ini\n"
        "Dani Pedrosa (Repsol Honda) - finis 5\n"
        "Paragraf pertama berita ini cukup panjang untuk dibaca.\n"
        "Paragraf kedua berita ini juga cukup panjang.\n"
        "Dani Pedrosa (Repsol Honda) - finis 5\n"
    )
    assert a.removed == [] and a.captions == []
    assert len(a.paragraphs) == 4


def test_a_line_printed_twice_without_a_photo_credit_stays_in_the_body_once():
    line = "Hadir dengan lima nominasi aktor (a),dalam film,(b),dalam film,(c),dalam film,."
    a = read(f"Judul Berita Ini\nParagraf pertama berita ini. Kalimat kedua.\n{line}\n{line}\nParagraf akhir.\n")
    assert [(r.kind, r.text) for r in a.removed] == [("duplicate_paragraph", line)]
    assert a.captions == []
    assert [a.text[p.start : p.end] for p in a.paragraphs][1] == line


def test_a_caption_printed_twice_around_its_credit():
    caption = "Menteri Luar Negeri AS John Kerry (kiri) dan Menteri Luar Negeri Rusia Sergey Lavrov."
    a = read(f"Judul Berita Ini\n{caption}\n{caption}\nEPA\nParagraf pertama berita ini.\nParagraf akhir.\n")
    assert [c.text for c in a.captions] == [caption]
    assert [(r.kind, r.text) for r in a.removed] == [("duplicate_caption", caption), ("photo_credit", "EPA")]


def test_a_read_also_label_run_onto_a_body_paragraph_is_cut_and_the_paragraph_kept():
    # CLICK-ID okezone: the link text was dropped, the next paragraph joined with ",,"
    a = read(
        "Judul Berita Ini\n"
        "Paragraf pertama berita ini. Kalimat kedua.\n"
        "Baca Juga:,,Baca juga:,,Ketika ditanya mengapa Jokowi menolak, Mahathir berkata, "
        '"Saya tidak tahu mengapa."\n'
        "Baca juga: Jokowi: Untuk Apa Laporan Dana Desa Berlapis Tapi Uangnya Hilang?\n"
        "BUDIARTI UTAMI PUTRI | HALIDA BUNGA FISANDRA | SHINTA MAHARANI\n"
    )
    assert [(r.kind, r.text) for r in a.removed] == [
        ("read_also", "Baca Juga:,,Baca juga:,,"),
        ("read_also", "Baca juga: Jokowi: Untuk Apa Laporan Dana Desa Berlapis Tapi Uangnya Hilang?"),
        ("credit_list", "BUDIARTI UTAMI PUTRI | HALIDA BUNGA FISANDRA | SHINTA MAHARANI"),
    ]
    assert [a.text[p.start : p.end] for p in a.paragraphs][1] == (
        'Ketika ditanya mengapa Jokowi menolak, Mahathir berkata, "Saya tidak tahu mengapa."'
    )


@pytest.mark.parametrize(
    "first",
    [
        # first lines of IndoSum articles (no title there): leads, not headlines
        "Merdeka.com - Kado Indah Untuk Totti",
        "MUENCHEN, JUARA.net - Sejak bergabung dengan skuat utama Bayern Muenchen pada 2002, Philipp Lahm",
        "Siapa yang tak suka dengan donat?",
        "Taylor Swift mengeluarkan lagu baru rasanya semua orang sudah tahu tapi apakah semua orang bersedia",
        "B",
        "(Kredit: juara.net)",
    ],
)
def test_a_lead_line_is_not_taken_for_the_title(first):
    a = read(f"{first}\nParagraf kedua berita ini. Kalimat lain.\nParagraf ketiga berita ini.\n")
    assert a.title is None
    kept = [a.text[p.start : p.end] for p in a.paragraphs]
    assert first in kept or [(r.kind, r.text) for r in a.removed] == [("photo_credit", first)]


@pytest.mark.parametrize(
    "title",
    [
        "Bahas Aleppo, Lavrov: AS Akhirnya Ajukan Proposal yang Sejalan dengan Rusia",
        'Saat "Baut, Botol, hingga Roti" Adu Cepat di Jakarta Kizuna Ekiden 2019',
        "Aktivis Walhi Sumut Meninggal, Kata Pak Polisi Karena Kecelakaan, Tapi...",
        "[Lipsus Gabungan] Terlampau Sadis! Begini Perlakuan Polisi Terhadap Anak-anak",
    ],
)
def test_headlines_are_titles(title):
    a = read(f"{title}\nParagraf pertama berita ini. Kalimat lain.\nParagraf kedua berita ini.\n")
    assert a.title is not None and a.title.text == title


def test_paragraphs_a_scraper_joined_with_commas_are_split_again():
    text = (
        'Borneo FC menjamu Madura United di Liga 1.,"Tidak ada persiapan khusus," kata pelatih.",'
        '"Kami siap.",Madura United di posisi ketiga.,,,Laga digelar Rabu, 18 September 2019.'
    )
    article = Pipeline.default().read(RawDocument(content=text, format="text", lang="id"))
    assert [article.text[p.start : p.end] for p in article.paragraphs] == [
        "Borneo FC menjamu Madura United di Liga 1.",
        '"Tidak ada persiapan khusus," kata pelatih."',
        '"Kami siap."',
        "Madura United di posisi ketiga.",
        "Laga digelar Rabu, 18 September 2019.",
    ]
    assert article.warnings == ["split the text at 4 commas where a scraper had joined paragraphs"]


def test_an_abbreviation_or_a_single_comma_join_is_no_paragraph_break():
    for text in ("Hadir Dr. Budi, M.Sc.,Ph.D dari UGM. Ia bicara.", "Ia tiba.,Lalu pergi. Mereka menunggu."):
        article = Pipeline.default().read(RawDocument(content=text, format="text", lang="id"))
        assert len(article.paragraphs) == 1


def test_a_comma_join_after_a_space_is_split_too():
    text = 'Kaca mobil pecah. ,"Kejadiannya baru diketahui," kata Afroni. ,Pelaku masih dicari polisi.'
    article = Pipeline.default().read(RawDocument(content=text, format="text", lang="id"))
    assert len(article.paragraphs) == 3


def test_a_comma_join_followed_by_a_space_is_split():
    text = "Pergantian dimulai pada 20 Oktober 2019., Hal ini berimbas ke kabinet. Ada yang pergi., Nampaknya begitu."
    article = Pipeline.default().read(RawDocument(content=text, format="text", lang="id"))
    assert len(article.paragraphs) == 3


def test_flattened_paragraph_joins_after_a_bracket_or_a_glued_sentence_end():
    from warta.clean.structure import unflatten

    text = "Ia datang Selasa (17/9/2019),Juhaedin mengatakan itu.,Kemudian hilang..,Anies menyebut itu."
    out, n = unflatten(text)
    assert n == 3 and out.count("\n") == 3 and len(out) == len(text)
    assert unflatten("Harga naik 1,5 persen (naik),sementara, kata dia.,Lalu pergi.")[1] == 0


def test_credit_code_and_hashtag_tagline_before_the_page_tail_are_cut():
    import warta

    a = warta.extract("Ia dihukum 15 tahun penjara.,(zys),,,loading...")
    assert a.text == "Ia dihukum 15 tahun penjara."
    assert [r.kind for r in a.removed] == ["author_credit", "widget"]
    b = warta.extract("Semoga bermanfaat ya.,#GrowFearless with FIMELA")
    assert b.text == "Semoga bermanfaat ya." and [r.kind for r in b.removed] == ["promo"]
    c = warta.extract("Ia tinggal di Amerika Serikat. (AS)")  # capitals: an abbreviation, not initials
    assert not c.removed
