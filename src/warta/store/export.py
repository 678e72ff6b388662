"""Write the store's flat tables (:data:`warta.store.base.EXPORT_TABLES`) and its archive-level
tables (:data:`warta.store.base.ARCHIVE_TABLES`: claims) as JSONL, CSV or Parquet files, one per
table, streaming (the archive may not fit in memory).

Types are fixed per column so pandas, DuckDB and Spark read the same schema from every
format, empty tables included. ``json`` columns hold the full annotation dict as a JSON string.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from warta.store.base import ARCHIVE_TABLES, EXPORT_TABLES, Store

FORMATS = ("jsonl", "csv", "parquet")
INT_COLUMNS = {
    "start", "end", "idx", "n_chars", "n_entities", "n_quotes", "n_articles", "n_mentions",
    "original_start", "original_end", "entity_id", "speaker_entity_id", "in_original", "main",
    "quote_id", "quote_idx", "quantity_idx", "quote_start", "quote_end", "n_outlets", "story_id",
}  # fmt: skip
TABLES = {**EXPORT_TABLES, **ARCHIVE_TABLES}  # every table `warta export` writes, in order
FLOAT_COLUMNS = {"confidence", "value", "upper", "lat", "lon", "similarity", "score"}
ID_INT_TABLES = {"entities", "quotes", "failures", "stories"}  # their "id" is an integer


def column_type(table: str, column: str) -> str:
    """int | float | str for one export column."""
    if column == "id" and table in ID_INT_TABLES:
        return "int"
    if column == "value" and table == "times":
        return "str"  # ISO time values
    if column in INT_COLUMNS:
        return "int"
    if column in FLOAT_COLUMNS:
        return "float"
    return "str"


def _batches(rows: Iterable[tuple[Any, ...]], size: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _convert(table: str, cols: list[str], row: tuple[Any, ...]) -> list[Any]:
    out = []
    for c, v in zip(cols, row, strict=True):
        t = column_type(table, c)
        if v is None:
            out.append(None)
        elif t == "int":
            out.append(int(v))
        elif t == "float":
            out.append(float(v))
        else:
            out.append(str(v))
    return out


def export(store: Store, out_dir: str | Path, fmt: str, tables: Iterable[str] | None = None) -> dict[str, int]:
    """Write ``out_dir/<table>.<fmt>`` for each table; return rows written per table."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in tables or TABLES:
        cols = TABLES[table]
        path = out / f"{table}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".part")
        n = 0
        rows = (_convert(table, cols, r) for r in store.export_table(table))
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(dict(zip(cols, r, strict=True)), ensure_ascii=False) + "\n")
                    n += 1
        elif fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(cols)
                for r in rows:
                    w.writerow(r)
                    n += 1
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
            schema = pa.schema([(c, types[column_type(table, c)]) for c in cols])
            with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
                for batch in _batches(rows):
                    arrays = [pa.array([r[i] for r in batch], type=schema.field(i).type) for i in range(len(cols))]
                    writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                    n += len(batch)
        tmp.replace(path)
        counts[table] = n
    return counts
