"""Parse a user search query once; each back end renders it for its full-text engine.

Syntax (both back ends): words are all required; "a quoted phrase" matches words in order;
a trailing * makes a prefix (``korup*``). Punctuation inside words splits them, as the
indexers do, so what the user types matches what was indexed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Term:
    words: list[str]  # one word, or several for a phrase
    prefix: bool = False


def parse(query: str) -> list[Term]:
    terms: list[Term] = []
    for m in _TOKEN.finditer(query):
        if m.group(1) is not None:
            words = [w.lower() for w in _WORD.findall(m.group(1))]
            if words:
                terms.append(Term(words))
            continue
        raw = m.group(2)
        prefix = raw.endswith("*")
        words = [w.lower() for w in _WORD.findall(raw)]
        if not words:
            continue
        if len(words) == 1:
            terms.append(Term(words, prefix))
        else:  # "al-Assad" -> the phrase "al assad", as the tokenizer indexed it
            terms.append(Term(words, prefix))
    return terms


def to_fts5(terms: list[Term]) -> str:
    parts = []
    for t in terms:
        phrase = '"' + " ".join(t.words) + '"'
        parts.append(phrase + ("*" if t.prefix else ""))
    return " ".join(parts)


def to_tsquery(terms: list[Term]) -> str:
    """PostgreSQL to_tsquery('simple', ...) syntax; words are \\w+ so need no escaping."""
    parts = []
    for t in terms:
        words = list(t.words)
        if t.prefix:
            words[-1] = words[-1] + ":*"
        parts.append("(" + " <-> ".join(words) + ")" if len(words) > 1 else words[0])
    return " & ".join(parts)
