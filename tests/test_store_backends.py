# ruff: noqa: F811  (pytest fixtures imported from store_helpers)
"""The store interface, run against SQLite and (with WARTA_TEST_PG) PostgreSQL."""

from __future__ import annotations

import json
import sqlite3

import pytest

from store_helpers import make_article, sample_articles, store, target  # noqa: F401  (fixtures)
from warta.errors import InputError, UsageError
from warta.store import EXPORT_TABLES, SCHEMA_VERSION, canonical_key, open_store


def test_add_and_get_roundtrip(store):
    arts = sample_articles()
    res = store.add(arts[0], input_key="k0", input_name="a.txt")
    assert res.status == "inserted" and res.id == arts[0].id
    got = store.get_article(arts[0].id)
    assert got == json.loads(json.dumps(arts[0].to_dict()))
    assert store.get_article_by_url(arts[0].url)["id"] == arts[0].id
    assert store.get_article("nope") is None
    assert store.seen_inputs(["k0", "k1"]) == {"k0"}


def test_same_content_is_stored_once(store):
    a = sample_articles()[0]
    assert store.add(a).status == "inserted"
    assert store.add(a.to_dict()).status == "unchanged"
    counts = store.stats()["counts"]
    assert counts["articles"] == 1 and counts["quotes"] == 1 and counts["mentions"] == 2


def test_replace_gives_a_stored_article_new_annotations(store):
    a = sample_articles()[0]
    store.add(a)
    ingested = store.search_articles("banjir").items[0]
    a.quotes.clear()  # e.g. a newer pipeline finds no quotation here
    a.url = None
    res = store.add(a, replace=True)
    assert (res.status, res.replaced) == ("updated", a.id)
    c = store.stats()["counts"]
    assert c["articles"] == 1 and c["quotes"] == 0 and c["mentions"] == 2
    assert store.search_articles("banjir").items[0]["url"] == ingested["url"]  # the URL is kept


def test_changed_article_at_same_url_is_updated(store):
    a = sample_articles()[0]
    store.add(a)
    changed = make_article(
        "Banjir rendam Jakarta Utara (diperbarui)",
        "Banjir merendam ribuan rumah di Jakarta Utara, Senin, kata Antara.",
        url=a.url,
        published="2019-09-09",
        people={"Jakarta Utara": "LOC"},
    )
    res = store.add(changed)
    assert res.status == "updated" and res.replaced == a.id
    counts = store.stats()["counts"]
    assert counts["articles"] == 1 and counts["quotes"] == 0
    assert store.get_article(a.id) is None
    assert store.get_article_by_url(a.url)["title"].endswith("(diperbarui)")
    # the person only the old version mentioned is gone; the place is kept
    assert store.find_entities("Basuki").total == 0
    assert store.find_entities("Jakarta Utara").total == 1
    assert store.search_articles("perahu").total == 0
    assert store.search_articles("ribuan").total == 1


def test_entities_merge_across_articles(store):
    for a in sample_articles():
        store.add(a)
    page = store.find_entities("basuki")
    assert page.total == 1
    ent = page.items[0]
    assert ent["name"] == "Basuki Hadimuljono" and ent["type"] == "PER"
    assert ent["n_articles"] == 2 and ent["n_mentions"] == 3
    assert ent["titles"] == ["Menteri"]
    assert store.get_entity(ent["id"])["n_articles"] == 2
    assert {h["title"] for h in store.entity_articles(ent["id"]).items} == {
        "Banjir rendam Jakarta Utara",
        "Menteri tinjau bendungan",
    }
    assert store.search_articles(entity="BASUKI  hadimuljono").total == 2
    assert store.find_entities(type="LOC").total == 2
    assert canonical_key("  Basuki   HADIMULJONO, ") == "basuki hadimuljono"


def test_search_full_text_filters_and_pages(store):
    for a in sample_articles():
        store.add(a)
    assert store.search_articles("banjir").total == 1
    assert store.search_articles("bendungan basuki").total == 1
    assert store.search_articles('"perahu karet"').total == 1
    assert store.search_articles('"karet perahu"').total == 0
    assert store.search_articles("bendu*").total == 1
    hit = store.search_articles("cabai").items[0]
    assert hit["title"] == "Harga cabai naik" and "[" in hit["snippet"] and hit["outlet"] == "Lain Pos"
    assert store.search_articles("!!!").total == 0
    assert store.search_articles(outlet="contoh news").total == 2
    assert store.search_articles(since="2019-09-10").total == 2
    assert store.search_articles(since="2019-09-10", until="2019-09-30").total == 1
    p1 = store.search_articles(limit=2, offset=0)
    p2 = store.search_articles(limit=2, offset=2)
    assert p1.total == 3 and len(p1.items) == 2 and p1.has_more and not p2.has_more
    assert [h["published"] for h in p1.items + p2.items] == ["2019-10-01", "2019-09-16", "2019-09-09"]


