"""The Spark job (local[2]) against the single-machine path: on the same inputs, its Parquet
tables equal what `warta ingest` + `warta export` produce, and `warta load-parquet` of them
gives back the same archive.

Inputs: 200 real CLICK-ID articles (tests/fixtures/spark, see ATTRIBUTION.md) plus a JSONL
file built here from some of them that exercises what the store resolves: unreadable lines,
an empty article, the same input twice, the same content under another URL (unchanged), and
changed content under a URL seen before (replaces the older article).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.spark

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("the Spark tests need Java", allow_module_level=True)

from warta.batch import ingest  # noqa: E402
from warta.store import EXPORT_TABLES, open_store  # noqa: E402
from warta.store.export import export  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "spark" / "click-id-200.csv.gz"
MAPPING = {"text": "content", "outlet": "source", "published": "date"}
TIMESTAMPS = {"ingested_at", "updated_at", "first_seen", "time"}  # when it ran, not what it found


def fixture_rows() -> list[dict[str, str]]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def tricky_jsonl(path: Path) -> None:
    rows = fixture_rows()
    changed = dict(rows[5], content=rows[5]["content"] + " Berita ini diperbarui dengan keterangan polisi.")
    lines = [
        "{not json",
        json.dumps(dict(rows[3], content="   ")),  # no article text
        json.dumps(dict(rows[1], url="https://mirror.example/berita/1")),  # same content, other URL
        json.dumps(changed),  # same URL as row 5, other content: replaces it
        json.dumps(changed),  # the very same input again: skipped
        json.dumps(rows[7]),  # row 7 again, as JSON: the same input key as its CSV row, skipped
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table_rows(path: Path, table: str) -> tuple[Any, list[tuple[Any, ...]]]:
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    cols = [c for c in EXPORT_TABLES[table] if c not in TIMESTAMPS]
    rows = sorted((tuple(r[c] for c in cols) for r in t.to_pylist()), key=repr)
    return t.schema, rows


def assert_same_tables(single: Path, spark_out: Path) -> None:
    for table in EXPORT_TABLES:
        s_schema, s_rows = table_rows(single / f"{table}.parquet", table)
        p_schema, p_rows = table_rows(spark_out / table, table)
        assert [(f.name, str(f.type)) for f in p_schema] == [(f.name, str(f.type)) for f in s_schema], table
        assert len(p_rows) == len(s_rows), table
        missing = [r for r in s_rows if r not in set(p_rows)][:1]
        extra = [r for r in p_rows if r not in set(s_rows)][:1]
        assert p_rows == s_rows, f"{table}: single-machine only {str(missing)[:600]}; spark only {str(extra)[:600]}"


def natural_rows(path: Path, table: str, entity_keys: dict[int, tuple[str, str]]) -> list[tuple[Any, ...]]:
    """Rows with the store's surrogate ids replaced by what they stand for (an entity id by the
    entity's type and key) or left out (quote and failure ids: article_id+idx, input_key)."""
    import pyarrow.parquet as pq

    out = []
    for r in pq.read_table(path).to_pylist():
        for c in ("entity_id", "speaker_entity_id"):
            if c in r:
                r[c] = entity_keys.get(r[c]) if r[c] is not None else None
        if table in ("entities", "quotes", "failures"):
            r.pop("id")
        out.append(tuple(v for k, v in r.items() if k not in TIMESTAMPS))
    return sorted(out, key=repr)


def assert_same_content(a: Path, b: Path) -> None:
    """The same archive up to the ids a store hands out (a load into a store that already had
    articles, or after replacements, numbers entities and quotes in its own way)."""
    import pyarrow.parquet as pq

    def path(d: Path, t: str) -> Path:
        return d / f"{t}.parquet" if (d / f"{t}.parquet").exists() else d / t

    keys = []
    for d in (a, b):
        ents = pq.read_table(path(d, "entities")).to_pylist()
        keys.append({e["id"]: (e["type"], e["key"]) for e in ents})
    for table in EXPORT_TABLES:
        ra = natural_rows(path(a, table), table, keys[0])
        rb = natural_rows(path(b, table), table, keys[1])
        assert len(ra) == len(rb), table
        assert ra == rb, table


