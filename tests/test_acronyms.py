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
