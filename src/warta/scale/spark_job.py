"""The Warta pipeline on Apache Spark: inputs in, the tables of ``warta export`` out, as Parquet.

Run it with ``warta spark INPUT... OUTPUT`` or, on a cluster, as a file for spark-submit::

    spark-submit --master yarn --deploy-mode cluster \\
        "$(python -c 'import warta.scale.spark_job as m; print(m.__file__)')" \\
        --partitions 2000 --map text=content hdfs:///crawl/cc-news/2019/ s3a://bucket/warta/2019/

OUTPUT/<table>/ holds Parquet files for every table of :data:`warta.store.base.EXPORT_TABLES`
(articles, entities, mentions, quotes, times, quantities, sources, removed, failures) with the
column names and types of ``warta export --format parquet``, plus OUTPUT/inputs/ (input key,
name, status, article id: what ``warta load-parquet`` marks as done so a later ``warta ingest``
of the same inputs skips them).

The output equals what a sequential ``warta ingest`` + ``warta export`` produce for the same
inputs, ids included (entities, quotes and failures are numbered in input order as the store
numbers them), except the timestamp columns (ingested_at, updated_at, first_seen, time), which
hold the job's start time. See docs/scaling.md for what differs when one URL carries changed
content more than once in the input.

Inputs: local paths (every executor must see them: local mode, or a shared filesystem) or any
Hadoop-compatible URI (hdfs://, s3a://, gs://, abfs://...; listed and fetched by Hadoop's own
FileSystem, so whatever connectors the cluster has configured work).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from warta.read.record import Failure
from warta.scale import records as R
from warta.store.base import EXPORT_TABLES
from warta.store.export import column_type

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

LOCAL_SCHEMES = ("file:",)
INPUTS_COLUMNS = ["key", "name", "status", "article_id"]
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
ORD = ["file_no", "rec_no"]


@dataclass
class JobResult:
    output: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# ---- schemas ----------------------------------------------------------------------------------
def table_schema(table: str, extra: list[str] | None = None) -> StructType:
    """The Spark schema of one export table (int64 / float64 / string as `warta export` writes),
    with ``extra`` long columns (input order) in front."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"int": LongType(), "float": DoubleType(), "str": StringType()}
    fields = [StructField(c, LongType(), False) for c in extra or []]
    fields += [StructField(c, types[column_type(table, c)], True) for c in EXPORT_TABLES[table]]
    return StructType(fields)


def _schema(spec: list[tuple[str, str]]) -> StructType:
    from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

    types = {"long": LongType(), "str": StringType(), "bool": BooleanType()}
    return StructType([StructField(n, types[t], True) for n, t in spec])


# ---- reading ----------------------------------------------------------------------------------
def _is_local(path: str) -> bool:
    return "://" not in path or path.startswith(LOCAL_SCHEMES)


def _strip_file_scheme(path: str) -> str:
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def list_remote(spark: SparkSession, uri: str) -> list[str]:
    """Files under a Hadoop URI (recursively), sorted, through the cluster's Hadoop FileSystem."""
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    conf = spark.sparkContext._jsc.hadoopConfiguration()  # type: ignore[attr-defined]
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(conf)
    out = []
    it = fs.listFiles(path, True)
    while it.hasNext():
        p = it.next().getPath().toString()
        name = p.rstrip("/").rsplit("/", 1)[-1]
        if not name.startswith((".", "_")) and R.is_article_file(p):
            out.append(p)
    return sorted(out)


