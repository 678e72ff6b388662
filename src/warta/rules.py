"""Named rules: every heuristic of a stage is a :class:`Rule` in an ordered registry.

A rule has a name (``entities.outlet-is-org``), one line of purpose, an example where it
matters, and a test (``tests/test_rules.py`` runs every rule's example with and without it and
expects a difference). Code asks ``if RULE.on:`` (or runs ``registry.run(ctx)`` for rules that are
whole steps), so any rule can be switched off to see what it does::

    warta rules                                   # list them, per stage, with their measured effect
    warta eval article --ablate entities.outlet-is-org,quotes.pronoun-cue

Switching off is per context (:func:`ablated`), so a server or a batch keeps its rules on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

_OFF: ContextVar[frozenset[str]] = ContextVar("warta_rules_off", default=frozenset())

# the packages whose import registers rules (for listing and validating names)
RULE_MODULES = (
    "warta.extract.entities",
    "warta.extract.quotes",
    "warta.extract.sources",
)


@dataclass(eq=False)
class Rule:
    name: str  # "<stage>.<rule>"
    purpose: str
    example: str  # an input where the rule changes the output
    step: Callable[..., Any] | None = None  # for rules that are a whole step of a stage
    # a rule that only corrects a model error the shipped model does not make on a short input
    # names the unit test that feeds it the error (with and without the rule)
    test: str = ""

    @property
    def stage(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def on(self) -> bool:
        return self.name not in _OFF.get()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.step is None:
            raise TypeError(f"rule {self.name} is a switch, not a step")
        return self.step(*args, **kwargs)


@dataclass
class Registry:
    """The ordered rules of one stage."""

    stage: str
    rules: list[Rule] = field(default_factory=list)

    def declare(self, name: str, purpose: str, example: str, test: str = "") -> Rule:
        """A rule used as a switch inside code: ``if RULE.on: ...``."""
        full = f"{self.stage}.{name}"
        if any(r.name == full for r in self.rules):
            raise ValueError(f"rule {full} declared twice")
        rule = Rule(full, purpose, example, test=test)
        self.rules.append(rule)
        _ALL[full] = rule
        return rule

    def step(self, name: str, purpose: str, example: str, test: str = "") -> Callable[[Callable[..., Any]], Rule]:
        """Decorator: a function that is one whole step, run in order by :meth:`run`."""

        def wrap(fn: Callable[..., Any]) -> Rule:
            rule = self.declare(name, purpose, example, test)
            rule.step = fn
            return rule

        return wrap

    def run(self, *args: Any) -> None:
        """Run the steps of this registry in declaration order, skipping switched-off ones."""
        for rule in self.rules:
            if rule.step is not None and rule.on:
                rule.step(*args)


_ALL: dict[str, Rule] = {}


def all_rules() -> list[Rule]:
    for mod in RULE_MODULES:
        importlib.import_module(mod)
    return list(_ALL.values())


def check_names(names: list[str]) -> list[str]:
    """The names, validated against the registry (a stage name selects all its rules)."""
    known = {r.name: r for r in all_rules()}
    out: list[str] = []
    for n in names:
        if n in known:
            out.append(n)
        elif any(r.stage == n for r in known.values()):
            out += [r.name for r in known.values() if r.stage == n]
        else:
            from warta.errors import UsageError

            raise UsageError(f"unknown rule {n!r} (warta rules lists them)")
    return out


@contextmanager
def ablated(names: list[str] | frozenset[str]) -> Iterator[None]:
    """Run the body with the named rules switched off."""
    token = _OFF.set(_OFF.get() | frozenset(names))
    try:
        yield
    finally:
        _OFF.reset(token)
