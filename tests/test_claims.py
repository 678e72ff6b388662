"""Claims (issue 21 item 5): quantities inside quotations on both back ends, the rules that leave
out what is no claim, /api/claims, the /claims page, `warta claims` and the claims table of
`warta export`; `warta eval claims` on the labelled archive sample."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from store_helpers import store, target  # noqa: F401
from warta.article import Article, Cue, Entity, Field, Mention, Published, Quantity, Quote, Span, Speaker, TimeExpr
from warta.store import open_store
from warta.store.claims import CLAIM_RULES, ClaimFilter, claim_json, normalised, over_time
from warta.web import create_app


def _at(body: str, text: str, after: int = 0) -> tuple[int, int]:
    s = body.index(text, after)
    return s, s + len(text)


def article(title: str, body: str, published: str, quote: str, amounts: list[tuple[str, float, str | None, str | None]],
            *, names: dict[str, str] | None = None, parts: list[str] | None = None) -> Article:  # fmt: skip
    """An article with one quotation by Sri Mulyani (an entity) and the given quantities (text,
    value, unit, object) wherever their text is in the body."""
    a = Article(original=body, text=body, url=f"https://contoh.id/{title.replace(' ', '-')}", outlet="Contoh")
    a.title = Field(title, 0, len(title))
    a.published = Published(value=published, source="input")
    ents = {"Sri Mulyani": "PER", **(names or {})}
    for i, (name, typ) in enumerate(ents.items()):
        s, e = _at(body, name)
        a.entities.append(Entity(id=f"e{i}", name=name, type=typ, mentions=[Mention(s, e, name)]))
    qs, qe = _at(body, quote)
    cue = _at(body, "kata")
    a.quotes.append(
        Quote(
            qs,
            qe,
            text=quote,
            cue=Cue(*cue, "kata", "kata"),
            speaker=Speaker(entity="e0", name="Sri Mulyani", titles=["Menteri Keuangan"]),
            confidence=0.9,
            parts=[Span(*_at(body, p)) for p in parts or []],
        )
    )
    for text, value, unit, obj in amounts:
        a.quantities.append(Quantity(*_at(body, text), text=text, value=value, unit=unit, object=obj))
    if "tahun 2019" in body:
        a.times.append(TimeExpr(*_at(body, "tahun 2019"), text="tahun 2019", value="2019", grain="year"))
    return a


def articles() -> list[Article]:
    b1 = 'Sri Mulyani hadir. "Defisit mencapai Rp 200 triliun dan naik 3 persen pada tahun 2019," kata Sri Mulyani. Gedung 12 lantai.'
    b2 = '"Defisit kini Rp 250 triliun, ada satu hal lagi, grup Sheila on 7 ikut, Budi (33) juga," kata Sri Mulyani.'
    b3 = '"Ada 5 penerima bantuan," kata Sri Mulyani kepada 3 wartawan, "dan 7 penerima lagi."'
    b4 = '"Anak itu berusia 6 tahun, tinggal di lantai 3 bersama 4 saudaranya," kata Sri Mulyani.'
    return [
        article("Defisit", b1, "2019-09-10", b1[b1.index('"') + 1 : b1.index(',"')],
                [("Rp 200 triliun", 2e14, "IDR", None), ("3 persen", 3.0, "percent", None), ("12", 12.0, None, "lantai")]),
        article("Defisit lagi", b2, "2019-10-01", b2[1 : b2.index(',"')],
                [("Rp 250 triliun", 2.5e14, "IDR", None), ("satu", 1.0, None, None), ("7", 7.0, None, None),
                 ("33", 33.0, None, None)], names={"Sheila on 7": "ORG"}),
        article("Bantuan", b3, "2019-11-05", b3[1 : b3.rindex('."')],
                [("5", 5.0, None, "penerima bantuan"), ("3", 3.0, None, "wartawan"), ("7", 7.0, None, "penerima")],
                parts=["Ada 5 penerima bantuan", "dan 7 penerima lagi"]),
        article("Anak", b4, "2019-08-01", b4[1 : b4.index(',"')],
                [("6 tahun", 6.0, "year", None), ("3", 3.0, None, None), ("4", 4.0, None, "saudaranya")]),
    ]  # fmt: skip


def seed(target: str) -> None:  # noqa: F811
    with open_store(target) as s:
        for a in articles():
            s.add(a)


def texts(page) -> list[str]:
    return [c["text"] for c in page.items]


def test_claims_are_quantities_inside_quotations(store):  # noqa: F811
    for a in articles():
        store.add(a)
    page = store.claims(ClaimFilter())
    # not "12" (outside the quotation), "3" (the attribution between the parts), "7" (in a name),
    # "33" and "6 tahun" (ages), "3" (a floor, named), "satu" (a word of the pack, not a count)
    assert sorted(texts(page)) == ["3 persen", "4", "5", "7", "Rp 200 triliun", "Rp 250 triliun"]
    assert texts(page)[0] in ("5", "7")  # newest first
    first = next(c for c in page.items if c["text"] == "Rp 200 triliun")
    assert (first["value"], first["unit"], first["speaker_name"], first["time"]) == (2e14, "IDR", "Sri Mulyani", "2019")
    assert first["speaker_entity_id"] is not None and first["published"] == "2019-09-10" and first["outlet"] == "Contoh"
    c = claim_json(first)
    assert c["quote_text"][c["mark"][0] : c["mark"][1]] == "Rp 200 triliun"
    assert normalised(first) == "200,000,000,000,000 IDR"
    every = store.claims(ClaimFilter(off=frozenset(CLAIM_RULES)))
    assert sorted(texts(every)) == [
        "3", "3 persen", "33", "4", "5", "6 tahun", "7", "7", "Rp 200 triliun", "Rp 250 triliun", "satu"
    ]  # fmt: skip
    for rule, left_out in (("claims.age", {"33", "6 tahun"}), ("claims.identifier", {"3"}), ("claims.in-name", {"7"})):
        back = Counter(texts(store.claims(ClaimFilter(off=frozenset({rule}))))) - Counter(texts(page))
        assert set(back) == left_out, rule


def test_claim_filters(store):  # noqa: F811
    for a in articles():
        store.add(a)
    eid = store.claims(ClaimFilter()).items[0]["speaker_entity_id"]
    assert store.claims(ClaimFilter(speaker="mulyani")).total == 6
    assert store.claims(ClaimFilter(speaker=eid)).total == store.claims(ClaimFilter(speaker=str(eid))).total == 6
    assert store.claims(ClaimFilter(speaker="nobody")).total == 0
    assert store.claims(ClaimFilter(standing="public")).total == 0  # the speaker's standing is not stated
    assert store.claims(ClaimFilter(standing="not-private")).total == 6
    past = store.claims(ClaimFilter(), limit=2, offset=100)  # past the last page: no items, the total still
    assert (past.items, past.total) == ([], 6)
    assert [c["text"] for c in store.claims(ClaimFilter(), limit=2, offset=4).items] == texts(
        store.claims(ClaimFilter())
    )[4:]
    assert sorted(texts(store.claims(ClaimFilter(unit="money")))) == ["Rp 200 triliun", "Rp 250 triliun"]
    assert texts(store.claims(ClaimFilter(unit="IDR", since="2019-10-01"))) == ["Rp 250 triliun"]
    assert texts(store.claims(ClaimFilter(unit="percent"))) == ["3 persen"]
    assert sorted(texts(store.claims(ClaimFilter(unit="count")))) == ["4", "5", "7"]
    assert sorted(texts(store.claims(ClaimFilter(object="PENERIMA")))) == ["5", "7"]
    assert sorted(texts(store.claims(ClaimFilter(q="defisit", until="2019-09-30")))) == ["3 persen", "Rp 200 triliun"]
    assert store.claims(ClaimFilter(q="!!!")).total == 0
    units = {u["unit"]: u["n"] for u in store.claim_units(ClaimFilter())}
    assert units == {"IDR": 2, None: 3, "percent": 1}
    assert store.claim_speakers(ClaimFilter())[0]["n"] == 6
    groups = over_time(store.claims(ClaimFilter(speaker="Sri Mulyani")).items)
    assert [(g["unit"], [c["value"] for c in g["claims"]]) for g in groups] == [("IDR", [2e14, 2.5e14])]


def test_claims_export_in_every_format(target, tmp_path):  # noqa: F811
    seed(target)
    from warta.store.export import export

    with open_store(target) as s:
        counts = export(s, tmp_path / "csv", "csv", ["claims"])
        export(s, tmp_path / "pq", "parquet", ["claims"])
        export(s, tmp_path / "js", "jsonl")
    assert counts == {"claims": 6}
    rows = list(csv.DictReader((tmp_path / "csv" / "claims.csv").read_text(encoding="utf-8").splitlines()))
    assert sorted(r["text"] for r in rows) == ["3 persen", "4", "5", "7", "Rp 200 triliun", "Rp 250 triliun"]
    import pyarrow.parquet as pq

    t = pq.read_table(tmp_path / "pq" / "claims.parquet")
    assert t.num_rows == 6 and str(t.schema.field("value").type) == "double"
    assert str(t.schema.field("quote_start").type) == "int64"
    lines = (tmp_path / "js" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(x)["speaker_name"] for x in lines} == {"Sri Mulyani"}


@pytest.fixture
def client(target):  # noqa: F811
    seed(target)
    with TestClient(create_app(target, token=""), raise_server_exceptions=False) as c:
        yield c


def test_api_claims(client):
    r = client.get("/api/claims", params={"speaker": "sri", "unit": "money"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2 and body["items"][0]["quantity"] == "250,000,000,000,000 IDR"
    assert body["items"][0]["mark"] is not None
    assert client.get("/api/claims", params={"q": "penerima", "object": "bantuan"}).json()["total"] == 1
    assert client.get("/api/claims", params={"since": "2019-11-01", "limit": 1}).json()["has_more"] is True
    assert client.get("/api/claims", params={"standing": "not-private"}).json()["total"] == 6
    for bad in ({"name": "sri"}, {"unit": "x" * 40}, {"since": "2019-13-01"}, {"limit": 0}, {"standing": "vip"}):
        r = client.get("/api/claims", params=bad)
        assert r.status_code == 422, bad
        assert "error" in r.json()
    listed = [e["path"] for e in client.get("/api/").json()["endpoints"]]
    assert "/api/claims" in listed


def test_claims_page(client):
    r = client.get("/claims")
    assert r.status_code == 200 and "Sri Mulyani" in r.text and "<mark>Rp 200 triliun</mark>" in r.text
    r = client.get("/claims", params={"speaker": "Sri Mulyani", "unit": "IDR"})
    assert r.status_code == 200 and "The same quantity over time" in r.text
    assert client.get("/claims", params={"since": "nope"}).status_code == 422
    assert "no claims" in client.get("/claims", params={"standing": "public"}).text
    eid = client.get("/api/claims").json()["items"][0]["speaker_entity_id"]
    assert f'href="/claims?speaker={eid}"' in client.get(f"/entities/{eid}").text  # the speaker page links here


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warta.cli", "claims", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_claims(tmp_path):
    db = str(tmp_path / "w.db")
    seed(db)
    r = run_cli("--speaker", "Sri", "--unit", "money", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "250,000,000,000,000 IDR" in r.stdout and "claims 1-2 of 2" in r.stderr
    r = run_cli("--speaker", "Sri", "--json", "--db", db)
    assert [json.loads(x)["text"] for x in r.stdout.splitlines()][-1] == "4"  # the oldest last
    r = run_cli("--speaker", "Sri", "--standing", "private", "--db", db)
    assert r.returncode == 0 and "no claims found" in r.stdout
    r = run_cli("--speaker", "Sri", "--over-time", "--db", db)
    assert r.returncode == 0 and "[IDR]: 2 claims" in r.stdout
    r = run_cli("--since", "2019-02-30", "--db", db)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) <= 2
    r = run_cli("--db", str(tmp_path / "none.db"))
    assert r.returncode == 1 and "no such archive" in r.stderr


def test_eval_claims_on_the_labelled_samples():
    from warta.evaluate.claims import SAMPLES, evaluate

    for sample, path in SAMPLES.items():
        report = evaluate(path)
        assert report["candidates"] >= 100, sample
        assert report["shipped"]["precision"] > report["no_rule"]["precision"], sample
        assert report["shipped"]["recall"] >= 0.95, sample
    dev = evaluate(SAMPLES["dev"])
    for name, s in dev["without"].items():  # every rule removes a non-claim of the sample it was written from
        assert s["listed"] > dev["shipped"]["listed"], name
