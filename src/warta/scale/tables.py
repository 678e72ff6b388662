"""The export tables of the Spark job (:mod:`warta.scale.spark_job`) as DataFrames, built from the
processed records of :mod:`warta.scale.records`.

:func:`build_tables` resolves what the store resolves on insert, so the tables equal what a
sequential ``warta ingest`` + ``warta export`` produce: identical inputs (the first is kept),
duplicate articles, URLs whose content changed (the last one replaces the earlier ones), entities
merged across articles and the ids the store hands out, all in input order ``(file_no, rec_no)``.
pyspark is imported inside the functions, so importing this module does not need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warta.scale import records as R
from warta.store.base import EXPORT_TABLES
from warta.store.export import column_type

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

ORD = ["file_no", "rec_no"]


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


def _with_ids(spark: SparkSession, df: DataFrame, order: list[str], id_col: str) -> DataFrame:
    """Number rows 1, 2, ... in ``order`` (as the store's autoincrement ids number them), at scale:
    a range-partitioned sort and zipWithIndex, never one partition holding everything."""
    from pyspark.sql.types import LongType, StructField, StructType

    ordered = df.orderBy(*order)
    schema = StructType([*ordered.schema.fields, StructField(id_col, LongType(), False)])
    rdd = ordered.rdd.zipWithIndex().map(lambda ri: (*ri[0], ri[1] + 1))
    return spark.createDataFrame(rdd, schema)


# ---- which inputs and articles the store keeps ------------------------------------------------
@dataclass
class Kept:
    """The inputs and articles as the store resolves them (each a DataFrame keyed by ``ORD``)."""

    uniq: DataFrame  # the first of identical inputs (later ones are skipped, as on an ingest rerun)
    keep_ord: DataFrame  # the articles stored in the end (no later article with their URL)
    replaced: DataFrame  # replaced articles, with the input that deletes them (del_file_no, del_rec_no)
    inserted_ord: DataFrame  # every article the store inserts at some point, replaced ones too


def _docs(spark: SparkSession, processed: RDD[R.Processed]) -> DataFrame:
    """One row per processed input: key, name, whether an article came out, its id and URL."""
    return spark.createDataFrame(
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


def resolve_inputs(docs: DataFrame) -> Kept:
    """Which inputs are processed and which articles the store keeps, in input order."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

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
    return Kept(uniq, keep_ord, replaced, inserted_ord)


# ---- articles and their plain child tables ----------------------------------------------------
def _articles(spark: SparkSession, processed: RDD[R.Processed], keep_ord: DataFrame, at: str) -> DataFrame:
    def article_row(p: R.Processed) -> list[tuple[Any, ...]]:
        if p.rows is None:
            return []
        a = dict(p.rows.article, ingested_at=at, updated_at=at)
        return [(p.file_no, p.rec_no, *(R.typed("articles", c, a.get(c)) for c in EXPORT_TABLES["articles"]))]

    articles = spark.createDataFrame(processed.flatMap(article_row), table_schema("articles", ORD))
    articles = articles.join(keep_ord, on=ORD, how="left_semi")
    return articles.orderBy(*ORD).drop(*ORD)  # input order: the loader stores them in it


def _child(spark: SparkSession, processed: RDD[R.Processed], table: str, keep_ord: DataFrame) -> DataFrame:
    cols = EXPORT_TABLES[table]
    rdd = processed.flatMap(lambda p: R.child_rows(p, table, cols))
    df = spark.createDataFrame(rdd, table_schema(table, ORD))
    return df.join(keep_ord, on=ORD, how="left_semi")


# ---- entities, merged across articles ---------------------------------------------------------
def _occurrences(spark: SparkSession, processed: RDD[R.Processed], k: Kept) -> tuple[DataFrame, DataFrame, DataFrame]:
    """Entity occurrences in inserted articles (all, in kept articles) and those in replaced ones."""
    from pyspark.sql.types import ArrayType, BooleanType, StringType, StructField, StructType

    def occurrences(p: R.Processed) -> list[tuple[Any, ...]]:
        if p.rows is None:
            return []
        return [
            (p.file_no, p.rec_no, pos, e.type, e.key, e.name, e.json, list(e.titles), e.local_id,
             p.rows.article["id"], bool(e.mentions))
            for pos, e in enumerate(p.rows.entities)
        ]  # fmt: skip

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
    occ_all = spark.createDataFrame(processed.flatMap(occurrences), occ_schema)
    occ_all = occ_all.join(k.inserted_ord, on=ORD, how="left_semi").cache()
    occ = occ_all.join(k.keep_ord, on=ORD, how="left_semi")
    del_occ = (
        occ_all.where("has_mentions")
        .join(k.replaced, on=ORD)
        .select("type", "key", *ORD, "del_file_no", "del_rec_no")
        .cache()
    )
    return occ_all, occ, del_occ


def _entity_lives(occ_all: DataFrame, del_occ: DataFrame, shuffle_n: int) -> RDD[Any]:
    """((type, key), [creations], final state or None) per entity.

    Entities are numbered in the order the store creates them. An entity only replaced articles
    had is deleted with them and made again (a new id) if a later article has it: those few go
    through R.entity_walk; the others are one associative merge."""
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
    return simple.union(complex_).cache()


def _merged_entities(spark: SparkSession, lives: RDD[Any]) -> DataFrame:
    """The entities that exist in the end: type, key, name, titles, json and their store id."""
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
    return finals.join(numbered, on=["type", "key", "f0", "f1", "f2"]).drop("f0", "f1", "f2").cache()


def _mentions(spark: SparkSession, processed: RDD[R.Processed], local_map: DataFrame) -> DataFrame:
    """Mentions of the kept articles with their merged entity id (all columns, ``ORD`` too)."""

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
    return men.join(local_map.drop("local_id"), on=[*ORD, "pos"])  # inner: kept articles only


def _entities_and_mentions(
    spark: SparkSession, processed: RDD[R.Processed], k: Kept, at: str
) -> tuple[DataFrame, DataFrame, DataFrame]:
    """The entities and mentions tables, and (ORD, pos, local_id, entity_id) for the quotes."""
    from pyspark.sql import functions as F

    shuffle_n = int(spark.conf.get("spark.sql.shuffle.partitions") or 200)
    occ_all, occ, del_occ = _occurrences(spark, processed, k)
    ents = _merged_entities(spark, _entity_lives(occ_all, del_occ, shuffle_n))
    ids = ents.select("type", "key", F.col("id").alias("entity_id"))
    occ_ids = occ.join(ids, on=["type", "key"])
    local_map = occ_ids.select(*ORD, "pos", "local_id", "entity_id")
    mentions = _mentions(spark, processed, local_map)
    counts = mentions.groupBy("entity_id").agg(
        F.countDistinct("article_id").alias("n_articles"), F.count(F.lit(1)).alias("n_mentions")
    )
    entities = ents.join(counts.withColumnRenamed("entity_id", "id"), on="id", how="left")
    entities = entities.fillna(0, subset=["n_articles", "n_mentions"]).withColumn("first_seen", F.lit(at))
    return entities.select(*EXPORT_TABLES["entities"]), mentions.select(*EXPORT_TABLES["mentions"]), local_map


# ---- quotes, failures, inputs -----------------------------------------------------------------
def _quotes(spark: SparkSession, processed: RDD[R.Processed], k: Kept, local_map: DataFrame) -> DataFrame:
    """Quotes with the speaker's article-local entity resolved to the merged entity; numbered in
    input order over every inserted article (as the store numbers them), then the kept ones."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StringType, StructField, StructType

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

    qt = table_schema("quotes", ORD)
    q_schema = StructType(
        [qt[c] for c in ORD] + [StructField("speaker_local", StringType(), True)] + [qt[c] for c in q_cols]
    )
    quotes = spark.createDataFrame(processed.flatMap(quote_rows), q_schema).join(
        k.inserted_ord, on=ORD, how="left_semi"
    )
    speakers = (
        local_map.groupBy(*ORD, "local_id")
        .agg(F.min("entity_id").alias("speaker_entity_id"))
        .withColumnRenamed("local_id", "speaker_local")
    )
    quotes = quotes.join(speakers, on=[*ORD, "speaker_local"], how="left")
    quotes = quotes.withColumn("speaker_entity_id", F.col("speaker_entity_id").cast(LongType()))
    quotes = _with_ids(spark, quotes, [*ORD, "idx"], "id").join(k.keep_ord, on=ORD, how="left_semi")
    return quotes.select(*EXPORT_TABLES["quotes"])


def _failures_and_inputs(spark: SparkSession, uniq: DataFrame, at: str) -> tuple[DataFrame, DataFrame]:
    """Failures numbered in input order; and the inputs done (for resuming with warta ingest)."""
    from pyspark.sql import functions as F

    fails = uniq.where("NOT ok").select(
        *ORD, F.col("name").alias("input"), "reason", F.lit(at).alias("time"), F.col("key").alias("input_key")
    )
    failures = _with_ids(spark, fails, ORD, "id").select(*EXPORT_TABLES["failures"])
    inputs = uniq.select(
        "key",
        "name",
        F.when(F.col("ok"), F.lit("stored")).otherwise(F.lit("failed")).alias("status"),
        "article_id",
    )
    return failures, inputs


def build_tables(spark: SparkSession, processed: RDD[R.Processed], at: str) -> dict[str, DataFrame]:
    """The export tables from processed records, resolving what the store resolves on insert:
    identical inputs, duplicate articles, replaced URLs, merged entities and their ids."""
    k = resolve_inputs(_docs(spark, processed))
    out: dict[str, DataFrame] = {"articles": _articles(spark, processed, k.keep_ord, at)}
    entities, mentions, local_map = _entities_and_mentions(spark, processed, k, at)
    out["mentions"] = mentions
    out["entities"] = entities
    out["quotes"] = _quotes(spark, processed, k, local_map)
    for table in ("times", "quantities", "sources", "removed", "places"):
        out[table] = _child(spark, processed, table, k.keep_ord).drop(*ORD)
    out["failures"], out["inputs"] = _failures_and_inputs(spark, k.uniq, at)
    return out
