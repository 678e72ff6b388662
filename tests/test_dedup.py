# ruff: noqa: F811  (pytest fixtures imported from store_helpers)
"""Near-duplicate copies (warta.dedup, warta.store.copies) on both back ends: the similarity tells an
edited copy from a template and from shared background; copies are linked to the earliest article at
store time, incrementally and by the backfill alike; a syndicated quotation counts once; the API, the
pages, `warta dedup` and `warta export` show them."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

from store_helpers import make_article, store, target  # noqa: F401  (fixtures)
from warta import dedup
from warta.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from warta.web import create_app  # noqa: E402

SENTENCES = [
    "Bea Cukai Juanda menggelar pemusnahan barang bukti penindakan yang telah berstatus Barang Milik Negara.",
    "Barang yang dimusnahkan meliputi senapan angin, perangkat elektronik, dan suku cadang kendaraan bermotor.",
    "Pemusnahan dilakukan dengan cara dibakar dan dihancurkan di tempat pembuangan akhir di Sidoarjo.",
    "Nilai seluruh barang yang dimusnahkan diperkirakan mencapai ratusan juta rupiah menurut petugas.",
    "Kegiatan ini disaksikan perwakilan instansi terkait seperti Kanwil DJKN Jawa Timur dan Pangkalan Udara.",
    "Petugas berharap masyarakat makin sadar untuk tidak memasukkan barang terlarang melalui bandara.",
]
QUOTE = '"Kami akan terus mengawasi setiap barang yang masuk melalui bandara,"'
BODY = " ".join(SENTENCES) + f" {QUOTE} kata Budi Harjanto."


def edited_copy() -> str:
    """Another outlet's version: a rewritten lead, a few words changed, the same sentences after it."""
    lead = "Kantor Bea Cukai Juanda di Sidoarjo memusnahkan barang milik negara hasil penindakan pada Rabu pagi."
    rest = [s.replace("seperti", "antara lain").replace("makin", "semakin") for s in SENTENCES[1:]]
    return lead + " " + " ".join(rest) + f" {QUOTE} kata Budi Harjanto."


def test_similarity_tells_copies_from_templates_and_background():
    a, b = dedup.sentences(BODY), dedup.sentences(edited_copy())
    assert dedup.similarity(a, b) >= dedup.THRESHOLD
    # the same template with another day's numbers is not a copy
    day1 = " ".join(
        f"Harga emas pada Senin 9 September naik menjadi Rp {750 + i} ribu per gram hari ini." for i in range(6)
    )
    day2 = " ".join(
        f"Harga emas pada Selasa 10 September naik menjadi Rp {760 + i} ribu per gram hari ini." for i in range(6)
    )
    assert dedup.similarity(dedup.sentences(day1), dedup.sentences(day2)) < dedup.THRESHOLD
    # an article that repeats another one's last two sentences as background is not a copy
    news = [f"Berita baru nomor {w} tentang hal yang sama sekali lain di kota yang jauh sekali." for w in "abcdef"]
    other = " ".join(news + SENTENCES[-2:])
    assert dedup.similarity(dedup.sentences(other), a) < dedup.THRESHOLD
    # the signature is stable (fixed seed) and round-trips through the store's encoding
    sig = dedup.signature(dedup.shingles(BODY))
    assert sig == dedup.signature(dedup.shingles(BODY))
    assert dedup.Signature.decode(sig.encode(), sig.n_shingles) == sig
    assert set(sig.bands()) & set(dedup.signature(dedup.shingles(edited_copy())).bands())


def article(n: int, body: str, published: str, outlet: str):
    return make_article(
        f"Judul {n}",
        body,
        url=f"https://contoh{n}.id/berita/{n}",
        published=published,
        outlet=outlet,
        people={"Budi Harjanto": "PER"},
        quote=(QUOTE, "Budi Harjanto"),
    )


def quote_count(s, name: str = "Budi") -> int:
    return s.quotes(speaker=name).total


def test_copies_linked_to_earliest_and_counted_once(store):
    first = article(1, BODY, "2019-09-11", "okezone.com")
    second = article(2, edited_copy(), "2019-09-12", "sindonews.com")
    other = make_article("Lain", "Berita lain sama sekali. " * 30, url="https://contoh3.id/3", outlet="tempo.co")
    ids = [store.add(a).id for a in (first, second, other)]
    assert [r for r in store.export_table("copies")] == [(ids[1], ids[0], pytest.approx(1.0, abs=0.3))]
    assert quote_count(store) == 1  # the syndicated quotation, once
    items = store.quotes(speaker="Budi").items
    assert items[0]["article_id"] == ids[0] and items[0]["also_in"] == ["sindonews.com"]
    assert store.quotes(article_id=ids[1]).total == 1  # an article's own list keeps its quotations
    group = store.copy_group(ids[1])
    assert group["original"] == ids[0] and [a["id"] for a in group["articles"]] == ids[:2]
    assert store.copy_group(ids[2]) is None

    # a copy published earlier, stored later: the whole group now links to it
    earliest = article(4, edited_copy().replace("Rabu pagi", "Selasa pagi"), "2019-09-10", "tribunnews.com")
    e = store.add(earliest).id
    assert {r[0]: r[1] for r in store.export_table("copies")} == {ids[0]: e, ids[1]: e}
    assert quote_count(store) == 1 and store.quotes(speaker="Budi").items[0]["article_id"] == e
    assert store.also_in([ids[0]]) == {ids[0]: ["sindonews.com", "tribunnews.com"]}
    assert store.copy_counts() == {"articles": 4, "copies": 2, "groups": 1, "unique": 2}

    # deleting the original promotes the earliest of its copies
    store.delete_article(e)
    assert {r[0]: r[1] for r in store.export_table("copies")} == {ids[1]: ids[0]}
    assert quote_count(store) == 1


