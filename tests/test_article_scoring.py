"""The gold standard's scorer (warta.evaluate.article_scoring): sources match by name or span."""

from __future__ import annotations

from warta.evaluate.article_scoring import Annotation, Tally, score

TEXT = "kata Nasir kepada Kompas.com, seperti dilansir Anadolu Agency dan Reuters."


def _counts(gold_sources, sys_sources):
    t = Tally()
    score("d", Annotation(TEXT, sources=gold_sources), Annotation(TEXT, sources=sys_sources), t)
    return tuple(t.counts["sources"])


def _at(word: str) -> tuple[int, int]:
    i = TEXT.index(word)
    return (i, i + len(word))


def test_canonical_name_matches_the_words_at_its_span():
    # Warta names "Kompas.com" by its canonical name "Kompas": the same source
    gold = [(_at("Kompas.com"), "Kompas.com", "cited")]
    assert _counts(gold, [(_at("Kompas.com"), "Kompas", "cited")]) == (1, 0, 0)


def test_overlapping_spans_are_one_source_and_others_count():
    gold = [(_at("Anadolu Agency"), "Anadolu Agency", "cited"), (_at("Reuters"), "Reuters", "cited")]
    sys = [(_at("Anadolu"), "Anadolu", "cited"), (_at("Nasir"), "Nasir", "cited")]
    assert _counts(gold, sys) == (1, 1, 1)


def test_names_without_spans_still_match_by_name():
    gold = [(_at("Reuters"), "Reuters", "cited")]
    assert _counts(gold, [(None, "reuters", "cited")]) == (1, 0, 0)
    assert _counts(gold, [(None, "AFP", "cited")]) == (0, 1, 1)


def test_cited_only_figure_keeps_relations_apart():
    t = Tally()
    gold = [(_at("Reuters"), "Reuters", "dateline")]
    sys = [(_at("Reuters"), "Reuters", "cited")]
    score("d", Annotation(TEXT, sources=gold), Annotation(TEXT, sources=sys), t)
    assert tuple(t.counts["sources"]) == (1, 0, 0)
    assert tuple(t.counts["sources_cited"]) == (0, 1, 0)
