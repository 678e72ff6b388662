"""``warta rules``: the named rules of the stages, in order, with what each does and moved.

The figures beside a rule are its measured effect on the gold standard's dev part: the change in
F1 of the fields it moves most when the rule is switched off (``python bench/rule_effects.py
--write`` writes ``warta/rules_effect.json``); a minus sign means the figure drops without it.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources


def effects() -> dict[str, dict[str, float]]:
    try:
        text = resources.files("warta").joinpath("rules_effect.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(text)  # type: ignore[no-any-return]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="list the named rules of each stage (switch one off with eval --ablate)")
    p.add_argument("--stage", help="only this stage's rules (entities, quotes)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from warta.rules import all_rules

    eff = effects()
    rows = [r for r in all_rules() if not args.stage or r.stage == args.stage]
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "name": r.name,
                        "stage": r.stage,
                        "purpose": r.purpose,
                        "example": r.example,
                        "effect": eff.get(r.name),
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    stage = None
    for r in rows:
        if r.stage != stage:
            stage = r.stage
            print(f"\n{stage}")
        moved = eff.get(r.name) or {}
        if r.name not in eff:
            top = "not measured (python bench/rule_effects.py --write)"
        else:
            top = ", ".join(f"{k} {v:+.3f}" for k, v in list(moved.items())[:2]) or "no change on gold dev"
        print(f"  {r.name:44} {r.purpose}")
        print(f"  {'':44} e.g. {r.example!r}; without it: {top}")
    return 0
