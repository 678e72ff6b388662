"""``warta train NAME ...``: reproducible training; each trainer lives in ``warta.training``, and the
module with its ``register`` adds the command (``warta.training.ner_command`` for ``ner``)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import warta.training

    p = sub.add_parser("train", help="train a model from ../shared/data (reproducible, fixed seeds)")
    tsub = p.add_subparsers(dest="trainer", metavar="NAME")
    for info in sorted(pkgutil.iter_modules(warta.training.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"warta.training.{info.name}")
            if hasattr(module, "register"):  # other modules are helpers of a command
                module.register(tsub)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])
