"""``warta eval NAME ...``: quality evaluations; each lives in ``warta.evaluate.<name>``.

Every evaluation takes ``--ablate RULE[,RULE]``: it runs once as shipped and once with those
named rules switched off (``warta rules`` lists them; a stage name switches off all its rules),
and prints both.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any


def _with_ablation(func: Callable[[argparse.Namespace], Any]) -> Callable[[argparse.Namespace], Any]:
    def run(args: argparse.Namespace) -> Any:
        if not getattr(args, "ablate", None):
            return func(args)
        from warta.rules import ablated, check_names

        names = check_names([n.strip() for n in args.ablate.split(",") if n.strip()])
        ablate_run = getattr(args, "ablate_run", None)
        if ablate_run is not None:  # the evaluation prints its own comparison
            return ablate_run(args, names)
        print("== as shipped")
        rc = func(args)
        print(f"\n== without {', '.join(names)}")
        with ablated(names):
            return func(args) or rc

    return run


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import warta.evaluate

    p = sub.add_parser("eval", help="evaluate quality (prints precision/recall/F1)")
    evsub = p.add_subparsers(dest="evaluation", metavar="NAME")
    for info in sorted(pkgutil.iter_modules(warta.evaluate.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"warta.evaluate.{info.name}")
            if hasattr(module, "register"):  # other modules are helpers of a command
                module.register(evsub)
    for name, parser in evsub.choices.items():
        parser.add_argument(
            "--ablate",
            metavar="RULE[,RULE]",
            help="also run with these named rules switched off and show both (see `warta rules`)",
        )
        func = parser.get_default("func")
        if func is not None:
            parser.set_defaults(func=_with_ablation(func))
        del name
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
