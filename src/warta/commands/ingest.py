"""``warta ingest INPUT... [--db warta.db] [--workers N] [--map ...]``: extract and store articles.

A progress bar (articles/s, ETA, failures) on a terminal; otherwise one log line every few
seconds and a summary. Per-input failures are stored with their reason and the batch goes
on. Rerunning after an interruption resumes: inputs already stored are skipped.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import time

from warta.batch import IngestStats, count_inputs, ingest
from warta.commands._options import add_db, add_published
from warta.errors import UsageError
from warta.read.dates import parse_published
from warta.read.tabular import parse_mapping
from warta.store import open_store, redact

LOG_EVERY_S = 10.0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ingest", help="extract articles and store them in an archive (SQLite or PostgreSQL)")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="text/HTML files, WARC(.gz), JSONL/CSV corpora (gzip too), directories, or - for standard input",
    )
    add_db(p)
    p.add_argument("--workers", type=int, default=1, help="pipeline processes")
    add_published(p, "the text/HTML files that carry none (not of corpus rows)")
    p.add_argument(
        "--map", dest="mapping", metavar="FIELD=COLUMN,...", help="corpus field names, e.g. text=content,title=judul"
    )
    p.add_argument("--retry-failed", action="store_true", help="process again the inputs that failed in earlier runs")
    p.add_argument(
        "--reprocess",
        action="store_true",
        help="process every input again and replace the stored annotations (after a pipeline upgrade)",
    )
    p.add_argument(
        "--progress",
        choices=["auto", "bar", "log", "none"],
        default="auto",
        help="progress display (auto: a bar on a terminal, log lines otherwise)",
    )
    p.add_argument(
        "--no-resolve",
        action="store_true",
        help="do not update the archive entities after the batch (run warta resolve later)",
    )
    p.set_defaults(func=run)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    try:
        mapping = parse_mapping(args.mapping)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    published = parse_published(args.published) if args.published else None
    mode = args.progress
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "log"
    store = open_store(args.db)
    bar = None
    last_log = [time.monotonic()]

    def on_failure(name: str, reason: str) -> None:
        if mode == "log":
            print(f"warta: {name}: {reason}", file=sys.stderr)

    def on_progress(s: IngestStats) -> None:
        if bar is not None:
            bar.n = s.stored + s.failed + s.skipped
            bar.set_postfix_str(f"{s.failed} failed", refresh=False)
            bar.update(0)  # redraws at most every mininterval
        elif mode == "log" and time.monotonic() - last_log[0] >= LOG_EVERY_S:
            last_log[0] = time.monotonic()
            print(f"warta: ingest: {s.stored + s.failed} done: {s.summary()}", file=sys.stderr, flush=True)

    # SIGTERM stops the batch as Ctrl-C does: finished articles are kept, workers end
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if mode == "bar":
            from tqdm import tqdm

            total = count_inputs(args.inputs, mapping) if "-" not in args.inputs else None
            # a terminal that reports no size (some pseudo-terminals) would get an empty bar
            size = shutil.get_terminal_size((100, 24))
            bar = tqdm(
                total=total,
                unit="art",
                ncols=size.columns,
                nrows=size.lines,
                file=sys.stderr,
                smoothing=0.1,
                mininterval=0.5,
            )
        stats = ingest(
            args.inputs,
            store,
            mapping=mapping,
            workers=args.workers,
            on_progress=on_progress,
            on_failure=on_failure,
            retry_failed=args.retry_failed,
            reprocess=args.reprocess,
            published=published,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
        if bar is not None:
            bar.close()
        store.close()
    if mode != "none":
        print(f"warta: ingest into {redact(args.db)}: {stats.summary()}", file=sys.stderr)
    if stats.stored and not args.no_resolve:
        from warta.archive import resolve_after_batch

        line = resolve_after_batch(args.db, at=time.strftime("%Y-%m-%dT%H:%M:%S"))
        if mode != "none":
            print(f"warta: resolve: {line}", file=sys.stderr)
        if stats.failed and mode == "bar":
            print(
                f"warta: {stats.failed} inputs failed; list them with: warta search --failures --db {redact(args.db)}",
                file=sys.stderr,
            )
    return 1 if stats.failed else 0
