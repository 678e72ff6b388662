"""What the records of one run tell about each other: the years their publication dates span.

A corpus is read in one run (``warta ingest DIR``, ``warta extract corpus.csv``); a record that
carries no date is most likely from the same years as the records that do. ``CorpusYears``
watches the documents as they are read and hands each undated one the span of the dated ones
before it, so date inference never picks a year far from them without evidence in the text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from warta.read.dates import date_from_url
from warta.read.record import RawDocument

MIN_DATED = 5  # dated records needed before their years say anything
OUTLIERS = 0.02  # the share of dated records at either end left out of the span (a wrong row or two)


@dataclass
class CorpusYears:
    years: Counter[int] = field(default_factory=Counter)

    def span(self) -> tuple[int, int] | None:
        """(first, last) year of the dated records seen, without the outlying few; None before MIN_DATED."""
        n = sum(self.years.values())
        if n < MIN_DATED:
            return None
        cut = int(n * OUTLIERS)
        ordered = sorted(self.years.items())
        return _nth(ordered, cut), _nth(ordered, n - 1 - cut)

    def observe(self, doc: RawDocument) -> None:
        """Count ``doc``'s year when it is dated (by the input or its URL), else give it the span."""
        iso = doc.published or date_from_url(doc.url)
        if iso and iso[:4].isdigit():
            self.years[int(iso[:4])] += 1
        elif doc.corpus_years is None:
            doc.corpus_years = self.span()


def _nth(counts: list[tuple[int, int]], i: int) -> int:
    """The ``i``-th year (from 0) of the sorted (year, count) pairs, counting each record."""
    for year, count in counts:
        if i < count:
            return year
        i -= count
    return counts[-1][0]
