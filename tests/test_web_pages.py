"""The server-rendered pages through TestClient: what each page shows, the links between
them, and that hostile article content never becomes markup (script, on* handlers,
javascript: URLs) in any page."""

from __future__ import annotations

import re
import warnings

import pytest

from web_support import HOSTILE_BODY, HOSTILE_TITLE, SPEAKER, executable, hostile_article, seed

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx dependency
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from warta.web import create_app


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "warta.db"
    ids = seed(db)
    with TestClient(create_app(str(db), token=""), raise_server_exceptions=False) as c:
        yield c, ids


def entity_id(client, name: str) -> int:
    return int(client.get("/api/entities", params={"name": name}).json()["items"][0]["id"])


def test_home_lists_articles_and_speakers(site):
    c, _ = site
    html = c.get("/").text
    assert "4 articles" in html and "Menteri tinjau bendungan" in html
    assert f'href="/entities/{entity_id(c, "Basuki")}"' in html


def test_search_filters_and_snippets(site):
    c, ids = site
    r = c.get("/search", params={"q": "bendungan"})
    assert r.status_code == 200
    assert f'href="/articles/{ids["Menteri tinjau bendungan"]}"' in r.text
    assert "<mark>bendungan</mark>" in r.text.lower()
    assert "1 article " in r.text
    by_outlet = c.get("/search", params={"outlet": "Lain Pos"}).text
    assert "Harga cabai naik" in by_outlet and "Menteri tinjau" not in by_outlet
    people = c.get("/search", params={"q": "basuki"}).text
    assert f'href="/entities/{entity_id(c, "Basuki")}"' in people  # speakers and entities matching the words
    assert c.get("/search", params={"since": "yesterday"}).status_code == 422
    assert c.get("/search", params={"page": 0}).status_code == 422


def test_article_page_marks_annotations(site):
    c, ids = site
    html = c.get(f"/articles/{ids['Banjir rendam Jakarta Utara']}").text
    basuki = entity_id(c, "Basuki")
    quote = re.search(
        r'<a href="([^"]+)" class="quote quote-direct" title="([^"]+)" data-quote="0" id="q0">([^<]*)', html
    )
    assert quote, html
    assert quote.group(1) == f"/entities/{basuki}"
    assert "Basuki Hadimuljono" in quote.group(2) and "cue: kata" in quote.group(2)
    assert quote.group(3).startswith("&#34;Kami sudah mengirim")
    assert re.search(r'<a href="/entities/\d+" class="ent ent-LOC" title="LOC · Jakarta Utara"', html)
    assert re.search(r'class="time" title="2019-09-09 \(day\)" data-value="2019-09-09">Senin</span>', html)
    assert re.search(r'class="src" title="cited source: Antara">Antara</span>', html)
    assert re.search(r"<details class=\"removed\">\s*<summary>Removed boilerplate \(1\)</summary>", html)
    cabai = c.get(f"/articles/{ids['Harga cabai naik']}").text
    assert re.search(r'class="qty" title="value 2 kali">dua kali lipat</span>', cabai)
    assert c.get("/articles/does-not-exist").status_code == 404


def test_entity_page_has_roles_timeline_comentions_outlets(site):
    c, ids = site
    basuki = entity_id(c, "Basuki")
    r = c.get(f"/entities/{basuki}")
    assert r.status_code == 200
    html = r.text
    assert "<h1>Basuki Hadimuljono" in html and "<strong>Role:</strong> Menteri Kementerian PUPR" in html
    assert html.count('<rect class="bar"') == 2  # two quotations on two days, charted by day
    assert 'data-period="2019-09-09"' in html and 'data-period="2019-09-16"' in html
    assert f'href="/articles/{ids["Menteri tinjau bendungan"]}#q0"' in html
    assert "Jakarta Utara" in html and "Bogor" in html  # co-mentioned
    assert "Contoh News" in html  # the outlet quoting him
    assert c.get("/entities/99999").status_code == 404
    assert c.get("/entities/x").status_code == 422


