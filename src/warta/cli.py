"""The ``warta`` command line. Each sub-command lives in ``warta.commands.<name>`` and exposes
``register(subparsers)``; they are discovered, so adding a command touches no shared file.

Exit codes: 0 all inputs processed, 1 some failed (one line each on stderr), 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from typing import Any, NoReturn

from warta import __version__
from warta.errors import UsageError, WartaError


class HelpFormatter(argparse.HelpFormatter):
    """Every option's help ends with its default, when it has one (flags have none to show)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        shown = action.default not in (None, False, [], argparse.SUPPRESS) and action.nargs != 0
        if shown and action.option_strings and "%(default)" not in text and "(default" not in text:
            text += " (default: %(default)s)"
        return text


class Parser(argparse.ArgumentParser):
    """An argument parser whose sub-commands' parsers are of the same class and formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        if message.startswith("argument "):  # a bad value for an option that exists: one line says it
            self.exit(2, f"{self.prog}: error: {message}\n")
        super().error(message)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", Parser)
        return super().add_subparsers(**kwargs)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the arguments, only the command they name (when they
    start with one), so that ``warta extract`` does not import the web, Spark and training code."""
    import warta.commands

    parser = Parser(prog="warta", description="Structured records from raw Indonesian news articles.")
    parser.add_argument("--version", action="version", version=f"warta {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = sorted(m.name for m in pkgutil.iter_modules(warta.commands.__path__) if not m.name.startswith("_"))
    named = argv[0].replace("-", "_") if argv and "_" not in argv[0] else None
    for name in [named] if named in names else names:
        importlib.import_module(f"warta.commands.{name}").register(sub)
    _remember_parsers(parser)
    return parser


def _remember_parsers(parser: argparse.ArgumentParser) -> None:
    """Each (sub-)command's parser is stored in the arguments it parses (``args.parser_``), so
    an error found after parsing prints the usage of the command at fault, not the top one."""
    parser.set_defaults(parser_=parser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _remember_parsers(child)


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every parser below ``parser``, by its full command ("warta eval article")."""
    out = {parser.prog: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                out.update(subparsers(child))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args, extra = parser.parse_known_args(argv)
    at_fault: argparse.ArgumentParser = getattr(args, "parser_", parser)
    if extra:  # an option the command does not take: its own usage, not the top-level one
        at_fault.error(f"unrecognized arguments: {' '.join(extra)}")
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
