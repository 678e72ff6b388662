"""Every named rule (``warta rules``) does something on its own example: the whole pipeline's
output differs with the rule switched off. A rule whose example stops showing a difference is
dead or broken."""

from __future__ import annotations

from pathlib import Path

import pytest

import warta
from warta.rules import ablated, all_rules, check_names

RULES = all_rules()


def _out(text: str) -> dict:
    d = warta.extract(text, published="2019-09-10").to_dict()
    return {k: d[k] for k in ("entities", "quotes", "times", "quantities", "sources")}


TESTS = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_changes_its_example(rule):
    assert rule.purpose and rule.example
    if rule.test:  # a model error the shipped model does not make on a short input: a unit test feeds it
        assert f"def {rule.test}(" in TESTS, f"{rule.name}: its test {rule.test} is missing"
        return
    with_rule = _out(rule.example)
    with ablated([rule.name]):
        without = _out(rule.example)
    assert with_rule != without, f"{rule.name}: no difference on its example {rule.example!r}"


def test_ablation_is_scoped_and_names_are_checked():
    name = RULES[0].name
    assert RULES[0].on
    with ablated([name]):
        assert not RULES[0].on
    assert RULES[0].on
    assert check_names([RULES[0].stage]) == [r.name for r in RULES if r.stage == RULES[0].stage]
    with pytest.raises(warta.UsageError):
        check_names(["no-such-rule"])
