"""End-to-end browser tests: Playwright for Python driving Debian's Chromium (/usr/bin/chromium;
Playwright never downloads a browser here) against a live server on loopback. Screenshots of
every step go to test-artifacts/ under the repository root."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from web_support import HOSTILE_BODY, seed

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FOUNDING_SPEAKERS = {"Sergey Lavrov", "Mikhail Bogdanov", "Igor Konashenkov"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory, aleppo) -> Iterator[tuple[str, dict[str, str]]]:
    import uvicorn

    from warta.web import create_app

    db = tmp_path_factory.mktemp("browser") / "warta.db"
    ids = seed(db, aleppo=aleppo)
    port = free_port()
    config = uvicorn.Config(create_app(str(db), token=""), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records script dialogs (alert) and console errors (CSP violations)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_search_article_quote_speaker_timeline(server, page):
    base, ids = server
    page.goto(base + "/")
    page.fill("form.search input[name=q]", "bendungan")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q=bendungan"))
    shot(page, "1-search")
    page.click("li.hit a.hit-title")
    page.wait_for_url(f"{base}/articles/{ids['Menteri tinjau bendungan']}")
    quote = page.locator("a.quote").first
    assert quote.is_visible()
    assert "Basuki Hadimuljono" in (quote.get_attribute("title") or "")  # the hover details
    shot(page, "2-article")
    quote.click()
    page.wait_for_url(re.compile(r"/entities/\d+$"))
    assert page.locator("h1").inner_text().startswith("Basuki Hadimuljono")
    chart = page.locator("svg.timeline")
    assert chart.is_visible()
    assert page.locator("svg.timeline rect.bar").count() == 2
    box = page.locator("svg.timeline rect.bar").first.bounding_box()
    assert box and box["height"] > 1 and box["width"] > 1
    assert page.locator("ol.quotes li").count() == 2
    shot(page, "3-speaker")
    assert page.dialogs == [] and page.errors == []


def test_founding_example_quotes_link_to_their_speakers(server, page):
    base, ids = server
    page.goto(f"{base}/articles/{ids['aleppo']}")
    shot(page, "4-founding-article")
    # one highlighted span per quotation; the guidelines let an interrupted quotation ("...," kata
    # Lavrov. "...") be one item in two parts, each part highlighted
    direct = page.locator("#body a.quote.quote-direct")
    hrefs = []
    for i in range(direct.count()):
        el = direct.nth(i)
        assert el.is_visible()
        hrefs.append(el.get_attribute("href") or "")
        before = el.evaluate("e => e.previousSibling ? e.previousSibling.textContent.slice(-1) : ''")
        assert before and before in '"“', f"highlighted span {i} does not start a quotation"
    assert len(hrefs) == 6, f"direct quotations highlighted and linked: {len(hrefs)}"
    speakers = {}
    for href in sorted(set(hrefs)):
        page.goto(base + href)
        speakers[href] = page.locator("h1").inner_text()
        assert page.locator("svg.timeline rect.bar").count() >= 1
    assert {re.sub(r"\s+(PER|ORG|LOC)$", "", s) for s in speakers.values()} == FOUNDING_SPEAKERS
    page.goto(f"{base}/articles/{ids['aleppo']}")
    page.locator("#body a.quote.quote-direct").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Sergey Lavrov")
    shot(page, "5-founding-speaker")
    assert page.dialogs == [] and page.errors == []


def test_hostile_article_runs_nothing(server, page):
    base, ids = server
    page.goto(f"{base}/articles/{ids['hostile']}")
    page.locator("#body a.quote").first.hover()
    page.locator("#body .ent").first.hover()
    page.wait_for_timeout(300)
    assert "<script>" in page.locator("h1").inner_text()  # the title is shown as text
    assert page.locator("script").count() == 1  # ours, from /static
    assert page.locator("a[href^='javascript']").count() == 0
    details = page.locator("details.removed")
    details.locator("summary").click()
    assert "alert(7)" in details.inner_text()
    shot(page, "6-hostile")
    assert page.dialogs == []


def test_paste_page_annotates(server, page):
    base, _ = server
    page.goto(base + "/paste")
    page.fill("textarea[name=text]", HOSTILE_BODY + '\n\n"Harga naik 10 persen," kata Budi Santoso, Senin (9/9/2019).')
    page.fill("input[name=published]", "2019-09-10")
    page.click("form.paste button[type=submit]")
    page.wait_for_load_state()
    assert "not stored" in page.locator("p.meta").inner_text()
    assert page.locator("#body .quote").count() >= 1
    shot(page, "7-paste")
    assert page.dialogs == [] and page.errors == []


def test_legend_toggles_hide_marks(server, page):
    base, ids = server
    page.goto(f"{base}/articles/{ids['Banjir rendam Jakarta Utara']}")
    quote = page.locator("#body a.quote").first
    before = quote.evaluate("e => getComputedStyle(e).backgroundColor")
    page.uncheck("#legend input[data-toggle=quote]")
    after = quote.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.errors == []


def test_founding_article_reads_cleanly(server, page):
    """Issue 20: a quotation in two parts shows '…' between them, roles read as a reader writes
    them (rank first, no ';'), entity types wear the palette of warta.css, snippets start clean."""
    base, ids = server
    page.goto(f"{base}/articles/{ids['aleppo']}")
    quotes = page.locator("ol.quotes li blockquote")
    texts = [quotes.nth(i).inner_text() for i in range(quotes.count())]
    two_part = [t for t in texts if t.startswith("Ini tidak boleh")]
    assert two_part and " … Kita perlu" in two_part[0], texts
    roles = page.locator("ol.quotes li .titles").all_inner_texts()
    assert "Mayjen, juru bicara Kementerian Pertahanan Rusia" in roles, roles
    assert "Menteri Luar Negeri Rusia" in roles and not any(";" in r for r in roles)
    colours = {}
    for kind in ("PER", "ORG", "LOC"):
        mark = page.locator(f"#body .ent-{kind}").first
        assert mark.is_visible(), kind
        colours[kind] = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    legend = {
        k: page.locator(f"#legend .ent-{k}").evaluate("e => getComputedStyle(e).backgroundColor") for k in colours
    }
    assert colours == legend and len(set(colours.values())) == 3
    assert colours["PER"] == "rgb(196, 229, 247)"  # --per in warta.css (tests/test_web_palette.py checks it)
    shot(page, "8-founding-palette")
    page.locator("#body .ent-PER").first.scroll_into_view_if_needed()
    page.locator("#body").screenshot(path=str(ARTIFACTS / "web-8-founding-body.png"))

    page.goto(base + "/search?q=kata")
    snippets = page.locator("p.snippet").all_inner_texts()
    assert snippets
    for s in snippets:
        assert not re.match(r"^…?\s*[,.;:!?)\]”’]", s), s
    shot(page, "9-search-snippets")
    assert page.dialogs == [] and page.errors == []


def test_map_draws_boundaries_and_places_without_leaving_the_server(server, page):
    """The map (issue 22): Natural Earth boundaries and the archive's places drawn by the bundled
    Leaflet; every request goes to the test server (no tile server, no CDN)."""
    base, _ = server
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "/map")
    page.wait_for_selector("#map[data-ready]", timeout=20000)
    n_places = int(page.get_attribute("#map", "data-ready") or 0)
    assert n_places >= 5  # the founding example's cities, and the seeded articles' places
    # countries and provinces are SVG paths; places are circle markers
    assert page.locator("#map path.leaflet-interactive").count() > 200
    assert page.locator("#map path.place").count() == n_places
    page.locator("#map path.place").first.click(force=True)
    shot(page, "10-map")
    assert page.locator(".leaflet-popup-content a").count() == 1
    href = page.locator(".leaflet-popup-content a").get_attribute("href") or ""
    page.goto(base + href)
    assert page.locator("h1").count() == 1 and page.locator("ol.hits li").count() >= 1
    shot(page, "11-place")
    assert all(u.startswith(base) for u in requested), [u for u in requested if not u.startswith(base)]
    assert page.errors == [] and page.dialogs == []
