"""What a newcomer meets in the CLI (issue 20): every option with help and its default, the
accepted date formats in --published's help, dates checked, the sub-command's usage on a bad
option, tables that keep the searched word in view, export's output folder written once."""

from __future__ import annotations

import argparse
import json

import pytest

from store_helpers import sample_articles
from warta.cli import build_parser, main, subparsers
from warta.store import open_store
from warta.store.display import table

PARSERS = subparsers(build_parser())


def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions
        if a.option_strings and not isinstance(a, argparse._HelpAction | argparse._VersionAction)
    ]


@pytest.mark.parametrize("prog", sorted(PARSERS))
def test_every_option_has_help_and_shows_its_default(prog: str) -> None:
    parser = PARSERS[prog]
    text = " ".join(parser.format_help().split())
    for action in options(parser):
        assert action.help, f"{prog} {action.option_strings[0]} has no help"
        if action.default not in (None, False, []) and action.nargs != 0:
            assert "(default" in " ".join(parser._get_formatter()._expand_help(action).split()), (
                f"{prog} {action.option_strings[0]} does not show its default {action.default!r}"
            )
    assert "(default: (default" not in text


def test_the_commands_a_newcomer_meets_first_are_covered() -> None:
    for prog, opts in {
        "warta search": ["--outlet", "--limit", "--offset"],
        "warta serve": ["--port", "--log-level"],
        "warta export": ["--format"],
    }.items():
        have = {o for a in options(PARSERS[prog]) for o in a.option_strings}
        assert set(opts) <= have


@pytest.mark.parametrize("prog", ["warta extract", "warta ingest"])
def test_published_help_lists_the_accepted_formats(prog: str) -> None:
    text = " ".join(PARSERS[prog].format_help().split())
    for example in ("YYYY-MM-DD", "ISO datetime", "31 Juli 2019", "10-09-2019", "Selasa, 10/9/2019 14:30 WIB", "43718"):
        assert example in text, example


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "w.db")
    with open_store(path) as store:
        for art in sample_articles():
            store.add(art)
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "--since", "2019-13-45"],
        ["search", "--until", "kemarin"],
        ["quotes", "--since", "2019-02-30"],
        ["search", "--limit", "0"],
        ["search", "--offset", "-1"],
    ],
)
def test_bad_values_are_refused_in_one_line(argv: list[str], db: str, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--db", db])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"warta {argv[0]}: error: argument {argv[1]}"), err


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["search", "banjir", "--bogus"], "usage: warta search"),
        (["quotes", "--speakr", "Lavrov"], "usage: warta quotes"),
        (["eval", "times", "--nope"], "usage: warta eval times"),
    ],
)
def test_a_bad_option_prints_the_commands_usage(argv: list[str], usage: str, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and "unrecognized arguments" in err
    assert "COMMAND" not in err  # not the top-level usage


def test_good_dates_filter(db: str, capsys) -> None:
    assert main(["search", "--since", "2019-09-10", "--json", "--db", db]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits and all(h["published"] >= "2019-09-10" for h in hits)


def test_table_keeps_the_match_in_view() -> None:
    snippet = "awal " * 40 + "[bendungan] di ujung kalimat yang panjang"
    out = table(("date", "match"), [("2019-09-10", snippet)], width=60, keep=("[",)).splitlines()[-1]
    assert "[bendungan]" in out and out.split("  ", 1)[1].startswith("…") and len(out) <= 60
    plain = table(("date", "match"), [("2019-09-10", snippet)], width=60).splitlines()[-1]
    assert "[bendungan]" not in plain  # what it did before: cut before the match
    short = table(("date", "match"), [("2019-09-10", "[banjir] kecil")], width=60, keep=("[",))
    assert short.splitlines()[-1].endswith("[banjir] kecil")


def test_quotes_table_keeps_the_searched_words(db: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    assert main(["quotes", "--text", "perahu", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "perahu" in out


@pytest.mark.parametrize("out", ["out", "out/", "out//"])
def test_export_names_its_folder_once(out: str, db: str, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", out, "--db", db, "--format", "jsonl", "--tables", "articles"]) == 0
    err = capsys.readouterr().err
    assert "exported to out/ (jsonl)" in err and "//" not in err
    assert (tmp_path / "out" / "articles.jsonl").exists()
