"""Language identification with a confidence.

py3langid (a maintained port of langid.py; our own n-gram model would only be worse) scores
all of its 97 languages. Warta's decision is which language pack to run, and the languages that
matter are Indonesian and its close neighbours: Malay, Javanese, Tagalog (langid has no
Sundanese) and English. Unrestricted, langid often labels short Indonesian text as Malay,
Javanese or Tagalog because small slices of probability go to far-off languages; restricted to
the neighbours alone, it labels Korean, Russian or Japanese text "jv" with 0.99 (measured on
the Zyte benchmark pages). So both: when most of the probability lies on the neighbours, the
answer is the best neighbour with its probability renormalised over them; otherwise the text
is in another language and that language is reported with its own probability.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from warta.article import Article, Language
from warta.stages import stage

CANDIDATES = ("id", "ms", "en", "jv", "tl")
SAMPLE_CHARS = 20_000  # enough for a confident decision; bounded time on huge inputs


_model: Any = None
_loading: tuple[int, threading.Thread] | None = None  # (process id, thread) of a load under way


def _load() -> None:
    global _model
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    _model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Start loading the model in a thread: most of it is LZMA decompression, which runs
    outside the GIL, so it overlaps with loading the other stages' models."""
    global _loading
    if _model is None and _loading is None:
        thread = threading.Thread(target=_load, name="warta-langid-load", daemon=True)
        _loading = (os.getpid(), thread)
        thread.start()


def _identifier() -> Any:
    """The model, loaded once per process (a load started before a fork is not waited for)."""
    if _model is None:
        if _loading is not None and _loading[0] == os.getpid():
            _loading[1].join()
        if _model is None:
            _load()
    return _model


def identify(text: str) -> Language:
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return Language(code="und", confidence=0.0, scores={})
    ranked = [(str(code), float(p)) for code, p in _identifier().rank(sample)]
    inside = {code: p for code, p in ranked if code in CANDIDATES}
    mass = sum(inside.values())
    if mass >= 0.5:
        scores = {code: round(p / mass, 4) for code, p in sorted(inside.items(), key=lambda kv: -kv[1])}
        code = next(iter(scores))
        return Language(code=code, confidence=scores[code], scores=scores)
    code, prob = ranked[0]
    scores = {c: round(p, 4) for c, p in ranked[:3]}
    scores.update({c: round(p, 4) for c, p in inside.items() if p >= 0.0001})
    return Language(code=code, confidence=round(prob, 4), scores=scores)


@stage(requires=("text",), assigns=("language",), preload=preload)
def detect(article: Article) -> None:
    """Pipeline stage: set ``article.language`` unless the caller gave one."""
    if article.language is not None:
        return
    basis = ((article.title.text + "\n") if article.title else "") + article.text
    article.language = identify(basis)
