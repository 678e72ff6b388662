"""Time expressions: each form from issue 5, resolved against 2016-12-04 (a Sunday)."""

from __future__ import annotations

from datetime import date

import pytest

from warta.extract.time.times import resolve_span

PUB = date(2016, 12, 4)


def one(text: str, pub: date | None = PUB):
    found = resolve_span(text, 0, len(text), pub, 1.0 if pub else 0.0)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "grain"),
    [
        ("Sabtu (3/12)", "2016-12-03", "day"),
        ("Rabu (30/11) malam", "2016-11-30", "day"),
        ("3 Desember 2016", "2016-12-03", "day"),
        ("3/12/2016", "2016-12-03", "day"),
        ("Senin, 5 Desember 2016 14:30 WIB", "2016-12-05T14:30+07:00", "minute"),
        ("pukul 14.30 WIB", "2016-12-04T14:30+07:00", "minute"),
        ("pukul 8", "2016-12-04T08", "hour"),
        ("jam 8 malam", "2016-12-04T20", "hour"),
        ("kemarin", "2016-12-03", "day"),
        ("hari ini", "2016-12-04", "day"),
        ("besok", "2016-12-05", "day"),
        ("lusa", "2016-12-06", "day"),
        ("dua hari lalu", "2016-12-02", "day"),
        ("pekan lalu", "2016-W47", "week"),
        ("Sabtu lalu", "2016-12-03", "day"),
        ("bulan depan", "2017-01", "month"),
        ("tahun lalu", "2015", "year"),
        ("pertengahan November", "2016-11-11/2016-11-20", "day"),
        ("akhir tahun ini", "2016-09/2016-12", "month"),
        ("awal 2017", "2017-01/2017-04", "month"),
        ("1-3 Desember", "2016-12-01/2016-12-03", "day"),
        ("30 November hingga 3 Desember 2014", "2014-11-30/2014-12-03", "day"),
        ("tahun 2015", "2015", "year"),
        ("3 Des 2016", "2016-12-03", "day"),
        ("5 Nop 2016", "2016-11-05", "day"),
        ("17 Agt 2016", "2016-08-17", "day"),
        ("Mei lalu", "2016-05", "month"),
        ("September - Desember 2013", "2013-09/2013-12", "month"),
        ("2014 - 2019", "2014/2019", "year"),
        ("1970-an", "1970/1979", "decade"),
        ("kuartal pertama 2008", "2008-Q1", "quarter"),
        ("semester 1 tahun 2007", "2007-H1", "half"),
        ("Selasa (8/12/09)", "2009-12-08", "day"),
        ("tiga tahun silam", "2013", "year"),
        ("akhir pekan ini", "2016-12-03/2016-12-04", "day"),
    ],
)
def test_form(text: str, value: str, grain: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.grain) == (text, value, grain)


def test_part_of_day_is_kept() -> None:
    assert one("Rabu (30/11) malam").part_of_day == "NI"
    assert one("Selasa (14/3/2023) dini hari").part_of_day == "NI"


def test_absolute_values_need_no_anchor() -> None:
    t = one("3 Desember 2016", pub=None)
    assert t.value == "2016-12-03" and t.anchor is None and t.anchor_source == "explicit"


def test_relative_without_anchor_is_unresolved() -> None:
    t = one("kemarin", pub=None)
    assert t.value is None and t.note


def test_weekday_disagreeing_with_date_is_reported() -> None:
    t = one("Minggu (3/12)")  # 3 December 2016 was a Saturday
    assert t.value == "2016-12-03"
    assert t.note and "Minggu" in t.note and "Sabtu" in t.note
    assert t.confidence <= 0.3


def test_year_is_the_nearest_to_the_anchor() -> None:
    assert one("Kamis (29/12)", pub=date(2017, 1, 3)).value == "2016-12-29"
    assert one("Senin (2/1)", pub=date(2016, 12, 30)).value == "2017-01-02"


@pytest.mark.parametrize("text", ["32/13", "Sabtu (31/2)", "(32/13)", "31/2/2016", "9" * 400, "Sabtu (99/99/9999)"])
def test_nonsense_is_unresolved_never_a_crash(text: str) -> None:
    found = resolve_span(text, 0, len(text), PUB, 1.0)
    assert all(t.value is None for t in found)


def test_names_with_years_are_not_times() -> None:
    for text in ("Pasal 2014 berlaku", "Nomor 2014", "UU Nomor 31 Tahun 1999", "minggu lalu dia"):
        found = resolve_span(text, 0, len(text), PUB, 1.0)
        assert all(t.grain != "year" for t in found), found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("awal bulan ini", "2016-12-01/2016-12-10"),
        ("akhir bulan lalu", "2016-11-21/2016-11-30"),
        ("pertengahan tahun depan", "2017-05/2017-08"),
    ],
)
def test_parts_of_relative_periods(text: str, value: str) -> None:
    assert one(text).value == value


def test_counts_from_a_month_or_a_year_named_before() -> None:
    import warta

    cases = {
        "Ekspor naik pada Juni 2019, lebih tinggi dari bulan sebelumnya.": "2019-05",
        "Laba paruh pertama 2019 naik dibanding tahun sebelumnya.": "2018",
        "Mereka tiba Agustus 2019, lima hari kemudian pergi.": None,  # days from a month: unknown
    }
    for text, value in cases.items():
        last = warta.extract(text, published="2019-09-20").times[-1]
        assert last.value == value, text
