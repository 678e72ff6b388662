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
from typing import TYPE_CHECKING

from warta.read.record import Failure
from warta.scale import records as R
from warta.scale.tables import build_tables

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

LOCAL_SCHEMES = ("file:",)
INPUTS_COLUMNS = ["key", "name", "status", "article_id"]
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class JobResult:
    output: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


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
