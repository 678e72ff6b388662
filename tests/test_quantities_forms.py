"""Quantities: Indonesian numerals, separators, currencies, units, bounds and counted things."""

from __future__ import annotations

import pytest

from warta.extract.time.amounts import find
from warta.extract.time.numwords import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("satu", 1),
        ("sebelas", 11),
        ("dua belas", 12),
        ("dua puluh", 20),
        ("dua puluh lima", 25),
        ("seratus dua puluh tiga", 123),
        ("tiga ratus ribu", 300000),
        ("seribu", 1000),
        ("dua juta", 2_000_000),
        ("lima miliar", 5_000_000_000),
        ("satu triliun", 1_000_000_000_000),
        ("setengah", 0.5),
        ("seperempat", 0.25),
        ("setengah juta", 500_000),
        ("80.000", 80000),
        ("1,5 juta", 1_500_000),
        ("80 ribu", 80000),
        ("1.234.567,89", 1234567.89),
        ("2,5", 2.5),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def q(text: str):
    found = find(text)
    assert len(found) == 1, [(x.text, x.value) for x in found]
    return found[0]


def test_founding_sentence() -> None:
    s = "Menurut Konashenkov, kini lebih dari 80 ribu warga Suriah telah dibebaskan, 10 ribu di antaranya adalah anak-anak."
    a, b = find(s)
    assert (a.text, a.modifier, a.value, a.bound, a.object) == (
        "80 ribu",
        "lebih dari",
        80000,
        "at_least",
        "warga Suriah",
    )
    assert s[a.object_start : a.object_end] == "warga Suriah"
    assert (b.value, b.bound, b.object) == (10000, "exact", "anak-anak")


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("Rp 1,5 juta", 1_500_000, "IDR", "exact"),
        ("Rp290,9 per saham", 290.9, "IDR/saham", "exact"),
        ("US$ 30 juta", 30_000_000, "USD", "exact"),
        ("50 dolar AS", 50, "USD", "exact"),
        ("200 euro", 200, "EUR", "exact"),
        ("sekitar 25 persen", 25, "percent", "about"),
        ("hampir 10%", 10, "percent", "about"),
        ("sedikitnya 12 kilometer", 12, "km", "at_least"),
        ("kurang dari 300 ton", 300, "t", "at_most"),
        ("Ribuan", 1000, None, "at_least"),
        # a currency sign lost to a broken encoding (U+FFFD) is still money, currency not named
        ("biaya \ufffd 117.50", 117.5, "\u00a4", "exact"),
    ],
)
def test_units_and_bounds(text: str, value: float, unit: str | None, bound: str) -> None:
    x = q(text)
    assert (x.value, x.unit, x.bound) == (pytest.approx(value), unit, bound)


def test_range_shares_the_multiplier() -> None:
    x = q("Rp 10 - 11 ribu")
    assert (x.value, x.upper, x.unit) == (10000, 11000, "IDR")


def test_words_with_object() -> None:
    x = q("sedikitnya dua puluh lima orang tewas")
    assert (x.value, x.bound, x.object) == (25, "at_least", "orang tewas")


@pytest.mark.parametrize(
    "text",
    [
        "salah satu warga",
        "Pasal 18 ayat",
        "32/13",
        "Sabtu (31/2)",
        "9" * 400,
        "satu per satu",
        "Pemilu 2014 lalu",
        "Putaran kedua Liga 1 bakal menjadi partai final.",
        "Pandemi Covid-19 melanda, Timnas U-16 menang, ADV-150 pekan lalu.",
        "Siswa siap menghadapi Revolusi Industri 4.0 di sekolah.",
        "Juve memimpin 2-0, skor imbang 2-2, formasi (4-4-2), gol Cuadrado (48').",
        "Lagu yang satu ini digemari pedagang kaki lima, tim itu meraih juara 3.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find(text) == []


def test_huge_number_inside_text_never_crashes() -> None:
    s = "Ada " + "7" * 400 + " orang dan 5 ekor sapi."
    found = find(s)
    assert [(x.value, x.object) for x in found] == [(5, "ekor sapi")]


def test_a_count_after_a_name_at_a_sentence_start_or_with_its_object_stays() -> None:
    assert [x.text for x in find("Sebanyak 30 orang tewas. Warga Jakarta 12 orang terluka.")] == ["30", "12"]
