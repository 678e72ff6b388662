"""Score the archive resolver against the hand labels of bench/archive/ (issue 21).

    python bench/archive/score.py --db ARCHIVE.db [--half A|B|all] [--grid]

``labels.tsv``: the 200 merges and 200 candidate pairs of ``sample.py``, each labelled by reading
the texts around both names: 1 when they name the same person (organisation, place), 0 when not.
A pair counts as merged when the resolver, run now on the archive (nothing is written), puts both
names in one archive entity. Precision and recall are over the candidate pairs the resolver
considers, each sample weighed by the size of the population it was drawn from
(``population.json``). ``offices.tsv``: 100 persons whose offices over time were checked against
the articles: the share judged right. ``--grid`` tries the thresholds on the half given (choose
on A, report on B).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

from warta.archive import archive_data
from warta.archive.names import name_rules
from warta.archive.resolve import Thresholds, resolve
from warta.lang import for_code
from warta.store import open_store

HERE = Path(__file__).parent


def read_labels(half: str) -> list[dict[str, str]]:
    with (HERE / "labels.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")]
    return [r for r in rows if r["label"] in ("0", "1") and (half == "all" or r["half"] == half)]


def merged_pairs(data, thresholds: Thresholds) -> tuple[dict[str, int], dict[int, int]]:
    res = resolve(data, name_rules(for_code(None)), thresholds)
    by_key = {f"{n.type}:{n.key}": n.id for n in data.names.values()}
    return by_key, {lk.entity_id: lk.archive_id for lk in res.links}


def score(labels, by_key, archive_of, pop) -> dict[str, float]:
    w = {
        "merge": pop["merges"] / max(1, sum(1 for r in labels if r["sample"] == "merge")),
        "candidate": pop["candidates"] / max(1, sum(1 for r in labels if r["sample"] == "candidate")),
    }
    tp = fp = fn = 0.0
    n = {"tp": 0, "fp": 0, "fn": 0}
    for r in labels:
        a, b = r["pair"].split("|")
        ia, ib = by_key.get(a), by_key.get(b)
        if ia is None or ib is None:
            continue
        same = archive_of.get(ia, ia) == archive_of.get(ib, ib)
        gold = r["label"] == "1"
        wt = w[r["sample"]]
        if same and gold:
            tp, n["tp"] = tp + wt, n["tp"] + 1
        elif same:
            fp, n["fp"] = fp + wt, n["fp"] + 1
        elif gold:
            fn, n["fn"] = fn + wt, n["fn"] + 1
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {"P": p, "R": rc, "F1": f, **n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--half", default="all", choices=["A", "B", "all"])
    ap.add_argument("--grid", action="store_true")
    args = ap.parse_args()
    pop = json.loads((HERE / "population.json").read_text())
    labels = read_labels(args.half)
    with open_store(args.db, query_seconds=None) as st:
        data = archive_data(st.archive_rows())
    if args.grid:
        base = Thresholds()
        for ms, mm, dom, ctx in itertools.product((0.7, 0.8, 0.9), (1, 2, 3), (3.0, 5.0, 10.0), (1, 2, 3)):
            t = replace(base, mention_share=ms, mention_min=mm, dominance=dom, context_min=ctx)
            s = score(labels, *merged_pairs(data, t), pop)
            print(
                f"mention_share={ms} mention_min={mm} dominance={dom} context_min={ctx}:"
                f" P {s['P']:.3f} R {s['R']:.3f} F1 {s['F1']:.3f}"
            )
        return 0
    s = score(labels, *merged_pairs(data, Thresholds()), pop)
    print(
        f"alias merges, half {args.half} ({len(labels)} labelled pairs; tp {s['tp']} fp {s['fp']} fn {s['fn']}):"
        f" P {s['P']:.3f} R {s['R']:.3f} F1 {s['F1']:.3f}"
    )
    for name, what in (("offices.tsv", "first sample"), ("offices_test.tsv", "held-out sample")):
        path = HERE / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")]
        ok = [r for r in rows if r["right"] in ("0", "1")]
        good = sum(r["right"] == "1" for r in ok)
        print(f"offices over time, {what} ({name}): {good} of {len(ok)} persons right ({good / max(1, len(ok)):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
