"""Speakers: by name, by role, by pronoun; attached to entities when the entities stage found them."""

from __future__ import annotations

import warta
from warta.article import Entity, Mention
from warta.extract import quotes
from warta.pipeline import Pipeline
from warta.read.record import RawDocument


def read(text: str):
    """Read and segment only (no entities stage), so tests can supply their own entities."""
    pipe = Pipeline.default()
    pipe.stages = [(n, f) for n, f in pipe.stages if n in ("language", "segment")]
    return pipe.run(RawDocument(content=text, format="text", lang="id"))


def mention(article, text: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(text, start + 1)
    return Mention(start, start + len(text), text)


TEXT = (
    "Juru bicara Kementerian Luar Negeri Teuku Faizasyah memberi keterangan di Jakarta, Senin.\n\n"
    "“Pemerintah terus memantau situasi warga negara Indonesia di sana,” kata Faizasyah.\n\n"
    "“Belum ada laporan korban,” kata juru bicara itu.\n\n"
    "“Kami berkoordinasi dengan KBRI setiap hari,” ujarnya.\n"
)


def test_speaker_without_entities_uses_the_fullest_name():
    article = read(TEXT)
    quotes.run(article)
    names = [q.speaker.name for q in article.quotes]
    assert names == ["Teuku Faizasyah"] * 3
    assert all(q.speaker.entity is None for q in article.quotes)
    assert article.quotes[0].speaker.titles == ["Juru bicara Kementerian Luar Negeri"]
    assert article.quotes[1].speaker.mention.text == "juru bicara itu"
    assert article.quotes[2].speaker.mention.text == "ujarnya"


def test_speaker_attached_to_the_entity_whose_mention_overlaps():
    article = read(TEXT)
    per = Entity(
        id="e1",
        name="Teuku Faizasyah",
        type="PER",
        mentions=[mention(article, "Teuku Faizasyah"), mention(article, "Faizasyah", 1)],
        titles=["Juru bicara Kementerian Luar Negeri"],
        affiliations=["Kementerian Luar Negeri"],
    )
    org = Entity(
        id="e2", name="Kementerian Luar Negeri", type="ORG", mentions=[mention(article, "Kementerian Luar Negeri")]
    )
    article.entities = [org, per]
    quotes.run(article)
    for q in article.quotes:
        assert q.speaker.entity == "e1"
        assert q.speaker.name == "Teuku Faizasyah"
        assert q.speaker.affiliations == ["Kementerian Luar Negeri"]
    assert article.quotes[0].speaker.mention.text == "Faizasyah"


def test_entity_gives_the_full_name_for_a_short_mention():
    text = "“Harga cabai akan turun pekan depan,” kata Enggar di Jakarta.\n"
    article = read(text)
    article.entities = [Entity(id="p1", name="Enggartiasto Lukita", type="PER", mentions=[mention(article, "Enggar")])]
    quotes.run(article)
    assert article.quotes[0].speaker.name == "Enggartiasto Lukita"
    assert article.quotes[0].speaker.entity == "p1"


def test_role_named_speaker_linked_to_the_role_holder():
    text = (
        "Presiden Joko Widodo membuka rapat terbatas di Istana Merdeka.\n\n"
        "“Saya minta semua menteri bekerja lebih cepat,” kata Presiden.\n"
    )
    q = warta.extract(text, lang="id").quotes[0]
    assert q.speaker.name == "Joko Widodo"


def test_source_clause_is_not_a_speaker():
    text = "“Situasi sudah terkendali,” kata juru bicara militer, seperti dikutip Reuters.\n"
    article = warta.extract(text, lang="id")
    q = article.quotes[0]
    assert q.speaker is None or q.speaker.name != "Reuters"


def test_no_speaker_gives_a_reason():
    text = "Warga berkumpul di alun-alun sejak pagi.\n\n“Kami hanya ingin harga kembali normal seperti tahun lalu.”\n"
    q = warta.extract(text, lang="id").quotes[0]
    assert q.speaker is None
    assert q.speaker_reason


def test_alias_defined_in_the_article():
    text = (
        "Presiden Joko Widodo (Jokowi) meninjau banjir di Bekasi.\n\n"
        "“Pompa air harus ditambah di semua titik,” kata Jokowi.\n"
    )
    q = warta.extract(text, lang="id").quotes[0]
    assert q.speaker.name == "Joko Widodo"


def test_well_known_short_name_only_when_the_article_gives_the_full_form():
    with_full = (
        "Presiden Joko Widodo meresmikan jalan tol di Semarang.\n\n"
        "“Tol ini memangkas waktu tempuh hingga dua jam,” kata Jokowi.\n"
    )
    without = "“Tol ini memangkas waktu tempuh hingga dua jam,” kata Jokowi di Semarang.\n"
    assert warta.extract(with_full, lang="id").quotes[0].speaker.name == "Joko Widodo"
    assert warta.extract(without, lang="id").quotes[0].speaker.name == "Jokowi"


def test_stated_role_repeating_entity_titles_is_not_listed_twice():
    from warta.extract.quotes.resolve import merge_titles

    titles, affs = ["juru bicara Kementerian Pertahanan Rusia", "Mayjen"], ["Kementerian Pertahanan Rusia"]
    assert merge_titles("juru bicara Kementerian Pertahanan Rusia Mayjen", titles, affs) == titles
    assert merge_titles("Menteri Luar Negeri Rusia", ["Menteri Luar Negeri"], ["Rusia"]) == ["Menteri Luar Negeri"]
    # a role that says more than the entity's titles is kept, first
    assert merge_titles("Ketua Tim Pemenangan", ["Menteri Luar Negeri"], []) == [
        "Ketua Tim Pemenangan",
        "Menteri Luar Negeri",
    ]
    assert merge_titles(None, ["Presiden"], []) == ["Presiden"]


def test_a_name_inside_a_quotation_is_not_the_next_speaker():
    # a scraper's page: paragraphs joined by commas, the attributions lost with the links
    text = (
        "Borneo FC akan menghadapi Madura United di Samarinda.,Madura United harus waspada.,"
        '"Tidak ada persiapan khusus dari tim pelatih.","Kami masih tanpa Diego, Dirga dan Firdaus.",'
        '"Mereka pasti termotivasi meraih poin.",Pertandingan Madura United Vs Borneo FC berakhir 3-0.'
    )
    article = warta.extract(text)
    assert any("had joined paragraphs" in w for w in article.warnings)
    assert [q.text[:9] for q in article.quotes] == ["Tidak ada", "Kami masi", "Mereka pa"]
    assert [q.speaker for q in article.quotes] == [None, None, None]


def test_vs_stands_between_two_names():
    article = read("Pertandingan Madura United Vs Borneo FC berakhir 3-0. “Kami puas,” kata Borneo.")
    quotes.run(article)
    assert article.quotes[0].speaker.name == "Borneo FC"  # not "Vs Borneo FC"


def test_degrees_after_a_name_are_no_part_of_it():
    text = (
        "Dekan Fakultas Hukum UGM Prof. Dr. Sigit Riyanto, S.H., LL.M. mengatakan aturan itu sudah lama berlaku.\n\n"
        "Koordinator Pusat Studi Lingkungan Hidup Dr Suwondo MS memperkirakan kerugian mencapai Rp 50 triliun.\n\n"
        '"Kerugian itu besar sekali," kata Suwondo.'
    )
    article = warta.extract(text)
    people = [e.name for e in article.entities if e.type == "PER"]
    assert people == ["Sigit Riyanto", "Suwondo"]
    assert [q.speaker.name for q in article.quotes] == ["Sigit Riyanto", "Suwondo", "Suwondo"]
    assert "Dr" in article.entities[[e.name for e in article.entities].index("Suwondo")].titles


def test_an_apposed_name_before_a_locative_written_as_one_word():
    text = (
        "Kasus terjadi di Desa Kota Bani, Kecamatan Putri Hijau. "
        '"Atas dasar suka sama suka," kata Kepala Desa Kota Bani, Zaidin dikediamannya, Kamis (19/9/2019).'
    )
    article = warta.extract(text)
    assert article.quotes[0].speaker.name == "Zaidin"


def test_a_place_in_a_persons_origin_is_no_speaker():
    text = (
        "Fotografer alam liar Kevin Dooley mengatakan, dia cukup beruntung untuk mengabadikan momen itu.\n\n"
        "Pria dari Albuquerque, New Mexico, Amerika Serikat (AS), itu menuturkan dia tengah makan siang.\n\n"
        '"Saya tak percaya peristiwa itu sungguh terjadi," ujarnya.'
    )
    article = warta.extract(text)
    assert [q.speaker.name for q in article.quotes] == ["Kevin Dooley"] * 3


def test_a_specialist_degree_without_full_stops_is_no_speaker():
    text = "Anggota DPR dr. Nova Riyanti Yusuf, SpKJ mengatakan kesehatan jiwa harus menjadi fokus pemerintah."
    article = warta.extract(text)
    assert [e.name for e in article.entities if e.type == "PER"] == ["Nova Riyanti Yusuf"]
    assert article.quotes[0].speaker.name == "Nova Riyanti Yusuf"


def test_a_field_or_a_conjunction_is_no_speaker():
    from warta import lang
    from warta.extract.quotes.names import is_name_token
    from warta.lang.lexicon import lexicon

    lost = (
        "Kementerian itu bekerja keras. Menteri Kelautan dan Perikanan , menjelaskan kenapa jajaran itu bekerja. "
        '"Kami terus bekerja," katanya.'
    )
    assert [q.speaker for q in warta.extract(lost).quotes] == [None, None]
    assert not is_name_token("Meski", lexicon(lang.get("id")))


def test_an_opening_mark_that_ends_its_paragraph_opens_nothing():
    # found on a gold train article once flattened paragraph joins were split: it crashed the stage
    text = 'Dia lalu berkata "\n\nKemudian ada tanda ini" di paragraf kedua. "Kami siap," kata Budi.'
    assert [q.text for q in warta.extract(text).quotes] == ["Kami siap"]
