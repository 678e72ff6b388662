"""Speed of the NER stage (``warta.extract.entities.run``) in words per second on one core.

    nice -n 10 .venv/bin/python bench/ner_speed.py [--data ../shared/data] [--words 100000]

Texts: CLICK-ID article bodies from ``../shared/data`` when present, else the founding example
and the test fixtures repeated (the repository alone). Each text is cleaned and segmented first
(not timed). Timed in the same run, over the same texts: spaCy's blank("id") tokenizer (the
baseline), the NER model alone (``warta.nlp.ner.recognise``) and the whole entities stage
(titles, affiliations, linking included). Prints words/s and the ratio to the baseline. BLAS
and OpenMP are pinned to one thread so the figure is per core. Two figures: wall-clock words/s
and words per CPU-second of this process (``time.process_time``); on a machine shared with
other jobs the wall figure understates the speed of a free core, the CPU figure does not.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import gzip  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_WORDS_PER_S = 15_000  # the entities stage, per CPU-second (issue 18)


def texts(data: Path, words: int) -> list[str]:
    out: list[str] = []
    n = 0
    src = data / "click-id-raw-articles" / "csv_converted"
    if src.is_dir():
        csv.field_size_limit(sys.maxsize)
        for path in sorted(src.glob("*.csv.gz")):
            with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.DictReader(fh):
                    body = (row.get("content") or "").replace(",,", ". ").strip()
                    if len(body) > 200:
                        out.append(body)
                        n += len(body.split())
                    if n >= words:
                        return out
    base = [(ROOT / "examples" / "articles" / "aleppo-rbth-id.txt").read_text(encoding="utf-8")]
    while n < words:
        out.extend(base)
        n += sum(len(t.split()) for t in base)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--words", type=int, default=100_000)
    args = ap.parse_args()

    import spacy

    from warta.extract import entities
    from warta.nlp import ner
    from warta.nlp.segment import segment
    from warta.pipeline import Pipeline
    from warta.read.record import RawDocument

    pipe = Pipeline([])
    articles = []
    for t in texts(args.data, args.words):
        a = pipe.read(RawDocument(content=t))
        segment(a)
        articles.append(a)
    nwords = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {nwords:,} words (whitespace-separated)")

    ner.load()  # load outside the timing, as a long-running worker does
    entities.run(articles[0])
    blank = spacy.blank("id")

    def timed(fn: Callable[[], object]) -> tuple[float, float]:
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - w0, time.process_time() - c0

    base = timed(lambda: [blank.tokenizer(a.text) for a in articles])
    model = timed(lambda: [ner.recognise(a.text, [(s.start, s.end) for s in a.sentences]) for a in articles])
    stage = timed(lambda: [entities.run(a) for a in articles])

    print(f"{'':<30}{'wall words/s':>14}{'CPU words/s':>14}{'x baseline (CPU)':>18}")
    for name, (wall, cpu) in (
        ("spaCy blank('id') tokenizer", base),
        ("NER model (recognise)", model),
        ("entities stage", stage),
    ):
        print(f"{name:<30}{nwords / wall:>14,.0f}{nwords / cpu:>14,.0f}{cpu / base[1]:>18.1f}")
    verdict = "meets" if nwords / stage[1] >= TARGET_WORDS_PER_S else "is below"
    print(f"entities stage {verdict} the {TARGET_WORDS_PER_S:,} words/s target of issue 18 (per CPU-second)")


if __name__ == "__main__":
    main()
