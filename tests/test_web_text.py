"""How the pages and tables word what the pipeline found (issue 20): roles, quotations in two
parts, snippets cut out of a text."""

from __future__ import annotations

import pytest

from warta.store.display import tidy_snippet
from warta.web.render import quote_text, role


@pytest.mark.parametrize(
    ("titles", "affiliations", "expected"),
    [
        (
            ["juru bicara", "Mayjen"],
            ["Kementerian Pertahanan Rusia"],
            "Mayjen, juru bicara Kementerian Pertahanan Rusia",
        ),
        (["Menteri Luar Negeri"], ["Rusia"], "Menteri Luar Negeri Rusia"),
        (["Kapolda Metro Jaya"], ["Polda Metro Jaya"], "Kapolda Metro Jaya"),  # named in the title already
        (["Ketua Umum"], ["Ketua Umum"], "Ketua Umum"),  # an affiliation the title already names
        (["Brigjen Pol", "Kadiv Humas"], [], "Brigjen Pol, Kadiv Humas"),
        ([], ["Kementerian PUPR"], "Kementerian PUPR"),
        (["Menteri", "menteri"], None, "Menteri"),
        (None, None, ""),
    ],
)
def test_role_reads_as_a_reader_writes_it(titles, affiliations, expected) -> None:
    assert role(titles, affiliations, "id") == expected


def test_a_quotation_in_two_parts_shows_an_ellipsis() -> None:
    text = "“Ini tidak boleh,” kata Lavrov. “Kita perlu menyepakati.”"
    q = {"text": "x", "parts": [{"start": 1, "end": 16}, {"start": 33, "end": 55}]}
    assert quote_text(q, text) == "Ini tidak boleh … Kita perlu menyepakati"
    assert quote_text({"text": "satu  bagian"}, text) == "satu bagian"


def test_the_pipeline_joins_quotation_parts_with_an_ellipsis(aleppo) -> None:
    two = [q for q in aleppo.quotes if len(q.parts) == 2]
    assert two and all(" … " in q.text for q in two)
    assert two[0].text.startswith("Ini tidak boleh") and two[0].text.endswith("yang diusulkan.")


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('…," [kata] Zulmi', "…[kata] Zulmi"),
        ("…). Ia [datang]", "…Ia [datang]"),
        ("…; [banjir] di", "…[banjir] di"),
        ('…"Keduanya [sabu]', '…"Keduanya [sabu]'),  # an opening quotation mark stays
        ("…[Aleppo] timur (", "…[Aleppo] timur"),
        ("Awal\n\n[berita] ini", "Awal [berita] ini"),
    ],
)
def test_snippets_have_no_orphan_punctuation(snippet: str, expected: str) -> None:
    assert tidy_snippet(snippet) == expected
