"""``warta eval NAME ...``: quality evaluations; each lives in ``warta.evaluate.<name>``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import warta.evaluate

    p = sub.add_parser("eval", help="evaluate quality (prints precision/recall/F1)")
    evsub = p.add_subparsers(dest="evaluation", metavar="NAME")
    for info in sorted(pkgutil.iter_modules(warta.evaluate.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"warta.evaluate.{info.name}")
            if hasattr(module, "register"):  # other modules are helpers of a command
                module.register(evsub)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
