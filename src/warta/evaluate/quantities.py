"""``warta eval quantities``: QUANTITY span P/R/F1 on NER-UGM (needs ../shared/data).

NER-UGM's QUANTITY spans include the counted thing ("80 ribu warga Suriah", "12 kota"), so a
Warta quantity is scored as its span joined with its object when the object follows it directly
(a partitive object, "10 ribu di antaranya adalah anak-anak", stays out).
"""

from __future__ import annotations

import argparse

from warta.evaluate import _nerugm
from warta.extract import quantities, times


def predict(text: str) -> list[tuple[int, int]]:
    skip = [(f.start, f.end) for f in times.find_spans(text)]
    out = []
    for q in quantities.find(text, skip=skip):
        end = q.end
        if q.object_end is not None and q.object_start is not None and q.object_start - q.end <= 1:
            end = q.object_end
        out.append((q.start, end))
    return out


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("quantities", help="QUANTITY span P/R/F1 on NER-UGM test folds")
    _nerugm.add_arguments(p)
    p.set_defaults(func=lambda args: _nerugm.run(args, "QUANTITY", predict))