def test_speaker_page_by_name_for_unlinked_speakers(site, tmp_path):
    db = tmp_path / "names.db"
    art = hostile_article()
    art.entities.clear()  # the speaker is named but not linked to an entity
    art.quotes[0].speaker.entity = None
    from warta.store import open_store

    with open_store(str(db)) as s:
        aid = s.add(art).id
    with TestClient(create_app(str(db), token="")) as c:
        page = c.get(f"/articles/{aid}").text
        href = re.search(r'<a href="([^"]+)" class="quote quote-direct"', page).group(1)
        assert href.startswith("/speaker?name=")
        who = c.get(href.replace("&amp;", "&"))
        assert who.status_code == 200 and "1 quotation in 1 article" in who.text
        assert executable(who.text) == []
        assert c.get("/speaker", params={"name": "Nobody At All"}).status_code == 404


def test_sources_page_matrix(site):
    c, _ = site
    html = c.get("/sources").text
    outlets = re.findall(r"<th>([^<]*)</th>", html.split("<tbody>")[0])[1:]
    row = re.search(r'<a href="/search\?q=%22Antara%22">Antara</a></th>(.*?)</tr>', html).group(1)
    cells = dict(zip(outlets, re.findall(r"<td[^>]*>([^<]*)</td>", row), strict=True))
    assert cells == {"Contoh News": "1", "&lt;i onclick=alert(8)&gt;Outlet&lt;/i&gt;": ""}


def test_paste_annotates_without_storing(site):
    c, _ = site
    text = 'Jakarta - Harga beras naik 10 persen pada Senin (9/9/2019). "Kami rugi besar," kata Budi Santoso.'
    r = c.post("/paste", data={"text": text, "published": "2019-09-10", "format": "auto"})
    assert r.status_code == 200
    assert "not stored" in r.text and "Harga beras naik" in r.text
    assert c.get("/api/articles").json()["total"] == 4
    empty = c.post("/paste", data={"text": "   "})
    assert empty.status_code == 422 and "paste a text" in empty.text
    assert c.post("/paste", data={"text": "x", "published": "kemarin"}).status_code == 400


@pytest.mark.parametrize("path", ["article", "entity", "search", "sources", "home", "paste"])
def test_hostile_content_is_escaped_everywhere(site, path):
    c, ids = site
    url = {
        "article": f"/articles/{ids['hostile']}",
        "entity": f"/entities/{entity_id(c, 'Budi')}",
        "search": "/search?q=melapor",
        "sources": "/sources",
        "home": "/",
    }.get(path)
    r = c.post("/paste", data={"text": HOSTILE_BODY}) if path == "paste" else c.get(url)
    assert r.status_code == 200
    assert executable(r.text) == []
    assert "<script>alert" not in r.text and "<img src=" not in r.text and "<svg onload" not in r.text
    if path == "article":
        assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in r.text  # the title, shown as text
        assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
        assert "javascript:alert(5)" in r.text and 'href="javascript' not in r.text  # URL shown, not linked
        assert "&lt;svg onload=alert(4)&gt; Budi" in r.text
        assert "Baca juga: &lt;script&gt;alert(7)&lt;/script&gt;" in r.text
    if path == "entity":
        assert "&lt;svg onload=alert(4)&gt; Budi" in r.text


def test_query_text_is_escaped_in_search_page(site):
    c, _ = site
    r = c.get("/search", params={"q": '"><script>alert(1)</script>', "entity": '" onfocus="alert(2)'})
    assert r.status_code == 200 and executable(r.text) == []
    assert "&lt;script&gt;" in r.text


def test_unknown_title_and_speaker_are_shown_as_text():
    assert "<" in HOSTILE_TITLE and "<" in SPEAKER  # the fixtures do carry markup


