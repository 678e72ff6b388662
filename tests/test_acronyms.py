"""The mined acronym lexicon (lang/id/acronyms.tsv) and the rules that read it."""

from __future__ import annotations

import warta
from warta.extract.entities.lexicons import acronyms
from warta.lang import for_code


def test_reviewed_kinds_are_respected():
    ac = acronyms(for_code("id"))
    assert ac.forms[("KPK",)] == "ORG"
    assert ac.forms[("Komisi", "Pemberantasan", "Korupsi")] == "ORG"
    assert ac.long_of["KPK"] == "Komisi Pemberantasan Korupsi"
    assert ("UU",) not in ac.forms  # MISC: a law is no entity
    assert ("Jokowi",) not in ac.forms  # PER rows are not read as organisations or places
    assert ("BPN",) not in ac.forms  # three meanings, none dominant: the short form is not used


def test_pack_table_reads_columns():
    rows = for_code("id").table("acronyms")
    assert rows and set(rows[0]) == {"short", "long", "type", "articles"}


def test_acronym_and_expansion_are_one_entity_without_brackets():
    a = warta.extract("Komisi Pemberantasan Korupsi menahan dua orang. Juru bicara KPK membenarkan penahanan itu.")
    orgs = [e for e in a.entities if e.type == "ORG"]
    assert len(orgs) == 1 and {m.text for m in orgs[0].mentions} == {"Komisi Pemberantasan Korupsi", "KPK"}


def test_a_listed_short_form_inside_a_longer_name_is_not_added_alone():
    a = warta.extract("Pemprov Kalimantan Timur menyiapkan lahan baru.")
    assert not any(e.name == "Pemprov" for e in a.entities)


def test_spelling_reads_initials_and_inner_letters():
    from warta.extract.entities.aliases import spells

    skips = frozenset({"dan", "pt"})
    assert spells("HPM", "PT Honda Prospect Motor", skips)
    assert spells("BPOM", "Badan Pengawas Obat dan Makanan", skips)
    assert spells("Bappenas", "Badan Perencanaan Pembangunan Nasional", skips)
    assert not spells("KPK", "Ketua Komisi Pemberantasan Korupsi", skips)  # "Ketua" gives no letter
    assert not spells("KP", "Komisi Pemberantasan Korupsi", skips)  # a word left unread


def test_other_names_join_one_entity():
    for text, names in [
        (
            "PT Honda Prospect Motor merilis mobil baru. Menurut HPM, penjualan naik.",
            {"PT Honda Prospect Motor", "HPM"},
        ),
        ("Presiden Joko Widodo hadir. Jokowi tersenyum.", {"Joko Widodo", "Jokowi"}),
        ("Banjir melanda Provinsi Riau. Warga Riau diminta waspada.", {"Provinsi Riau", "Riau"}),
    ]:
        a = warta.extract(text)
        assert any({m.text for m in e.mentions} == names for e in a.entities), text


def test_two_admin_variants_stay_apart():
    from warta.extract.entities.aliases import other_names
    from warta.extract.entities.mentions import Found

    found = [
        Found(0, 2, "LOC", "Kota Bekasi", 0, 11),
        Found(0, 2, "LOC", "Kabupaten Bekasi", 20, 36),
        Found(0, 1, "LOC", "Bekasi", 50, 56),
    ]
    alias_of: dict = {}
    other_names(found, alias_of, for_code("id"))
    assert "bekasi" not in alias_of
    alias_of = {}
    other_names(found[1:], alias_of, for_code("id"))
    assert alias_of["bekasi"] is found[1]
