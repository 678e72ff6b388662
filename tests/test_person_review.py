"""The entities stage's last check on the tagger's persons (``warta.extract.person_names``).

All sentences are made up for these tests.
"""

from __future__ import annotations

from warta.article import Entity, Mention
from warta.extract.person_names import review_persons
from warta.extract.quote_lexicon import lexicon
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
