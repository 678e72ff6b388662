"""Extraction under abuse (issue 19, item 2): stages linear in the length of a sentence, and a
time budget per request in the server (503 with a clear message past it).

A 50,000-character sentence with person names took 121 s (each mention sliced the whole
sentence, twice, and joined every suffix of its head); a 1M-character line took 92 s in
``POST /api/extract``.
"""

from __future__ import annotations

import time
import warnings

import pytest

import warta
from warta.budget import check, time_budget
from warta.errors import BudgetError

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from store_helpers import sample_articles  # noqa: E402
from warta.store import open_store  # noqa: E402
from warta.web import create_app  # noqa: E402

# one sentence (no full stop) full of capitalised names, titles and connectors
UNIT = "Namun, Kapolres Zulmi Hasan mengatakan Budi Santoso dan Andi Wijaya bertemu Menteri Basuki di Jakarta, "


def line(n: int) -> str:
    return (UNIT * (n // len(UNIT) + 1))[:n]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("abuse") / "w.db")
    with open_store(db) as st:
        st.add(sample_articles()[0])
    with TestClient(create_app(db, token="", extract_seconds=1.0), raise_server_exceptions=False) as c:
        yield c


def test_a_long_sentence_is_extracted_in_linear_time():
    warta.extract("Pemanasan model.")  # models load outside the clock
    t = time.perf_counter()
    small = warta.extract(line(2_500))
    t_small = time.perf_counter() - t
    t = time.perf_counter()
    big = warta.extract(line(20_000))
    t_big = time.perf_counter() - t
    assert len(big.sentences) == len(small.sentences) == 1
    # eight times the text: about eight times the work (quadratic was 64 times: over a minute)
    assert t_big < max(20 * t_small, 2.0) and t_big < 30, (t_small, t_big)


def test_the_budget_stops_an_extraction_between_and_inside_stages():
    with time_budget(0.0), pytest.raises(BudgetError, match="took over 0 s"):
        warta.extract(line(20_000))
    with time_budget(60.0):
        check()  # within the budget: nothing happens
    check()  # outside any budget: nothing happens
    assert warta.extract("Budi berkata, “Kami siap.”").text  # no budget left behind


def test_a_million_character_line_is_refused_in_time_by_the_api(client):
    t = time.perf_counter()
    r = client.post("/api/extract", json={"text": line(1_000_000)})
    elapsed = time.perf_counter() - t
    assert r.status_code == 503, r.text[:300]
    assert r.json()["error"] == "extraction took over 1 s and was stopped; send a shorter text"
    assert r.headers["x-frame-options"] == "DENY"
    assert elapsed < 10, elapsed
    # and the server still answers the next request
    assert client.post("/api/extract", json={"text": "Budi berkata, “Kami siap.”"}).status_code == 200


def test_over_the_size_limit_is_413_and_paste_has_the_budget_too(client):
    r = client.post("/api/extract", json={"text": "a" * 1_000_001})
    assert r.status_code == 413 and "1,000,000" in r.json()["error"]
    t = time.perf_counter()
    r = client.post("/paste", data={"text": line(900_000), "format": "text"})
    assert r.status_code == 503 and "extraction took over 1 s" in r.text
    assert time.perf_counter() - t < 10
    assert r.headers["content-security-policy"].startswith("default-src")
