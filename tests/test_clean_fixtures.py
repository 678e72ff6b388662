"""The cleaner and segmenter on real articles (CLICK-ID, IndoSum) copied into tests/fixtures/articles.

Each ``<name>.txt`` is an article as it reaches Warta; ``<name>.expected.json`` holds what was
checked by hand: the title, the dateline, the captions, every removed block (kind and text, in
order), every body paragraph word for word, and sentences that must come out whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.article import Article
from warta.nlp.langid import detect
from warta.nlp.segment import segment
from warta.pipeline import Pipeline
from warta.read.record import RawDocument


def extract(text: str) -> Article:
    """Read and clean, then the two stages under test here (later stages only add annotations)."""
    return Pipeline([("language", detect), ("segment", segment)]).run(RawDocument(content=text))


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
CASES = sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json"))


def load(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return text, expected


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, dict, Article]]:
    out = {}
    for name in CASES:
        text, expected = load(name)
        out[name] = (text, expected, extract(text))
    return out


def test_enough_real_articles_from_several_outlets():
    assert len(CASES) >= 30
    outlets = set()
    datasets = set()
    for name in CASES:
        _, expected = load(name)
        outlets.add(expected["source"]["outlet"].lower())
        datasets.add(expected["source"]["dataset"])
    assert datasets == {"CLICK-ID", "IndoSum"}
    assert len(outlets) >= 15


def test_attribution_names_every_fixture():
    attribution = (FIXTURES / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in attribution and "CC BY-SA 4.0" in attribution
    for name in CASES:
        assert name in attribution


@pytest.mark.parametrize("name", CASES)
def test_title_dateline_captions(name, extracted):
    _, expected, article = extracted[name]
    assert (article.title.text if article.title else None) == expected["title"]
    if expected["dateline"] is None:
        assert article.dateline is None
    else:
        d = article.dateline
        assert d is not None
        assert {"text": d.text, "place": d.place, "outlet": d.outlet} == expected["dateline"]
        assert article.text[d.start : d.end] == d.text
    assert [c.text for c in article.captions] == expected["captions"]


@pytest.mark.parametrize("name", CASES)
def test_removed_blocks(name, extracted):
    text, expected, article = extracted[name]
    assert [{"kind": r.kind, "text": r.text} for r in article.removed] == expected["removed"]
    for r in article.removed:
        assert text[r.original_start : r.original_end] == r.text


@pytest.mark.parametrize("name", CASES)
def test_body_paragraphs_kept_word_for_word(name, extracted):
    text, expected, article = extracted[name]
    kept = [article.text[p.start : p.end] for p in article.paragraphs]
    assert kept == expected["paragraphs"]
    for p in article.paragraphs:
        s, e = article.to_original(p.start, p.end)
        if not any(s <= r.original_start < e for r in article.removed):  # no inline cut inside
            assert text[s:e] == article.text[p.start : p.end]


@pytest.mark.parametrize("name", CASES)
def test_sentences_come_out_whole(name, extracted):
    _, expected, article = extracted[name]
    sentences = [article.text[s.start : s.end] for s in article.sentences]
    for sentence in expected["sentences"]:
        assert sentence in sentences
    # sentences tile each paragraph: nothing between them but spaces
    for p in article.paragraphs:
        inside = [s for s in article.sentences if p.start <= s.start < p.end]
        assert inside and inside[0].start == p.start and inside[-1].end == p.end
        for a, b in zip(inside, inside[1:], strict=False):
            assert article.text[a.end : b.start].strip() == ""


@pytest.mark.parametrize("name", CASES)
def test_nothing_dropped_silently(name, extracted):
    """Every visible character of the input is in the title, a caption, a removed block or the body."""
    text, _, article = extracted[name]
    covered = bytearray(len(text))

    def cover(s: int, e: int) -> None:
        covered[s:e] = b"\x01" * (e - s)

    if article.title and article.title.original_start >= 0:
        cover(article.title.original_start, article.title.original_end)
    for c in article.captions:
        cover(c.original_start, c.original_end)
    for r in article.removed:
        cover(r.original_start, r.original_end)
    for p in article.paragraphs:
        cover(*article.to_original(p.start, p.end))
    lost = "".join(ch for ch, flag in zip(text, covered, strict=True) if not flag and not ch.isspace())
    assert lost == ""


@pytest.mark.parametrize("name", CASES)
def test_language_is_indonesian(name, extracted):
    _, _, article = extracted[name]
    assert article.language.code == "id"
