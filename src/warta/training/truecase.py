"""Restore the case of lower-cased training text (NERP) from counts over cased raw text.

A small frequency truecaser, written here because what it needs is three rules over a count
table built from the same raw news the trainer already reads (no library ships an Indonesian
truecasing model, and nothing may be downloaded):

- every word's surface forms are counted in cased text, skipping sentence-initial tokens
  (their capital says nothing about the word);
- a token outside an entity gets its most frequent surface form ("dpr" -> "DPR", "yang" ->
  "yang"); a word never seen stays as given;
- a token inside an entity span gets its most frequent form with a capital letter ("bri" ->
  "BRI", "jakarta" -> "Jakarta"), or is title-cased when never seen capitalised;
- the first word of a sentence is capitalised.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

# A token after one of these starts a sentence. Counting also skips tokens after a colon or an
# ellipsis (often capitalised: "katanya: Kami"); restoring capitalises only after . ! ?
SENTENCE_END = frozenset({".", "!", "?"})
COUNT_SKIP_AFTER = SENTENCE_END | {":", "...", "…"}


def has_case(word: str) -> bool:
    return word.lower() != word.upper()


def is_capitalised(word: str) -> bool:
    return word != word.lower()


def title(word: str) -> str:
    """Capitalise each hyphen-separated part ("al-qaeda" -> "Al-Qaeda"), keep the rest."""
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def sentence_initial(words: Sequence[str], ends: frozenset[str] = SENTENCE_END) -> list[bool]:
    """True for each sentence's first word, if it has case (one line of text, tokenized).

    Punctuation before it ('"', "(") is passed over; a sentence opening with a number has none.
    """
    out: list[bool] = []
    at_start = True
    for w in words:
        cased = has_case(w)
        out.append(at_start and cased)
        if w in ends:
            at_start = True
        elif any(c.isalnum() for c in w):  # a number starts a sentence too ("123 orang")
            at_start = False
    return out


def count_forms(sentences: Iterable[Sequence[str]], vocab: set[str] | None = None) -> dict[str, Counter[str]]:
    """Surface-form counts per lower-cased word, sentence-initial tokens skipped.

    ``vocab`` (lower-cased words) limits the table to the words that will be restored.
    """
    forms: dict[str, Counter[str]] = {}
    for words in sentences:
        for w, initial in zip(words, sentence_initial(words, COUNT_SKIP_AFTER), strict=True):
            if initial or not has_case(w):
                continue
            low = w.lower()
            if vocab is not None and low not in vocab:
                continue
            forms.setdefault(low, Counter())[w] += 1
    return forms


def save_forms(forms: Mapping[str, Counter[str]], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump({k: dict(v) for k, v in forms.items()}, fh, ensure_ascii=False)


def load_forms(path: Path) -> dict[str, Counter[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {k: Counter(v) for k, v in json.load(fh).items()}


def _best(counts: Counter[str]) -> str:
    # most frequent; ties go to the lexicographically smallest form so the result is stable
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


class Truecaser:
    def __init__(self, forms: Mapping[str, Counter[str]]) -> None:
        self.forms = forms

    def word(self, word: str, *, in_entity: bool) -> str:
        low = word.lower()
        counts = self.forms.get(low)
        if in_entity:
            capital = Counter({f: n for f, n in (counts or {}).items() if is_capitalised(f)})
            if capital:
                return _best(capital)
            return title(low) if has_case(low) else word
        return _best(counts) if counts else word

    def restore(self, words: Sequence[str], in_entity: Sequence[bool]) -> list[str]:
        """Cased words for one lower-cased sentence; ``in_entity`` marks tokens inside a span."""
        out = [self.word(w, in_entity=e) for w, e in zip(words, in_entity, strict=True)]
        for i, initial in enumerate(sentence_initial(out)):  # each sentence's first word
            if initial and not is_capitalised(out[i]):
                out[i] = out[i][:1].upper() + out[i][1:]
        return out
