"""What each named rule does on the gold standard's dev part: F1 without it minus F1 with it.

    python bench/rule_effects.py [--data ../shared/data] [--stage entities] [--rules A,B] [--write]

For every rule of ``warta rules`` the dev articles are run once with the rule switched off and
scored by ``warta eval article``; the fields whose F1 (or speaker accuracy) moves by 0.001 or
more are kept, largest first. ``--write`` stores them in ``src/warta/rules_effect.json``, which
``warta rules`` prints beside each rule. Dev only: the test part is never used for choosing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.evaluate.article import evaluate  # noqa: E402
from warta.evaluate.article_scoring import PRF_KEYS  # noqa: E402
from warta.pipeline import Pipeline  # noqa: E402
from warta.rules import ablated, all_rules  # noqa: E402

OUT = ROOT / "src" / "warta" / "rules_effect.json"


def figures(data: Path, pipeline: Pipeline) -> dict[str, float]:
    figs = evaluate(data, "dev", pipeline=pipeline).figures()
    out = {k: figs[k]["f1"] for k in PRF_KEYS}
    out["speaker_accuracy"] = figs["speakers"]["accuracy"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--stage", help="only the rules of this stage")
    ap.add_argument("--rules", help="only these rules (comma-separated names)")
    ap.add_argument("--write", action="store_true", help=f"store the effects in {OUT}")
    args = ap.parse_args()
    pipeline = Pipeline.default()
    base = figures(args.data, pipeline)
    effects: dict[str, dict[str, float]] = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    for rule in all_rules():
        if args.stage and rule.stage != args.stage:
            continue
        if args.rules and rule.name not in args.rules.split(","):
            continue
        with ablated([rule.name]):
            off = figures(args.data, pipeline)
        moved = {k: round(off[k] - base[k], 4) for k in base if abs(off[k] - base[k]) >= 0.001}
        effects[rule.name] = dict(sorted(moved.items(), key=lambda kv: -abs(kv[1])))
        shown = ", ".join(f"{k} {v:+.3f}" for k, v in list(effects[rule.name].items())[:3]) or "no change"
        print(f"{rule.name:50} {shown}", flush=True)
    if args.write:
        OUT.write_text(json.dumps(dict(sorted(effects.items())), indent=1) + "\n", encoding="utf-8")
        print(f"{len(effects)} rules -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
