"""A stage whose language data does not read the article's language says so in ``warnings``
and leaves its annotations out (issue 20): English text got entities from the Indonesian model
('Russian Foreign Minister Sergey Lavrov' as an organisation) and, silently, no times."""

from __future__ import annotations

import pytest

import warta

ENGLISH = (
    "Russian Foreign Minister Sergey Lavrov said on Saturday that the United States had finally made a proposal "
    'on Aleppo in line with Russian ideas. "Moscow is ready to send military experts to Geneva," Lavrov told '
    "reporters in Rome yesterday. The talks will continue next week, with more than 80,000 people freed, "
    "as RIA Novosti reported."
)
STAGES = ("entities", "times", "quotes", "quantities", "sources cited in the text")


@pytest.fixture(scope="module")
def english():
    return warta.extract(ENGLISH, url="https://example.com/news/lavrov-aleppo")


def test_english_text_is_flagged_by_every_stage_that_cannot_read_it(english) -> None:
    assert english.language.code == "en"
    for what in STAGES:
        assert any(w.startswith(f"{what}: not extracted") and "'en'" in w for w in english.warnings), what
    assert not english.entities and not english.quotes and not english.times and not english.quantities
    assert english.published.value is None and "not read in this language" in english.published.evidence[0]


def test_what_does_not_depend_on_the_language_is_kept(english) -> None:
    # the sentences, and the date of a URL, are read whatever the language
    assert english.sentences
    dated = warta.extract(ENGLISH, url="https://example.com/2016/12/03/lavrov-aleppo")
    assert dated.published.value == "2016-12-03"


def test_indonesian_text_gets_no_such_warning(aleppo) -> None:
    assert not any("not extracted" in w for w in aleppo.warnings)
    assert aleppo.entities and aleppo.quotes and aleppo.times


def test_a_language_given_by_the_user_counts_too() -> None:
    text = "Kata dia, harga beras naik 10 persen pada Senin (9/9/2019)."
    art = warta.extract(text, lang="en")
    assert any(w.startswith("times: not extracted") for w in art.warnings) and not art.times
