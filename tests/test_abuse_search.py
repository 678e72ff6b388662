"""Search under abuse (issue 19, item 1): bounded work per query on both store back ends.

A query of many prefixes or many terms is refused before it runs (400 on the API, one line
and exit 2 on the command line); repeated terms count once; a read statement that runs past
the store's time limit is stopped (SQLite progress handler, PostgreSQL statement_timeout)
while writes are never cut short.
"""

from __future__ import annotations

import subprocess
import sys
import time
import warnings

import pytest

from store_helpers import sample_articles, target  # noqa: F401  (fixture: SQLite, and PostgreSQL when WARTA_TEST_PG is set)
from warta.errors import QueryError, QueryTimeout
from warta.store import open_store
from warta.store.query import MAX_TERMS, MIN_PREFIX, parse

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from warta.web import create_app  # noqa: E402

ATTACK = " ".join(["a*"] * 166)  # the 498-character query: 29.5 s on SQLite, 82.7 s on PostgreSQL
MANY_TERMS = " ".join(f"kata{i}" for i in range(MAX_TERMS + 1))
# a read statement with plenty of work for the engine, whatever the archive holds
HEAVY = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT COUNT(*) FROM c",
    "postgres": "SELECT COUNT(*) FROM generate_series(1, 500000000)",
}


def backend(target: str) -> str:  # noqa: F811
    return "postgres" if target.startswith("postgres") else "sqlite"


@pytest.fixture
def seeded(target):  # noqa: F811
    with open_store(target) as st:
        for art in sample_articles():
            st.add(art)
    return target


def test_parse_caps_and_deduplicates():
    assert len(parse(" ".join(["banjir"] * 80))) == 1
    assert len(parse('banjir "Jakarta Utara" banjir "jakarta utara" korup* korup*')) == 3
    with pytest.raises(QueryError, match="too short"):
        parse(ATTACK)
    with pytest.raises(QueryError, match="too short"):
        parse("x" * (MIN_PREFIX - 1) + "*")
    with pytest.raises(QueryError, match="different terms"):
        parse(MANY_TERMS)
    with pytest.raises(QueryError, match="prefixes"):
        parse("korup* banj* jaka* utar* menter*")
    with pytest.raises(QueryError, match="words"):
        parse('"' + " ".join(f"w{i}" for i in range(40)) + '"')
    parse("korup* banj* jaka* utar*")  # four prefixes are fine


def test_the_attack_query_is_refused_at_once_by_the_api(seeded):
    with TestClient(create_app(seeded, token=""), raise_server_exceptions=False) as client:
        for path, param in (("/api/articles", "q"), ("/api/quotes", "q"), ("/search", "q")):
            t = time.perf_counter()
            r = client.get(path, params={param: ATTACK})
            assert time.perf_counter() - t < 1.0
            assert r.status_code == 400, (path, r.status_code)
            assert "too short" in r.text and "Traceback" not in r.text
            assert r.headers["x-content-type-options"] == "nosniff"
        r = client.get("/api/articles", params={"q": MANY_TERMS})
        assert r.status_code == 400 and r.json()["error"].startswith("search has 17 different terms")
        # the same word 80 times is one term: it answers, as the word once does
        once = client.get("/api/articles", params={"q": "banjir"}).json()
        many = client.get("/api/articles", params={"q": " ".join(["banjir"] * 60)}).json()
        assert once["total"] == many["total"] == 1


def test_the_attack_query_is_one_line_on_the_command_line(seeded):
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "warta.cli", "search", ATTACK, "--db", seeded],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "too short" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert time.perf_counter() - t < 60


def test_a_read_past_the_time_limit_is_stopped_and_writes_are_not(seeded):
    with open_store(seeded, query_seconds=0.05) as st:
        t = time.perf_counter()
        with pytest.raises(QueryTimeout, match="took over 0.05 s"):
            st._all(HEAVY[backend(seeded)])
        assert time.perf_counter() - t < 5.0
        # the connection is still good, and a write (a transaction) is not cut short
        assert st.search_articles("banjir").total == 1
        art = sample_articles()[0]
        art.url = "https://contoh.test/lagi"
        art.text = art.original = art.text + " Lagi."
        assert st.add(art).status in ("inserted", "updated")


def test_a_timed_out_search_is_a_503_with_the_security_headers(tmp_path):
    from warta.article import Article

    db = str(tmp_path / "w.db")
    with open_store(db) as st:  # enough rows that a search runs past the progress handler's first look
        for n in range(1500):
            text = f"Banjir besar nomor {n} melanda kota."
            st.add(Article(original=text, text=text))
    with TestClient(create_app(db, token="", query_seconds=0.0), raise_server_exceptions=False) as client:
        # every statement that does some work is past a zero limit: the store stops it
        r = client.get("/api/articles", params={"q": "banjir"})
    assert r.status_code == 503, r.text
    assert "took over" in r.json()["error"]
    assert r.headers["content-security-policy"].startswith("default-src")