@pytest.fixture(scope="module")
def spark():
    from warta.scale.spark_job import session

    s = session("local[2]", app="warta-test")
    s.conf.set("spark.sql.shuffle.partitions", "4")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, spark):
    """(single-machine export dir, spark output dir, inputs) for the same inputs."""
    from warta.scale.spark_job import run_job

    tmp = tmp_path_factory.mktemp("spark")
    extra = tmp / "extra.jsonl"
    tricky_jsonl(extra)
    inputs = [str(FIXTURE), str(extra)]
    with open_store(str(tmp / "single.db")) as store:
        stats = ingest(inputs, store, mapping=MAPPING)
        export(store, tmp / "single", "parquet")
    result = run_job(spark, inputs, str(tmp / "spark"), mapping=MAPPING, partitions=3)
    return tmp / "single", tmp / "spark", inputs, stats, result


def test_spark_output_equals_ingest_and_export(outputs):
    single, spark_out, _inputs, stats, result = outputs
    # the inputs really exercise the paths compared below
    assert stats.inserted >= 195 and stats.updated == 1 and stats.unchanged == 1 and stats.skipped == 2
    assert stats.failed >= 2
    assert result.counts["articles"] == stats.inserted
    assert result.counts["quotes"] > 100 and result.counts["times"] > 100 and result.counts["quantities"] > 100
    assert_same_tables(single, spark_out)


def test_a_bad_record_is_a_failure_row_not_a_failed_job(outputs):
    import pyarrow.parquet as pq

    _single, spark_out, _inputs, _stats, _result = outputs
    failures = pq.read_table(spark_out / "failures").to_pylist()
    reasons = {f["input"].rsplit("/", 1)[-1]: f["reason"] for f in failures}
    assert "not JSON" in reasons["extra.jsonl:1"]
    assert "no article text" in reasons["extra.jsonl:2"]
    assert all(f["input_key"] and f["time"] for f in failures)
    assert sorted(f["id"] for f in failures) == list(range(1, len(failures) + 1))


def test_load_parquet_gives_back_the_same_archive(outputs, tmp_path):
    single, spark_out, _inputs, _stats, _result = outputs
    from warta.scale.load import load

    with open_store(str(tmp_path / "loaded.db")) as store:
        first = load(str(spark_out), store)
        again = load(str(spark_out), store)  # resumable: nothing is added twice
        export(store, tmp_path / "loaded", "parquet")
        assert store.stats()["counts"]["inputs"] > 0
    assert first.inserted > 0 and first.failures >= 2
    assert again.inserted == again.unchanged == again.failures == 0 and again.skipped > 0
    assert_same_content(tmp_path / "loaded", spark_out)
    assert_same_content(single, tmp_path / "loaded")


def test_loaded_inputs_are_skipped_by_a_later_ingest(outputs, tmp_path):
    _single, spark_out, inputs, _stats, _result = outputs
    from warta.scale.load import load

    with open_store(str(tmp_path / "loaded.db")) as store:
        load(str(spark_out), store)
        stats = ingest(inputs, store, mapping=MAPPING)
    assert stats.inserted == stats.updated == stats.failed == 0
    assert stats.skipped == stats.seen


