"""The named rules of the quotes stage: ``QUOTE_RULES``, listed by ``warta rules --stage quotes``.

Each module declares its rules where their code is (``RULE = declare(name, purpose)``, then
``if RULE.on:`` around the heuristic). A rule's example, a text on which the quotes found differ
with the rule switched off, is language data: the ``[rule_examples]`` table of the default pack's
``quotes.toml`` (``tests/test_quotes_rules.py`` checks every one).
"""

from __future__ import annotations

from functools import cache

from warta import lang
from warta.rules import Registry, Rule

QUOTE_RULES = Registry("quotes")


@cache
def _examples() -> dict[str, str]:
    return dict(lang.get(lang.DEFAULT).toml("quotes").get("rule_examples", {}))


def declare(name: str, purpose: str, test: str = "") -> Rule:
    """A switch of the quotes stage; its example comes from the default pack (required). ``test``
    names the unit test that feeds it a model error the shipped model no longer makes there."""
    example = _examples().get(name)
    if not example:
        raise KeyError(f"quotes.{name}: no example in the default pack's quotes.toml [rule_examples]")
    return QUOTE_RULES.declare(name, purpose=purpose, example=example, test=test)
