"""``warta spark INPUT... OUTPUT [--partitions N] [--master URL] [--map ...]``: the pipeline on
Apache Spark, writing the tables of ``warta export`` as Parquet (OUTPUT/<table>/).

The same job runs on a cluster with spark-submit (see warta.scale.spark_job and
docs/scaling.md). Needs pyspark (``pip install 'warta[spark]'``) and Java 17.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from warta.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("spark", help="run the pipeline on Apache Spark and write Parquet tables")
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="INPUT... OUTPUT: files, directories or Hadoop URIs, then the output"
    )
    p.add_argument("--partitions", type=int, help="pipeline partitions (default: Spark's default parallelism)")
    p.add_argument(
        "--master", default=None, help="Spark master URL, e.g. local[4], spark://host:7077, yarn (default local[*])"
    )
    p.add_argument("--map", dest="mapping", metavar="FIELD=COLUMN,...", help="corpus field names, as in warta ingest")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from warta.read.tabular import parse_mapping

    if len(args.paths) < 2:
        raise UsageError("give at least one INPUT and the OUTPUT directory")
    if args.partitions is not None and args.partitions < 1:
        raise UsageError("--partitions must be at least 1")
    try:
        mapping = parse_mapping(args.mapping)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise UsageError("warta spark needs pyspark: pip install 'warta[spark]'") from None
    if shutil.which("java") is None and not __import__("os").environ.get("JAVA_HOME"):
        raise UsageError("warta spark needs Java 17 (java on PATH or JAVA_HOME)")
    from warta.scale.spark_job import run_job, session

    spark = session(args.master or "local[*]")
    try:
        res = run_job(spark, args.paths[:-1], args.paths[-1], mapping=mapping, partitions=args.partitions)
    finally:
        spark.stop()
    summary = ", ".join(f"{t} {n}" for t, n in res.counts.items())
    print(f"warta: spark wrote {res.output}/ in {res.seconds:.1f}s: {summary}", file=sys.stderr)
    return 1 if res.counts.get("failures") else 0
