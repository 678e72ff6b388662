"""Shared pieces of the web tests: a hostile article (script, event handlers, javascript: URLs in
every field the pages show), a seeded archive, and a checker that finds executable HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from store_helpers import sample_articles
from warta.article import Article, Cue, Entity, Field, Mention, Published, Quote, Removed, SourceRef, Speaker, TimeExpr
from warta.store import open_store

SPEAKER = "<svg onload=alert(4)> Budi"
HOSTILE_TITLE = 'Judul <script>alert("t")</script>'
HOSTILE_BODY = (
    "Warga melapor <img src=x onerror=alert(1)> di javascript:alert(2) kemarin.\n\n"
    '"Kami <b onmouseover=alert(3)>tidak</b> takut," kata ' + SPEAKER + " kepada <script>alert(6)</script> Antara."
)


def hostile_article() -> Article:
    body = HOSTILE_BODY
    a = Article(original=body, text=body, url="javascript:alert(5)", outlet="<i onclick=alert(8)>Outlet</i>")
    a.title = Field(HOSTILE_TITLE, 0, len(HOSTILE_TITLE))
    a.published = Published(value="2020-02-02", source="input")
    first = body.index("\n\n")
    a.paragraphs = [Mention(0, first), Mention(first + 2, len(body))]
    s = body.index(SPEAKER)
    a.entities.append(
        Entity(
            id="e0",
            name=SPEAKER,
            type="PER",
            mentions=[Mention(s, s + len(SPEAKER), SPEAKER)],
            titles=['<a href="javascript:alert(9)">Ketua</a>'],
        )
    )
    q = body.index('"Kami')
    qe = body.index('," kata') + 1
    cue = body.index("kata")
    a.quotes.append(
        Quote(
            q,
            qe,
            text=body[q:qe],
            kind="direct",
            cue=Cue(cue, cue + 4, "kata", "kata"),
            speaker=Speaker(entity="e0", name=SPEAKER, titles=["<img src=y onerror=alert(10)>"]),
            confidence=0.9,
        )
    )
    k = body.index("kemarin")
    a.times.append(TimeExpr(k, k + 7, text="kemarin", value="2020-02-01", grain="day", note="<script>x</script>"))
    src = body.index("<script>alert(6)")
    a.sources.append(
        SourceRef(src, src + 25, name="<script>alert(6)</script>", relation="cited", text=body[src : src + 25])
    )
    a.removed.append(Removed("related", "Baca juga: <script>alert(7)</script>", 0, 10, rule="baca-juga"))
    return a


def seed(target: str | Path, *, aleppo: Article | None = None) -> dict[str, str]:
    """Store the sample articles, the hostile one (and the founding example when given); ids by name."""
    ids: dict[str, str] = {}
    with open_store(str(target)) as store:
        for art in sample_articles():
            for q in art.quotes:
                q.speaker.affiliations = ["Kementerian PUPR"] if q.speaker.name.startswith("Basuki") else []
            ids[art.title.text if art.title else art.id] = store.add(art).id
        ids["hostile"] = store.add(hostile_article()).id
        if aleppo is not None:
            ids["aleppo"] = store.add(aleppo).id
    return ids


# the scripts the pages load, all served from the package (the map's are vendored from npm)
OWN_SCRIPTS = {
    "/static/warta.js",
    "/static/map.js",
    "/static/vendor/leaflet.js",
    "/static/vendor/topojson-client.min.js",
}


class Executable(HTMLParser):
    """Collects what could run in a page: script elements, on* attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if tag == "script" and d.get("src") not in OWN_SCRIPTS:
            self.problems.append(f"<script> {d}")
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            url_attr = name.lower() in {"href", "src", "action", "formaction", "xlink:href"}
            if url_attr and value and not value.strip().lower().startswith(("/", "#", "?", "http://", "https://")):
                self.problems.append(f"<{tag} {name}={value!r}>")


def executable(html: str) -> list[str]:
    p = Executable()
    p.feed(html)
    p.close()
    return p.problems
