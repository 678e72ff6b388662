"""Archive entities (issue 21): facts written with each article, the resolver's merges and their
evidence, offices over time, users' joins and splits surviving re-ingest, enrichment from the
archive, the API and the CLI; on both back ends, with hand-built articles."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from store_helpers import store, target  # noqa: F401
from warta.archive import resolve_store
from warta.archive.enrich import office_on
from warta.store import open_store
from warta.web import create_app


def ent(i: int, name: str, type_: str = "PER", titles=(), affs=(), texts=None) -> dict[str, Any]:
    texts = texts or [name]
    mentions = [{"start": 10 * k, "end": 10 * k + len(t), "text": t} for k, t in enumerate(texts)]
    return {
        "id": f"e{i}",
        "name": name,
        "type": type_,
        "titles": list(titles),
        "affiliations": list(affs),
        "mentions": mentions,
    }


def art(aid: str, day: str, *ents: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": aid,
        "text": f"teks {aid}",
        "title": aid,
        "published": {"value": day, "source": "input"},
        "language": {"code": "id"},
        "entities": list(ents),
        "url": f"https://x.test/{aid}",
    }


CONTEXT = [ent(8, "Balai Kota", "LOC"), ent(9, "Pemprov DKI", "ORG")]
ARTICLES = [
    art("a1", "2019-01-10", ent(1, "Joko Widodo", titles=["Presiden"], texts=["Joko Widodo", "Jokowi"])),
    art("a2", "2019-02-01", ent(1, "Jokowi"), ent(2, "Ma'ruf Amin", titles=["Wakil Presiden terpilih"])),
    art("a3", "2019-03-01", ent(1, "Ir. H. Joko Widodo", titles=["Presiden"], affs=["RI"])),
    art("a4", "2019-03-02", ent(1, "Anies"), *CONTEXT),
    art("a5", "2019-03-03", ent(1, "Anies Baswedan", titles=["Gubernur"], affs=["DKI Jakarta"]), *CONTEXT),
    art("a6", "2019-03-04", ent(1, "Budi", titles=["Kepala Desa"])),
    art("a7", "2019-03-05", ent(1, "Budi Santoso", titles=["Menteri Keuangan"]), *CONTEXT),
    *[art(f"l{i}", "2019-04-0" + str(i), ent(1, "Luna Maya")) for i in range(1, 4)],
    art("l9", "2019-04-09", ent(1, "Luna Maya", "LOC")),
]


def ids(st) -> dict[tuple[str, str], int]:
    return {(e["type"], e["name"]): e["id"] for e in st.find_entities(None, limit=100).items}


def resolved(st):
    for a in ARTICLES:
        st.add(a)
    return resolve_store(st, at="t"), ids(st)


def test_merges_with_evidence_and_offices(store):  # noqa: F811
    rep, e = resolved(store)
    assert rep.facts_backfilled == 0  # written as the articles were stored
    jw = e[("PER", "Joko Widodo")]
    a = store.archive_entity(e[("PER", "Jokowi")])
    assert a["id"] == jw and a["n_articles"] == 3
    rules = {n["name"]: n["rule"] for n in a["names"]}
    assert rules == {"Joko Widodo": None, "Jokowi": "alias-list", "Ir. H. Joko Widodo": "honorifics"}
    presiden = [o for o in a["offices"] if o["title"] == "Presiden" and o["affiliation"] is None][0]
    assert (presiden["first"], presiden["last"], presiden["n_articles"]) == ("2019-01-10", "2019-01-10", 1)
    ri = [o for o in a["offices"] if o["affiliation"] == "RI"][0]
    assert ri["articles"] == ["a3"] and ri["first"] == "2019-03-01"
    anies = store.archive_entity(e[("PER", "Anies")])
    assert anies["name"] == "Anies Baswedan"
    ev = [n for n in anies["names"] if n["name"] == "Anies"][0]["evidence"]
    assert ev["n_shared_context"] == 2 and "Balai Kota" in ev["shared_context"]
    # two people sharing a name stay apart when their offices differ
    assert store.archive_id(e[("PER", "Budi")]) == e[("PER", "Budi")]
    why = [p for p in rep.resolution.rejected if p.source == e[("PER", "Budi")]]
    assert why and why[0].evidence["reason"] == "offices differ"
    luna = store.archive_entity(e[("LOC", "Luna Maya")])
    assert luna["type"] == "PER" and luna["type_votes"] == {"PER": 3, "LOC": 1}


def test_decisions_survive_reingest_and_backfill(target):  # noqa: F811
    with open_store(target) as st:
        _, e = resolved(st)
        st.add_decision("split", e[("PER", "Jokowi")], e[("PER", "Joko Widodo")], note="test", at="t")
        st.add_decision("join", e[("PER", "Budi")], e[("PER", "Budi Santoso")], note=None, at="t")
        for a in ARTICLES:  # stored again: the entities get new rows, the decisions hold
            st.delete_article(a["id"])
        for a in ARTICLES:
            st.add(a)
        with st._tx():  # as in an archive stored before schema v5: the facts come back from the JSON
            st._exec("DELETE FROM entity_facts")
        rep = resolve_store(st, at="t")
        assert rep.facts_backfilled == len(ARTICLES) - 1  # all but l9, which names no person
        e = ids(st)
        assert st.archive_id(e[("PER", "Jokowi")]) == e[("PER", "Jokowi")]
        assert st.archive_id(e[("PER", "Ir. H. Joko Widodo")]) == e[("PER", "Joko Widodo")]
        assert st.archive_id(e[("PER", "Budi")]) == e[("PER", "Budi Santoso")]
        assert any(p.evidence.get("reason") == "split by a user" for p in rep.resolution.rejected)
        offices = st.archive_entity(e[("PER", "Joko Widodo")])["offices"]
        assert {(o["title"], o["affiliation"]) for o in offices} == {("Presiden", None), ("Presiden", "RI")}


def test_office_on_a_day():
    offices = [
        {"title": "Gubernur", "affiliation": "DKI", "first": "2013-01-01", "last": "2014-10-01", "n_articles": 5},
        {"title": "Presiden", "affiliation": None, "first": "2014-10-20", "last": "2019-10-01", "n_articles": 50},
    ]
    assert office_on(offices, "2019-02-01")["title"] == "Presiden"
    assert office_on(offices, "2014-01-01") == dict(offices[0], source="archive")
    both = offices + [dict(offices[1], affiliation="RI", first="2019-05-01", last="2019-06-01", n_articles=2)]
    assert office_on(both, "2019-05-10")["affiliation"] == "RI" and office_on(both, "2019-05-10")["n_articles"] == 52
    assert office_on(offices, "2020-01-01") is None and office_on(offices, None) is None


def test_api_pages_and_token(target):  # noqa: F811
    with open_store(target) as st:
        _, e = resolved(st)
    with TestClient(create_app(target, token="s3cret"), raise_server_exceptions=False) as c:
        found = c.get("/api/archive/entities", params={"name": "jokowi"}).json()["items"]
        assert found[0]["name"] == "Joko Widodo" and found[0]["n_articles"] == 3
        one = c.get(f"/api/archive/entities/{e[('PER', 'Jokowi')]}").json()
        assert one["id"] == e[("PER", "Joko Widodo")] and one["offices"]
        enr = c.get("/api/archive/articles/a2").json()["entities"]
        office = [x for x in enr if x["name"] == "Jokowi"][0]["office"]
        assert office["source"] == "archive" and office["title"] == "Presiden"
        assert c.get("/api/archive/articles/nope").status_code == 404
        assert c.get("/api/archive/entities/999999").status_code == 404
        body = {"other": e[("PER", "Budi Santoso")]}
        assert c.post(f"/api/archive/entities/{e[('PER', 'Budi')]}/join", json=body).status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        r = c.post(f"/api/archive/entities/{e[('PER', 'Budi')]}/join", json=body, headers=auth)
        assert r.status_code == 200 and r.json()["archive_entity"] == e[("PER", "Budi Santoso")]
        r = c.post(f"/api/archive/entities/{e[('PER', 'Budi')]}/split", json={"other": 10**12}, headers=auth)
        assert r.status_code == 404
        page = c.get(f"/entities/{e[('PER', 'Joko Widodo')]}").text
        assert "Offices over time" in page and "alias-list" in page and "Ir. H. Joko Widodo" in page


def test_cli_entity(target, capsys):  # noqa: F811
    import argparse

    from warta.commands import entity

    with open_store(target) as st:
        resolved(st)
    assert entity.run(argparse.Namespace(name="jokowi", db=target, limit=1, json=False)) == 0
    out = capsys.readouterr().out
    assert "Joko Widodo" in out and "alias-list" in out and "2019-03-01" in out
    assert entity.run(argparse.Namespace(name="zzz", db=target, limit=1, json=False)) == 1


@pytest.mark.parametrize("bad", ["merge", "JOIN"])
def test_bad_decision(store, bad):  # noqa: F811
    from warta.errors import InputError

    _, e = resolved(store)
    with pytest.raises(InputError):
        store.add_decision(bad, e[("PER", "Budi")], e[("PER", "Budi Santoso")], note=None, at="t")


def test_same_archive_entities_after_parquet_round_trip(tmp_path):
    """`warta spark` + `warta load-parquet` gives the archive entities ingest gives: the facts are
    written as each article is loaded and the resolver runs over the loaded store."""
    from warta.scale.load import load
    from warta.store.export import export

    def merged(st) -> set[tuple[str, str, str]]:
        names = {e["id"]: e["name"] for e in st.find_entities(None, limit=100).items}
        return {(names[i], names[st.archive_id(i)], st.archive_entity(i)["type"]) for i in names}

    with open_store(str(tmp_path / "a.db")) as a:
        resolved(a)
        export(a, tmp_path / "pq", "parquet")
        want = merged(a)
        offices = a.archive_entity(a.entity_by_name("Joko Widodo"))["offices"]
    with open_store(str(tmp_path / "b.db")) as b:
        load(str(tmp_path / "pq"), b)
        rep = resolve_store(b, at="t")
        assert rep.facts_backfilled == 0 and merged(b) == want
        assert b.archive_entity(b.entity_by_name("Joko Widodo"))["offices"] == offices


def test_name_rules_from_the_pack():
    from warta.archive.names import initials_match, name_rules, part_of
    from warta.lang import for_code

    r = name_rules(for_code("id"))
    assert r.tokens("ir. h. joko widodo") == ("joko", "widodo")
    assert r.tokens("sigit riyanto, s.h.") == ("sigit", "riyanto")
    assert r.tokens("h") == ("h",)  # never emptied
    assert r.tokens("drh ida bagus hary") == ("ida", "bagus", "hary")  # a veterinary degree before the name
    assert r.office("mantan Presiden ke-3") == "presiden" and r.office("anggota") is None
    assert ("jokowi", "joko widodo", "PER", "person_aliases.tsv") in r.aliases
    assert initials_match(("bj", "habibie"), ("bacharuddin", "jusuf", "habibie"))
    assert initials_match(("b.j.", "habibie"), ("bacharuddin", "jusuf", "habibie"))
    assert not initials_match(("bj", "habibie"), ("ilham", "akbar", "habibie"))
    assert part_of(("anies",), ("anies", "baswedan")) and part_of(("baswedan",), ("anies", "baswedan"))
    assert not part_of(("rasyid",), ("anies", "rasyid", "baswedan"))


def _data(names, mentioned=None, offices=None, pairs=None):
    from collections import Counter

    from warta.archive.resolve import ArchiveData, Name

    ns = {i: Name(i, t, k, nm, n) for i, (t, k, nm, n) in names.items()}
    arts: dict = {}
    ents: dict = {}
    for a, e in pairs or []:
        arts.setdefault(e, set()).add(a)
        ents.setdefault(a, set()).add(e)
    mention = {i: Counter(m) for i, m in (mentioned or {}).items()}
    office = {i: Counter(o) for i, o in (offices or {}).items()}
    return ArchiveData(ns, mention, office, arts, ents)


def test_conservative_refusals():
    from warta.archive.names import name_rules
    from warta.archive.resolve import resolve
    from warta.lang import for_code

    rules = name_rules(for_code("id"))
    shared = [(f"a{i}", e) for i in range(3) for e in (1, 2, 9, 10)]
    data = _data(
        {
            1: ("PER", "soekarno", "Soekarno", 30),  # the commoner name ends a relative's
            2: ("PER", "ratna sari dewi soekarno", "Ratna Sari Dewi Soekarno", 3),
            3: ("ORG", "facebook", "Facebook", 20),
            4: ("ORG", "facebook indonesia", "Facebook Indonesia", 2),
            5: ("PER", "ace hasan syadzily", "Ace Hasan Syadzily", 5),
            6: ("PER", "ace hasan syadzili", "Ace Hasan Syadzili", 2),
            9: ("LOC", "jakarta", "Jakarta", 3),
            10: ("ORG", "dpr", "DPR", 3),
        },
        mentioned={2: {"soekarno": 3}, 4: {"facebook": 2}},
        pairs=shared + [("b1", 5), ("b1", 6), ("b1", 9), ("b1", 10), ("b2", 5), ("b2", 9), ("b2", 10)],
    )
    res = resolve(data, rules)
    merged = {(lk.entity_id, lk.archive_id) for lk in res.links}
    reasons = {(p.source, p.target): p.evidence.get("reason") for p in res.rejected}
    assert (1, 2) not in merged and reasons[(1, 2)] == "the part is the commoner name"
    assert (3, 4) not in merged and reasons[(3, 4)] == "a national branch"
    assert (6, 5) in merged  # one letter apart, same company


def test_guards_issue21():
    """Guards kind-alias, two-letters, kin-word, acronym-part: silence, with a reason."""
    from warta.archive.names import name_rules
    from warta.archive.resolve import resolve
    from warta.lang import for_code

    rules = name_rules(for_code("id"))
    assert "bamus" in rules.kinds and "bamus" in rules.generic_kinds and "papa" in rules.kin_words
    assert "pkb" not in rules.generic_kinds  # PKB, a party, also a MISC row: its alias stays
    ctx = [(f"m{i}", e) for i in range(3) for e in (5, 6, 9, 10)]
    data = _data(
        {
            1: ("ORG", "bamus", "Bamus", 5),  # a kind of body: the DPD's is not the DPR's
            2: ("ORG", "badan musyawarah", "Badan Musyawarah", 20),
            3: ("LOC", "mv", "MV", 1),  # a ship's, and a music video
            4: ("ORG", "mv", "MV", 40),
            5: ("PER", "papa marcel", "Papa Marcel", 2),  # Marcel's father
            6: ("PER", "marcel", "Marcel", 12),
            9: ("LOC", "jakarta", "Jakarta", 3),
            10: ("ORG", "dpr", "DPR", 3),
            11: ("PER", "lm", "LM", 3),  # an acronym, not a part of a name
            12: ("PER", "lm entertainmen", "LM Entertainmen", 1),
        },
        mentioned={6: {"papa marcel": 2}},
        pairs=ctx + [("x1", 11), ("x1", 12), ("x1", 9), ("x1", 10)],
    )
    res = resolve(data, rules)
    merged = {frozenset((lk.entity_id, lk.archive_id)) for lk in res.links}
    reasons = {(p.rule, p.source, p.target): p.evidence.get("reason") for p in res.rejected}
    assert not merged
    assert reasons[("alias-list", 1, 2)] == "a kind, not a name"
    assert reasons[("type-vote", 3, 4)] == "two letters"
    assert reasons[("mentioned-as", 5, 6)] == "a relative"


def test_extra_words():
    """Rule extra-words: the tagger's extra words (a title's, a body's, a place's) dropped."""
    from warta.archive.names import name_rules
    from warta.archive.resolve import resolve
    from warta.lang import for_code

    rules = name_rules(for_code("id"))
    data = _data(
        {
            1: ("PER", "moeldoko", "Moeldoko", 20),
            2: ("PER", "kepresidenan moeldoko", "Kepresidenan Moeldoko", 3),
            3: ("PER", "bj habibie", "BJ Habibie", 50),
            4: ("PER", "bj habibie jakarta", "BJ Habibie Jakarta", 1),
            5: ("LOC", "jakarta", "Jakarta", 30),
            6: ("PER", "human chanel", "Human Chanel", 1),  # a capitalised common word stays
            7: ("PER", "chanel", "Chanel", 10),
            8: ("ORG", "istana", "Istana", 5),
        },
        offices={2: {"Kepala Staf Kepresidenan": 3}},
        pairs=[(f"k{i}", e) for i in range(3) for e in (1, 2, 5, 8)] + [(f"c{i}", e) for i in range(2) for e in (6, 7)],
    )
    merged = {(lk.entity_id, lk.archive_id): lk.rule for lk in resolve(data, rules).links}
    assert merged.get((2, 1)) == "extra-words" and merged.get((4, 3)) == "extra-words"
    assert (6, 7) not in merged
    from warta.archive.resolve import RULES

    assert "extra-words" in RULES and "guard:kin-word" in RULES and all(RULES.values())


def test_office_statuses():
    from warta.archive import present

    ent = {
        "offices": [
            {
                "title": "Menteri Hukum dan HAM",
                "affiliation": None,
                "first": "2019-09-10",
                "last": "2019-09-20",
                "n_articles": 11,
            },
            {
                "title": "Menteri Desa",
                "affiliation": None,
                "first": "2019-09-15",
                "last": "2019-09-15",
                "n_articles": 1,
            },
            {"title": "istri kedua", "affiliation": None, "first": "2019-07-18", "last": "2019-07-18", "n_articles": 2},
        ]
    }
    status = [o["status"] for o in present(ent)["offices"]]
    assert status == ["office", "uncertain", "relation"]
    assert office_on(present(ent)["offices"], "2019-09-15")["title"] == "Menteri Hukum dan HAM"