def read_inputs(spark: SparkSession, inputs: list[str], mapping: dict[str, str], partitions: int) -> RDD[R.Doc]:
    """All documents and read failures, each tagged with its input order."""
    sc = spark.sparkContext
    entries: list[tuple[int, str | Failure]] = []  # (file_no, local path | remote uri | failure)
    remote: dict[str, int] = {}
    for inp in inputs:
        if _is_local(inp):
            for item in R.local_files([_strip_file_scheme(inp)]):
                entries.append((len(entries), item))
        else:
            files = list_remote(spark, inp)
            if not files:
                entries.append((len(entries), Failure(inp, "no such file or directory, or no files in it")))
            for f in files:
                remote[f] = len(entries)
                entries.append((len(entries), f))
    m = dict(mapping)
    failures = [R.Doc(n, 0, R.failure_key(f), f.name, reason=f.reason) for n, f in entries if isinstance(f, Failure)]
    rdds = []
    local_entries = [(n, p) for n, p in entries if isinstance(p, str) and p not in remote]
    if local_entries:
        files = sc.parallelize(local_entries, max(1, len(local_entries)))
        rdds.append(files.flatMap(lambda e: R.read_local(e[0], e[1], m)))
    if remote:
        numbers = sc.broadcast(remote)

        def fetched(kv: tuple[str, bytes]) -> Iterator[R.Doc]:
            uri, data = kv
            n = numbers.value.get(uri)
            if n is None:  # Hadoop may qualify the path differently than the listing did
                n = next((v for k, v in numbers.value.items() if k.endswith(uri.split("://", 1)[-1])), 1 << 30)
            return R.read_bytes(n, uri, data, m)

        rdds.append(sc.binaryFiles(",".join(sorted(remote)), minPartitions=len(remote)).flatMap(fetched))
    if failures:
        rdds.append(sc.parallelize(failures, 1))
    docs = sc.union(rdds) if len(rdds) > 1 else (rdds[0] if rdds else sc.parallelize([], 1))
    # Reading is cheap next to the pipeline: spread the documents over the asked-for partitions
    # unless there are already as many input files as partitions.
    if docs.getNumPartitions() < partitions:
        docs = docs.repartition(partitions)
    return docs


# ---- the job ----------------------------------------------------------------------------------
def _with_ids(spark: SparkSession, df: DataFrame, order: list[str], id_col: str) -> DataFrame:
    """Number rows 1, 2, ... in ``order`` (as the store's autoincrement ids number them), at scale:
    a range-partitioned sort and zipWithIndex, never one partition holding everything."""
    from pyspark.sql.types import LongType, StructField, StructType

    ordered = df.orderBy(*order)
    schema = StructType([*ordered.schema.fields, StructField(id_col, LongType(), False)])
    rdd = ordered.rdd.zipWithIndex().map(lambda ri: (*ri[0], ri[1] + 1))
    return spark.createDataFrame(rdd, schema)


