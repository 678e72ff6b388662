"""Throughput of the Warta pipeline stage by stage, on real CLICK-ID articles (needs /work/shared).

    .venv/bin/python bench/throughput.py [--n 2000] [--profile [STAGE]] [--top 25]

Stages: read (CSV rows to RawDocument, the reader `warta ingest` uses), clean (decode, normalise,
boilerplate, structure: ``Pipeline.read``), every stage of ``warta.pipeline.STAGES`` in order,
and store (``Store.add`` into a fresh SQLite file). Reading, cleaning and storing run over all
articles in turn; the pipeline stages run article by article as ``warta ingest`` runs them
(a stage may reuse what an earlier stage computed for the same article), each stage's time
summed over the articles. For each: articles/s, words/s and the time
as a ratio to spaCy's bare ``blank("id")`` tokenizer over the same cleaned texts, measured in
the same run (ratio 3.0 = three times the tokenizer's time). Times are CPU seconds of this
process (``time.process_time``; the machine is shared, wall time is printed too). Peak memory is
the process's peak RSS after each phase (the stages share one).

``--profile``: cProfile over the whole pipeline (or one stage), the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

# One core means one BLAS thread: numpy's OpenBLAS (the NER model's matrix products) otherwise
# starts a thread per CPU whose spinning is counted as this process's CPU time (measured: 11x
# the entities stage's CPU on this 2-core machine), and a Spark executor or ingest worker runs
# one pipeline per core anyway. Set before numpy loads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "click-id-raw-articles" / "csv_converted"
MAPPING = {"text": "content", "outlet": "source", "published": "date"}
TARGET_PER_CORE = 40.0  # articles/s per core for the full pipeline (issue 18)
TARGET_RATIO = 8.0  # the full pipeline's time at most this many times the bare tokenizer's (issue 18)


@dataclass
class Row:
    stage: str
    cpu: float
    wall: float
    n: int
    words: int
    peak_mb: float


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c0, time.perf_counter() - w0


def read_documents(n: int) -> list:
    """n documents spread evenly over the CLICK-ID outlet files, read by warta's own reader."""
    from warta.batch import documents
    from warta.read.inputs import ReadStats
    from warta.read.record import RawDocument

    files = sorted(str(p) for p in DATA.glob("*.csv.gz"))
    per_file = -(-n // len(files))
    docs: list = []
    for f in files:
        docs += [d for d in islice(documents([f], MAPPING, ReadStats()), per_file) if isinstance(d, RawDocument)]
    return docs[:n]


def table(rows: list[Row], base: Row) -> str:
    out = io.StringIO()
    w = out.write
    w(f"{'stage':<12} {'art/s':>9} {'words/s':>11} {'x tokenizer':>12} {'cpu s':>8} {'wall s':>8} {'peak MB':>8}\n")
    for r in [base, *rows]:
        aps = r.n / r.cpu if r.cpu else float("inf")
        wps = r.words / r.cpu if r.cpu else float("inf")
        ratio = r.cpu / base.cpu if base.cpu else float("nan")
        w(f"{r.stage:<12} {aps:>9.1f} {wps:>11,.0f} {ratio:>12.1f} {r.cpu:>8.2f} {r.wall:>8.2f} {r.peak_mb:>8.0f}\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    p.add_argument("--profile", nargs="?", const="all", help="profile the pipeline (or one stage) with cProfile")
    p.add_argument("--top", type=int, default=25, help="functions shown by --profile")
    args = p.parse_args(argv)
    if not DATA.is_dir():
        print(f"bench/throughput.py needs the CLICK-ID data at {DATA} (not in a fresh clone)", file=sys.stderr)
        return 2

    import spacy

    from warta.pipeline import STAGES, Pipeline
    from warta.store import open_store

    pipe = Pipeline.default()
    nlp = spacy.blank("id")
    # warm up: models and lexicons load once per process, not per article (not part of any stage)
    warm = read_documents(9)
    for d in warm:
        a = pipe.read(d)
        for _name, stage in pipe.stages:
            stage(a)
        nlp.tokenizer(a.text)

    rows: list[Row] = []
    docs: list = []
    cpu, wall = timed(lambda: docs.extend(read_documents(args.n)))
    n = len(docs)
    articles: list = []
    failed = 0

    def clean() -> None:
        nonlocal failed
        for d in docs:
            try:
                articles.append(pipe.read(d))
            except Exception:
                failed += 1

    profiler = cProfile.Profile() if args.profile else None
    if profiler and args.profile in ("all", "clean"):
        profiler.enable()
    c_cpu, c_wall = timed(clean)
    if profiler:
        profiler.disable()
    words = sum(len(a.text.split()) for a in articles)
    rows.append(Row("read", cpu, wall, n, words, peak_mb()))
    rows.append(Row("clean", c_cpu, c_wall, len(articles), words, peak_mb()))

    texts = [a.text for a in articles]
    b_cpu, b_wall = timed(lambda: [nlp.tokenizer(t) for t in texts])
    base = Row("tokenizer", b_cpu, b_wall, len(texts), words, peak_mb())

    # the stages article by article, as `warta ingest` and the Spark job run them (a stage may
    # reuse what an earlier one computed for the same article), each stage's CPU time summed
    spent = {name: 0.0 for name, _ in pipe.stages}
    walls = {name: 0.0 for name, _ in pipe.stages}
    peaks = {}
    clock, wclock = time.process_time, time.perf_counter
    gc.collect()
    if profiler and args.profile != "clean":
        wanted = {n for n, _ in pipe.stages} if args.profile == "all" else {args.profile}
    else:
        wanted = set()
    for a in articles:
        for name, stage in pipe.stages:
            if name in wanted:
                profiler.enable()  # type: ignore[union-attr]
            c0, w0 = clock(), wclock()
            stage(a)
            spent[name] += clock() - c0
            walls[name] += wclock() - w0
            if name in wanted:
                profiler.disable()  # type: ignore[union-attr]
    for name, _ in pipe.stages:
        peaks[name] = peak_mb()
        rows.append(Row(name, spent[name], walls[name], len(articles), words, peaks[name]))

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(os.path.join(tmp, "bench.db"))

        def put() -> None:
            for a in articles:
                store.add(a)

        if profiler and args.profile in ("all", "store"):
            profiler.enable()
        s_cpu, s_wall = timed(put)
        if profiler:
            profiler.disable()
        store.close()
    rows.append(Row("store", s_cpu, s_wall, len(articles), words, peak_mb()))
    total = Row("total", sum(r.cpu for r in rows), sum(r.wall for r in rows), len(articles), words, peak_mb())

    print(
        f"{n} CLICK-ID articles ({failed} failed to clean), {words:,} words; stages: {', '.join(s for s, _ in STAGES)}"
    )
    print(table([*rows, total], base))
    per_core = total.n / total.cpu
    slowest = max(rows, key=lambda r: r.cpu)
    print(
        f"full pipeline: {per_core:.1f} articles/s per core ({total.words / total.cpu:,.0f} words/s), "
        f"target {TARGET_PER_CORE:.0f}: {'met' if per_core >= TARGET_PER_CORE else 'NOT met'}"
    )
    ratio = total.cpu / base.cpu
    print(
        f"full pipeline / tokenizer: {ratio:.1f}x, target <= {TARGET_RATIO:.0f}x: {'met' if ratio <= TARGET_RATIO else 'NOT met'}"
    )
    print(f"slowest stage: {slowest.stage} ({slowest.cpu / total.cpu:.0%} of the time)")
    print(f"peak RSS: {total.peak_mb:.0f} MB; OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}")
    if profiler:
        print(f"\ncProfile ({args.profile}), top {args.top} by own time:")
        st = pstats.Stats(profiler, stream=sys.stdout)
        st.strip_dirs().sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
