"""Indonesian named-entity recognition (PER/ORG/LOC) with Warta's own trained spaCy model.

The model ships as package data (``warta/models/ner-id``, built by ``warta train ner``) and is
loaded once per process. Input is tokenized with Warta's runtime tokenizer
(``warta.nlp.segment.tokenize``: abbreviations and reduplications stay whole), turned into spaCy
``Doc`` objects without spaCy's tokenizer, and entity spans are mapped back to character offsets.
Text is processed in bounded chunks (sentences, long ones cut at ``MAX_TOKENS``), so memory does
not grow with the article's length.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta import budget
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

    # WARTA_NER_MODEL: another trained model folder (a candidate under evaluation)
    p = Path(path or os.environ.get("WARTA_NER_MODEL") or model_path())
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"NER model not found at {p}; build it with `warta train ner`")
    _register_deferred_tokenizer()
    # Warta hands the model its own tokens (doc_from_tokens), so spaCy's tokenizer, whose ~32,000
    # Indonesian special cases take most of a cold start to build, is built only if asked for; and
    # the training vocabulary's 123,000 strings are not read (a Doc adds the strings of its words;
    # features, vectors and labels are looked up by hash).
    overrides = {"nlp": {"tokenizer": {"@tokenizers": DEFERRED}}}
    nlp = spacy.load(p, config=overrides, exclude=["tokenizer", "strings"])
    nlp.tokenizer.source = p / "tokenizer"
    if os.environ.get("WARTA_NER_BLIS") != "1":
        _numpy_gemm(nlp)
        _one_blas_thread()
    if getattr(nlp.vocab.vectors, "mode", None) == "floret":
        nlp.vocab.vectors = CachedFloretVectors(nlp.vocab.vectors)
    return nlp


DEFERRED = "warta.deferred_tokenizer.v1"


class DeferredTokenizer:
    """The model's spaCy tokenizer, built (and read from the model folder) on first use.

    The pipeline never calls it; ``nlp(text)`` still tokenizes exactly as the saved tokenizer does.
    """

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._real: Any = None
        self.source: Path | None = None

    def real(self) -> Any:
        if self._real is None:
            from spacy.language import create_tokenizer

            tok = create_tokenizer()(self._nlp)
            if self.source is not None and self.source.exists():
                tok.from_disk(self.source, exclude=["vocab"])
            self._real = tok
        return self._real

    def __call__(self, text: str) -> Doc:
        return self.real()(text)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.real(), name)


@cache
def _register_deferred_tokenizer() -> None:
    from spacy.util import registry

    @registry.tokenizers(DEFERRED)
    def _make() -> Any:
        return DeferredTokenizer


def _one_blas_thread() -> None:
    """Keep numpy's BLAS on one thread unless the user set a thread count.

    The model's matrices are small (a sentence at a time), so extra BLAS threads only spin and
    contend; Warta scales by processes (``--workers``, Spark executors) instead. Measured in
    bench/throughput.py: the whole pipeline ran at 4.4 articles/s per core with OpenBLAS's
    default of one thread per CPU and at 23 with one thread.
    """
    if any(v in os.environ for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def _numpy_gemm(nlp: Language) -> None:
    """Run the model's matrix multiplies through numpy (its BLAS) instead of thinc's bundled BLIS.

    The encoder's multiplies are most of the model's time, and on current x86 CPUs numpy's
    OpenBLAS does them about 3x faster on one thread than thinc's BLIS build (measured here:
    2048x384 by 384x1152, float32). The results agree to float rounding. ``WARTA_NER_BLIS=1``
    keeps thinc's default.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None:
            for node in model.walk():
                if isinstance(node.ops, NumpyOps):
                    node.ops = ops


class CachedFloretVectors:
    """Floret vectors with a per-word cache, for inference.

    spaCy's floret ``Vectors.get_batch`` hashes every token's character n-grams and sums their
    rows on every call (~10% of the NER model's time on news text). News repeats its words, so
    this wrapper keeps each word's vector once computed (at most ``max_words`` words, ~40 MB) and
    asks the real table only for words it has not seen. The vectors are exactly the same.
    spaCy's ``StaticVectors`` layer takes any object with ``get_batch``; every other attribute
    goes to the wrapped table.
    """

    def __init__(self, vectors: Any, max_words: int = 100_000) -> None:
        import numpy

        self._vectors = vectors
        self._max = max_words
        self._rows: dict[int, int] = {}
        self._table = numpy.zeros((1024, vectors.shape[1]), dtype="float32")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._vectors, name)

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, key: object) -> bool:
        return key in self._vectors

    def __getitem__(self, key: Any) -> Any:
        return self._vectors[key]

    def get_batch(self, keys: Any) -> Any:
        import numpy

        keys = numpy.asarray(keys, dtype="uint64")
        uniq, inverse = numpy.unique(keys, return_inverse=True)
        rows = self._rows
        idx = numpy.fromiter((rows.get(int(k), -1) for k in uniq), dtype="int64", count=len(uniq))
        missing = numpy.flatnonzero(idx < 0)
        if len(missing):
            fresh = numpy.asarray(self._vectors.get_batch(uniq[missing]), dtype="float32")
            if len(rows) + len(missing) <= self._max:
                start = len(rows)
                need = start + len(missing)
                if need > len(self._table):
                    grown = numpy.zeros((max(need, 2 * len(self._table)), self._table.shape[1]), dtype="float32")
                    grown[:start] = self._table[:start]
                    self._table = grown
                self._table[start:need] = fresh
                for j, k in enumerate(uniq[missing]):
                    rows[int(k)] = start + j
                idx[missing] = numpy.arange(start, need)
            else:  # cache full: use the fresh rows for this batch only
                out = numpy.empty((len(uniq), self._table.shape[1]), dtype="float32")
                known = idx >= 0
                out[known] = self._table[idx[known]]
                out[missing] = fresh
                return out[inverse]
        return self._table[idx[inverse]]


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
    return recognise_tokens(text, _chunks(text, spans if spans is not None else [(0, len(text))]), path=path)


def recognise_tokens(text: str, chunks: Iterable[Sequence[Token]], *, path: str | None = None) -> list[EntitySpan]:
    """Entities in already tokenized chunks of ``text`` (at most ``MAX_TOKENS`` tokens each), so a
    caller that needs the tokens too tokenizes once."""
    nlp = load(path)
    out: list[EntitySpan] = []
    pending: list[Sequence[Token]] = []

    def flush() -> None:
        docs = (doc_from_tokens(nlp, toks) for toks in pending)
        for toks, doc in zip(pending, nlp.pipe(docs, batch_size=BATCH), strict=True):
            budget.check()
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
