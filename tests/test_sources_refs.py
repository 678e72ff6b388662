"""Cited outlets, datelines, copyright holders and photo credits."""

from __future__ import annotations

import pytest

from warta.extract.sources import canonical, cited
from warta.pipeline import extract


@pytest.fixture(scope="module")
def aleppo(aleppo_text):
    return extract(aleppo_text, published="2016-12-04")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Kantor berita RIA Novosti", "RIA Novosti"),
        ("KOMPAS.com", "Kompas"),
        ("Kompas", "Kompas"),
        ("Liputan6.com", "Liputan6"),
        ("ANTARA FOTO", "Antara"),
        ("Russia Today", "RT"),
    ],
)
def test_canonical(written: str, name: str) -> None:
    assert canonical(written) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("kata Lavrov, seperti yang dikutip RT.", "RT"),
        ("Hal itu dilansir Reuters, Senin.", "Reuters"),
        ("Demikian mengutip CNN.", "CNN"),
        ("kata Budi kepada Kompas.com, Jumat.", "Kompas"),
        ("seperti dikutip kantor berita RIA Novosti.", "RIA Novosti"),
        ("seperti dilansir dari laman Soompi, Kamis.", "Soompi"),
        ("seperti dilansir Hurriyet Daily News.", "Hurriyet Daily News"),
    ],
)
def test_cited(text: str, name: str) -> None:
    refs = cited(text)
    assert [r.name for r in refs] == [name]
    r = refs[0]
    assert r.relation == "cited" and canonical(text[r.start : r.end]) == name


def test_weak_cue_needs_a_known_outlet() -> None:
    assert cited("kata dia kepada Presiden Joko Widodo.") == []
    assert cited("menurut suara rakyat") == []


def test_founding_sources(aleppo) -> None:
    got = {(s.name, s.relation) for s in aleppo.sources}
    assert {
        ("RT", "cited"),
        ("RIA Novosti", "cited"),
        ("Rossiyskaya Gazeta", "copyright"),
        ("EPA", "photo_credit"),
    } <= got
    for s in aleppo.sources:
        src = aleppo.original if s.in_original else aleppo.text
        assert canonical(src[s.start : s.end]) == s.name


def test_dateline_and_photo_credit_in_a_kompas_style_article() -> None:
    text = (
        "Judul berita tentang banjir di Jakarta\n\n"
        "Warga mengungsi dari rumah yang terendam banjir.\n\n"
        "ANTARA FOTO/Sigid Kurniawan\n\n"
        "JAKARTA, KOMPAS.com - Banjir merendam 200 rumah warga pada Senin (2/1/2017), kata Kepala BPBD "
        "kepada Antara. Warga mengungsi ke tempat yang lebih tinggi.\n\n"
        "Menurut BPBD, air mulai surut pada Selasa pagi.\n"
    )
    a = extract(text)
    got = {(s.name, s.relation) for s in a.sources}
    assert ("Antara", "cited") in got
    if a.dateline is not None and a.dateline.outlet:
        assert ("Kompas", "publisher") in got
    assert ("Antara", "photo_credit") in got


def test_a_day_after_kepada_wartawan_is_no_outlet() -> None:
    assert cited('"Kaca mobil dipecah," kata Afroni kepada wartawan Jumat (20/9/2019).') == []
    assert [r.name for r in cited("kata Budi kepada wartawan Kompas.com, Senin.")] == ["Kompas"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # outlet families: the whole glued brand
        ("Hal itu disampaikan Budi kepada TribunJakarta.com, Senin.", ["TribunJakarta.com"]),
        ("kata Amirnan kepada KompasTravel di Malang.", ["KompasTravel"]),
        # the outlet a speaker spoke to, with the cues of being asked
        ("kata Kombes Kamal saat dikonfirmasi Kompas.com, Sabtu.", ["Kompas.com"]),
        ("jelas Agung saat berbincang dengan Kompas.com, Kamis.", ["Kompas.com"]),
        ("kata Afroni saat dikonfirmasi wartawan, Jumat.", []),
        # a domain after a weak cue; a government domain after a strong one
        ("kata Rian kepada Badmintonindonesia.org.", ["Badmintonindonesia.org"]),
        ("Dilansir dari disbudpar.acehprov.go.id, Senin.", ["disbudpar.acehprov.go.id"]),
        # accounts and reporting outlets
        ("Video itu viral setelah diunggah oleh @makassar_iinfo ke akunnya.", ["@makassar_iinfo"]),
        ("Menelusuri akun Instagram @lucintaluna, kekasih Jordi.", ["@lucintaluna"]),
        ("Surelnya ditujukan ke budi@example.com kemarin.", []),
        ("CNN melaporkan pesawat itu dialihkan ke Shannon.", ["CNN"]),
        ("Tempo mencatat anggaran itu turun.", ["Tempo"]),
        ("Polisi mencatat ada 12 korban.", []),
    ],
)
def test_cited_categories(text: str, found: list[str]) -> None:
    assert [r.text for r in cited(text)] == found


def test_credit_code_names_a_listed_outlet_only() -> None:
    a = extract("Polisi masih menyelidiki kasus itu, katanya. (rmol)", published="2019-09-10")
    assert [(s.name, s.relation, s.in_original) for s in a.sources] == [("RMOL", "credit", True)]
    assert a.original[a.sources[0].start : a.sources[0].end] == "rmol"
    b = extract("Polisi masih menyelidiki kasus itu, katanya. (kmp)", published="2019-09-10")
    assert b.sources == [] and [r.kind for r in b.removed] == ["author_credit"]
