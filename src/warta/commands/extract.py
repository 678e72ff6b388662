"""``warta extract INPUT... | -``: print one JSON object per article (JSON Lines when several).

Inputs: text or HTML files (told apart by content), WARC/WARC.gz, JSONL/JSON/CSV/TSV corpora,
gzipped or not, directories (recursively) and ``-`` for standard input.
"""

from __future__ import annotations

import argparse
import json
import sys

from warta.commands._options import add_published
from warta.errors import UsageError, WartaError
from warta.pipeline import Pipeline, default_pipeline
from warta.read.dates import parse_published
from warta.read.inputs import iter_documents
from warta.read.record import Failure
from warta.read.tabular import parse_mapping


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("extract", help="extract structured records from articles and print JSON")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text/HTML files, WARC(.gz), JSONL/CSV corpora (gzip too), directories, or - for standard input",
    )
    add_published(p, "the text/HTML inputs, the anchor of relative times")
    p.add_argument("--url", help="the article's URL")
    p.add_argument("--lang", help="language code, skips language identification (e.g. id)")
    p.add_argument(
        "--map", dest="mapping", metavar="FIELD=COLUMN,...", help="corpus field names, e.g. text=content,title=judul"
    )
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.published:
        args.published = parse_published(args.published)
    try:
        mapping = parse_mapping(args.mapping)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    pipeline: Pipeline = default_pipeline()
    failures = 0
    out = sys.stdout
    for item in iter_documents(args.inputs, mapping, url=args.url, published=args.published, lang=args.lang):
        if isinstance(item, Failure):
            print(f"warta: {item.name}: {item.reason}", file=sys.stderr)
            failures += 1
            continue
        if args.lang and not item.lang:
            item.lang = args.lang
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
