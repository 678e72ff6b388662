"""Indonesian named-entity recognition (PER/ORG/LOC) with Warta's own trained spaCy model.

The model ships as package data (``warta/models/ner-id``, built by ``warta train ner``) and is
loaded once per process. Input is tokenized with Warta's runtime tokenizer
(``warta.nlp.segment.tokenize``: abbreviations and reduplications stay whole), turned into spaCy
``Doc`` objects without spaCy's tokenizer, and entity spans are mapped back to character offsets.
Text is processed in bounded chunks (sentences, long ones cut at ``MAX_TOKENS``), so memory does
not grow with the article's length.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from warta.nlp.segment import Token, tokenize

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "ner-id"
MAX_TOKENS = 400  # longest chunk handed to the model (a "sentence" longer than this is cut)
BATCH = 64
BATCH_TOKENS = 2048  # tokens handed to the model at once: bounds memory on very long inputs


@dataclass(frozen=True)
class EntitySpan:
    start: int
    end: int
    label: str
    text: str


def model_path(name: str = MODEL) -> Path:
    return Path(str(resources.files("warta.models").joinpath(name)))


@cache
def load(path: str | None = None) -> Language:
    """The NER pipeline (tok2vec + ner), loaded once per process and path."""
    import spacy

    p = Path(path) if path else model_path()
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"NER model not found at {p}; build it with `warta train ner`")
    return spacy.load(p)


def doc_from_tokens(nlp: Language, tokens: Sequence[Token]) -> Doc:
    from spacy.tokens import Doc

    words = [t.text for t in tokens]
    spaces = [tokens[i].end < tokens[i + 1].start for i in range(len(tokens) - 1)] + [False]
    return Doc(nlp.vocab, words=words, spaces=spaces)


def tag_words(nlp: Language, sentences: Iterable[Sequence[str]]) -> Iterator[list[tuple[int, int, str]]]:
    """Entity token spans ``(start, end, label)`` for pre-tokenized sentences (evaluation)."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=list(ws)) for ws in sentences)
    for doc in nlp.pipe(docs, batch_size=BATCH):
        yield [(e.start, e.end, e.label_) for e in doc.ents]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Warta's tokens for ``text[start:end]`` (one sentence), a sentence-final period split off an
    abbreviation-like last token ("dikutip RT." -> "RT", ".")."""
    toks = tokenize(text, start, end)
    if toks and len(toks[-1].text) > 1 and toks[-1].text.endswith(".") and toks[-1].text[-2].isalpha():
        last = toks[-1]
        if sum(c == "." for c in last.text) == 1 and len(last.text) > 2:
            toks[-1:] = [Token(last.start, last.end - 1, last.text[:-1]), Token(last.end - 1, last.end, ".")]
    return toks


def _chunks(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[list[Token]]:
    for start, end in spans:
        toks = tokens(text, start, end)
        for i in range(0, len(toks), MAX_TOKENS):
            chunk = toks[i : i + MAX_TOKENS]
            if chunk:
                yield chunk


def recognise(
    text: str, spans: Iterable[tuple[int, int]] | None = None, *, path: str | None = None
) -> list[EntitySpan]:
    """Entities in ``text`` (within ``spans``, e.g. sentences; the whole text if None)."""
    nlp = load(path)
    chunks = _chunks(text, spans if spans is not None else [(0, len(text))])
    out: list[EntitySpan] = []
    pending: list[list[Token]] = []

    def flush() -> None:
        docs = (doc_from_tokens(nlp, toks) for toks in pending)
        for toks, doc in zip(pending, nlp.pipe(docs, batch_size=BATCH), strict=True):
            for e in doc.ents:
                s, t = toks[e.start].start, toks[e.end - 1].end
                out.append(EntitySpan(s, t, e.label_, text[s:t]))
        pending.clear()

    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if len(pending) >= BATCH or size >= BATCH_TOKENS:
            flush()
            size = 0
    if pending:
        flush()
    return out