def test_quotes_by_speaker_text_and_date(store):
    for a in sample_articles():
        store.add(a)
    basuki = store.quotes(speaker="basuki")
    assert basuki.total == 2
    assert [q["published"] for q in basuki.items] == ["2019-09-16", "2019-09-09"]
    q = basuki.items[0]
    assert q["speaker_name"] == "Basuki Hadimuljono" and q["speaker_titles"] == ["Menteri"] and q["cue"] == "kata"
    assert q["speaker_entity_id"] == store.find_entities("basuki").items[0]["id"]
    assert store.quotes(speaker=q["speaker_entity_id"]).total == 2
    assert store.quotes(text="pasokan petani").items[0]["speaker_name"] == "Siti Aminah"
    assert store.quotes(speaker="basuki", until="2019-09-10").total == 1
    assert store.quotes(article_id=sample_articles()[2].id).total == 1
    assert store.quotes(speaker="nobody").total == 0


def test_quotes_by_speaker_standing(store):
    arts = sample_articles()
    for a in arts:
        for q in a.quotes:
            if q.speaker is not None:
                q.speaker.standing = "private" if q.speaker.name == "Siti Aminah" else "public"
        store.add(a)
    every = store.quotes().total
    assert store.quotes(standing="private").total == 1
    assert store.quotes(standing="private").items[0]["speaker_standing"] == "private"
    assert store.quotes(standing="public").total == 2
    assert store.quotes(standing="not-private").total == every - 1
    assert store.quotes(standing="unknown").total == every - 3
    assert store.quotes(speaker="basuki", standing="private").total == 0
    with pytest.raises(UsageError):
        store.quotes(standing="famous")


def test_sqlite_version_1_archive_is_migrated(tmp_path):
    from warta.store.migrations import MIGRATIONS

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS["sqlite"][0])
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    with open_store(str(path)) as s:
        assert s.stats()["schema_version"] == SCHEMA_VERSION
        s.add(sample_articles()[0])
        assert s.quotes(standing="public").total == 0  # built by hand with no standing
        assert s.quotes(standing="unknown").total == 1


def test_sources_failures_stats(store):
    for a in sample_articles():
        store.add(a)
    assert store.sources_summary() == [{"name": "Antara", "relation": "cited", "n_articles": 1, "n_refs": 1}]
    store.add_failure("bad.jsonl:3", "line is not JSON", input_key="f1")
    assert store.seen_inputs(["f1"]) == {"f1"}
    assert store.seen_inputs(["f1"], include_failed=False) == set()
    fails = store.failures()
    assert fails.total == 1 and fails.items[0]["reason"] == "line is not JSON"
    st = store.stats()
    assert st["schema_version"] == SCHEMA_VERSION
    assert st["counts"]["articles"] == 3 and st["counts"]["failures"] == 1 and st["counts"]["times"] == 2
    assert st["published_from"] == "2019-09-09" and st["published_to"] == "2019-10-01"
    assert {o["outlet"]: o["n"] for o in st["outlets"]} == {"Contoh News": 2, "Lain Pos": 1}


def test_export_tables_have_declared_columns(store):
    for a in sample_articles():
        store.add(a)
    store.add_failure("x", "bad")
    for table, cols in EXPORT_TABLES.items():
        rows = list(store.export_table(table))
        assert rows, table
        assert all(len(r) == len(cols) for r in rows), table
    ents = {r[2]: r for r in store.export_table("entities")}
    assert ents["Basuki Hadimuljono"][5:7] == (2, 3)


def test_delete_article(store):
    a, b, _ = sample_articles()
    store.add(a)
    store.add(b)
    assert store.delete_article(a.id) and not store.delete_article(a.id)
    assert store.find_entities("basuki").items[0]["n_articles"] == 1
    assert store.find_entities("Jakarta Utara").total == 0


def test_reopen_keeps_data_and_schema(target):
    with open_store(target) as s:
        s.add(sample_articles()[0])
    with open_store(target) as s:
        assert s.stats()["counts"]["articles"] == 1 and s.stats()["schema_version"] == SCHEMA_VERSION


def test_sqlite_is_wal_with_fts5(tmp_path):
    path = tmp_path / "w.db"
    open_store(str(path)).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles_fts", "quotes_fts", "inputs", "meta"} <= names


def test_sqlite_refuses_newer_schema_and_non_databases(tmp_path):
    path = tmp_path / "w.db"
    open_store(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="newer"):
        open_store(str(path))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a usable"):
        open_store(str(junk))
