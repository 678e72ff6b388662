"""HTML reading on Indonesian news pages (bench/html-id): body, title, date and outlet.

Compares Warta's reader (``Pipeline.read`` on the raw page: trafilatura, Warta's metadata rules and
cleaner) with readability-lxml and trafilatura on the same pages. The body is scored with the
Zyte benchmark's measure, reused from bench/html_extraction.py (4-token shingle precision/recall/F1,
each page's counts normalised, means over pages). Titles count when exactly equal (spaces
collapsed); dates when the day matches; outlets when the name matches the expected one or an alias
(case, spaces and punctuation ignored). The expected values were written by reading each page
(bench/html-id/README.md); pages and their sources: bench/html-id/ATTRIBUTION.md.

    .venv/bin/python bench/html_id.py [--split dev|test|all] [--show]

Needs readability-lxml for its column (``pip install -e '.[eval]'``); without it that row is left out.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "bench" / "html-id"


def _scorer():
    spec = importlib.util.spec_from_file_location("html_extraction", ROOT / "bench" / "html_extraction.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(root: Path = SET, split: str = "all") -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (root / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line]
    for r in rows:
        r["html"] = gzip.decompress((root / r["file"]).read_bytes()).decode("utf-8", errors="replace")
    return [r for r in rows if split == "all" or r["split"] == split]


def _key(name: str | None) -> str:
    return re.sub(r"[\W_]+", "", (name or "").casefold())


def title_ok(expected: str, got: str | None) -> bool:
    return " ".join(expected.split()) == " ".join((got or "").split())


def outlet_ok(row: dict[str, Any], got: str | None) -> bool:
    return bool(got) and _key(got) in {_key(n) for n in [row["outlet"], *row.get("outlet_aliases", [])]}


def date_ok(expected: str, got: str | None) -> bool:
    return bool(got) and str(got)[:10] == expected


Result = dict[str, Any]  # text, title, date, outlet


def systems() -> dict[str, Callable[[str, str], Result]]:
    import trafilatura

    from warta.pipeline import Pipeline
    from warta.read.record import RawDocument

    reader = Pipeline([])

    def warta(html: str, url: str) -> Result:
        art = reader.read(RawDocument(content=html, format="html", url=url))
        return {
            "text": art.text,
            "title": art.title.text if art.title else None,
            "date": art.published.value if art.published else None,
            "outlet": art.outlet,
        }

    def traf(html: str, url: str) -> Result:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        if doc is None:
            return {"text": ""}
        return {"text": doc.text or "", "title": doc.title, "date": doc.date, "outlet": doc.sitename}

    out: dict[str, Callable[[str, str], Result]] = {"warta": warta, "trafilatura": traf}
    try:
        from lxml import html as lxml_html
        from readability import Document
    except ImportError:
        return out

    def readability(html: str, url: str) -> Result:
        doc = Document(html, url=url)
        body = lxml_html.fromstring(doc.summary(html_partial=True))
        for el in body.iter("p", "div", "li", "h1", "h2", "h3", "h4", "br", "tr", "blockquote"):
            el.tail = "\n" + (el.tail or "")
        return {"text": body.text_content(), "title": doc.short_title()}

    out["readability-lxml"] = readability
    return out


def run(root: Path = SET, split: str = "all") -> dict[str, dict[str, Any]]:
    sc = _scorer()
    rows = load(root, split)
    res: dict[str, dict[str, Any]] = {}
    for name, fn in systems().items():
        pages = {}
        for r in rows:
            got = fn(r["html"], r["url"])
            pages[r["id"]] = {
                "counts": sc.tp_fp_fn(r["body"], got.get("text") or ""),
                "title": title_ok(r["title"], got.get("title")),
                "date": date_ok(r["date"], got.get("date")),
                "outlet": outlet_ok(r, got.get("outlet")),
                "got": {k: v for k, v in got.items() if k != "text"},
            }
        res[name] = {
            "body": sc.metrics([p["counts"] for p in pages.values()]),
            "titles": sum(p["title"] for p in pages.values()),
            "dates": sum(p["date"] for p in pages.values()),
            "outlets": sum(p["outlet"] for p in pages.values()),
            "n": len(pages),
            "pages": pages,
        }
    return res


def report(root: Path = SET, split: str = "all", show: bool = False) -> None:
    """Print the figures per split (all three for "all"); ``show`` adds each page's F1 and misses.
    ``warta eval html`` prints the same through this function."""
    sc = _scorer()
    for part in ["dev", "test", "all"] if split == "all" else [split]:
        res = run(root, part)
        n = next(iter(res.values()))["n"]
        print(f"== {part}: {n} pages (body: 4-token shingles as in bench/html_extraction.py)")
        print(f"{'system':<17} {'P':>6} {'R':>6} {'F1':>6}  {'titles':>7} {'dates':>6} {'outlets':>7}")
        for name, r in res.items():
            b = r["body"]
            print(
                f"{name:<17} {b['precision']:>6.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}  "
                f"{r['titles']:>3}/{n:<3} {r['dates']:>2}/{n:<3} {r['outlets']:>3}/{n:<3}"
            )
        if show:
            for name, r in res.items():
                for pid, p in r["pages"].items():
                    f1 = sc.metrics([p["counts"]])["f1"]
                    bad = [k for k in ("title", "date", "outlet") if not p[k]]
                    print(f"  {name:<17} {pid:<28} F1 {f1:.3f}  wrong: {bad} {p['got'] if bad else ''}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, default=SET)
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--show", action="store_true", help="per page: body F1 and what each system got wrong")
    args = ap.parse_args()
    report(args.set, args.split, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