def build_tables(spark: SparkSession, processed: RDD[R.Processed], at: str) -> dict[str, DataFrame]:
    """The export tables from processed records, resolving what the store resolves on insert:
    identical inputs, duplicate articles, replaced URLs, merged entities and their ids."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    docs = spark.createDataFrame(
        processed.map(
            lambda p: (
                p.file_no,
                p.rec_no,
                p.key,
                p.name,
                p.rows is not None,
                p.reason,
                p.rows.article["id"] if p.rows else None,
                p.rows.article["url"] if p.rows else None,
            )
        ),
        _schema(
            [
                ("file_no", "long"),
                ("rec_no", "long"),
                ("key", "str"),
                ("name", "str"),
                ("ok", "bool"),
                ("reason", "str"),
                ("article_id", "str"),
                ("url", "str"),
            ]
        ),
    )
    # 1. identical inputs: the first is processed, later ones are skipped (as on an ingest rerun)
    by_key = Window.partitionBy("key").orderBy(*ORD)
    uniq = docs.withColumn("_n", F.row_number().over(by_key)).where("_n = 1").drop("_n").cache()
    # 2. the same article (content hash) twice: the first is stored, later ones are "unchanged"
    arts = uniq.where("ok")
    by_id = Window.partitionBy("article_id").orderBy(*ORD)
    first = arts.withColumn("_n", F.row_number().over(by_id)).where("_n = 1").drop("_n")
    # 3. one URL, other content: the last one replaces the earlier ones
    by_url = Window.partitionBy("url").orderBy(*[F.col(c).desc() for c in ORD])
    kept = (
        first.withColumn("_n", F.when(F.col("url").isNull(), 1).otherwise(F.row_number().over(by_url)))
        .where("_n = 1")
        .select(*ORD, "article_id")
        .cache()
    )
    keep_ord = kept.select(*ORD)
    # replaced articles: deleted right before the next article with their URL is inserted
    nxt = Window.partitionBy("url").orderBy(*ORD)
    replaced = (
        first.where(F.col("url").isNotNull())
        .withColumn("del_file_no", F.lead("file_no").over(nxt))
        .withColumn("del_rec_no", F.lead("rec_no").over(nxt))
        .where(F.col("del_file_no").isNotNull())
        .select(*ORD, "del_file_no", "del_rec_no")
    )
    # every article the store inserts at some point (replaced ones too): ids are handed out to
    # their entities and quotes on insert and are not reused after a replacement deletes them
    inserted_ord = first.select(*ORD).cache()

    def child(table: str) -> DataFrame:
        cols = EXPORT_TABLES[table]
        rdd = processed.flatMap(lambda p: R.child_rows(p, table, cols))
        df = spark.createDataFrame(rdd, table_schema(table, ORD))
        return df.join(keep_ord, on=ORD, how="left_semi")

    out: dict[str, DataFrame] = {}

    def article_row(p: R.Processed) -> list[tuple[Any, ...]]:
        if p.rows is None:
            return []
        a = dict(p.rows.article, ingested_at=at, updated_at=at)
        return [(p.file_no, p.rec_no, *(R.typed("articles", c, a.get(c)) for c in EXPORT_TABLES["articles"]))]

    articles = spark.createDataFrame(processed.flatMap(article_row), table_schema("articles", ORD))
    articles = articles.join(keep_ord, on=ORD, how="left_semi")
    out["articles"] = articles.orderBy(*ORD).drop(*ORD)  # input order: the loader stores them in it

    # entities: occurrences in inserted articles, merged by (type, key) and numbered in the order
    # the store creates them. An entity only replaced articles had is deleted with them and made
    # again (a new id) if a later article has it: those few go through R.entity_walk.
    def occurrences(p: R.Processed) -> list[tuple[Any, ...]]:
        if p.rows is None:
            return []
        return [
            (p.file_no, p.rec_no, pos, e.type, e.key, e.name, e.json, list(e.titles), e.local_id,
             p.rows.article["id"], bool(e.mentions))
            for pos, e in enumerate(p.rows.entities)
        ]  # fmt: skip

    from pyspark.sql.types import ArrayType, BooleanType, StringType, StructField, StructType

    occ_schema = StructType(
        [
            *_schema(
                [
                    ("file_no", "long"),
                    ("rec_no", "long"),
                    ("pos", "long"),
                    ("type", "str"),
                    ("key", "str"),
                    ("name", "str"),
                    ("json", "str"),
                ]
            ).fields,
            StructField("titles", ArrayType(StringType()), True),
            StructField("local_id", StringType(), True),
            StructField("article_id", StringType(), True),
            StructField("has_mentions", BooleanType(), True),
        ]
    )
    shuffle_n = int(spark.conf.get("spark.sql.shuffle.partitions") or 200)
    occ_all = spark.createDataFrame(processed.flatMap(occurrences), occ_schema)
    occ_all = occ_all.join(inserted_ord, on=ORD, how="left_semi").cache()
    occ = occ_all.join(keep_ord, on=ORD, how="left_semi")
    del_occ = (
        occ_all.where("has_mentions")
        .join(replaced, on=ORD)
        .select("type", "key", *ORD, "del_file_no", "del_rec_no")
        .cache()
    )
    walked = del_occ.select("type", "key").distinct()

    simple = (
        occ_all.join(walked, on=["type", "key"], how="left_anti")
        .rdd.map(
            lambda r: (
                (r.type, r.key),
                R.entity_state((r.file_no, r.rec_no, r.pos), r.name, r.json, list(r.titles or [])),
            )
        )
        .reduceByKey(R.merge_entity, numPartitions=shuffle_n)
        .map(lambda kv: (kv[0], [kv[1][0]], kv[1]))
    )
    occ_events = occ_all.join(walked, on=["type", "key"], how="left_semi").rdd.map(
        lambda r: (
            (r.type, r.key),
            ("occ", (r.file_no, r.rec_no, r.pos), r.name, r.json, list(r.titles or []), r.has_mentions),
        )
    )
    del_events = del_occ.rdd.map(
        lambda r: ((r.type, r.key), ("del", (r.file_no, r.rec_no), (r.del_file_no, r.del_rec_no)))
    )
    complex_ = (
        occ_events.union(del_events).groupByKey(numPartitions=shuffle_n).map(lambda kv: (kv[0], *R.entity_walk(kv[1])))
    )
    lives = simple.union(complex_).cache()  # ((type, key), [creations], final state or None)
    creations = spark.createDataFrame(
        lives.flatMap(lambda x: [(x[0][0], x[0][1], *c) for c in x[1]]),
        _schema([("type", "str"), ("key", "str"), ("f0", "long"), ("f1", "long"), ("f2", "long")]),
    )
    numbered = _with_ids(spark, creations, ["f0", "f1", "f2"], "id")
    finals = spark.createDataFrame(
        lives.filter(lambda x: x[2] is not None)
        .map(lambda x: (x[0], R.entity_final(x[2])))
        .map(lambda x: (x[0][0], x[0][1], *x[1][0], x[1][1], R.dumps(x[1][2]), x[1][3])),
        _schema(
            [
                ("type", "str"),
                ("key", "str"),
                ("f0", "long"),
                ("f1", "long"),
                ("f2", "long"),
                ("name", "str"),
                ("titles", "str"),
                ("json", "str"),
            ]
        ),
    )
    ents = finals.join(numbered, on=["type", "key", "f0", "f1", "f2"]).drop("f0", "f1", "f2").cache()
    ids = ents.select("type", "key", F.col("id").alias("entity_id"))
    occ_ids = occ.join(ids, on=["type", "key"])

    def mentions_of(p: R.Processed) -> list[tuple[Any, ...]]:
        if p.rows is None:
            return []
        aid = p.rows.article["id"]
        return [
            (p.file_no, p.rec_no, pos, aid, e.local_id, int(s), int(t), txt)
            for pos, e in enumerate(p.rows.entities)
            for s, t, txt in e.mentions
        ]

    men = spark.createDataFrame(
        processed.flatMap(mentions_of),
        _schema(
            [
                ("file_no", "long"),
                ("rec_no", "long"),
                ("pos", "long"),
                ("article_id", "str"),
                ("local_id", "str"),
                ("start", "long"),
                ("end", "long"),
                ("text", "str"),
            ]
        ),
    )
    local_map = occ_ids.select(*ORD, "pos", "local_id", "entity_id")
    mentions = men.join(local_map.drop("local_id"), on=[*ORD, "pos"])  # inner: kept articles only
    out["mentions"] = mentions.select(*EXPORT_TABLES["mentions"])
    counts = mentions.groupBy("entity_id").agg(
        F.countDistinct("article_id").alias("n_articles"), F.count(F.lit(1)).alias("n_mentions")
    )
    entities = ents.join(counts.withColumnRenamed("entity_id", "id"), on="id", how="left")
    entities = entities.fillna(0, subset=["n_articles", "n_mentions"]).withColumn("first_seen", F.lit(at))
    out["entities"] = entities.select(*EXPORT_TABLES["entities"])

    # quotes: speaker's article-local entity resolved to the merged entity; numbered in input order
    q_cols = [c for c in EXPORT_TABLES["quotes"] if c not in ("id", "speaker_entity_id")]

    def quote_rows(p: R.Processed) -> list[tuple[Any, ...]]:
        if p.rows is None:
            return []
        aid = p.rows.article["id"]
        rows = []
        for q in p.rows.quotes:
            sp = q.get("speaker_local")
            vals = [R.typed("quotes", c, aid if c == "article_id" else q.get(c)) for c in q_cols]
            rows.append((p.file_no, p.rec_no, None if sp is None else str(sp), *vals))
        return rows

    from pyspark.sql.types import LongType

    qt = table_schema("quotes", ORD)
    q_schema = StructType(
        [qt[c] for c in ORD] + [StructField("speaker_local", StringType(), True)] + [qt[c] for c in q_cols]
    )
    quotes = spark.createDataFrame(processed.flatMap(quote_rows), q_schema).join(inserted_ord, on=ORD, how="left_semi")
    speakers = (
        local_map.groupBy(*ORD, "local_id")
        .agg(F.min("entity_id").alias("speaker_entity_id"))
        .withColumnRenamed("local_id", "speaker_local")
    )
    quotes = quotes.join(speakers, on=[*ORD, "speaker_local"], how="left")
    quotes = quotes.withColumn("speaker_entity_id", F.col("speaker_entity_id").cast(LongType()))
    quotes = _with_ids(spark, quotes, [*ORD, "idx"], "id").join(keep_ord, on=ORD, how="left_semi")
    out["quotes"] = quotes.select(*EXPORT_TABLES["quotes"])

    for table in ("times", "quantities", "sources", "removed"):
        out[table] = child(table).drop(*ORD)

    # failures, numbered in input order; and the inputs done (for resuming with warta ingest)
    fails = uniq.where("NOT ok").select(
        *ORD, F.col("name").alias("input"), "reason", F.lit(at).alias("time"), F.col("key").alias("input_key")
    )
    out["failures"] = _with_ids(spark, fails, ORD, "id").select(*EXPORT_TABLES["failures"])
    out["inputs"] = uniq.select(
        "key",
        "name",
        F.when(F.col("ok"), F.lit("stored")).otherwise(F.lit("failed")).alias("status"),
        "article_id",
    )
    return out


def session(master: str | None, app: str = "warta") -> SparkSession:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    # one BLAS thread per Python worker: each task slot runs its own pipeline, and numpy's
    # OpenBLAS would otherwise start a thread per CPU in every worker (NER's matrix products)
    for var in BLAS_THREADS:
        os.environ.setdefault(var, "1")  # local mode: workers inherit the driver's environment
        builder = builder.config(f"spark.executorEnv.{var}", os.environ[var])
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.sql.session.timeZone", "UTC").config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def run_job(
    spark: SparkSession,
    inputs: list[str],
    output: str,
    *,
    mapping: dict[str, str] | None = None,
    partitions: int | None = None,
) -> JobResult:
    """Read, run the pipeline per partition, write OUTPUT/<table>/ Parquet; returns row counts."""
    import time

    from pyspark import StorageLevel

    start = time.perf_counter()
    at = datetime.now(UTC).isoformat(timespec="seconds")
    n = partitions or spark.sparkContext.defaultParallelism
    if not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        # after the pipeline the rows are few and small next to the work that made them: Spark's
        # default of 200 shuffle partitions is mostly task overhead on small and medium runs
        spark.conf.set("spark.sql.shuffle.partitions", str(n))
    docs = read_inputs(spark, inputs, mapping or {}, n)
    processed = docs.mapPartitions(R.run).persist(StorageLevel.MEMORY_AND_DISK)
    tables = build_tables(spark, processed, at)
    result = JobResult(output)
    for name, df in tables.items():
        df.write.mode("overwrite").option("compression", "zstd").parquet(f"{output.rstrip('/')}/{name}")
    for name in tables:
        result.counts[name] = spark.read.parquet(f"{output.rstrip('/')}/{name}").count()
    processed.unpersist()
    result.seconds = time.perf_counter() - start
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="warta.scale.spark_job", description=__doc__.split("\n\n")[0])
    add_arguments(p)
    return p.parse_args(argv)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="INPUT... OUTPUT: input files/dirs/URIs, then the output")
    p.add_argument("--partitions", type=int, help="pipeline partitions (default: Spark's default parallelism)")
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, or local[*])")
    p.add_argument("--map", dest="mapping", metavar="FIELD=COLUMN,...", help="corpus field names, as in warta ingest")


def main(argv: list[str] | None = None) -> int:
    from warta.read.tabular import parse_mapping

    args = parse_args(argv)
    if len(args.paths) < 2:
        print("warta spark: give INPUT... OUTPUT", file=sys.stderr)
        return 2
    spark = session(args.master)
    try:
        res = run_job(
            spark, args.paths[:-1], args.paths[-1], mapping=parse_mapping(args.mapping), partitions=args.partitions
        )
    finally:
        spark.stop()
    summary = ", ".join(f"{t} {n}" for t, n in res.counts.items())
    print(f"warta spark: wrote {res.output}/ in {res.seconds:.1f}s: {summary}", file=sys.stderr)
    return 1 if res.counts.get("failures") else 0


if __name__ == "__main__":
    sys.exit(main())
