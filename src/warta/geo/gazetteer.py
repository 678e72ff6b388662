"""The shipped gazetteer (``data/gazetteer.tsv.gz``, built by ``warta.geo.build``) and its name
index (``data/gazetteer.keys.gz``, written from it by the same build), loaded once per process on
first use."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"
MAX_REMEMBERED = 200_000  # keys whose row offsets a Gazetteer keeps once looked up
KEYS = PATH.with_name("gazetteer.keys.gz")  # its sorted name index (``write_key_index``), shipped beside it

# a coarser kind is the usual reading of a bare name: "Bandung" is the city before a village
# a town (a regency's seat that is no kota) after the kota and kabupaten of its name ("Langsa")
# Districts and villages are one tier: a bare "Sukamaju" is one district and 68 villages, and
# only the article's other places (or an admin word) tell which.
KIND_RANK = {
    "country": 0,
    "province": 1,
    "island": 1,
    "city": 2,
    "regency": 2,
    "town": 2.5,
    "district": 3,
    "village": 3,
}


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    kind: str
    name: str
    country: str
    admin1: str
    admin2: str
    lat: float | None
    lon: float | None
    population: int
    precision: str


class Gazetteer:
    """The rows as one text, looked up through the sorted key index (``KEYS``): loading builds no
    Python object per row or name, so a cold start does not pay for 127,000 rows it never reads."""

    def __init__(self, rows: str, keys: str) -> None:
        self.rows = rows  # the tsv's body, one row a line
        self.keys = keys  # "key\toffset,offset\n", sorted by key: offsets of rows in ``rows``
        self._found: dict[str, list[int]] = {}  # the keys looked up so far (news repeats its places)

    def lookup(self, key: str) -> list[Place]:
        found = self._found.get(key)
        if found is None:
            found = _offsets(self.keys, key)
            if len(self._found) < MAX_REMEMBERED:
                self._found[key] = found
        rows = self.rows
        return [_place(rows[o : rows.index("\n", o)]) for o in found]

    def __len__(self) -> int:
        return self.rows.count("\n")


def _offsets(keys: str, key: str) -> list[int]:
    """Binary search of the sorted index for ``key``: the offsets of its rows, in row order."""
    lo, hi = 0, len(keys)
    while lo < hi:  # lo, hi: line starts; find the first line whose key is >= key
        s = keys.rfind("\n", lo, (lo + hi) // 2) + 1 or lo
        tab = keys.index("\t", s)
        if keys[s:tab] < key:
            lo = keys.index("\n", tab) + 1
        else:
            hi = s
    if keys.startswith(key + "\t", lo):
        line = keys[lo + len(key) + 1 : keys.index("\n", lo)]
        return [int(o) for o in line.split(",")]
    return []


def key_index(tsv: str) -> str:
    """The sorted key index of a gazetteer's text (header line first; keys in the last column,
    ``|``-separated): one line per key with the offsets in the body of the rows that have it."""
    body = tsv[tsv.index("\n") + 1 :]
    body += "" if body.endswith("\n") or not body else "\n"
    index: dict[str, list[int]] = {}
    offset = 0
    for line in body.split("\n")[:-1]:
        for k in line.rpartition("\t")[2].split("|"):
            index.setdefault(k, []).append(offset)
        offset += len(line) + 1
    return "".join(f"{k}\t{','.join(map(str, index[k]))}\n" for k in sorted(index))


def write_key_index(tsv: Path = PATH, out: Path | None = None) -> None:
    """Write ``KEYS`` (or ``out``) from the gazetteer at ``tsv``."""
    text = key_index(gzip.decompress(tsv.read_bytes()).decode("utf-8"))
    (out or KEYS).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def _float(s: str) -> float | None:
    return float(s) if s else None


def _place(row: str) -> Place:
    c = row.split("\t")
    return Place(c[0], c[1], c[2], c[3], c[4], c[5], _float(c[6]), _float(c[7]), int(c[8]), c[9])


@cache
def load(path: Path = PATH, keys: Path = KEYS) -> Gazetteer:
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    body = text[text.index("\n") + 1 :]
    if body and not body.endswith("\n"):
        body += "\n"
    return Gazetteer(body, gzip.decompress(keys.read_bytes()).decode("utf-8"))
