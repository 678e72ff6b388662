"""Pinned quality figures (bench/pinned.json): the gold standard's dev and test parts and the
public-corpus figures the model cards quote. A change that moves one by more than 0.005 updates
the pin in the same commit (``python bench/pins.py --write``) and says why in its message."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

spec = importlib.util.spec_from_file_location("warta_pins", ROOT / "bench" / "pins.py")
pins = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(pins)  # type: ignore[union-attr]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (DATA / "click-id-raw-articles").exists(), reason="no ../shared/data (the pinned evaluations need it)"
    ),
]


@pytest.mark.parametrize("group", pins.GROUPS)
def test_figures_match_the_pins(group):
    pinned = json.loads(pins.PINNED.read_text(encoding="utf-8"))
    mine = {k: v for k, v in pinned.items() if pins.group_of(k) == group}
    assert mine, f"no pinned figures for {group}"
    moved = pins.compare(pins.collect(DATA, [group]), mine)
    assert not moved, "figures moved from bench/pinned.json:\n" + "\n".join(moved)


def test_compare_flags_moves_and_gaps():
    assert pins.compare({"a": 0.5}, {"a": 0.504}) == []
    assert pins.compare({"a": 0.5}, {"a": 0.51}) == ["a: 0.5000, pinned 0.5100"]
    assert pins.compare({}, {"a": 0.5}) == ["a: pinned 0.5 but not measured"]
    assert pins.compare({"b": 0.1}, {}) == ["b: 0.1 is not pinned"]
