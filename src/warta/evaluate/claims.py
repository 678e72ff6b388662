"""``warta eval claims``: how well "a quantity inside a quotation" (less the claim rules'
exclusions) matches what a reader calls a claim, on hand-labelled samples of candidates drawn
at random from the CLICK-ID archive by ``bench/claims_draw.py`` (``bench/claims/sample.jsonl``,
the one the rules were written from, and ``bench/claims/heldout.jsonl``, drawn after them),
labelled as ``docs/claims.md`` says.

Each labelled candidate is stored, as the small article the sample keeps, in a temporary SQLite
archive, and the store's own claims query is asked which are claims: precision, recall and F1 of
the claims it lists against the labels, first with every candidate (no rule), then as shipped,
then with each rule switched off. Non-claims are counted by category.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta.errors import InputError
from warta.evaluate._metrics import prf
from warta.store.claims import CLAIM_RULES, ClaimFilter

BENCH = Path(__file__).resolve().parents[3] / "bench" / "claims"
# the sample the rules were written from, and one drawn after them from the whole archive
SAMPLES = {"dev": BENCH / "sample.jsonl", "held-out": BENCH / "heldout.jsonl"}
SAMPLE = SAMPLES["dev"]


@dataclass
class Labelled:
    key: str
    label: bool
    category: str | None
    article: dict[str, Any]


def load(path: Path) -> list[Labelled]:
    """The labelled lines of the sample (lines still unlabelled are left out)."""
    if not path.exists():
        raise InputError(f"{path}: no such sample (draw one with bench/claims_draw.py)")
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            d = json.loads(line)
            if d.get("label") is not None:
                out.append(Labelled(d["key"], bool(d["label"]), d.get("category"), d["article"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{i}: not a sample line ({exc})") from None
    if not out:
        raise InputError(f"{path}: no labelled line")
    return out


def kept(sample: list[Labelled], off: frozenset[str]) -> set[str]:
    """The keys of the candidates the claims query lists with the rules ``off`` switched off."""
    from warta.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "claims.db")) as store:
        for s in sample:
            store.add(dict(s.article, url=None))  # two candidates of one article share its URL
        rows = store.export_claims(ClaimFilter(off=off))
        return {str(r[1]) for r in rows}


def scores(sample: list[Labelled], listed: set[str]) -> dict[str, Any]:
    tp = sum(1 for s in sample if s.label and s.article["id"] in listed)
    fp = sum(1 for s in sample if not s.label and s.article["id"] in listed)
    fn = sum(1 for s in sample if s.label and s.article["id"] not in listed)
    p, r, f = prf(tp, fp, fn)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "listed": tp + fp}


def evaluate(path: Path = SAMPLE) -> dict[str, Any]:
    sample = load(path)
    every = frozenset(CLAIM_RULES)
    report: dict[str, Any] = {
        "candidates": len(sample),
        "claims": sum(s.label for s in sample),
        "non_claims": dict(Counter(s.category or "other" for s in sample if not s.label).most_common()),
        "no_rule": scores(sample, kept(sample, every)),
        "shipped": scores(sample, kept(sample, frozenset())),
        "without": {name: scores(sample, kept(sample, frozenset({name}))) for name in CLAIM_RULES},
    }
    return report


def _line(name: str, s: dict[str, Any]) -> str:
    return f"{name:34} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:7.3f} {s['listed']:7d}"


def _print(name: str, report: dict[str, Any]) -> None:
    print(
        f"{name}: {report['candidates']} labelled candidates (quantities inside quotations), {report['claims']} claims"
    )
    print("non-claims: " + ", ".join(f"{k} {v}" for k, v in report["non_claims"].items()))
    print(f"{'':34} {'precision':>9} {'recall':>7} {'F1':>7} {'listed':>7}")
    print(_line("every candidate (no rule)", report["no_rule"]))
    print(_line("as shipped", report["shipped"]))
    for rule, s in report["without"].items():
        print(_line(f"without {rule}", s))


def run(args: argparse.Namespace) -> int:
    paths = {"sample": Path(args.sample)} if args.sample else {k: p for k, p in SAMPLES.items() if p.exists()}
    reports = {name: evaluate(p) for name, p in paths.items()}
    if args.json:
        print(json.dumps(reports, ensure_ascii=False))
        return 0
    for i, (name, report) in enumerate(reports.items()):
        if i:
            print()
        _print(name, report)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("claims", help="claims (quantities in quotations) P/R/F1 on the labelled archive sample")
    p.add_argument("--sample", help="one labelled sample (JSON Lines; default: bench/claims/ dev and held-out)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object (per sample)")
    p.set_defaults(func=run)