def test_unlinked_speaker_pages_follow_new_quotations(tmp_path, monkeypatch):
    from store_helpers import make_article
    from warta.store import open_store, queries

    monkeypatch.setattr(queries.NameIndex, "CHECK_SECONDS", 0.0)
    db = tmp_path / "unlinked.db"
    first = make_article(
        "Satu",
        'Harga naik. "Kami rugi," kata Budi Santoso.',
        published="2020-01-01",
        outlet="A",
        quote=('"Kami rugi,"', "Budi Santoso"),
    )
    with open_store(str(db)) as s:
        s.add(first)
    with TestClient(create_app(str(db), token="")) as c:
        page = c.get("/speaker", params={"name": "budi santoso"})  # any case
        assert page.status_code == 200 and "1 quotation in 1 article" in page.text
        assert 'href="/speaker?name=Budi+Santoso"' in c.get("/search", params={"q": "santoso"}).text
        second = make_article(
            "Dua",
            'Harga turun. "Kami untung," kata Budi Santoso.',
            published="2020-02-01",
            outlet="B",
            quote=('"Kami untung,"', "Budi Santoso"),
        )
        with open_store(str(db)) as s:
            s.add(second)
        page = c.get("/speaker", params={"name": "Budi Santoso"})
        assert "2 quotations in 2 articles" in page.text
        assert page.text.count('<rect class="bar"') == 2  # two months
        assert c.get("/api/speakers", params={"name": "budi santoso"}).json()["quotes"]["total"] == 2
        api = c.get("/api/articles", params={"speaker": "Budi Santoso"}).json()
        assert [h["title"] for h in api["items"]] == ["Dua", "Satu"]


def test_api_docs_page_is_self_contained(site):
    c, _ = site
    r = c.get("/api/docs")
    assert r.status_code == 200 and executable(r.text) == []
    for endpoint in ("GET /api/articles", "POST /api/extract", "POST /api/articles", "GET /api/quotes"):
        assert f"<code>{endpoint}</code>" in r.text
    assert "cdn" not in r.text.lower()


def test_stale_name_index_never_shows_another_speakers_quotes(tmp_path, monkeypatch):
    from store_helpers import make_article
    from warta.store import open_store, queries

    monkeypatch.setattr(queries.NameIndex, "CHECK_SECONDS", 3600.0)  # the index will not notice
    db = tmp_path / "replace.db"
    url = "https://example.id/berita/1"
    old = make_article(
        "Lama", 'Harga naik. "Kami rugi," kata Budi Santoso.', url=url, quote=('"Kami rugi,"', "Budi Santoso")
    )
    new = make_article(
        "Baru", 'Harga turun. "Kami untung," kata Ani Lestari.', url=url, quote=('"Kami untung,"', "Ani Lestari")
    )
    with open_store(str(db)) as s:
        s.add(old)
    with TestClient(create_app(str(db), token="")) as c:
        assert c.get("/speaker", params={"name": "Budi Santoso"}).status_code == 200
        with open_store(str(db)) as s:
            assert s.add(new).status == "updated"  # same URL: replaced, its quotation id reused
        assert c.get("/speaker", params={"name": "Budi Santoso"}).status_code == 404
        assert "untung" not in c.get("/api/articles", params={"speaker": "Budi Santoso"}).text


def test_empty_archive_pages(tmp_path):
    from warta.store import open_store

    db = tmp_path / "empty.db"
    open_store(str(db)).close()
    with TestClient(create_app(str(db), token="")) as c:
        for path in ("/", "/search", "/search?q=banjir", "/sources", "/paste", "/api/docs"):
            r = c.get(path)
            assert r.status_code == 200, path
            assert executable(r.text) == []
        assert "No quotations stored yet." in c.get("/").text
        assert c.get("/api/articles").json() == {"items": [], "total": 0, "limit": 20, "offset": 0, "has_more": False}


def test_article_page_marks_private_individuals(tmp_path):
    art = hostile_article()
    art.quotes[0].speaker.standing = "private"
    from warta.store import open_store

    db = tmp_path / "standing.db"
    with open_store(str(db)) as s:
        aid = s.add(art).id
    with TestClient(create_app(str(db), token="")) as c:
        assert "private individual" in c.get(f"/articles/{aid}").text
        got = c.get("/api/quotes", params={"standing": "private"}).json()
        assert got["total"] == 1
        assert c.get("/api/quotes", params={"standing": "public"}).json()["total"] == 0
        assert c.get("/api/quotes", params={"standing": "famous"}).status_code == 422
