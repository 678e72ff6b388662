"""Sentence and token segmentation for Indonesian news text.

Our own rules instead of spaCy's ``sentencizer``: that one splits after every period, so it
breaks "Jl. Sudirman", "PT. Astra Tbk." and "H. Agus" and moves a closing quotation mark into
the next sentence. The abbreviation list is data in the language pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta import lang
from warta.article import Article, Span
from warta.stages import stage

CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«(["


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@cache
def _abbreviation_list(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """(all abbreviations, those that may also end a sentence: marked " *" in the pack)."""
    pack_code = code if lang.get(code).has("abbreviations.txt") else "id"
    every, can_end = set(), set()
    for line in lang.get(pack_code).lines("abbreviations"):
        abbr, _, mark = line.partition(" ")
        every.add(abbr)
        if mark.strip() == "*":
            can_end.add(abbr)
    return frozenset(every), frozenset(can_end)


def _abbreviations(code: str) -> frozenset[str]:
    return _abbreviation_list(code)[0]


@cache
def _token_re(code: str) -> re.Pattern[str]:
    abbrs = sorted(_abbreviations(code), key=len, reverse=True)
    abbr_alt = "|".join(re.escape(a) for a in abbrs)
    return re.compile(
        rf"(?:(?<![\w.])(?:{abbr_alt})(?!\w))"  # listed abbreviations, dots included
        r"|https?://[^\s\"'”)>]+"  # URLs
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
        r"|Rp(?=\s?\d)|US\$"  # currency prefixes stay separate from the amount
        r"|\d+(?:[.,:/]\d+)*"  # numbers with Indonesian separators, times, dates: 80.000 1,5 14.30 3/12
        r"|(?:[A-Z]\.){2,}"  # dotted acronyms: A.S. U.S.
        r"|[A-Z]\.(?=\s+[A-Z])"  # an initial before a capitalised word: "H. Agus"
        r"|\w+(?:[-'’]\w+)*"  # words, reduplications (pakar-pakar), elisions
        r"|\S",  # any other single character
    )


def tokenize(text: str, start: int = 0, end: int | None = None, *, code: str = "id") -> list[Token]:
    end = len(text) if end is None else end
    rx = _token_re(code)
    return [Token(m.start(), m.end(), m.group(0)) for m in rx.finditer(text, start, end)]


def _is_boundary(tokens: list[Token], i: int, abbrs: frozenset[str], can_end: frozenset[str]) -> bool:
    """Is token i (a terminal punctuation mark or an abbreviation) the end of a sentence?"""
    tok = tokens[i]
    if tok.text not in (".", "!", "?", "…") and not tok.text.endswith("."):
        return False
    abbr_end = tok.text.endswith(".") and len(tok.text) > 1
    if abbr_end and tok.text not in can_end:
        return False  # "Jl.", "Dr.", "H.": never the end of a sentence
    # the token after any closing quotes/brackets
    j = i + 1
    while j < len(tokens) and tokens[j].text in CLOSERS and tokens[j].start == tokens[j - 1].end:
        j += 1
    if j >= len(tokens):
        return True
    nxt = tokens[j]
    if nxt.start == tokens[j - 1].end:
        return False  # "3.5", "a.m" – no space after the mark
    first = nxt.text[0]
    if abbr_end:
        return first.isupper() and nxt.text not in abbrs
    if tok.text == "." and i > 0:
        prev = tokens[i - 1].text
        if len(prev) == 1 and prev.isupper() and tokens[i - 1].end == tok.start:
            return False  # initial written apart by the tokenizer
    return first.isupper() or first.isdigit() or first in OPENERS


def sentence_spans(text: str, start: int, end: int, *, code: str = "id") -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (one paragraph), closing quotes kept with their sentence."""
    abbrs, can_end = _abbreviation_list(code)
    tokens = tokenize(text, start, end, code=code)
    out: list[tuple[int, int]] = []
    s = None
    i = 0
    while i < len(tokens):
        if s is None:
            s = tokens[i].start
        if _is_boundary(tokens, i, abbrs, can_end):
            j = i + 1
            while j < len(tokens) and tokens[j].text in CLOSERS and tokens[j].start == tokens[j - 1].end:
                j += 1
            out.append((s, tokens[j - 1].end))
            s = None
            i = j
            continue
        i += 1
    if s is not None and tokens:
        out.append((s, tokens[-1].end))
    return out


@stage(requires=("text",), assigns=("sentences",))
def segment(article: Article) -> None:
    """Pipeline stage: fill ``article.sentences`` paragraph by paragraph."""
    code = article.language.code if article.language and lang_has(article.language.code) else "id"
    sentences: list[Span] = []
    for p in article.paragraphs:
        spans = sentence_spans(article.text, p.start, p.end, code=code)
        d = article.dateline
        if d is not None and p.start <= d.start < p.end:
            # a dateline is never a sentence of its own ("TEMPO, CO. Jakarta - ...")
            while len(spans) > 1 and spans[0][1] <= d.end:
                spans[:2] = [(spans[0][0], spans[1][1])]
        sentences.extend(Span(s, e) for s, e in spans)
    article.sentences = sentences


def lang_has(code: str) -> bool:
    try:
        lang.get(code)
    except KeyError:
        return False
    return True
