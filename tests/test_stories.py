# ruff: noqa: F811  (pytest fixtures imported from store_helpers)
"""Stories (warta.stories, warta.store.stories) on both back ends: articles about one event across
outlets and days are grouped, other events and days apart are not, new articles are placed
incrementally, and the API, pages, `warta stories` and `warta export` show them."""

from __future__ import annotations

import subprocess
import sys
import warnings

from store_helpers import make_article, store, target  # noqa: F401  (fixtures)
from warta import stories
from warta.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from warta.web import create_app  # noqa: E402

QUAKE = "Gempa bermagnitudo enam mengguncang Tuban dan getarannya terasa hingga Denpasar menurut Dwikorita Karnawati."
KASKUS = "Pendiri Kaskus Andrew Darwis dilaporkan ke Polda Metro Jaya atas dugaan penipuan pinjaman uang."


def quake(n: int, day: str, outlet: str, extra: str):
    body = f"{QUAKE} {extra} " + '"Tidak ada potensi tsunami dari gempa ini," kata Dwikorita Karnawati.'
    return make_article(
        f"Gempa Tuban terasa sampai Denpasar {n}",
        body,
        url=f"https://{outlet}/gempa/{n}",
        published=day,
        outlet=outlet,
        people={"Dwikorita Karnawati": "PER", "Tuban": "LOC"},
        quote=('"Tidak ada potensi tsunami dari gempa ini,"', "Dwikorita Karnawati"),
    )


def kaskus(n: int, day: str, outlet: str, extra: str):
    return make_article(
        f"Pendiri Kaskus dilaporkan ke polisi {n}",
        f"{KASKUS} {extra}",
        url=f"https://{outlet}/kaskus/{n}",
        published=day,
        outlet=outlet,
        people={"Andrew Darwis": "PER"},
    )


def seed(s) -> dict[str, str]:
    arts = {
        "q1": quake(1, "2019-09-19", "tempo.co", "Warga berhamburan keluar rumah di Tuban."),
        "q2": quake(2, "2019-09-19", "okezone.com", "Getaran juga dirasakan warga Bandung."),
        "q3": quake(3, "2019-09-20", "kompas.com", "BMKG mencatat dua gempa susulan di laut Jawa."),
        "k1": kaskus(1, "2019-09-16", "sindonews.com", "Pelapor meminjamkan uang untuk membeli gedung."),
        "k2": kaskus(2, "2019-09-17", "tempo.co", "Kuasa hukum Andrew Darwis membantah tuduhan itu."),
        "far": quake(9, "2019-10-25", "tempo.co", "Ini ulasan sebulan kemudian tentang gempa itu."),
        "other": make_article(
            "Harga cabai naik",
            "Harga cabai rawit di pasar induk Kramat Jati naik dua kali lipat pekan ini menurut pedagang sayur.",
            url="https://lain.id/cabai",
            published="2019-09-19",
            outlet="lain.id",
        ),
    }
    return {k: s.add(a).id for k, a in arts.items()}


def story_of(s, aid: str) -> int | None:
    return s.article_story(aid)


def test_grouping_incremental_and_rebuild(store):
    ids = seed(store)
    got = stories.update(store)
    assert got["placed"] == 7
    q = story_of(store, ids["q1"])
    assert q is not None and story_of(store, ids["q2"]) == q == story_of(store, ids["q3"])
    assert story_of(store, ids["k1"]) == story_of(store, ids["k2"]) != q
    assert story_of(store, ids["far"]) != q  # a month later: another story
    assert story_of(store, ids["other"]) not in (q, story_of(store, ids["k1"]))
    listed = store.stories().items  # two articles or more
    assert {s["id"] for s in listed} == {q, story_of(store, ids["k1"])}
    top = next(s for s in listed if s["id"] == q)
    assert top["n_articles"] == 3 and top["n_outlets"] == 3 and top["first_day"] == "2019-09-19"

    # a new article of the quake story is placed there; nothing else moves
    before = {k: story_of(store, v) for k, v in ids.items()}
    new = store.add(quake(4, "2019-09-21", "sindonews.com", "Pemerintah daerah mendata rumah yang rusak.")).id
    again = stories.update(store)
    assert again["placed"] == 1 and story_of(store, new) == q
    assert {k: story_of(store, v) for k, v in ids.items()} == before

    story = store.story(q)
    days = [a["published"] for a in story["articles"]]
    assert days == sorted(days)  # the timeline, oldest first
    assert story["articles"][-1]["id"] == new
    assert story["people"][0]["name"] == "Dwikorita Karnawati"
    assert {o["outlet"] for o in story["outlets"]} == {"tempo.co", "okezone.com", "kompas.com", "sindonews.com"}
    assert len(story["quotes"]) == 4 and all(x["speaker_name"] == "Dwikorita Karnawati" for x in story["quotes"])

    rebuilt = stories.update(store, rebuild=True)
    assert rebuilt["placed"] == 8 and story_of(store, ids["q1"]) == story_of(store, new)
    store.delete_article(new)
    assert store.story(story_of(store, ids["q1"]))["n_articles"] == 3


def test_api_pages_cli_export(target, tmp_path):  # noqa: F811
    with open_store(target) as s:
        ids = seed(s)
    run = [sys.executable, "-m", "warta.cli"]
    out = subprocess.run([*run, "stories", "--db", target, "--show", "5"], capture_output=True, text=True, check=True)
    assert "7 of 7 articles placed" in out.stderr and "Gempa Tuban" in out.stdout
    with open_store(target) as s:
        q = s.article_story(ids["q1"])
    one = subprocess.run(
        [*run, "stories", "--db", target, "--story", str(q)], capture_output=True, text=True, check=True
    )
    assert "Dwikorita Karnawati" in one.stdout and "tempo.co" in one.stdout
    bad = subprocess.run([*run, "stories", "--db", target, "--story", "999999"], capture_output=True, text=True)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1
    with TestClient(create_app(target, token=""), raise_server_exceptions=False) as c:
        listed = c.get("/api/stories").json()
        assert listed["total"] == 2 and listed["items"][0]["n_articles"] >= 2
        got = c.get(f"/api/stories/{q}").json()
        assert len(got["articles"]) == 3 and got["quotes"] and got["people"]
        assert c.get("/api/stories/999999").status_code == 404
        assert c.get("/api/stories", params={"bogus": 1}).status_code == 422
        assert c.get(f"/api/articles/{ids['q1']}").json()["archive"]["story"] == q
        assert "Gempa Tuban" in c.get("/stories").text
        page = c.get(f"/stories/{q}").text
        assert "Timeline" in page and "Dwikorita Karnawati" in page and "okezone.com" in page
        assert f'href="/stories/{q}"' in c.get(f"/articles/{ids['q2']}").text
    exp = tmp_path / "out"
    subprocess.run(
        [*run, "export", "--db", target, "--format", "csv", "--tables", "stories,story_articles", str(exp)], check=True
    )
    assert len((exp / "story_articles.csv").read_text().splitlines()) == 8
