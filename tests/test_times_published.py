"""Publication-date inference from the URL, a dated dateline and weekday-date pairs."""

from __future__ import annotations

from datetime import date

import pytest

from warta.article import Article
from warta.extract.time.published import infer, weekday_years

TODAY = date(2026, 1, 1)


def art(text: str, url: str | None = None) -> Article:
    return Article(original=text, text=text, url=url)


def test_weekday_years() -> None:
    assert weekday_years(3, 12, 5, 2000, 2025) == [2005, 2011, 2016, 2022]


def test_url_date_wins() -> None:
    p = infer(art("Sabtu (3/12) ada rapat.", url="https://news.kompas.com/read/2019/09/10/123/judul"), today=TODAY)
    assert (p.value, p.source) == ("2019-09-10", "metadata")


def test_dated_dateline() -> None:
    p = infer(art("Jakarta, Senin (5/12/2016) - Presiden berkata."), today=TODAY)
    assert (p.value, p.source) == ("2016-12-05", "dateline")


def test_a_date_inside_the_first_sentence_is_not_a_dateline() -> None:
    p = infer(art("Banjir merendam rumah pada Senin (2/1/2017) - kata BPBD."), today=TODAY)
    assert p.source == "inferred" and p.value == "2017-01-02" and p.confidence < 0.9


def test_pairs_narrow_the_year_and_a_named_year_picks_one() -> None:
    text = "Pada 2016 banyak terjadi. Kata dia, Sabtu (3/12). Rapat digelar Rabu (30/11)."
    p = infer(art(text), today=TODAY)
    assert p.source == "inferred" and p.value == "2016-12-03"
    assert {"2016-12-03", "2011-12-03", "2022-12-03"} <= set(p.candidates)
    assert any("2016" in e for e in p.evidence)
    assert p.confidence < 1.0


def test_no_evidence_says_so() -> None:
    p = infer(art("Tidak ada tanggal di sini."), today=TODAY)
    assert p.value is None and p.source == "none"


def test_impossible_pair_gives_no_date() -> None:
    p = infer(art("Kata dia, Sabtu (31/2)."), today=TODAY)
    assert p.value is None


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("2019-09-10", "2019-09-10"),
        ("43718", "2019-09-10"),  # a spreadsheet's day number, as CSV exports of Excel files carry
        ("31 Juli 2019", "2019-07-31"),
        ("10-09-2019", "2019-09-10"),
        ("Selasa, 10/9/2019 14:30 WIB", "2019-09-10T14:30+07:00"),
    ],
)
def test_publication_dates_as_inputs_write_them(given: str, value: str) -> None:
    from warta.read.dates import parse_published

    assert parse_published(given) == value


@pytest.mark.parametrize("given", ["10 September", "kemarin", "12345", "2019", "32/13/2019"])
def test_a_date_without_its_year_or_day_is_refused(given: str) -> None:
    from warta.errors import UsageError
    from warta.read.dates import parse_published

    with pytest.raises(UsageError):
        parse_published(given)


def art_in(text: str, corpus: tuple[int, int] | None) -> Article:
    a = art(text)
    a.corpus_years = corpus
    return a


def test_pairs_without_a_named_year_give_no_date() -> None:
    # 3/12 is a Saturday in 2005, 2011, 2016 and 2022: no guess (the founding example was dated 2022)
    p = infer(art("Kata dia, Sabtu (3/12). Rapat digelar Rabu (30/11)."), today=TODAY)
    assert p.value is None and p.source == "none"
    assert {"2022-12-03", "2016-12-03", "2011-12-03"} <= set(p.candidates)


def test_pairs_take_the_one_candidate_year_of_the_corpus() -> None:
    p = infer(art_in("Kata dia, Sabtu (3/12). Rapat digelar Rabu (30/11).", (2016, 2016)), today=TODAY)
    assert (p.value, p.source) == ("2016-12-03", "inferred") and any("corpus" in e for e in p.evidence)
    # 14/9 is a Saturday in 2019 and in 2024: two candidates near a 2019-2024 corpus, no date
    p = infer(art_in("Kata dia, Sabtu (14/9).", (2019, 2023)), today=TODAY)
    assert p.value is None and "2019-09-14" in p.candidates


def test_a_named_year_far_from_every_candidate_gives_no_date() -> None:
    p = infer(art("Ia lahir pada 1970. Kata dia, Sabtu (3/12)."), today=TODAY)
    assert p.value is None and p.candidates


def test_a_full_date_without_its_weekday_only_bounds_the_date() -> None:
    # a birthday, not the day of publication (1936-06-25 was inferred for 2019 news once)
    p = infer(art("Ia lahir di Solo pada 25 Juni 1936 dan wafat kemarin."), today=TODAY)
    assert p.value is None and p.candidates == ["1936-06-25"]


def test_a_full_date_far_from_the_corpus_gives_no_date() -> None:
    text = "Banjir merendam rumah pada Senin (2/1/2017) - kata BPBD."
    assert infer(art_in(text, (2019, 2019)), today=TODAY).value is None
    assert infer(art_in(text, (2016, 2019)), today=TODAY).value == "2017-01-02"


def test_url_dates_and_blog_slugs() -> None:
    from warta.read.dates import date_from_url

    assert date_from_url("https://news.kompas.com/read/2019/09/10/21485171/judul") == "2019-09-10"
    assert date_from_url("https://x.id/berita/20190910123456/judul") == "2019-09-10"
    # /YEAR/MONTH/slug: the slug starts with a number, not a day
    assert date_from_url("https://www.posmetro-medan.com/2019/09/14-tahun-mengenang-tragedi.html") is None


def test_undated_records_carry_the_years_of_the_dated_ones(tmp_path) -> None:
    from warta.read.inputs import iter_documents

    rows = ["title,content,date"] + [f"T{i},Isi berita {i}.,2019-09-{10 + i}" for i in range(6)]
    rows += ["Tanpa tanggal,Kata dia Sabtu (14/9).,"]
    (tmp_path / "c.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = list(iter_documents([str(tmp_path / "c.csv")], {"text": "content", "published": "date"}))
    assert [d.corpus_years for d in docs] == [None] * 6 + [(2019, 2019)]
    from warta.pipeline import Pipeline

    article = Pipeline.default(exclude=["entities", "geo", "quotes", "standing"]).run(docs[-1])
    assert article.published is not None and article.published.value == "2019-09-14"
