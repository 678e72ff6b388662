"""Titles, affiliations, country normalisation and linking on short texts."""

from __future__ import annotations

import warta


def ents(text):
    a = warta.extract(text, published="2020-01-01")
    return a, {e.name: e for e in a.entities}


def test_title_after_name_and_country_abbreviation():
    a, e = ents(
        "Sri Mulyani Indrawati, Menteri Keuangan, mengatakan anggaran akan dipangkas. "
        "Menurut Sri Mulyani, defisit tetap aman. Pemerintah RI juga berunding dengan AS."
    )
    sm = e["Sri Mulyani Indrawati"]
    assert sm.type == "PER"
    assert "Menteri Keuangan" in sm.titles
    assert [m.text for m in sm.mentions] == ["Sri Mulyani Indrawati", "Sri Mulyani"]
    assert e["Indonesia"].type == "LOC" and e["Indonesia"].mentions[0].text == "RI"
    assert e["Amerika Serikat"].links["country"] == "Amerika Serikat"


def test_rank_and_police_title():
    a, e = ents(
        "Kapolda Metro Jaya Irjen Fadil Imran mengatakan pelaku sudah ditangkap. Fadil menambahkan, polisi masih memeriksa saksi."
    )
    fadil = e["Fadil Imran"]
    assert "Irjen" in fadil.titles and fadil.name == "Fadil Imran"
    assert len(fadil.mentions) == 2


def test_no_entities_text():
    a = warta.extract("hujan turun sejak pagi dan jalanan basah. semua orang menunggu di rumah.")
    assert a.entities == []


def test_same_short_name_links_to_nearest_full_name():
    a, e = ents(
        "Budi Santoso bertemu Budi Gunawan di Bandung. Budi Gunawan lalu pulang. Budi mengatakan pertemuan itu lancar."
    )
    bg = e["Budi Gunawan"]
    assert "Budi" in [m.text for m in bg.mentions]


def _rule_spans(text: str) -> list[tuple[str, str]]:
    """What the stage's rules find in ``text`` when the model finds nothing."""
    from warta.extract.entities.mentions import tidy
    from warta.lang import get
    from warta.nlp import ner as ner_mod

    toks = ner_mod.tokens(text)
    return [(f.label, f.text) for f in tidy(toks, [], get("id"))]


def test_missed_country_added_unless_inside_a_name():
    assert ("LOC", "Indonesia") in _rule_spans("Mereka tinggal di Indonesia sejak lama.")
    assert ("LOC", "Indonesia") not in _rule_spans("Ia bermain di Liga Indonesia musim ini.")
    assert ("LOC", "Indonesia") in _rule_spans("Kata Presiden Indonesia kemarin.")  # after a title


def test_a_title_before_an_organisation_named_with_dan_reads_no_person():
    # made up, after a CLICK-ID sentence: "Bea dan Cukai" is a directorate, not a name
    a, e = ents(
        '"Pengendalian konsumsi jadi pertimbangan," ujar Direktur Jenderal Bea dan Cukai Kemenkeu '
        "Heru Pambudi di Jakarta."
    )
    assert "Bea" not in e
    assert e["Heru Pambudi"].type == "PER"


