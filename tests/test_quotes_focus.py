"""Speaker in focus and speaker names: the rules behind pronoun cues (``ujarnya``), sentence
subjects, tagged "persons" that are no persons, and names glued to the words before them.

All sentences are made up for these tests.
"""

from __future__ import annotations

from warta import lang
from warta.article import Entity, Mention
from warta.extract import quotes
from warta.extract.entities.person_names import person_like
from warta.extract.quotes.names import person_name
from warta.lang.lexicon import lexicon
from warta.pipeline import Pipeline
from warta.read.record import RawDocument


def read(text: str):
    """Read and segment only (no entities stage), so tests can supply their own entities."""
    pipe = Pipeline.default()
    pipe.stages = [(n, f) for n, f in pipe.stages if n in ("language", "segment")]
    return pipe.run(RawDocument(content=text, format="text", lang="id"))


def entity(article, eid: str, name: str, kind: str, *forms: str) -> Entity:
    mentions = []
    for form in forms or (name,):
        start = article.text.index(form)
        while start >= 0:
            mentions.append(Mention(start, start + len(form), form))
            start = article.text.find(form, start + 1)
    return Entity(id=eid, name=name, type=kind, mentions=sorted(mentions, key=lambda m: m.start))


def quoted(text: str, *people: str | tuple[str, str]):
    """The article after the quotation finder, with the entities given (a name is a person;
    ``(name, type)`` for another type), every occurrence of each name one mention."""
    article = read(text)
    article.entities = [
        entity(article, f"e{i}", *((p, "PER") if isinstance(p, str) else p)) for i, p in enumerate(people, 1)
    ]
    quotes.run(article)
    return article


def speakers(article) -> list[tuple[str, str | None]]:
    return [(q.kind, q.speaker.name if q.speaker else None) for q in article.quotes]


def test_pronoun_cue_goes_to_the_person_not_to_an_organisation_speaking_later():
    text = (
        "Ketua Asosiasi Petani Sawit Budi Hartono mengatakan, harga tandan buah segar turun. "
        "Asosiasi Petani Sawit meyakini bahwa harga akan pulih akhir tahun.\n\n"
        "”Kami menunggu kebijakan pemerintah pusat soal pungutan ekspor,” ujarnya.\n"
    )
    article = quoted(text, "Budi Hartono", ("Asosiasi Petani Sawit", "ORG"))
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [q.speaker.name for q in direct] == ["Budi Hartono"]
    # the organisation still speaks for its own indirect quotation
    assert ("indirect", "Asosiasi Petani Sawit") in speakers(article)


def test_an_organisation_is_the_speaker_when_no_person_is_in_focus():
    text = (
        "Asosiasi Petani Sawit meyakini bahwa harga akan pulih akhir tahun.\n\n"
        "”Kami menunggu kebijakan pemerintah pusat soal pungutan ekspor,” ujarnya.\n"
    )
    article = quoted(text, ("Asosiasi Petani Sawit", "ORG"))
    assert speakers(article)[-1] == ("direct", "Asosiasi Petani Sawit")


def test_subject_after_a_connector_comes_into_focus():
    text = (
        "”Harga beras masih stabil sampai akhir bulan ini,” kata Joko Santoso.\n\n"
        "Namun, Dewi Anggraini berharap pemerintah segera menambah stok di pasar. Stok di gudang "
        "tinggal sedikit.\n\n"
        "”Kami butuh tambahan pasokan minggu depan,” ujarnya.\n"
    )
    article = quoted(text, "Joko Santoso", "Dewi Anggraini")
    assert speakers(article)[-1] == ("direct", "Dewi Anggraini")


def test_subject_after_a_fronted_adjunct_and_a_title_comes_into_focus():
    text = (
        "”Harga beras masih stabil sampai akhir bulan ini,” kata Joko Santoso.\n\n"
        "Dalam rapat di balai kota itu, Kepala Dinas Pangan Dewi Anggraini meminta pedagang "
        "menahan harga.\n\n"
        "”Kami butuh tambahan pasokan minggu depan,” ujarnya.\n"
    )
    article = quoted(text, "Joko Santoso", "Dewi Anggraini")
    assert speakers(article)[-1] == ("direct", "Dewi Anggraini")


