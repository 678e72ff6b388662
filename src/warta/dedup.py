"""Near-duplicate articles: syndicated and republished copies of one text (small edits, a rewritten
lead, another headline).

An article's cleaned body is cut into word shingles (:data:`SHINGLE` consecutive words, case-folded,
digits kept); a MinHash signature of :data:`NUM_PERM` values estimates the Jaccard similarity of two
shingle sets, and locality-sensitive hashing cuts it into :data:`BANDS` bands of :data:`ROWS` values:
two articles that share a band hash are candidates. A candidate is a copy when the exact similarity
of the two shingle sets (:func:`similarity`) reaches :data:`THRESHOLD`, measured on the labelled
pairs of ``bench/dedup/`` (``python bench/dedup.py``). Bodies with fewer than :data:`MIN_SHINGLES`
shingles (a caption, an empty scrape) are never matched: too short to tell a copy from a template.

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

SHINGLE = 3  # words per shingle
NUM_PERM = 128  # MinHash permutations
BANDS = 32  # LSH bands of ROWS values each: P(candidate) = 1 - (1 - J**ROWS)**BANDS
ROWS = NUM_PERM // BANDS
SEED = 21
MIN_SHINGLES = 40
# containment of the smaller shingle set in the larger one at which a candidate is a copy (chosen on
# the dev half of bench/dedup/pairs.jsonl; `python bench/dedup.py` prints the sweep and test figures)
THRESHOLD = 0.6

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The set of k-word shingles of a text (words: ``\\w+``, case-folded)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def similarity(a: set[str], b: set[str]) -> float:
    """How much of the shorter text the longer one holds: |A ∩ B| / min(|A|, |B|) (0 when either is empty).

    Containment rather than Jaccard, so that a copy cut short or with a paragraph added still scores
    as a copy."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


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


def order_key(published: str | None, ingested_at: str | None, article_id: str) -> tuple[str, str, str]:
    """Which of two copies is the earliest: published date (undated last), then ingest time, then id."""
    return (published or "9999", ingested_at or "9999", article_id)
