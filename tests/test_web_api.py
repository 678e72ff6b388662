"""The JSON API (FastAPI TestClient) on both store back ends: lists, filters, pagination, one
article/entity, quotations, sources, extract without storing, token-guarded writes, size
limits, security headers, clean errors."""

from __future__ import annotations

import json
import warnings

import pytest

from store_helpers import target  # noqa: F401  (fixture: a SQLite file, and PostgreSQL when WARTA_TEST_PG is set)
from web_support import SPEAKER, seed

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from warta.store import open_store  # noqa: E402
from warta.web import create_app  # noqa: E402

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@pytest.fixture
def seeded(target):  # noqa: F811
    ids = seed(target)
    return target, ids


@pytest.fixture
def client(seeded):
    db, _ = seeded
    with TestClient(create_app(db, token=""), raise_server_exceptions=False) as c:
        yield c


def test_list_search_and_paginate(client, seeded):
    _, ids = seeded
    r = client.get("/api/articles", params={"limit": 2})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["has_more"] is True
    assert page["items"][0]["published"] >= page["items"][1]["published"]  # newest first
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert {i["id"] for i in page["items"]}.isdisjoint(i["id"] for i in rest["items"])
    assert rest["has_more"] is False

    hits = client.get("/api/articles", params={"q": "bendungan"}).json()
    assert [h["id"] for h in hits["items"]] == [ids["Menteri tinjau bendungan"]]
    assert "[" in hits["items"][0]["snippet"]  # the match is marked
    assert client.get("/api/articles", params={"outlet": "Lain Pos"}).json()["total"] == 1
    assert client.get("/api/articles", params={"since": "2019-09-10", "until": "2019-09-30"}).json()["total"] == 1
    assert client.get("/api/articles", params={"entity": "Basuki Hadimuljono"}).json()["total"] == 2
    quoting = client.get("/api/articles", params={"speaker": "Siti Aminah"}).json()
    assert [h["id"] for h in quoting["items"]] == [ids["Harga cabai naik"]]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 101},
        {"limit": 0},
        {"offset": -1},
        {"offset": 10**6},
        {"since": "kemarin"},
        {"until": "2019-13"},
        {"since": "2019-13-45"},  # the shape of a date, but no day
        {"until": "2019-02-30"},
    ],
)
def test_bad_parameters_are_clean_json_errors(client, params):
    r = client.get("/api/articles", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and body["error"].startswith("invalid request")
    assert "Traceback" not in r.text


def test_one_article_and_404(client, seeded):
    _, ids = seeded
    art = client.get(f"/api/articles/{ids['Banjir rendam Jakarta Utara']}").json()
    assert art["schema"] == "warta.article/1"
    assert art["quotes"][0]["speaker"]["name"] == "Basuki Hadimuljono"
    assert art["text"][art["quotes"][0]["start"] : art["quotes"][0]["end"]] == art["quotes"][0]["text"]
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404 and r.json() == {"error": "no article 0000000000000000", "status": 404}
    assert client.get("/api/nothing-here").json()["status"] == 404


def test_entities_and_one_entity_with_quotes(client):
    found = client.get("/api/entities", params={"name": "basuki"}).json()
    assert found["total"] == 1
    basuki = found["items"][0]
    assert basuki["n_articles"] == 2
    assert client.get("/api/entities", params={"type": "LOC"}).json()["total"] == 2
    one = client.get(f"/api/entities/{basuki['id']}").json()
    assert one["entity"]["name"] == "Basuki Hadimuljono"
    assert one["articles"]["total"] == 2 and one["quotes"]["total"] == 2
    assert {q["published"] for q in one["quotes"]["items"]} == {"2019-09-09", "2019-09-16"}
    assert {e["name"] for e in one["co_mentioned"]} == {"Jakarta Utara", "Bogor"}
    assert one["quoted_by_outlets"] == [{"outlet": "Contoh News", "n_quotes": 2, "n_articles": 2}]
    assert client.get("/api/entities/999999").status_code == 404
    assert client.get("/api/entities/abc").status_code == 422


def test_quotes_by_speaker_text_and_date(client):
    assert client.get("/api/quotes", params={"speaker": "basuki"}).json()["total"] == 2
    assert client.get("/api/quotes", params={"q": "perahu"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"speaker": "basuki", "since": "2019-09-10"}).json()["total"] == 1
    eid = client.get("/api/entities", params={"name": "Siti"}).json()["items"][0]["id"]
    q = client.get("/api/quotes", params={"speaker": str(eid)}).json()
    assert [i["speaker_name"] for i in q["items"]] == ["Siti Aminah"]


def test_sources_and_who_cites_whom(client):
    body = client.get("/api/sources").json()
    assert {"name": "Antara", "relation": "cited", "n_articles": 1, "n_refs": 1} in body["sources"]
    assert {"outlet": "Contoh News", "source": "Antara", "n_articles": 1} in body["citations"]
    assert len(body["citations"]) == 2


def test_extract_returns_article_and_stores_nothing(client, seeded):
    db, _ = seeded
    text = 'Jakarta - Harga beras naik 10 persen pada Senin (9/9/2019). "Kami rugi," kata Budi Santoso.'
    r = client.post("/api/extract", json={"text": text, "published": "2019-09-10"})
    assert r.status_code == 200
    art = r.json()
    assert art["schema"] == "warta.article/1" and "Harga beras" in art["text"]
    assert art["published"]["value"] == "2019-09-10"
    html = (
        "<html><body><article><h1>Judul</h1><p>"
        + text
        + "</p><p>Paragraf kedua yang cukup panjang.</p></article></body></html>"
    )
    assert client.post("/api/extract", json={"html": html}).json()["input"]["format"] == "html"
    with open_store(db) as s:
        assert s.stats()["counts"]["articles"] == 4
    assert client.post("/api/extract", json={"text": "  "}).status_code == 422
    assert client.post("/api/extract", json={"text": "x", "published": "besok"}).status_code == 400
    assert (
        client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}).status_code
        == 422
    )