def test_a_tagged_person_that_is_a_common_word_is_not_a_subject():
    text = (
        "”Laporan dana kampanye harus diperiksa dengan teliti,” kata Rina Wulandari.\n\n"
        "Audit terhadap dana kampanye selama ini hanya memeriksa kepatuhan. Hasil audit jarang dibuka.\n\n"
        "”Publik berhak tahu sumber dana para calon,” ujarnya.\n"
    )
    article = quoted(text, "Rina Wulandari", "Audit")
    assert [name for _, name in speakers(article)] == ["Rina Wulandari", "Rina Wulandari"]


def test_person_like_rejects_tagger_noise():
    article = read("Hasil audit keluar di Kecamatan Leles. Rina Wulandari hadir.")
    lex = lexicon(lang.get("id"))
    assert not person_like(article, "Covid-19", lex)
    assert not person_like(article, "Di Kecamatan Leles", lex)
    assert not person_like(article, "Audit", lex)
    assert person_like(article, "Rina Wulandari", lex)


def test_sentence_initial_connective_is_not_part_of_a_name():
    text = (
        "Selain Hendra Gunawan, hadir pula para kepala desa dari seluruh kecamatan. Selain itu, "
        "panitia juga mengundang warga.\n\n"
        "”Pembangunan jalan desa harus selesai tahun ini,” kata Hendra.\n"
    )
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("direct", "Hendra Gunawan")]


def test_tagged_name_with_a_subheading_glued_before_it():
    text = (
        "Aksi Sandi Butar Butar menjadi bahan perbincangan. Aksi itu direkam warga.\n\n"
        "”Saya hanya ingin membantu,” kata Sandi.\n"
    )
    article = read(text)
    assert person_name(article, "Aksi Sandi", lexicon(lang.get("id"))) == "Sandi"
    end = article.text.index("Sandi.")
    article.entities = [
        Entity("e1", "Aksi Sandi", "PER", [Mention(0, 10, "Aksi Sandi"), Mention(end, end + 5, "Sandi")])
    ]
    quotes.run(article)
    assert speakers(article) == [("direct", "Sandi Butar Butar")]


def test_affiliation_after_a_preposition_ends_with_the_speaker():
    text = "Pengamat politik dari Universitas Terbuka Robi Hartanto menilai, calon itu sulit dikalahkan.\n"
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("indirect", "Robi Hartanto")]


def test_opening_weak_verb_does_not_hide_the_speech_verb_after_it():
    text = "Menanggapi hal itu, Ketua Komisi Anggaran Rudi Salim mengatakan, anggaran tahun ini cukup.\n"
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("indirect", "Rudi Salim")]
    assert article.quotes[0].text == "anggaran tahun ini cukup"


def test_tagged_person_cut_short_of_the_name_ending_the_phrase():
    text = (
        "Direktur Kemitraan Komite Kartu Prakerja Panji Wira Ruky mengatakan, program itu berjalan. "
        "Panji menyebut pendaftar terus bertambah.\n"
    )
    article = quoted(text, "Prakerja Panji Wira")
    assert speakers(article)[0] == ("indirect", "Panji Wira Ruky")


def test_short_organisation_name_in_brackets_does_not_end_the_attribution():
    text = (
        "”Kita sedang krisis, yang dibangun harus persatuan,” kata Direktur Jenderal Otonomi Daerah "
        "Kementerian Dalam Negeri (Kemendagri) Akmal Malik, Kamis.\n"
    )
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("direct", "Akmal Malik")]


def test_an_age_in_brackets_is_not_skipped_as_an_organisation():
    text = "”Air sudah surut sejak pagi,” kata warga bernama Sherly (20) di lokasi pengungsian.\n"
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("direct", "Sherly")]


def test_role_then_place_between_commas_then_the_name():
    text = (
        "”Warga belum sadar soal penularan,” kata Camat Sukamaju, Kabupaten Tangerang, Rudi Hartono, "
        "Sabtu (18/5/2020).\n\n"
        "”Kegiatan kami kini penelusuran kontak,” kata Kepala Puskesmas Cilincing, Jakarta Utara, "
        "Edison Sahputra ketika dihubungi.\n\n"
        "”Ini kunjungan pertama,” kata Menteri Budi Santoso, Jakarta, Senin.\n"
    )
    article = read(text)
    quotes.run(article)
    assert [name for _, name in speakers(article)] == ["Rudi Hartono", "Edison Sahputra", "Budi Santoso"]


