"""The ``warta`` command line. Each sub-command lives in ``warta.commands.<name>`` and exposes
``register(subparsers)``; they are discovered, so adding a command touches no shared file.

Exit codes: 0 all inputs processed, 1 some failed (one line each on stderr), 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from warta import __version__
from warta.errors import UsageError, WartaError


def build_parser() -> argparse.ArgumentParser:
    import warta.commands

    parser = argparse.ArgumentParser(prog="warta", description="Structured records from raw Indonesian news articles.")
    parser.add_argument("--version", action="version", version=f"warta {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(warta.commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"warta.commands.{info.name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"warta: error: {exc}", file=sys.stderr)
        return 2
    except WartaError as exc:
        print(f"warta: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
