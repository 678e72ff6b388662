"""Near-duplicate articles: syndicated and republished copies of one text (small edits, a rewritten
lead, another headline).

An article's cleaned body is cut into word shingles (:data:`SHINGLE` consecutive words, case-folded,
digits kept); a MinHash signature of :data:`NUM_PERM` values estimates the Jaccard similarity of two
shingle sets, and locality-sensitive hashing cuts it into :data:`BANDS` bands of :data:`ROWS` values:
two articles that share a band hash are candidates (a pair with Jaccard 0.3 shares a band with
probability 0.99). A candidate is a copy when enough of *each* text is in sentences that the other
text also has (:func:`similarity`: sentence alignment, word overlap, numbers that agree), at least
:data:`THRESHOLD`, chosen on the labelled pairs of ``bench/dedup/`` (``python bench/dedup.py``).
Sentence alignment tells an edited copy (words changed, a lead rewritten) from an article that only
repeats another one's background paragraph, or the same template filled with another day's
numbers. Bodies with fewer than :data:`MIN_SHINGLES` shingles (a caption, an empty scrape) are
never matched.

Nothing here is language-specific (``\\w+`` words); the store keeps the signatures and band hashes
(``warta.store.copies``) so detection is incremental across runs and the same on both back ends.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

SHINGLE = 2  # words per shingle
NUM_PERM = 96  # MinHash permutations
BANDS = 48  # LSH bands of ROWS values each: P(candidate) = 1 - (1 - J**ROWS)**BANDS
ROWS = NUM_PERM // BANDS
SEED = 21
MIN_SHINGLES = 40
# the share of each text in aligned sentences at which a candidate is a copy (chosen on the dev half
# of bench/dedup/pairs.jsonl; `python bench/dedup.py` prints the sweep and the test half's figures)
THRESHOLD = 0.74
SENTENCE_MATCH = 0.7  # word overlap (of the shorter sentence) at which two sentences are the same
MIN_SENTENCE_WORDS = 4

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019]?\s+|\n+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The set of k-word shingles of a text (words: ``\\w+``, case-folded)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


@dataclass(frozen=True)
class Sentence:
    words: frozenset[str]
    numbers: frozenset[str]
    size: int


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text (of at least :data:`MIN_SENTENCE_WORDS` words) as word and number sets."""
    out = []
    for part in _SENTENCE_END.split(text):
        words = _WORD.findall(part.casefold())
        if len(words) >= MIN_SENTENCE_WORDS:
            out.append(Sentence(frozenset(words), frozenset(_NUMBER.findall(part)), len(words)))
    return out


def _aligned(a: list[Sentence], b: list[Sentence]) -> float:
    """The share of a's words in sentences that b also has (same words but a few, numbers that agree)."""
    total = sum(s.size for s in a)
    if not total or not b:
        return 0.0
    found = 0
    for s in a:
        for t in b:
            if s.numbers and t.numbers and not (s.numbers <= t.numbers or t.numbers <= s.numbers):
                continue  # another day's date, another price: the same template, not the same text
            if len(s.words & t.words) >= SENTENCE_MATCH * min(len(s.words), len(t.words)):
                found += s.size
                break
    return found / total


def shares(a: list[Sentence], b: list[Sentence]) -> tuple[float, float]:
    """The share of a's words in sentences b also has, and of b's in sentences a has (0-1 each)."""
    return _aligned(a, b), _aligned(b, a)


def similarity(a: list[Sentence], b: list[Sentence]) -> float:
    """How much of each text is in sentences the other one also has: the smaller of both shares (0-1)."""
    return min(shares(a, b))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class Signature:
    """A text's MinHash signature, its LSH band hashes and its number of shingles."""

    values: tuple[int, ...]
    n_shingles: int

    @property
    def usable(self) -> bool:
        return self.n_shingles >= MIN_SHINGLES

    def bands(self) -> list[int]:
        """One signed 64-bit hash per band (band index included, so bands never collide)."""
        out = []
        for b in range(BANDS):
            chunk = struct.pack(f"<I{ROWS}I", b, *self.values[b * ROWS : (b + 1) * ROWS])
            out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True))
        return out

    def encode(self) -> str:
        """The values as base64 of little-endian uint32 (how the store keeps them)."""
        return base64.b64encode(np.asarray(self.values, dtype="<u4").tobytes()).decode("ascii")

    @classmethod
    def decode(cls, text: str, n_shingles: int) -> Signature:
        values = np.frombuffer(base64.b64decode(text), dtype="<u4")
        return cls(tuple(int(v) for v in values), n_shingles)

    def estimate(self, other: Signature) -> float:
        """The Jaccard similarity the two signatures estimate."""
        same = sum(1 for x, y in zip(self.values, other.values, strict=True) if x == y)
        return same / NUM_PERM


_BASE = MinHash(num_perm=NUM_PERM, seed=SEED)
_PERMUTATIONS, _SCHEME = _BASE.permutations, _BASE.scheme


def signature(shingle_set: set[str]) -> Signature:
    """The MinHash signature of a set of shingles (fixed seed: the same text gives the same values)."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)
    if shingle_set:
        m.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return Signature(tuple(int(v) for v in m.hashvalues), len(shingle_set))


QUOTE_MATCH = 0.8  # word overlap (of the shorter quotation) at which two quotations are the same


def quote_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def same_quote(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two quotations (as word sets) are the same one, as two copies of a text carry it."""
    if not a or not b:
        return False
    return len(a & b) >= QUOTE_MATCH * min(len(a), len(b)) and min(len(a), len(b)) >= 0.5 * max(len(a), len(b))


def order_key(published: str | None, ingested_at: str | None, article_id: str) -> tuple[str, str, str]:
    """Which of two copies is the earliest: published date (undated last), then ingest time, then id."""
    return (published or "9999", ingested_at or "9999", article_id)