def test_bare_name_beats_a_place_in_its_lower_case_description():
    text = "Enung Suherman (43), warga Leles, mengatakan, puluhan keluarga mengungsi ke rumah kerabat.\n"
    article = quoted(text, "Leles")  # a tagger's mistake
    assert speakers(article) == [("indirect", "Enung Suherman")]


def test_a_nickname_given_with_sapaan_resolves_to_the_full_name():
    text = (
        "Pakar hukum Universitas Mulawarman, Herdiansyah Hamzah, menilai aturan itu lemah.\n\n"
        "”Dasarnya hanya instruksi presiden,” kata Castro, sapaan Herdiansyah, ketika dihubungi.\n"
    )
    article = read(text)
    quotes.run(article)
    assert speakers(article)[-1] == ("direct", "Herdiansyah Hamzah")
    assert article.quotes[-1].speaker.mention.text == "Castro"


def test_an_organisation_head_tagged_as_a_person_is_not_in_focus():
    text = (
        "Ketua Kamar Dagang dan Industri Kota Surabaya Muhammad Ali Affandi mengatakan, pengusaha "
        "mendukung kebijakan itu. Namun, soal tes rutin, Kadin merasa kebijakan itu memberatkan.\n\n"
        "”Kami menilai sanksi tegas lebih efektif,” ujarnya.\n"
    )
    article = quoted(
        text,
        "Muhammad Ali Affandi",
        "Kadin",  # a tagger's mistake
    )
    assert speakers(article)[-1] == ("direct", "Muhammad Ali Affandi")


def test_a_person_in_apposition_after_the_role_is_the_subject():
    text = (
        "”Harga singkong sedang bagus,” kata Andi Wibowo.\n\n"
        "Dosen Fakultas Ekonomika Universitas Gadjah Mada, Rina Pradipta, juga menyoroti upaya "
        "gotong royong warga. Upaya ini berjalan lewat grup percakapan.\n\n"
        "”Gerakan ini cocok untuk lingkungan kecil,” ujarnya.\n"
    )
    article = quoted(
        text,
        "Andi Wibowo",
        "Rina Pradipta",
        "Fakultas Ekonomika",  # a tagger's mistake
    )
    assert speakers(article)[-1] == ("direct", "Rina Pradipta")


def test_a_person_after_a_glued_subheading_and_a_connector_is_the_subject():
    text = (
        "”Arena renang belum selesai,” kata Iwan Santoso.\n\n"
        "Banyak hikmahnya Secara terpisah, Wakil Ketua Komisi X DPR Hesti Lestari menyambut baik "
        "penundaan itu.\n\n"
        "”Penundaan satu tahun akan banyak hikmahnya,” tuturnya.\n"
    )
    article = quoted(text, "Iwan Santoso", "Hesti Lestari")
    assert speakers(article)[-1] == ("direct", "Hesti Lestari")


def test_a_person_named_in_a_fronted_adjunct_is_not_the_subject():
    text = (
        "”Kami sudah sering memberi peringatan,” kata Nur Hadi.\n\n"
        "Terkait Daniel Mulyana yang positif Covid-19, dinas kesehatan tengah melacak kontak erat.\n\n"
        "”Semua calon harus dites berkala,” ujarnya.\n"
    )
    article = quoted(text, "Nur Hadi", "Daniel Mulyana")
    assert speakers(article)[-1] == ("direct", "Nur Hadi")


def test_person_like_rejects_an_organisation_head_unless_named_alone():
    lex = lexicon(lang.get("id"))
    article = read("Fakultas Ekonomika membuka pendaftaran. Bibit Vaksin Merah dibahas.")
    assert not person_like(article, "Fakultas Ekonomika", lex)
    assert not person_like(article, "Bibit Vaksin Merah", lex)
    named = read("Cucu Ahmad Kurnia hadir. ”Kami siap,” jelas Cucu.")
    assert person_like(named, "Cucu Ahmad Kurnia", lex)


