"""Warta's HTML body must not score below plain trafilatura on the Zyte article extraction
benchmark (4-token shingle F1, as the benchmark measures). Needs ../shared/data; skipped
without it. The numbers themselves: .venv/bin/python bench/html_extraction.py"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "scrapinghub-article-extraction-benchmark"


def _bench():
    spec = importlib.util.spec_from_file_location("html_extraction", ROOT / "bench" / "html_extraction.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shingle_measure_matches_the_benchmark_definition():
    b = _bench()
    assert b.tp_fp_fn("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = b.tp_fp_fn("a b c d e", "a b c d x")  # shingles abcd, bcde vs abcd, bcdx
    assert (tp, fp, fn) == (1 / 3, 1 / 3, 1 / 3)
    assert b.metrics([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)]) == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3}


@pytest.mark.skipif(not (DATA / "ground-truth.json").exists(), reason="needs ../shared/data (the benchmark pages)")
def test_warta_body_f1_not_below_trafilatura():
    res = _bench().run(DATA)
    base, warta = res["trafilatura"], res["warta-body"]
    assert len(base["pages"]) == 181
    assert warta["all"]["f1"] >= base["all"]["f1"], (warta["all"], base["all"])
    assert warta["indonesian"]["f1"] >= base["indonesian"]["f1"], (warta["indonesian"], base["indonesian"])
