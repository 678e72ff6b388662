"""Indirect quotations: the clause a speech cue governs, and what is not reported speech."""

from __future__ import annotations

import warta


def indirect(text: str):
    return [q for q in warta.extract(text, lang="id").quotes if q.kind == "indirect"]


def test_verb_with_comma_and_time_adjunct():
    text = (
        "Juru bicara pemerintah untuk Covid-19, Achmad Yurianto, di Jakarta, Rabu (22/4/2020), menyebutkan, "
        "jumlah orang dalam pemantauan mencapai 193.571 orang.\n"
    )
    (q,) = indirect(text)
    assert q.text == "jumlah orang dalam pemantauan mencapai 193.571 orang"
    assert q.speaker.name == "Achmad Yurianto"
    assert q.cue.text == "menyebutkan"


def test_bahwa_clause_after_an_adjunct():
    text = (
        "Juru bicara Motjaba Khaledi mengatakan kepada kantor berita ISNA bahwa pihaknya sudah mengirim helikopter.\n"
    )
    (q,) = indirect(text)
    assert q.text == "pihaknya sudah mengirim helikopter"
    assert q.speaker.name == "Motjaba Khaledi"


def test_fronted_menurut_and_pronoun_subject():
    text = (
        "Ketua KPK Agus Rahardjo hadir dalam seminar antikorupsi di Jakarta.\n\n"
        "Menurut Agus, korupsi di sektor swasta belum diatur dalam undang-undang. "
        "Ia mengatakan, aturan itu harus segera dibuat.\n"
    )
    qs = indirect(text)
    assert [q.text for q in qs] == [
        "korupsi di sektor swasta belum diatur dalam undang-undang",
        "aturan itu harus segera dibuat",
    ]
    assert [q.speaker.name for q in qs] == ["Agus Rahardjo", "Agus Rahardjo"]


def test_inserted_cue_gives_two_items():
    text = "Kapolsek Tambun Kompol Bobby Kusumawardana menjelaskan kasus itu.\n\nMeski masih di bawah umur, kata Bobby, para pelaku tetap diproses hukum.\n"
    qs = indirect(text)
    assert [q.text for q in qs] == ["Meski masih di bawah umur", "para pelaku tetap diproses hukum"]
    assert {q.speaker.name for q in qs} == {"Bobby Kusumawardana"}


def test_trailing_cue_after_unquoted_content():
    text = "Pemerintah akan menambah kuota impor beras tahun ini, kata Menteri Perdagangan Enggartiasto Lukita, Senin (8/1).\n"
    (q,) = indirect(text)
    assert q.text == "Pemerintah akan menambah kuota impor beras tahun ini"
    assert q.speaker.name == "Enggartiasto Lukita"


def test_not_reported_speech():
    texts = [
        "Presiden Joko Widodo meminta para menteri mempercepat penyaluran bantuan.",  # a request
        "Menteri Sosial Tri Rismaharini tidak mengatakan kapan bantuan cair.",  # negated
        "Pasal 5 menyatakan bahwa setiap warga berhak atas pendidikan.",  # a document
        "Menurut data BPS, inflasi Januari mencapai 0,3 persen.",  # a document
        "Gubernur Anies Baswedan menyampaikan apresiasi kepada petugas kebersihan.",  # a noun phrase
        "Hal itu disampaikan Kepala BMKG Dwikorita Karnawati di Jakarta.",  # backward attribution
    ]
    for text in texts:
        assert indirect(text + "\n") == [], text


def test_direct_quotation_after_the_verb_is_not_indirect():
    text = "Menteri Kesehatan Budi Gunadi Sadikin mengatakan, “Vaksinasi akan dipercepat mulai pekan depan.”\n"
    qs = warta.extract(text, lang="id").quotes
    assert [q.kind for q in qs] == ["direct"]
    assert qs[0].speaker.name == "Budi Gunadi Sadikin"


def test_unnamed_speaker_keeps_the_quotation_with_a_null_speaker():
    text = "Sejumlah pejabat Afghanistan mengatakan setidaknya 16 warga sipil tewas dalam serangan itu.\n"
    (q,) = indirect(text)
    assert q.text == "setidaknya 16 warga sipil tewas dalam serangan itu"
    assert q.speaker is None
    assert "pejabat" in q.speaker_reason


def test_organisation_as_speaker():
    text = "Pihak Polrestabes Bandung menyatakan saat ini polisi masih mencari keberadaan korban.\n"
    (q,) = indirect(text)
    assert q.speaker.name == "Polrestabes Bandung"
    assert q.text == "saat ini polisi masih mencari keberadaan korban"


def test_quoted_phrase_inside_reported_speech_belongs_to_its_speaker():
    text = (
        "Duta Besar Korut untuk PBB, Ja Song Nam, mengatakan bahwa latihan militer itu membuat situasi di "
        "Semenanjung Korea kini berada dalam keadaan “paling parah dan paling berbahaya sejak perang berakhir puluhan tahun lalu.”\n"
    )
    qs = warta.extract(text, lang="id").quotes
    ind = [q for q in qs if q.kind == "indirect"]
    assert len(ind) == 1 and ind[0].speaker.name == "Ja Song Nam"
    assert ind[0].text.startswith("latihan militer itu membuat situasi")
    for q in qs:
        assert q.speaker is not None and q.speaker.name == "Ja Song Nam"
