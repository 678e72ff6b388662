"""`warta load-parquet` without Spark: the Parquet tables of `warta export` (the same layout
the Spark job writes, one file per table instead of a folder) load back into a fresh store as
the same archive, a second load adds nothing, and bad sources are one-line errors."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from store_helpers import make_article, sample_articles
from warta.cli import main
from warta.errors import InputError
from warta.scale.load import load
from warta.store import EXPORT_TABLES, open_store
from warta.store.export import export

TIMESTAMPS = {"ingested_at", "updated_at", "first_seen", "time"}


def content(d, table: str) -> list[tuple]:
    """Rows without timestamps and store-assigned ids (entity ids replaced by type and key)."""
    ents = {e["id"]: (e["type"], e["key"]) for e in pq.read_table(d / "entities.parquet").to_pylist()}
    rows = []
    for r in pq.read_table(d / f"{table}.parquet").to_pylist():
        for c in ("entity_id", "speaker_entity_id"):
            if c in r and r[c] is not None:
                r[c] = ents[r[c]]
        if table in ("entities", "quotes", "failures"):
            r.pop("id")
        rows.append(tuple(v for k, v in r.items() if k not in TIMESTAMPS))
    return sorted(rows, key=repr)


@pytest.fixture
def exported(tmp_path):
    arts = sample_articles()
    arts.append(
        make_article(
            "Menteri PUPR di Bogor",
            'Basuki Hadimuljono meninjau Bogor lagi, Senin. "Jalan tol selesai," kata Basuki Hadimuljono.',
            url="https://example.id/2019/09/20/tol",
            published="2019-09-20",
            people={"Basuki Hadimuljono": "PER", "Bogor": "LOC"},
            quote=('"Jalan tol selesai,"', "Basuki Hadimuljono"),
        )
    )
    with open_store(str(tmp_path / "a.db")) as store:
        for i, a in enumerate(arts):
            store.add(a, input_key=f"k{i}", input_name=f"in:{i}")
        store.add_failure("broken.jsonl:3", "line is not JSON", input_key="f1")
        export(store, tmp_path / "a", "parquet")
    return tmp_path / "a"


def test_export_loads_back_as_the_same_archive(exported, tmp_path):
    with open_store(str(tmp_path / "b.db")) as store:
        first = load(str(exported), store)
        again = load(str(exported), store)
        export(store, tmp_path / "b", "parquet")
    assert (first.inserted, first.failures) == (4, 1)
    assert again.inserted == again.failures == 0 and again.unchanged == 4 and again.skipped == 1
    for table in EXPORT_TABLES:
        assert content(tmp_path / "b", table) == content(exported, table), table
    basuki = [r for r in content(tmp_path / "b", "entities") if r[2] == "basuki hadimuljono"]
    assert len(basuki) == 1 and basuki[0][4] == 3  # one entity, merged across its 3 articles


def test_load_into_a_store_that_has_articles_keeps_references(exported, tmp_path):
    other = make_article(
        "Banjir lagi",
        'Bogor banjir, Senin. "Kami siaga," kata Basuki Hadimuljono.',
        url="https://lain.id/banjir",
        published="2019-11-01",
        people={"Basuki Hadimuljono": "PER", "Bogor": "LOC"},
        quote=('"Kami siaga,"', "Basuki Hadimuljono"),
    )
    with open_store(str(tmp_path / "c.db")) as store:
        store.add(other)
        load(str(exported), store)
        ent = store.find_entities("Basuki Hadimuljono").items[0]
        quotes = store.quotes(speaker=int(ent["id"])).items
    assert ent["n_articles"] == 4
    assert len(quotes) == 4


def test_bad_sources_are_one_line_errors(tmp_path, capsys):
    with open_store(str(tmp_path / "d.db")) as store:
        with pytest.raises(InputError, match="no such directory"):
            load(str(tmp_path / "missing"), store)
        (tmp_path / "empty").mkdir()
        with pytest.raises(InputError, match="no articles table"):
            load(str(tmp_path / "empty"), store)
    assert main(["load-parquet", str(tmp_path / "empty"), "--db", str(tmp_path / "d.db")]) == 1
    assert "no articles table" in capsys.readouterr().err
