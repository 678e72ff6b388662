"""Normalisation against hand-checked values from real articles (a committed excerpt)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from warta.extract.time.times import resolve_span

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "fixtures" / "times" / "norm-sample.jsonl"
FULL = HERE.parent / "bench" / "data" / "time-norm" / "time-norm.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_committed_set_is_complete() -> None:
    rows = load(FULL)
    assert len(rows) >= 200
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["text"] in r["sentence"]
        date.fromisoformat(r["published"])


def test_sample_resolves() -> None:
    rows = load(SAMPLE)
    right = 0
    for r in rows:
        sent = r["sentence"]
        got = [
            t for t in resolve_span(sent, 0, len(sent), date.fromisoformat(r["published"]), 1.0) if t.text == r["text"]
        ]
        right += bool(got) and got[0].value == r["value"]
    assert right / len(rows) >= 0.9, right
