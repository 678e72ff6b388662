"""HTML main-text extraction on the Zyte/Scrapinghub article extraction benchmark.

Compares, with the benchmark's own measure (4-token shingle precision/recall/F1, each page's
counts normalised, means over pages, as in its evaluate.py, MIT, reimplemented here):
  trafilatura   plain ``trafilatura.extract(html)`` with its defaults
  warta-html    Warta's trafilatura call (warta.read.html.html_to_text)
  warta-body    Warta's article body: that call plus Warta's cleaner (Article.text)
Needs ../shared/data/scrapinghub-article-extraction-benchmark (181 pages, 2 Indonesian).

    .venv/bin/python bench/html_extraction.py [--data DIR] [--limit N] [--show-worst 5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "scrapinghub-article-extraction-benchmark"
INDONESIAN = {
    "21486419bb109c5a62a68957f528e6ff29c92f58d8d3c1f2837c86ff3f3e11f9",
    "7837c9d66c815b9a21dd669a3dc21677c3f084b1b7dd603d56e87867d8970dd3",
}
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def metrics(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    def prec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def rec(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean([prec(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([rec(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def load(data: Path, limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """(id, url, gold body, html) per page."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        pages.append((key, truth[key].get("url") or "", truth[key].get("articleBody") or "", html))
    return pages


def systems() -> dict[str, Callable[[str, str], str]]:
    import trafilatura

    from warta.pipeline import Pipeline
    from warta.read.html import html_to_text
    from warta.read.record import RawDocument

    reader = Pipeline([])
    cache: dict[str, tuple[str, str | None]] = {}

    def warta_html(html: str, url: str) -> str:
        ex = html_to_text(html, url=url or None)
        cache[html[:200] + str(len(html))] = (ex.text, ex.title)
        return ex.text

    def warta_body(html: str, url: str) -> str:
        text, title = cache.get(html[:200] + str(len(html))) or (warta_html(html, url), None)
        if not text.strip():
            return ""
        # the same steps as Pipeline.read after html_to_text: normalise and clean
        return reader.read(RawDocument(content=text, format="text", title=title, url=url or None)).text

    return {
        "trafilatura": lambda html, url: trafilatura.extract(html, url=url or None) or "",
        "warta-html": warta_html,
        "warta-body": warta_body,
    }


def run(data: Path = DATA, limit: int | None = None) -> dict[str, dict[str, object]]:
    pages = load(data, limit)
    results: dict[str, dict[str, object]] = {}
    for name, fn in systems().items():
        start = time.perf_counter()
        per_page = {}
        for key, url, gold, html in pages:
            per_page[key] = tp_fp_fn(gold, fn(html, url))
        seconds = time.perf_counter() - start
        ind = [per_page[k] for k in per_page if k in INDONESIAN]
        results[name] = {
            "all": metrics(list(per_page.values())),
            "indonesian": metrics(ind) if ind else None,
            "seconds": seconds,
            "pages": per_page,
        }
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show-worst", type=int, default=0, help="pages where warta-body loses most to trafilatura")
    args = ap.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"bench: {args.data} not found (needs the shared data sets)", file=sys.stderr)
        return 2
    res = run(args.data, args.limit)
    n = len(next(iter(res.values()))["pages"])  # type: ignore[arg-type]
    print(f"{n} pages; shingle (n=4) metrics as in the benchmark's evaluate.py")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7}   {'Indonesian F1':>13}  {'seconds':>7}")
    base = res["trafilatura"]["all"]["f1"]  # type: ignore[index]
    for name, r in res.items():
        a, ind = r["all"], r["indonesian"]
        ind_f1 = f"{ind['f1']:.3f}" if ind else "-"  # type: ignore[index]
        print(
            f"{name:<12} {a['precision']:>9.3f} {a['recall']:>7.3f} {a['f1']:>7.3f}   {ind_f1:>13}  {r['seconds']:>7.1f}"
        )  # type: ignore[index]
    ratio = res["warta-body"]["all"]["f1"] / base if base else 0.0  # type: ignore[index]
    print(f"warta-body F1 / trafilatura F1 = {ratio:.4f}")
    if args.show_worst:
        tr, wb = res["trafilatura"]["pages"], res["warta-body"]["pages"]

        def f1(c: tuple[float, float, float]) -> float:
            return metrics([c])["f1"]

        diffs = sorted(((f1(wb[k]) - f1(tr[k]), k) for k in tr), key=lambda x: x[0])  # type: ignore[index]
        for d, k in diffs[: args.show_worst]:
            print(f"  {d:+.3f} {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
