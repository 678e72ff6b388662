"""Rules that correct errors of an earlier NER model, fed those errors directly.

A rule's example is an input where it changes the output. When a retrained model stops making the
error a rule corrects, the example no longer shows the rule at work, yet the rule still matters
on news the model gets wrong. ``fixtures/model_errors.json`` keeps, for each such rule (and two
end-to-end cases), the example text and the spans the model before the sixth session's in-domain
fine-tuning gave on it; the test runs the whole pipeline with those spans as the model's output,
with and without the rule. The rules name this test (``test=`` in their declaration).
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

import warta
from warta.nlp import ner
from warta.rules import ablated

CASES = json.loads((Path(__file__).parent / "fixtures" / "model_errors.json").read_text(encoding="utf-8"))
RULE_CASES = {k: v for k, v in CASES.items() if not k.startswith("robust:")}


@contextmanager
def model_output(case: dict):
    """The NER model replaced by the recorded spans of ``case`` (other texts get none)."""
    real = ner.recognise_tokens

    def recorded(text, chunks, *, path=None):
        chunks = list(chunks)
        if text != case["text"]:
            return real(text, chunks, path=path)
        return [ner.EntitySpan(s, e, label, text[s:e]) for s, e, label in case["spans"]]

    ner.recognise_tokens = recorded
    try:
        yield
    finally:
        ner.recognise_tokens = real


def _out(text: str) -> dict:
    d = warta.extract(text, published="2019-09-10").to_dict()
    return {k: d[k] for k in ("entities", "quotes", "times", "quantities", "sources")}


@pytest.mark.parametrize("name", sorted(RULE_CASES))
def test_model_error_rules(name):
    case = RULE_CASES[name]
    with model_output(case):
        with_rule = _out(case["text"])
        with ablated([name]):
            without = _out(case["text"])
    assert with_rule != without, f"{name}: no difference on its recorded model error"


def test_vs_splits_a_span_into_two_teams_the_model_read_as_one():
    case = CASES["robust:vs-split"]
    with model_output(case):
        names = [e.name for e in warta.extract(case["text"]).entities]
    assert "Barito Putera" in names and "Bhayangkara FC" in names
    assert not any("Vs" in n for n in names)


def test_a_person_glued_to_the_end_of_a_place_is_cut_off_with_title_and_affiliation():
    case = CASES["robust:glued-person"]
    with model_output(case):
        by_name = {e.name: e for e in warta.extract(case["text"]).entities}
    assert "DKI Jakarta Saefullah" not in by_name
    saefullah = by_name["Saefullah"]
    assert (saefullah.type, saefullah.titles, saefullah.affiliations) == ("PER", ["Sekretaris Daerah"], ["DKI Jakarta"])
    assert len(saefullah.mentions) == 2
