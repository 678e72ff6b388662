"""The named rules of the quotes stage: each one's example changes the quotes found when the rule
is switched off, and the rules are declared, with their examples, as the registry expects."""

from __future__ import annotations

from dataclasses import asdict

import pytest

import warta
from warta.extract.quotes import QUOTE_RULES
from warta.rules import ablated, all_rules, check_names

RULES = [r.name for r in QUOTE_RULES.rules]


def _quotes(text: str) -> list[dict]:
    return [asdict(q) for q in warta.extract(text, published="2019-09-10").quotes]


def test_the_stage_has_named_rules_with_purpose_and_example() -> None:
    assert 25 <= len(RULES) <= 60
    assert len(set(RULES)) == len(RULES)
    for rule in QUOTE_RULES.rules:
        assert rule.stage == "quotes" and rule.purpose and rule.example, rule.name
    assert set(RULES) <= {r.name for r in all_rules()}
    assert check_names(["quotes"]) == RULES


@pytest.mark.parametrize("name", RULES)
def test_each_rule_changes_the_quotes_of_its_example(name: str) -> None:
    rule = next(r for r in QUOTE_RULES.rules if r.name == name)
    if rule.test:  # a model error the shipped model no longer makes here: tests/test_model_errors.py
        return
    shipped = _quotes(rule.example)
    with ablated([name]):
        without = _quotes(rule.example)
    assert shipped != without, f"{name}: its example reads the same without it"
    assert _quotes(rule.example) == shipped  # switched back on after the block
