"""The shipped gazetteer (``data/gazetteer.tsv.gz``, built by ``warta.geo.build``) as a name index,
loaded once per process on first use."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"

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
    """Rows stay text until looked up: loading builds only the name index."""

    def __init__(self, rows: list[str], index: dict[str, list[int]]) -> None:
        self.rows = rows
        self.index = index

    def lookup(self, key: str) -> list[Place]:
        return [_place(self.rows[i]) for i in self.index.get(key, ())]

    def __len__(self) -> int:
        return len(self.rows)


def _float(s: str) -> float | None:
    return float(s) if s else None


def _place(row: str) -> Place:
    c = row.split("\t")
    return Place(c[0], c[1], c[2], c[3], c[4], c[5], _float(c[6]), _float(c[7]), int(c[8]), c[9])


@cache
def load(path: Path = PATH) -> Gazetteer:
    rows = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")[1:]
    if rows and not rows[-1]:
        rows.pop()
    index: dict[str, list[int]] = {}
    for i, line in enumerate(rows):
        row, _, keys = line.rpartition("\t")
        rows[i] = row
        for k in keys.split("|"):
            if k in index:
                index[k].append(i)
            else:
                index[k] = [i]
    return Gazetteer(rows, index)
