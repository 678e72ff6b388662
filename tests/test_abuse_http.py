"""The scripted HTTP probes of issue 19 (bench/abuse.py) on both store back ends: crafted ids,
NUL bytes, lone surrogates, ``lang`` as a path, search and extraction as a denial of service.
None may answer 500, lack the security headers, show a traceback or run past its bound."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

from store_helpers import target  # noqa: F401  (fixture: SQLite, and PostgreSQL when WARTA_TEST_PG is set)

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("warta_abuse", ROOT / "bench" / "abuse.py")
abuse = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
sys.modules["warta_abuse"] = abuse  # dataclasses look their module up
spec.loader.exec_module(abuse)  # type: ignore[union-attr]

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from warta.web import create_app  # noqa: E402


@pytest.fixture
def client(target):  # noqa: F811
    abuse.seeded_archive(target)
    with TestClient(create_app(target, token="a-token", extract_seconds=2.0), raise_server_exceptions=False) as c:
        yield c


def test_every_probe_holds(client, target):  # noqa: F811
    probes = abuse.http_probes()
    if target.startswith("postgres"):  # extraction does not touch the store: once (on SQLite) is enough
        probes = [p for p in probes if p.path not in ("/api/extract", "/paste")]
    failed = [f"{o.name}: {o.detail}" for o in (abuse.run_http(client, p) for p in probes) if not o.held]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/entities/9223372036854775808", 422),
        ("/api/entities/²", 422),
        ("/entities/9223372036854775808", 422),
        ("/api/articles?entity=%C2%B2", 200),  # a name, not an id: no article mentions it
        ("/api/articles?entity=99999999999999999999999", 200),
        ("/api/quotes?speaker=99999999999999999999", 200),
        ("/api/articles/%00", 404),  # PostgreSQL: 400, it refuses NUL in text
    ],
)
def test_crafted_ids_are_4xx_or_empty(client, path, status):
    r = client.get(path)
    assert r.status_code == status or (status == 404 and r.status_code == 400), r.text
    if status == 200:
        assert r.json()["total"] == 0


def test_lang_is_one_of_the_installed_packs(client):
    for bad in ("../../tmp/x", "/etc", "fr", "ID"):
        r = client.post("/api/extract", json={"text": "Budi datang ke Jakarta.", "lang": bad})
        assert r.status_code == 422 and "installed language pack" in r.json()["error"], (bad, r.text)
    assert client.post("/api/extract", json={"text": "Budi datang ke Jakarta.", "lang": "id"}).status_code == 200


def test_a_lone_surrogate_is_422(client):
    r = client.post(
        "/api/extract", content=b'{"text": "Budi \\ud800 datang."}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and "surrogate" in r.json()["error"]


def test_nul_bytes_are_4xx_or_answered(client):
    for params in ({"q": "banjir\x00"}, {"outlet": "\x00"}, {"entity": "\x00"}, {"speaker": "a\x00"}):
        r = client.get("/api/articles", params=params)
        assert r.status_code in (200, 400), (params, r.text)


def test_an_unhandled_error_is_a_500_with_the_headers_and_the_connection_kept(client, monkeypatch):
    # a bug anywhere in a handler: the answer is still one line with the security headers
    def broken(*a, **k):
        raise RuntimeError("a bug")

    monkeypatch.setattr(type(client.app.state.pool.get()), "sources_summary", broken)
    r = client.get("/api/sources")
    assert r.status_code == 500
    assert r.json() == {"error": "internal error; the server log has the details", "status": 500}
    for h in abuse.SECURITY_HEADERS:
        assert h in r.headers
    assert client.get("/api/articles").status_code == 200
