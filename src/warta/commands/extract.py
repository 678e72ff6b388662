"""``warta extract FILE... | -``: print one JSON object per article (JSON Lines when several)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator

from warta.errors import InputError, WartaError
from warta.pipeline import Pipeline, default_pipeline, parse_published
from warta.read.record import RawDocument
from warta.read.text import MAX_BYTES


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("extract", help="extract structured records from articles and print JSON")
    p.add_argument("inputs", nargs="+", metavar="FILE", help="text or HTML files, or - for standard input")
    p.add_argument("--published", help="publication date YYYY-MM-DD (or ISO datetime) for relative times")
    p.add_argument("--url", help="the article's URL")
    p.add_argument("--lang", help="language code, skips language identification (e.g. id)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=run)


def read_file(path: str) -> bytes:
    """Read one input file with a clear one-line error for what cannot be read."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        if os.path.isdir(path):
            raise InputError("is a directory, not a file")
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read") from None
        if size > MAX_BYTES:
            raise InputError(f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"input is over the {MAX_BYTES // (1024 * 1024)} MB limit for one article")
    return data


def documents(paths: list[str], args: argparse.Namespace) -> Iterator[RawDocument | tuple[str, str]]:
    """Yield raw documents, or (name, reason) for inputs that cannot be read."""
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            data = read_file(path)
        except InputError as exc:
            yield (name, str(exc))
            continue
        yield RawDocument(content=data, name=name, url=args.url, published=args.published, lang=args.lang)


def run(args: argparse.Namespace) -> int:
    if args.published:
        args.published = parse_published(args.published)
    pipeline: Pipeline = default_pipeline()
    failures = 0
    out = sys.stdout
    for item in documents(args.inputs, args):
        if isinstance(item, tuple):
            name, reason = item
            print(f"warta: {name}: {reason}", file=sys.stderr)
            failures += 1
            continue
        try:
            article = pipeline.run(item)
        except WartaError as exc:
            print(f"warta: {item.name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        except Exception as exc:  # one bad article must not stop the batch
            print(f"warta: {item.name}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            failures += 1
            continue
        out.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2 if args.pretty else None))
        out.write("\n")
        out.flush()
    return 1 if failures else 0
