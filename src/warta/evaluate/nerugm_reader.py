"""NER-UGM (IndoLEM) reader for the TIME and QUANTITY labels.

The corpus is tokenised (BIO, one token per line). Sentences are detokenised with the usual
spacing rules ("( 3/12 )" -> "(3/12)", "anak - anak" -> "anak-anak") while every token keeps its
character offsets, so gold spans become character spans that predictions from Warta's extractors
can be compared with (``warta.evaluate._nerugm``) and the TIME/QUANTITY detector trained on
(``warta.training.timequant``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "]", "!", "?", "%", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "“", "‘"}


@dataclass
class Sentence:
    text: str
    tokens: list[tuple[int, int]]
    labels: list[str]
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def read_bio(path: Path) -> list[tuple[list[str], list[str]]]:
    out: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    labs: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\n")
        if not line.strip():
            if toks:
                out.append((toks, labs))
            toks, labs = [], []
            continue
        tok, _, lab = line.rpartition("\t")
        toks.append(tok)
        labs.append(lab or "O")
    if toks:
        out.append((toks, labs))
    return out


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offs: list[tuple[int, int]] = []
    pos = 0
    open_quote = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        space = i > 0
        if tok in NO_SPACE_BEFORE or (prev is not None and prev in NO_SPACE_AFTER):
            space = False
        if tok == '"':
            if open_quote:
                space = False
            open_quote = not open_quote
        elif prev == '"' and open_quote:
            space = False
        # "anak - anak", "check - in": a hyphen between two words joins them
        if tok == "-" and prev and prev.isalpha() and i + 1 < len(tokens) and tokens[i + 1].isalpha():
            space = False
        if prev == "-" and i >= 2 and tokens[i - 2].isalpha() and tok.isalpha():
            space = False
        if space:
            parts.append(" ")
            pos += 1
        offs.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offs


def load(path: Path, labels: Iterable[str]) -> list[Sentence]:
    sents = []
    for toks, labs in read_bio(path):
        text, offs = detokenize(toks)
        s = Sentence(text, offs, labs)
        for label in labels:
            spans = []
            i = 0
            while i < len(labs):
                if labs[i] == f"B-{label}" or (labs[i] == f"I-{label}" and (i == 0 or labs[i - 1][2:] != label)):
                    j = i + 1
                    while j < len(labs) and labs[j] == f"I-{label}":
                        j += 1
                    spans.append((offs[i][0], offs[j - 1][1]))
                    i = j
                else:
                    i += 1
            s.spans[label] = spans
        sents.append(s)
    return sents