def test_body_size_limit(seeded):
    db, _ = seeded
    with TestClient(create_app(db, token="", max_body=1000)) as c:
        r = c.post("/api/extract", json={"text": "kata " * 1000})
        assert r.status_code == 413 and r.json()["status"] == 413
        assert all(h in r.headers for h in SECURITY_HEADERS)

        def chunks():
            yield b'{"text": "'
            for _ in range(50):
                yield b"a" * 100
            yield b'"}'

        streamed = c.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert c.post("/paste", data={"text": "kata " * 1000}).status_code == 413


def test_writes_need_the_configured_token(seeded):
    db, _ = seeded
    doc = {"text": 'Harga beras naik. "Kami rugi," kata Budi Santoso, pedagang.', "url": "https://example.id/beras"}
    with TestClient(create_app(db, token="")) as ro:
        r = ro.post("/api/articles", json=doc, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "read-only" in r.json()["error"]
    with TestClient(create_app(db, token="s3cret-token")) as rw:
        assert rw.post("/api/articles", json=doc).status_code == 401
        wrong = rw.post("/api/articles", json=doc, headers={"Authorization": "Bearer s3cret-tokeX"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        ok = rw.post("/api/articles", json=doc, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 201 and ok.json()["status"] == "inserted"
        stored = rw.get(f"/api/articles/{ok.json()['id']}").json()
        assert stored["url"] == "https://example.id/beras"
        again = rw.post("/api/articles", json=doc, headers={"Authorization": "Bearer s3cret-token"})
        assert again.json()["status"] == "unchanged"


def test_token_from_environment(seeded, monkeypatch):
    db, _ = seeded
    monkeypatch.setenv("WARTA_API_TOKEN", "from-env")
    with TestClient(create_app(db)) as c:
        r = c.post("/api/articles", json={"text": "Teks pendek."}, headers={"Authorization": "Bearer from-env"})
        assert r.status_code == 201


def test_sql_metacharacters_are_data(client, seeded):
    db, _ = seeded
    for params in (
        {"q": "'; DROP TABLE articles; --"},
        {"outlet": "x' OR '1'='1"},
        {"entity": "1 OR 1=1"},
        {"language": "id' --"},
        {"q": '"unbalanced'},
    ):
        r = client.get("/api/articles", params=params)
        assert r.status_code == 200, params
        assert r.json()["total"] == 0, params
    assert client.get("/api/quotes", params={"speaker": "%' OR 1=1 --"}).json()["total"] == 0
    with open_store(db) as s:
        assert s.stats()["counts"]["articles"] == 4


def test_hostile_text_is_returned_as_data(client, seeded):
    _, ids = seeded
    art = client.get(f"/api/articles/{ids['hostile']}")
    assert art.headers["content-type"] == "application/json"
    assert art.json()["entities"][0]["name"] == SPEAKER


def test_security_headers_everywhere(client):
    for path in ("/api/articles", "/api/nothing", "/", "/search?q=banjir", "/static/warta.css", "/no-such-page"):
        r = client.get(path)
        for h in SECURITY_HEADERS:
            assert h in r.headers, (path, h)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/quotes",
        "/api/sources",
        "/api/extract",
    ):
        assert p in paths, p
    assert "post" in paths["/api/articles"] and "post" in paths["/api/extract"]
    assert not any(p.startswith("/articles") for p in paths)  # pages are not API


def test_server_error_is_clean(tmp_path):
    db = tmp_path / "broken.db"
    seed(db)
    app = create_app(str(db), token="")
    with TestClient(app, raise_server_exceptions=False) as c:
        import sqlite3

        con = sqlite3.connect(db)
        con.execute("DROP TABLE quotes_fts")
        con.execute("DROP TABLE sources")
        con.commit()
        con.close()
        r = c.get("/api/sources")
        assert r.status_code == 500
        assert r.json() == {"error": "internal error; the server log has the details", "status": 500}
        page = c.get("/sources")
        assert page.status_code == 500 and "Traceback" not in page.text and "sqlite" not in page.text.lower()
        assert "text/html" in page.headers["content-type"]


def test_missing_archive_is_a_clean_error(tmp_path):
    from warta.errors import InputError

    with pytest.raises(InputError, match="no such archive"):
        create_app(str(tmp_path / "none.db"))


def test_speaker_roles_query_on_both_back_ends(seeded):
    from warta.store import Speaker

    db, _ = seeded
    with open_store(db) as s:
        eid = s.find_entities("Basuki").items[0]["id"]
        titles, affiliations = s.speaker_roles(Speaker(entity_id=eid))
        assert titles == ["Menteri"] and affiliations == ["Kementerian PUPR"]
        named = Speaker(name="siti aminah").resolved(s)
        assert len(named.quote_ids or ()) == 0  # linked to an entity: not an unlinked name
        assert s.speaker_timeline(Speaker(entity_id=eid)) == [("2019-09-09", 1), ("2019-09-16", 1)]


def test_speaker_by_name(client):
    siti = client.get("/api/speakers", params={"name": "siti aminah"}).json()  # linked: the entity
    assert siti["entity_id"] is not None and siti["quotes"]["total"] == 1
    assert siti["timeline"] == [{"day": "2019-10-01", "n": 1}]
    assert siti["quoted_by_outlets"] == [{"outlet": "Lain Pos", "n_quotes": 1, "n_articles": 1}]
    assert client.get("/api/speakers", params={"name": "Nobody"}).status_code == 404
    assert client.get("/api/speakers").status_code == 422


def test_api_index_lists_the_endpoints(client):
    for path in ("/api/", "/api"):
        r = client.get(path)
        assert r.status_code == 200, path
        listed = {(e["method"], e["path"]): e for e in r.json()["endpoints"]}
        spec = client.get("/openapi.json").json()["paths"]
        assert {(m.upper(), p) for p, ms in spec.items() for m in ms} == set(listed)
        assert listed[("GET", "/api/entities")]["query"] == ["name", "type", "limit", "offset"]
        assert all(e["summary"] for e in listed.values())


@pytest.mark.parametrize(
    ("path", "params", "hint"),
    [
        ("/api/entities", {"q": "basuki"}, "use name"),  # it was silently ignored: every entity came back
        ("/api/quotes", {"text": "perahu"}, "use q"),
        ("/api/articles", {"name": "Basuki"}, "use q"),
        ("/api/articles", {"lang": "id"}, "use language"),
        ("/api/sources", {"offset": "1"}, ""),
        ("/api/speakers", {"name": "Basuki", "limit": "5", "typo": "1"}, ""),
    ],
)
def test_unknown_parameters_are_refused(client, path, params, hint):
    r = client.get(path, params=params)
    assert r.status_code == 422, (path, params)
    err = r.json()["error"]
    assert err.startswith("unknown query parameter") and hint in err and path in err


def test_q_for_text_and_name_for_names(client):
    assert client.get("/api/articles", params={"q": "bendungan"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"q": "perahu"}).json()["total"] == 1
    found = client.get("/api/entities", params={"name": "basuki"}).json()
    assert [e["name"] for e in found["items"]] == ["Basuki Hadimuljono"]


def test_speakers_match_part_of_a_name_as_the_cli_does(client, seeded, capsys):
    db, _ = seeded
    from warta.cli import main

    # what `warta quotes --speaker hadimul` finds ...
    assert main(["quotes", "--speaker", "hadimul", "--json", "--db", db]) == 0
    cli = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {q["speaker_name"] for q in cli} == {"Basuki Hadimuljono"} and len(cli) == 2
    # ... /api/quotes?speaker= and /api/speakers?name= find too
    assert client.get("/api/quotes", params={"speaker": "hadimul"}).json()["total"] == len(cli)
    sp = client.get("/api/speakers", params={"name": "hadimul"})
    assert sp.status_code == 200, sp.text
    body = sp.json()
    assert body["name"] == "Basuki Hadimuljono" and body["quotes"]["total"] == len(cli)
    assert {q["id"] for q in body["quotes"]["items"]} == {q["id"] for q in cli}
    assert [m["name"] for m in body["matches"]] == ["Basuki Hadimuljono"]
