"""``warta eval quantities``: QUANTITY span P/R/F1 on NER-UGM (needs ../shared/data).

Warta's quantities are scored through a view that follows NER-UGM's conventions, read off its
train folds (train.01, disjoint from test.01):
* the counted thing is inside the span ("80 ribu warga Suriah", "12 kota"), so a quantity is
  joined with its object when the object follows it directly (a partitive object, "10 ribu di
  antaranya adalah anak-anak", stays out); bound words ("lebih dari", "sekitar") stay out;
* counts written in words are mostly left unlabelled there ("dua tafsir", "satu kesepakatan":
  145 of 186 on train.01) unless they carry a unit, a large multiplier or count people
  ("dua orang"), and bare numbers without a unit or object ("31 DPD" aside) are mostly unlabelled;
  the view keeps only the kinds NER-UGM labels.
By default (``--system model``) the ``timequant`` boundary CRF is scored (it learns these
conventions on top of the rules' findings, one model per fold, see ``warta eval times``);
``--system rules`` scores the rules through this view, ``--system pipeline`` what ``warta
extract`` reports, and ``--raw`` every quantity Warta reports, without the view.
"""

from __future__ import annotations

import argparse

from warta.evaluate import _nerugm
from warta.extract.time import amounts, grammar
from warta.extract.time.tagger import nerugm_kind, nerugm_quantity_span

# ``nerugm_kind`` and ``nerugm_quantity_span`` (in the extractor, whose learned detector uses them
# too) are the view described above.


def _spans(text: str, view: bool) -> list[tuple[int, int]]:
    skip = [(f.start, f.end) for f in grammar.find(text)]
    return [nerugm_quantity_span(q) for q in amounts.find(text, skip=skip) if not view or nerugm_kind(q)]


def predict(text: str) -> list[tuple[int, int]]:
    return _spans(text, view=True)


def predict_raw(text: str) -> list[tuple[int, int]]:
    return _spans(text, view=False)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("quantities", help="QUANTITY span P/R/F1 on NER-UGM test folds")
    _nerugm.add_arguments(p)
    p.set_defaults(func=lambda args: _nerugm.run(args, "QUANTITY", predict, predict_raw))