def test_backfill_gives_what_ingest_gives(store):
    arts = [
        article(1, BODY, "2019-09-11", "okezone.com"),
        article(2, edited_copy(), "2019-09-12", "sindonews.com"),
        article(4, edited_copy().replace("Rabu pagi", "Selasa pagi"), "2019-09-10", "tribunnews.com"),
    ]
    for a in arts:
        store.add(a)
    linked = sorted(store.export_table("copies"))
    before = quote_count(store)
    counts = store.link_all_copies(rebuild=True)
    assert sorted(store.export_table("copies")) == linked and quote_count(store) == before == 1
    assert counts["signed"] == 3 and counts["copies"] == 2
    again = store.link_all_copies()  # nothing left to sign
    assert again["signed"] == 0 and sorted(store.export_table("copies")) == linked


def test_an_update_keeps_its_new_quotation(store):
    """A later copy that adds a quotation: the repeated one counts once, the new one counts."""
    first = article(1, BODY, "2019-09-11", "okezone.com")
    new_quote = '"Kami juga bekerja sama dengan kepolisian setempat,"'
    later = make_article(
        "Judul 2",
        edited_copy() + f" {new_quote} kata Budi Harjanto lagi.",
        url="https://contoh2.id/berita/2",
        published="2019-09-12",
        outlet="sindonews.com",
        people={"Budi Harjanto": "PER"},
        quote=(new_quote, "Budi Harjanto"),
    )
    later.quotes.insert(0, first.quotes[0].__class__(**{**first.quotes[0].__dict__}))
    store.add(first)
    store.add(later)
    assert sorted(q["text"] for q in store.quotes(speaker="Budi").items) == sorted([QUOTE, new_quote])


def test_api_pages_cli_and_export(target, tmp_path):  # noqa: F811
    with open_store(target) as s:
        a = s.add(article(1, BODY, "2019-09-11", "okezone.com")).id
        b = s.add(article(2, edited_copy(), "2019-09-12", "sindonews.com")).id
    with TestClient(create_app(target, token=""), raise_server_exceptions=False) as c:
        got = c.get(f"/api/articles/{a}").json()["archive"]
        assert got["original"] == a and got["also_in"] == ["sindonews.com"] and got["copies"][0]["id"] == b
        assert c.get(f"/api/articles/{b}").json()["archive"]["original"] == a
        quotes = c.get("/api/quotes", params={"speaker": "Budi"}).json()
        assert quotes["total"] == 1 and quotes["items"][0]["also_in"] == ["sindonews.com"]
        assert c.get("/api/speakers", params={"name": "Budi Harjanto"}).json()["quotes"]["total"] == 1
        page = c.get(f"/articles/{b}").text
        assert "A copy of" in page and f'href="/articles/{a}"' in page and "okezone.com" in page
        assert "also in: sindonews.com" in c.get("/speaker", params={"name": "Budi Harjanto"}).text
    run = [sys.executable, "-m", "warta.cli"]
    out = subprocess.run([*run, "dedup", "--db", target, "--show", "1"], capture_output=True, text=True, check=True)
    assert "2 articles, 1 copies in 1 groups, 1 unique" in out.stderr and a in out.stdout
    exp = tmp_path / "out"
    subprocess.run([*run, "export", "--db", target, "--format", "jsonl", "--tables", "copies", str(exp)], check=True)
    rows = [json.loads(x) for x in (exp / "copies.jsonl").read_text().splitlines()]
    assert rows == [{"article_id": b, "original_id": a, "similarity": pytest.approx(rows[0]["similarity"])}]
    bad = subprocess.run([*run, "dedup", "--db", str(tmp_path / "none.db")], capture_output=True, text=True)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1


def test_load_parquet_links_the_same_copies(tmp_path):
    """`warta load-parquet` (the way back from `warta spark`) stores through Store.add: same links."""
    src = str(tmp_path / "a.db")
    with open_store(src) as s:
        for a in (
            article(1, BODY, "2019-09-11", "okezone.com"),
            article(2, edited_copy(), "2019-09-12", "sindonews.com"),
            article(4, edited_copy().replace("Rabu pagi", "Selasa pagi"), "2019-09-10", "tribunnews.com"),
        ):
            s.add(a)
        linked = sorted(s.export_table("copies"))
        n_quotes = quote_count(s)
    run = [sys.executable, "-m", "warta.cli"]
    subprocess.run([*run, "export", "--db", src, "--format", "parquet", str(tmp_path / "pq")], check=True)
    dst = str(tmp_path / "b.db")
    subprocess.run([*run, "load-parquet", str(tmp_path / "pq"), "--db", dst], check=True, capture_output=True)
    with open_store(dst) as s:
        assert sorted(s.export_table("copies")) == linked and quote_count(s) == n_quotes == 1
