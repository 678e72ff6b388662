"""Boilerplate detection for text that already lost its HTML.

The rules are data in the language packs (``lang/<code>/boilerplate.toml``); this module only
compiles and applies them. Every decision is returned with its kind so nothing disappears
silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from warta import lang

# Packs whose rules apply to every text: pages in Indonesian carry English notices too.
DEFAULT_PACKS = ("id", "en")


@dataclass(frozen=True)
class LineRule:
    kind: str
    regex: re.Pattern[str]
    max_len: int
    list_header: bool
    name: str


@dataclass(frozen=True)
class InlineRule:
    kind: str
    regex: re.Pattern[str]
    name: str


@dataclass
class RuleSet:
    lines: list[LineRule] = field(default_factory=list)
    inline: list[InlineRule] = field(default_factory=list)
    list_item_max_len: int = 160


@cache
def ruleset(packs: tuple[str, ...] = DEFAULT_PACKS) -> RuleSet:
    rs = RuleSet()
    for code in packs:
        data = lang.get(code).toml("boilerplate")
        settings = data.get("settings", {})
        if "list_item_max_len" in settings:
            rs.list_item_max_len = int(settings["list_item_max_len"])
        for i, r in enumerate(data.get("line", [])):
            rs.lines.append(
                LineRule(
                    kind=r["kind"],
                    regex=re.compile(r["pattern"], re.IGNORECASE),
                    max_len=int(r.get("max_len", 200)),
                    list_header=bool(r.get("list_header", False)),
                    name=f"{code}:line:{i}:{r['kind']}",
                )
            )
        for i, r in enumerate(data.get("inline", [])):
            # inline rules are case-sensitive on purpose: "SCROLL TO CONTINUE" in capitals is
            # the widget, the same words in a sentence are not.
            rs.inline.append(InlineRule(r["kind"], re.compile(r["pattern"]), f"{code}:inline:{i}:{r['kind']}"))
    return rs


def classify_line(line: str, rules: RuleSet) -> LineRule | None:
    """The first rule whose pattern matches the stripped line from its start, or None."""
    n = len(line)
    for rule in rules.lines:
        if n <= rule.max_len and rule.regex.match(line):
            return rule
    return None


_SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")


_HEADLINE_END = re.compile(r"[!?]\s*$")


def title_case_share(line: str) -> float:
    """Share of the words that start with a capital letter or a digit."""
    words = [w for w in line.split() if w[0].isalnum()]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper() or w[0].isdigit()) / len(words)


def looks_like_list_item(line: str, rules: RuleSet) -> bool:
    """A related-article headline: short and without sentence-final punctuation, or ending in
    "!"/"?" when written in title case ("Chicco Jerikho di Atas Moge: Cool Banget!")."""
    if len(line) > rules.list_item_max_len:
        return False
    if not _SENTENCE_END.search(line):
        return True
    return bool(_HEADLINE_END.search(line)) and title_case_share(line) >= 0.6
