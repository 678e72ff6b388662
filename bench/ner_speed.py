"""Speed of the NER stage (``warta.extract.entities.run``) in words per second on one core.

    nice -n 10 .venv/bin/python bench/ner_speed.py [--data ../shared/data] [--words 100000]

Texts: CLICK-ID article bodies from ``../shared/data`` when present, else the founding example
and the test fixtures repeated (the repository alone). Each text is cleaned and segmented first
(not timed). Timed in the same run, over the same texts: spaCy's blank("id") tokenizer (the
baseline), the NER model alone (``warta.nlp.ner.recognise``) and the whole entities stage
(titles, affiliations, linking included). Prints words/s and the ratio to the baseline. BLAS
and OpenMP are pinned to one thread so the figure is per core.
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
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


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

    t0 = time.perf_counter()
    for a in articles:
        blank.tokenizer(a.text)
    base = time.perf_counter() - t0

    t0 = time.perf_counter()
    for a in articles:
        ner.recognise(a.text, [(s.start, s.end) for s in a.sentences])
    model = time.perf_counter() - t0

    t0 = time.perf_counter()
    for a in articles:
        entities.run(a)
    stage = time.perf_counter() - t0

    for name, secs in (
        ("spaCy blank('id') tokenizer", base),
        ("NER model (recognise)", model),
        ("entities stage", stage),
    ):
        print(f"{name:<30}{nwords / secs:>12,.0f} words/s   {secs / base:>8.1f}x baseline time")
    verdict = "meets" if nwords / stage >= 10_000 else "is below"
    print(f"entities stage {verdict} the 10,000 words/s target")


if __name__ == "__main__":
    main()