def test_entities_merge_as_the_store_merges_them(spark, tmp_path):
    """Hand-built articles (the NER stage may not be in the pipeline): the same entity under
    other spellings and titles across articles, a speaker resolved to it, a URL replaced."""
    from store_helpers import make_article, sample_articles
    from warta.scale.records import Processed
    from warta.scale.tables import build_tables
    from warta.store.rows import article_rows

    arts = sample_articles()
    again = make_article(
        "Menteri PUPR di Bogor",
        'basuki hadimuljono meninjau Bogor lagi, Senin. "Jalan tol selesai," kata basuki hadimuljono.',
        url="https://example.id/2019/09/20/tol",
        published="2019-09-20",
        people={"basuki hadimuljono": "PER", "Bogor": "LOC"},
        quote=('"Jalan tol selesai,"', "basuki hadimuljono"),
    )
    again.entities[0].titles = ["Menteri PUPR", "Menteri"]
    original = make_article(
        "Menteri tinjau bendungan",
        "Basuki Hadimuljono meninjau bendungan di Cianjur, Senin. "
        '"Bendungan ini selesai tahun depan," kata Basuki Hadimuljono.',
        url=arts[1].url,
        published="2019-09-16",
        people={"Basuki Hadimuljono": "PER", "Cianjur": "LOC"},
        quote=('"Bendungan ini selesai tahun depan,"', "Basuki Hadimuljono"),
    )
    replaced = make_article(
        "Menteri tinjau bendungan (ralat)",
        "Basuki Hadimuljono meninjau bendungan di Cianjur, Senin. "
        '"Bendungan ini selesai tahun depan," kata Basuki Hadimuljono.',
        url=arts[1].url,
        published="2019-09-16",
        people={"Basuki Hadimuljono": "PER", "Cianjur": "LOC"},
        quote=('"Bendungan ini selesai tahun depan,"', "Basuki Hadimuljono"),
    )
    # Cianjur: only in the article that is replaced, so deleted with it and created again
    sequence = [arts[0], original, again, arts[2], replaced, arts[0]]
    procs = []
    with open_store(str(tmp_path / "single.db")) as store:
        for i, a in enumerate(sequence):
            d = a.to_dict()
            store.add(d, input_key=f"key{i}", input_name=f"hand:{i}")
            procs.append(Processed(0, i, f"key{i}", f"hand:{i}", rows=article_rows(d, input_name=f"hand:{i}")))
        export(store, tmp_path / "single", "parquet")
    tables = build_tables(spark, spark.sparkContext.parallelize(procs, 3), "2026-01-01T00:00:00+00:00")
    for name, df in tables.items():
        df.write.mode("overwrite").parquet(str(tmp_path / "spark" / name))
    assert_same_tables(tmp_path / "single", tmp_path / "spark")
    import pyarrow.parquet as pq

    ents = {r["key"]: r for r in pq.read_table(tmp_path / "spark" / "entities").to_pylist()}
    assert ents["basuki hadimuljono"]["name"] == "Basuki Hadimuljono"
    assert json.loads(ents["bogor"]["titles"]) == []
    assert ents["cianjur"]["id"] > max(e["id"] for k, e in ents.items() if k != "cianjur")
    assert json.loads(ents["basuki hadimuljono"]["titles"]) == ["Menteri", "Menteri PUPR"]
    speakers = {r["speaker_entity_id"] for r in pq.read_table(tmp_path / "spark" / "quotes").to_pylist()}
    assert ents["basuki hadimuljono"]["id"] in speakers


def test_cli_runs_the_job(tmp_path, spark):
    """`warta spark` end to end. Last in this file: the command stops the process's one session."""
    from warta.cli import main

    src = tmp_path / "in.jsonl"
    rows = fixture_rows()[:6]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    code = main(
        [
            "spark",
            str(src),
            str(tmp_path / "out"),
            "--master",
            "local[2]",
            "--partitions",
            "2",
            "--map",
            "text=content,outlet=source,published=date",
        ]
    )
    import pyarrow.parquet as pq

    assert code == 1  # one input failed, as warta ingest reports it
    assert pq.read_table(tmp_path / "out" / "articles").num_rows == 6
    assert pq.read_table(tmp_path / "out" / "failures").num_rows == 1
