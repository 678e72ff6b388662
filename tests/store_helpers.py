"""Shared helpers for the store and ingest tests (the web and Spark tests use them too): a
store fixture over both back ends and hand-built articles with entities and quotations (so the
tests do not depend on how well the NLP stages do today)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from warta.article import (
    Article,
    Cue,
    Entity,
    Field,
    Mention,
    Published,
    Quantity,
    Quote,
    Removed,
    SourceRef,
    Speaker,
    TimeExpr,
)
from warta.geo.stage import annotate as geo_annotate
from warta.store import Store, open_store

PG_URL = os.environ.get("WARTA_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pg_schema_url(base: str) -> tuple[str, str]:
    """A fresh schema in the test database, so tests never see each other's rows."""
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def drop_pg_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def store_target(backend: str, tmp_path) -> Iterator[str]:
    if backend == "sqlite":
        yield str(tmp_path / "warta.db")
        return
    if not PG_URL:
        pytest.skip("PostgreSQL tests need WARTA_TEST_PG (make test, or bash scripts/start-postgres.sh)")
    url, schema = pg_schema_url(PG_URL)
    try:
        yield url
    finally:
        drop_pg_schema(PG_URL, schema)


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path) -> Iterator[str]:
    yield from store_target(request.param, tmp_path)


@pytest.fixture
def store(target) -> Iterator[Store]:
    s = open_store(target)
    try:
        yield s
    finally:
        s.close()


def make_article(
    title: str,
    body: str,
    *,
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    people: dict[str, str] | None = None,
    quote: tuple[str, str] | None = None,
) -> Article:
    """An article whose entities are the given names (name -> type) found in the body, and
    optionally one quotation (text, speaker name) present verbatim in the body; its places are
    geocoded by the geo stage."""
    a = Article(original=body, text=body, url=url, outlet=outlet)
    a.title = Field(title, 0, len(title))
    if published:
        a.published = Published(value=published, source="input")
    for i, (name, typ) in enumerate((people or {}).items()):
        mentions = []
        pos = body.find(name)
        while pos >= 0:
            mentions.append(Mention(pos, pos + len(name), name))
            pos = body.find(name, pos + 1)
        assert mentions, name
        a.entities.append(
            Entity(id=f"e{i}", name=name, type=typ, mentions=mentions, titles=["Menteri"] if i == 0 else [])
        )
    geo_annotate(a)  # the geo stage itself: places get geo, the article a location
    if quote:
        text, who = quote
        s = body.index(text)
        ent = next((e for e in a.entities if e.name == who), None)
        cue_at = body.index("kata")
        a.quotes.append(
            Quote(
                s,
                s + len(text),
                text=text,
                kind="direct",
                cue=Cue(cue_at, cue_at + 4, "kata", "kata"),
                speaker=Speaker(entity=ent.id if ent else None, name=who, titles=["Menteri"]),
                confidence=0.9,
            )
        )
    if "Senin" in body:
        p = body.index("Senin")
        a.times.append(TimeExpr(p, p + 5, text="Senin", value=published, grain="day", confidence=0.8))
    if "Antara" in body:
        p = body.index("Antara")
        a.sources.append(SourceRef(p, p + 6, name="Antara", relation="cited", text="Antara"))
    return a


def sample_articles() -> list[Article]:
    arts = [
        make_article(
            "Banjir rendam Jakarta Utara",
            "Banjir merendam ratusan rumah di Jakarta Utara, Senin. "
            '"Kami sudah mengirim perahu karet ke lokasi," kata Basuki Hadimuljono kepada Antara.',
            url="https://example.id/2019/09/09/banjir",
            published="2019-09-09",
            outlet="Contoh News",
            people={"Basuki Hadimuljono": "PER", "Jakarta Utara": "LOC"},
            quote=('"Kami sudah mengirim perahu karet ke lokasi,"', "Basuki Hadimuljono"),
        ),
        make_article(
            "Menteri tinjau bendungan",
            "Basuki Hadimuljono meninjau bendungan di Bogor, Senin. "
            '"Bendungan ini selesai tahun depan," kata Basuki Hadimuljono.',
            url="https://example.id/2019/09/16/bendungan",
            published="2019-09-16",
            outlet="Contoh News",
            people={"Basuki Hadimuljono": "PER", "Bogor": "LOC"},
            quote=('"Bendungan ini selesai tahun depan,"', "Basuki Hadimuljono"),
        ),
        make_article(
            "Harga cabai naik",
            "Harga cabai di pasar induk naik dua kali lipat menurut pedagang. "
            '"Pasokan dari petani berkurang," kata Siti Aminah, seorang pedagang.',
            url="https://lain.id/berita/cabai",
            published="2019-10-01",
            outlet="Lain Pos",
            people={"Siti Aminah": "PER"},
            quote=('"Pasokan dari petani berkurang,"', "Siti Aminah"),
        ),
    ]
    arts[0].removed.append(Removed("related", "Baca juga: Banjir lagi", 0, 22, rule="baca-juga"))
    p = arts[2].text.index("dua kali lipat")
    arts[2].quantities.append(Quantity(p, p + 14, text="dua kali lipat", value=2.0, unit="kali", bound="exact"))
    return arts
