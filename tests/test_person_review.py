"""The entities stage's last check on the tagger's persons (``warta.extract.entities.person_names``).

All sentences are made up for these tests.
"""

from __future__ import annotations

from warta.article import Entity, Mention
from warta.extract.entities.person_names import review_persons
from warta.lang.lexicon import lexicon
from warta.pipeline import Pipeline
from warta.read.record import RawDocument


def read(text: str):
    pipe = Pipeline.default()
    pipe.stages = [(n, f) for n, f in pipe.stages if n in ("language", "segment")]
    return pipe.run(RawDocument(content=text, format="text", lang="id"))


def person(article, name: str, *titles: str) -> Entity:
    start = article.text.index(name)
    return Entity("", name, "PER", [Mention(start, start + len(name), name)], titles=list(titles))


def review(article, *entities: Entity) -> list[Entity]:
    return review_persons(article, list(entities), lexicon("id"))


def test_a_plain_name_stays_a_person():
    article = read("Menurut Rina Wulandari, harga naik.")
    [e] = review(article, person(article, "Rina Wulandari"))
    assert (e.type, e.name) == ("PER", "Rina Wulandari")


def test_names_with_digits_and_common_words_are_dropped():
    article = read("Audit keluar. Kasus Covid-19 naik di Kecamatan Leles, kata Rina.")
    kept = review(article, person(article, "Audit"), person(article, "Covid-19"), person(article, "di Kecamatan Leles"))
    assert kept == []


def test_a_place_head_makes_a_place():
    article = read("Kasus naik di Kecamatan Leles, kata Rina.")
    [e] = review(article, person(article, "Kecamatan Leles"))
    assert (e.type, e.name) == ("LOC", "Kecamatan Leles")


def test_an_organisation_head_makes_an_organisation_and_a_place_head_a_place():
    article = read("Majelis hakim Pengadilan Tindak Pidana Korupsi bersidang di Jalan Sudirman.")
    org, place = review(
        article, person(article, "Pengadilan Tindak Pidana Korupsi", "hakim"), person(article, "Jalan Sudirman")
    )
    assert (org.type, org.titles) == ("ORG", [])
    assert place.type == "LOC"


def test_a_place_glued_before_a_titled_name_becomes_its_affiliation():
    text = "Wakil Wali Kota Semarang Hevearita Gunaryanti Rahayu hadir."
    article = read(text)
    [e] = review(article, person(article, "Semarang Hevearita Gunaryanti Rahayu", "Wakil Wali Kota"))
    assert e.name == "Hevearita Gunaryanti Rahayu"
    assert e.affiliations == ["Semarang"]
    m = e.mentions[0]
    assert text[m.start : m.end] == m.text == "Hevearita Gunaryanti Rahayu"


def test_a_common_first_word_is_a_name_when_capitalised_inside_a_sentence():
    article = read("Hal itu disampaikan Bibit Samad Rianto di Jakarta.")
    [e] = review(article, person(article, "Bibit Samad Rianto"))
    assert e.name == "Bibit Samad Rianto"


def test_a_common_first_word_capitalised_only_at_a_sentence_start_is_no_name():
    article = read("Peluncuran Calya dilakukan kemarin.")
    assert review(article, person(article, "Peluncuran Calya")) == []


def test_the_stage_keeps_the_founding_people():
    from warta.pipeline import extract

    text = (
        "Menteri Luar Negeri Rusia Sergey Lavrov mengatakan hal itu. "
        "Pengadilan Negeri Jakarta Selatan menolak gugatan itu, kata Lavrov."
    )
    names = {(e.name, e.type) for e in extract(text).entities}
    assert ("Sergey Lavrov", "PER") in names
    assert not any(t == "PER" and n.startswith("Pengadilan") for n, t in names)


def test_a_place_this_article_names_is_cut_from_a_titled_name():
    text = "Bupati Majalengka Karna Sobahi meninjau Majalengka."
    article = read(text)
    start = text.rindex("Majalengka")
    place = Entity("", "Majalengka", "LOC", [Mention(start, start + 10, "Majalengka")])
    kept = review(article, person(article, "Majalengka Karna Sobahi", "Bupati"), place)
    assert (kept[0].name, kept[0].affiliations) == ("Karna Sobahi", ["Majalengka"])


def organisation(article, name: str) -> Entity:
    start = article.text.index(name)
    return Entity("", name, "ORG", [Mention(start, start + len(name), name)])


def test_a_one_word_person_that_opens_a_club_name_is_the_club():
    article = read("Borneo FC menjamu Madura United. Ketika lawan unggul, Borneo sanggup menyamakan kedudukan.")
    club = organisation(article, "Borneo FC")
    at = article.text.index("Borneo sanggup")
    short = Entity("", "Borneo", "PER", [Mention(at, at + 6, "Borneo")])
    kept = review(article, club, short)
    assert kept == [club]
    assert [m.text for m in club.mentions] == ["Borneo FC", "Borneo"]


def test_a_person_whose_longer_name_holds_the_word_stays_a_person():
    text = "Bakrie Group menolak. Aburizal Bakrie hadir. Bakrie tersenyum."
    article = read(text)
    group = organisation(article, "Bakrie Group")
    at = text.rindex("Bakrie")
    kept = review(
        article, group, person(article, "Aburizal Bakrie"), Entity("", "Bakrie", "PER", [Mention(at, at + 6, "Bakrie")])
    )
    assert [(e.type, e.name) for e in kept] == [("ORG", "Bakrie Group"), ("PER", "Aburizal Bakrie"), ("PER", "Bakrie")]


def test_a_ministrys_field_left_alone_after_a_title_is_no_person():
    article = read("Menteri Koordinator Kemaritiman , Binsar Panjaitan menyatakan pamit.")
    kept = review(article, person(article, "Kemaritiman", "Menteri Koordinator"), person(article, "Binsar Panjaitan"))
    assert [e.name for e in kept] == ["Binsar Panjaitan"]


def test_a_name_ending_with_a_company_word_is_an_organisation():
    article = read("kata Tom Smith, presiden Wrap Industries yang memproduksi alat itu.")
    smith, wrap = review(article, person(article, "Tom Smith"), person(article, "Wrap Industries", "presiden"))
    assert (smith.type, wrap.type, wrap.titles) == ("PER", "ORG", [])


def test_an_event_name_is_no_person():
    article = read("Ia absen dari Toray Pan Pacific Open pekan ini.")
    assert review(article, person(article, "Toray Pan Pacific Open")) == []
