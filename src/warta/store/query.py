"""Parse a user search query once; each back end renders it for its full-text engine.

Syntax (both back ends): words are all required; "a quoted phrase" matches words in order;
a trailing * makes a prefix (``korup*``). Punctuation inside words splits them, as the
indexers do, so what the user types matches what was indexed.

The work one query may ask of the engine is bounded before it runs: repeated terms count
once, at most :data:`MAX_TERMS` terms and :data:`MAX_WORDS` words, at most
:data:`MAX_PREFIXES` prefixes, each of at least :data:`MIN_PREFIX` characters (a one-letter
prefix expands to most of the index); anything past that is refused with a
:class:`warta.errors.QueryError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.errors import QueryError

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)

MAX_TERMS = 16  # words and phrases after de-duplication
MAX_WORDS = 32  # words in all terms together (a phrase counts each of its words)
MAX_PREFIXES = 4  # prefix terms (korup*): each expands to every indexed word it starts
MIN_PREFIX = 3  # characters before the *
MAX_WORD_CHARS = 64  # a longer "word" is no word of any indexed text


@dataclass(frozen=True)
class Term:
    words: list[str]  # one word, or several for a phrase
    prefix: bool = False

    def key(self) -> tuple[tuple[str, ...], bool]:
        return tuple(self.words), self.prefix


def _terms(query: str) -> list[Term]:
    terms: list[Term] = []
    for m in _TOKEN.finditer(query):
        if m.group(1) is not None:
            words = [w.lower() for w in _WORD.findall(m.group(1))]
            if words:
                terms.append(Term(words))
            continue
        raw = m.group(2)
        words = [w.lower() for w in _WORD.findall(raw)]
        if words:  # "al-Assad" -> the phrase "al assad", as the tokenizer indexed it
            terms.append(Term(words, raw.endswith("*")))
    return terms


def parse(query: str) -> list[Term]:
    """The distinct terms of ``query``, in order; raises QueryError past the limits."""
    seen: set[tuple[tuple[str, ...], bool]] = set()
    terms: list[Term] = []
    for t in _terms(query):
        if t.key() not in seen:
            seen.add(t.key())
            terms.append(t)
    for t in terms:
        if t.prefix and len(t.words[-1]) < MIN_PREFIX:
            raise QueryError(f"prefix {t.words[-1]}* is too short: give at least {MIN_PREFIX} characters before *")
        if any(len(w) > MAX_WORD_CHARS for w in t.words):
            raise QueryError(f"a search word is over {MAX_WORD_CHARS} characters")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"search has {len(terms)} different terms, over the limit of {MAX_TERMS}")
    n_words = sum(len(t.words) for t in terms)
    if n_words > MAX_WORDS:
        raise QueryError(f"search has {n_words} words, over the limit of {MAX_WORDS}")
    n_prefix = sum(t.prefix for t in terms)
    if n_prefix > MAX_PREFIXES:
        raise QueryError(f"search has {n_prefix} prefixes (word*), over the limit of {MAX_PREFIXES}")
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
