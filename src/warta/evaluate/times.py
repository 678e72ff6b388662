"""``warta eval times``: TIME span P/R/F1 on NER-UGM and accuracy on the normalisation set.

* Span F1 needs ``../shared/data/indolem-nerugm`` (skipped with a message when absent). By
  default (``--system model``) it scores the ``timequant`` boundary CRF, which learns NER-UGM's
  span conventions on top of the rule grammar's findings; each test fold is scored by a model
  trained on that fold's own train + dev files (the shipped one for fold 1, others trained into
  ``--cv-dir``), so no fold is scored by a model that saw it. ``--system pipeline`` scores what
  ``warta extract`` reports (rule spans through the NER-UGM view, ``warta.extract.time.tagger.nerugm_view``,
  plus the model's spans where the rules find nothing); ``--system rules`` the rule spans through
  the view; ``--raw`` the raw spans.
* The normalisation set ``bench/data/time-norm/time-norm.jsonl`` is committed: time expressions
  from real CLICK-ID articles, each with its sentence, the publication date taken from the
  article's URL, and the hand-checked value. An item is right when Warta finds an expression
  with the same text in that sentence and resolves it to the same value.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from warta.evaluate import _nerugm
from warta.extract.time import grammar, times
from warta.extract.time.tagger import nerugm_view

NORM_SET = Path("bench/data/time-norm/time-norm.jsonl")


# NER-UGM draws TIME spans its own way (calendar names only; "tahun", "pukul" before the value and
# most direction words after it left out); ``nerugm_view`` (in the extractor, whose learned
# detector uses it too) maps Warta's spans to that convention for scoring.


def predict(text: str) -> list[tuple[int, int]]:
    return [v for f in grammar.find(text) if (v := nerugm_view(text, f)) is not None]


def predict_raw(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in grammar.find(text)]


def normalisation(path: Path, show: int = 0) -> tuple[int, int, int]:
    """(right, found with another value, not found) over the set."""
    right = wrong = missing = 0
    shown = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        sent = item["sentence"]
        pub = date.fromisoformat(item["published"])
        got = [t for t in times.resolve_span(sent, 0, len(sent), pub, 1.0) if t.text == item["text"]]
        if not got:
            missing += 1
            status = "not found"
        elif got[0].value == item["value"]:
            right += 1
            continue
        else:
            wrong += 1
            status = f"got {got[0].value}"
        if shown < show:
            shown += 1
            print(f"  - {item['id']}: {item['text']!r} expected {item['value']} {status} | {sent}")
    return right, wrong, missing


def run(args: argparse.Namespace) -> int:
    if args.data.is_dir():
        _nerugm.run(args, "TIME", predict, predict_raw)
    else:
        print(f"NER-UGM not found at {args.data}: span F1 skipped")
    if args.norm.exists():
        right, wrong, missing = normalisation(args.norm, args.errors)
        n = right + wrong + missing
        print(
            f"Normalisation set {args.norm} ({n} expressions): {right}/{n} = {right / n:.3f} resolved right, {wrong} other value, {missing} not found"
        )
    else:
        print(f"normalisation set not found at {args.norm}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("times", help="TIME span P/R/F1 on NER-UGM test folds; accuracy on the time-normalisation set")
    _nerugm.add_arguments(p)
    p.add_argument("--norm", type=Path, default=NORM_SET, help=f"normalisation set (default: {NORM_SET})")
    p.set_defaults(func=run)