def test_titled_subject_after_a_glued_subheading():
    text = (
        "Vaksinasi di bulan puasa Kepala Bidang Pencegahan Penyakit Dinas Kesehatan Kota Bekasi "
        "Dewi Sukmawati, dihubungi kemarin, mengatakan, vaksinasi tetap berjalan selama bulan puasa.\n"
    )
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("indirect", "Dewi Sukmawati")]
    assert article.quotes[0].text == "vaksinasi tetap berjalan selama bulan puasa"


def test_place_or_number_glued_before_a_person_speaker_is_dropped():
    text = "Ketua Satgas Covid-19 Doni Wijaya mengatakan, jumlah kasus turun pekan ini.\n"
    article = quoted(text, "Covid-19 Doni Wijaya")  # a tagger's span
    assert speakers(article) == [("indirect", "Doni Wijaya")]


def test_a_bare_name_before_its_role_chunk_is_the_speaker():
    text = (
        "Kisman Rahadi, Ketua Pusat Kajian dan Advokasi Hak Asasi Manusia (Puskaham) Sultra, "
        "menjabarkan, pengakuan tersangka harus ditelusuri lebih jauh.\n"
    )
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("indirect", "Kisman Rahadi")]


def test_name_at_the_end_of_a_long_capitalised_run_keeps_all_its_words():
    text = (
        "Manajer PT Pertamina Fuel Terminal Maos Ardi Maulana Mubarok menyampaikan, program itu "
        "memperkuat kemandirian warga.\n\n"
        "”Kelompok ini mulai berkegiatan sejak 2018,” kata Ardi.\n"
    )
    article = read(text)
    quotes.run(article)
    assert speakers(article)[-1] == ("direct", "Ardi Maulana Mubarok")


def test_affiliation_after_dari_in_a_post_cue_phrase_ends_with_the_name():
    text = "”Naskah sudah rapi,” kata Wakil Ketua Badan Legislasi (Baleg) DPR dari Fraksi Golkar Wira Aditama.\n"
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("direct", "Wira Aditama")]
    plain = read("”Ekonomi belum pulih,” kata Budi dari Universitas Indonesia.\n")
    quotes.run(plain)
    assert speakers(plain) == [("direct", "Budi")]


def test_english_organisation_words_are_not_part_of_the_name():
    text = "”Ekonomi belum pulih,” kata Direktur Riset Center of Reform on Economics Pitra Abdillah.\n"
    article = read(text)
    quotes.run(article)
    assert speakers(article) == [("direct", "Pitra Abdillah")]


def test_common_words_and_place_words_are_not_read_as_a_name():
    article = read("Hasil kerja tim itu nyata. ”Ancaman itu nyata,” kata Ketua Tim Ancaman.\n")
    quotes.run(article)
    assert speakers(article) == [("direct", None)]
    place = read("”Kami masih memeriksa saksi,” kata Kabid Humas Kepulauan.\n")
    quotes.run(place)
    assert speakers(place) == [("direct", None)]


def test_an_abbreviated_title_before_an_apposed_name_keeps_the_name():
    article = read(
        '"Kami siap," ujar Kepala Kantor Otoritas Pelabuhan Utama Tanjung Priok, Capt. Hermanta, '
        "dalam acara di Jakarta."
    )
    from warta.extract import entities

    entities.run(article)
    quotes.run(article)
    [(_, name)] = speakers(article)
    assert name == "Hermanta"
    [q] = article.quotes
    assert "Capt." in q.speaker.titles
    assert all(not t.endswith(", Capt.") for t in q.speaker.titles)


def test_a_place_the_article_names_is_cut_from_the_front_of_a_name_run():
    from warta.extract.quotes.names import after_places
    from warta.nlp.ner import tokens

    article = read("ujar General Manager IPC Tanjung Priok Suparjo.")
    article.entities = [entity(article, "e1", "IPC", "ORG"), entity(article, "e2", "Tanjung Priok", "LOC")]
    toks = tokens(article.text)
    words = [t.text for t in toks]
    run = (words.index("IPC"), words.index("Suparjo") + 1)
    a, b = after_places(article, toks, run)
    assert words[a:b] == ["Suparjo"]
    # a name that is all place stays as it is
    assert after_places(article, toks, (words.index("Tanjung"), words.index("Priok") + 1)) == (
        words.index("Tanjung"),
        words.index("Priok") + 1,
    )
