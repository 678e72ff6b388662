"""JSONL and CSV corpora: one article per line/row, fields found through a mapping.

Default field names: ``title``, ``text`` (or ``html``), ``url``, ``published``, ``outlet``,
``lang``; ``mapping`` renames them (``{"text": "content", "title": "judul"}``). Other columns
go to ``RawDocument.meta``. A row that cannot be read becomes a :class:`Failure`; the rest
of the file is read on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from warta.read.bounded import MAX_LINE_BYTES, Overlong, bounded_lines
from warta.read.dates import choose_published
from warta.read.record import Failure, RawDocument
from warta.read.text import MAX_ARTICLE_CHARS

FIELDS = ("title", "text", "html", "url", "published", "outlet", "lang", "fetched")
csv.field_size_limit(MAX_LINE_BYTES)  # a longer field is a broken row, not memory taken
OVERLONG = "\x00warta:overlong-line\x00"  # stands for a line the bounded reader dropped


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``title=judul,text=content`` -> {"title": "judul", "text": "content"}; raises ValueError."""
    out: dict[str, str] = {}
    if not spec:
        return out
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        ours, sep, theirs = part.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not sep or not ours or not theirs:
            raise ValueError(f"bad mapping {part!r}: expected FIELD=COLUMN")
        if ours not in FIELDS:
            raise ValueError(f"unknown field {ours!r} in mapping: expected one of {', '.join(FIELDS)}")
        out[ours] = theirs
    return out


def record_to_document(rec: Mapping[str, Any], name: str, mapping: Mapping[str, str]) -> RawDocument | Failure:
    """Build a RawDocument from one JSON object or CSV row."""
    col = {f: mapping.get(f, f) for f in FIELDS}

    def get(f: str) -> Any:
        v = rec.get(col[f])
        if isinstance(v, str):
            v = v.strip()
        return v if v not in ("", None) else None

    text, html = get("text"), get("html")
    body = text if text is not None else html
    if body is None:
        wanted = f"{col['text']!r} or {col['html']!r}"
        return Failure(name, f"no article text: field {wanted} is missing or empty")
    if not isinstance(body, str):
        return Failure(name, f"article text is a {type(body).__name__}, not a string")
    if len(body) > MAX_ARTICLE_CHARS:
        return Failure(name, f"article text is {len(body):,} characters, over the {MAX_ARTICLE_CHARS:,} limit")
    url = get("url")
    url = str(url) if url is not None else None
    published, why = choose_published(get("published"), url)
    used = {col[f] for f in FIELDS}
    meta = {k: v for k, v in rec.items() if k not in used and k is not None and v not in ("", None)}
    if why != "field" and get("published") is not None:  # the value was not used: keep it
        meta["published_field"] = get("published")
    title = get("title")
    outlet, lang, fetched = get("outlet"), get("lang"), get("fetched")
    return RawDocument(
        content=body,
        format=None if text is not None else "html",
        name=name,
        url=url,
        title=str(title) if title is not None else None,
        published=published,
        fetched=str(fetched) if fetched is not None else None,
        outlet=str(outlet) if outlet is not None else None,
        lang=str(lang) if lang is not None else None,
        meta=meta,
    )


def iter_jsonl(stream: IO[bytes], name: str, mapping: Mapping[str, str]) -> Iterator[RawDocument | Failure]:
    for n, raw in enumerate(bounded_lines(stream, MAX_LINE_BYTES), start=1):
        where = f"{name}:{n}"
        if isinstance(raw, Overlong):
            yield Failure(where, str(raw))
            continue
        line = raw.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Failure(where, f"line is not JSON: {exc}")
            continue
        if not isinstance(rec, dict):
            yield Failure(where, f"line is a JSON {type(rec).__name__}, not an object")
            continue
        yield record_to_document(rec, where, mapping)


def iter_json(data: bytes, name: str, mapping: Mapping[str, str]) -> Iterator[RawDocument | Failure]:
    """A .json file: one object, or a list of objects."""
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Failure(name, f"not JSON: {exc}")
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, rec in enumerate(items, start=1):
        where = f"{name}[{i}]" if isinstance(obj, list) else name
        if isinstance(rec, dict):
            yield record_to_document(rec, where, mapping)
        else:
            yield Failure(where, f"JSON {type(rec).__name__}, not an object")


def iter_csv(
    stream: IO[bytes], name: str, mapping: Mapping[str, str], *, delimiter: str = ","
) -> Iterator[RawDocument | Failure]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    lines = (OVERLONG + "\n" if isinstance(x, Overlong) else x for x in bounded_lines(text, MAX_LINE_BYTES))
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield Failure(name, "empty CSV file")
        return
    except csv.Error as exc:
        yield Failure(name, f"unreadable CSV header: {exc}")
        return
    header = [h.strip() for h in header]
    needed = mapping.get("text", "text"), mapping.get("html", "html")
    if not any(c in header for c in needed):
        yield Failure(name, f"CSV has no {needed[0]!r} column (columns: {', '.join(header)}); use --map text=COLUMN")
        return
    errors_in_a_row = 0
    while True:
        row_no = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors_in_a_row += 1
            yield Failure(f"{name}:{row_no}", f"broken CSV row: {exc}")
            if errors_in_a_row > 100:
                yield Failure(name, "gave up after 100 consecutive broken CSV rows")
                return
            continue
        errors_in_a_row = 0
        if not row or all(not c.strip() for c in row):
            continue
        where = f"{name}:{row_no}"
        if OVERLONG in row[0]:
            yield Failure(where, f"CSV line over the {MAX_LINE_BYTES // (1024 * 1024)} MB limit for one record")
            continue
        if len(row) != len(header):
            yield Failure(where, f"broken CSV row: {len(row)} fields, the header has {len(header)}")
            continue
        yield record_to_document(dict(zip(header, row, strict=True)), where, mapping)