# ---- rules that correct model errors: fed the error directly, with and without the rule ----
def _tidy_texts(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from warta.extract.entities.mentions import tidy
    from warta.lang import get
    from warta.nlp import ner as ner_mod

    toks = ner_mod.tokens(text)
    given = []
    for part, label in spans:
        s = text.index(part)
        given.append(ner_mod.EntitySpan(s, s + len(part), label, part))
    return [(f.label, f.text) for f in tidy(toks, given, get("id"))]


def test_rule_opening_bracket_ends_name():
    from warta.rules import ablated

    text = "Anggota Dewan Pertimbangan Presiden (Wantimpres) hadir."
    span = [("Dewan Pertimbangan Presiden (", "ORG")]
    assert ("ORG", "Dewan Pertimbangan Presiden") in _tidy_texts(text, span)
    with ablated(["entities.opening-bracket-ends-name"]):
        assert ("ORG", "Dewan Pertimbangan Presiden (") in _tidy_texts(text, span)


def test_rule_vs_splits_names():
    from warta.rules import ablated

    text = "Laga Barito Putera Vs Bhayangkara FC berakhir imbang."
    span = [("Barito Putera Vs Bhayangkara FC", "ORG")]
    assert _tidy_texts(text, span) == [("ORG", "Barito Putera"), ("ORG", "Bhayangkara FC")]
    with ablated(["entities.vs-splits-names"]):
        assert _tidy_texts(text, span) == [("ORG", "Barito Putera Vs Bhayangkara FC")]


def _reviewed(text: str, name: str, *titles: str) -> list[tuple[str, str]]:
    from test_person_review import person, read, review

    article = read(text)
    return [(e.type, e.name) for e in review(article, person(article, name, *titles))]


def test_rule_place_glued_before_name():
    from warta.rules import ablated

    text = "Wakil Wali Kota Semarang Hevearita Gunaryanti Rahayu meresmikan pasar di Semarang."
    args = (text, "Semarang Hevearita Gunaryanti Rahayu", "Wakil Wali Kota")
    assert _reviewed(*args) == [("PER", "Hevearita Gunaryanti Rahayu")]
    with ablated(["entities.place-glued-before-name"]):
        assert _reviewed(*args) == [("PER", "Semarang Hevearita Gunaryanti Rahayu")]


def test_rule_event_name_dropped():
    from warta.rules import ablated

    text = "Petenis itu tampil di Toray Pan Pacific Open pekan ini."
    assert _reviewed(text, "Toray Pan Pacific Open") == []
    with ablated(["entities.event-name-dropped"]):
        assert _reviewed(text, "Toray Pan Pacific Open") != []


def test_rule_digit_not_person():
    from warta.rules import ablated

    text = "Yon Armed 2/105 tiba di lokasi. Menurut Rina, pasukan siap."
    assert _reviewed(text, "Yon Armed 2/105", "Komandan") != []  # a titled name is kept whatever it holds
    assert _reviewed(text, "Armed 2/105") == []
    with ablated(["entities.digit-not-person", "entities.implausible-person-dropped"]):
        assert _reviewed(text, "Armed 2/105") == [("PER", "Armed 2/105")]


def test_rule_head_word_gives_type():
    from warta.rules import ablated

    text = "Hakim Pengadilan Tindak Pidana Korupsi menolak eksepsi terdakwa."
    assert _reviewed(text, "Pengadilan Tindak Pidana Korupsi") == [("ORG", "Pengadilan Tindak Pidana Korupsi")]
    with ablated(["entities.head-word-gives-type"]):
        assert _reviewed(text, "Pengadilan Tindak Pidana Korupsi") != [("ORG", "Pengadilan Tindak Pidana Korupsi")]


def test_rule_company_word_is_organisation():
    from warta.rules import ablated

    text = "Menurut presiden Wrap Industries, pabrik itu akan dibuka."
    assert _reviewed(text, "Wrap Industries", "presiden") == [("ORG", "Wrap Industries")]
    with ablated(["entities.company-word-is-organisation"]):
        assert _reviewed(text, "Wrap Industries", "presiden") == [("PER", "Wrap Industries")]


def test_rule_field_noun_not_person():
    from warta.rules import ablated

    text = "Menteri Koordinator Kemaritiman , Binsar menyampaikan hal itu."
    assert _reviewed(text, "Kemaritiman") == []
    with ablated(["entities.field-noun-not-person", "entities.implausible-person-dropped"]):
        assert _reviewed(text, "Kemaritiman") == [("PER", "Kemaritiman")]


def test_rule_one_type_per_name():
    from warta.article import Article
    from warta.extract.entities.linking import link
    from warta.extract.entities.mentions import Found
    from warta.lang import for_code
    from warta.rules import ablated

    text = "Lisa datang. Lisa pulang. Lisa tidur."
    found = [Found(0, 1, "PER", "Lisa", 0, 4), Found(0, 1, "LOC", "Lisa", 13, 17), Found(0, 1, "PER", "Lisa", 26, 30)]

    def types() -> list[str]:
        fresh = [Found(f.start, f.end, f.label, f.text, f.s, f.e) for f in found]
        return sorted(e.type for e in link(Article(text=text, original=text), fresh, {}, for_code("id")))

    assert types() == ["PER"]
    with ablated(["entities.one-type-per-name"]):
        assert types() == ["LOC", "PER"]
