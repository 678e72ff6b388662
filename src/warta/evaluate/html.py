"""``warta eval html``: Warta's HTML reader on Indonesian news pages (``bench/html-id/``).

Body precision/recall/F1 (the Zyte benchmark's 4-token shingles), exact titles, dates and outlets,
for Warta beside readability-lxml (when installed) and trafilatura. The figures are those of
``bench/html_id.py``, whose code this command runs (one scorer, in bench/html_extraction.py);
both need a source checkout, where the pages and their expected values are.
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from warta.errors import UsageError

BENCH = Path(__file__).resolve().parents[3] / "bench"


def bench_module(bench: Path = BENCH) -> ModuleType:
    """bench/html_id.py, loaded from the checkout."""
    path = bench / "html_id.py"
    if not path.exists():
        raise UsageError(f"no {path}: `warta eval html` runs from a source checkout (bench/html-id)")
    spec = importlib.util.spec_from_file_location("warta_bench_html_id", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(args: argparse.Namespace) -> int:
    mod = bench_module()
    root: Any = args.set or mod.SET
    mod.report(Path(root), args.split, args.show)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "html", help="HTML reading on Indonesian news pages (bench/html-id): body P/R/F1, titles, dates, outlets"
    )
    p.add_argument("--split", choices=["dev", "test", "all"], default="all", help="which pages (default: all)")
    p.add_argument("--show", action="store_true", help="per page: body F1 and what each system got wrong")
    p.add_argument("--set", type=Path, default=None, help="the page set (default: bench/html-id)")
    p.set_defaults(func=run)
