"""Command-line tables, query parsing and target redaction of the store."""

from __future__ import annotations

from warta.store import redact
from warta.store.display import footer, table
from warta.store.query import parse, to_fts5, to_tsquery


def test_table_cuts_long_cells_to_the_width():
    out = table(("date", "title"), [("2019-09-10", "x" * 300), ("2019-09-11", None)], width=60).splitlines()
    assert out[0].split() == ["date", "title"]
    assert all(len(line) <= 60 for line in out)
    assert out[2].endswith("…") and out[3] == "2019-09-11"


def test_footer():
    assert footer(0, 0, 0, "articles") == "no articles found"
    assert footer(20, 45, 20, "articles") == "articles 21-40 of 45 (use --offset to see more)"
    assert footer(5, 45, 40, "articles") == "articles 41-45 of 45"


def test_query_syntax_for_both_engines():
    terms = parse('banjir "Jakarta Utara" korup* al-Assad ""')
    assert to_fts5(terms) == '"banjir" "jakarta utara" "korup"* "al assad"'
    assert to_tsquery(terms) == "banjir & (jakarta <-> utara) & korup:* & (al <-> assad)"
    assert parse("!!! ???") == []


def test_redact_hides_passwords_only():
    assert redact("postgresql://warta:rahasia@db:5432/arsip") == "postgresql://warta:***@db:5432/arsip"
    assert redact("postgresql://warta@db/arsip") == "postgresql://warta@db/arsip"
    assert redact("data/warta.db") == "data/warta.db"
