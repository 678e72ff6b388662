"""The founding example: people with titles and affiliations, places, organisations, linking."""

from __future__ import annotations

import re

import pytest


def by_name(article, name):
    hits = [e for e in article.entities if e.name == name]
    assert hits, f"no entity {name!r}: {[(e.name, e.type) for e in article.entities]}"
    return hits[0]


def test_people_titles_affiliations(aleppo):
    kerry = by_name(aleppo, "John Kerry")
    assert kerry.type == "PER"
    assert "Menteri Luar Negeri" in kerry.titles
    assert "AS" in kerry.affiliations
    assert kerry.links.get("country") == "Amerika Serikat"

    lavrov = by_name(aleppo, "Sergey Lavrov")
    assert lavrov.type == "PER"
    assert "Menteri Luar Negeri" in lavrov.titles
    assert "Rusia" in lavrov.affiliations

    bogdanov = by_name(aleppo, "Mikhail Bogdanov")
    assert bogdanov.titles == ["Wakil Menteri Luar Negeri"]
    assert bogdanov.affiliations == ["Rusia"]

    kon = by_name(aleppo, "Igor Konashenkov")
    assert "Mayjen" in kon.titles
    assert "juru bicara" in kon.titles  # the ministry is the affiliation, never inside the title
    assert "Kementerian Pertahanan Rusia" in kon.affiliations

    assert by_name(aleppo, "Assad").type == "PER"


def test_titles_never_in_names(aleppo):
    for e in aleppo.entities:
        if e.type == "PER":
            assert not re.search(r"\b(Menteri|Mayjen|Wakil|juru bicara)\b", e.name)
            for m in e.mentions:
                assert "Menteri" not in m.text and "Mayjen" not in m.text


def test_every_lavrov_is_linked(aleppo):
    lavrov = by_name(aleppo, "Sergey Lavrov")
    spans = {(m.start, m.end) for m in lavrov.mentions}
    for m in re.finditer(r"Lavrov", aleppo.text):
        assert any(s <= m.start() and m.end() <= e for s, e in spans), m.start()
    kon = by_name(aleppo, "Igor Konashenkov")
    assert [m.text for m in kon.mentions].count("Konashenkov") == 1
    assert len([e for e in aleppo.entities if "Lavrov" in e.name]) == 1


@pytest.mark.parametrize("name", ["Aleppo", "Roma", "Jenewa", "Mosul", "Raqqa", "Moskow", "Washington", "Suriah"])
def test_places(aleppo, name):
    assert by_name(aleppo, name).type == "LOC"


@pytest.mark.parametrize("name", ["RT", "RIA Novosti", "Kementerian Pertahanan Rusia"])
def test_organisations(aleppo, name):
    assert by_name(aleppo, name).type == "ORG"


def test_countries_and_capitals_linked(aleppo):
    us = by_name(aleppo, "Amerika Serikat")
    assert us.type == "LOC" and {m.text for m in us.mentions} >= {"AS"}
    assert by_name(aleppo, "Moskow").links.get("country") == "Rusia"  # "Moskow siap ..."
    assert by_name(aleppo, "Washington").links.get("country") == "Amerika Serikat"  # proposal dari Washington
    roma = by_name(aleppo, "Roma")  # "pertemuan di Roma": the place, not the Italian government
    assert "country" not in roma.links and roma.links.get("capital_of") == "Italia"


def test_copyright_holder_outside_body(aleppo):
    gazeta = by_name(aleppo, "Rossiyskaya Gazeta")
    assert gazeta.type == "ORG" and gazeta.mentions == []
    (m,) = gazeta.original_mentions
    assert aleppo.original[m.start : m.end] == "Rossiyskaya Gazeta"
    assert "Rossiyskaya Gazeta" not in aleppo.text


def test_offsets_and_ids(aleppo):
    ids = [e.id for e in aleppo.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    for e in aleppo.entities:
        for m in e.mentions:
            assert aleppo.text[m.start : m.end] == m.text
        for m in e.original_mentions:
            assert aleppo.original[m.start : m.end] == m.text
    d = aleppo.to_dict()
    assert {"id", "name", "type", "titles", "affiliations", "mentions"} <= set(d["entities"][0])
