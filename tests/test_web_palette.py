"""The colours the article page marks text with (issue 20): tints of the Okabe-Ito palette that
people with the common colour-vision deficiencies tell apart, with text readable on them.

Contrast is WCAG 2's ratio; colour-vision deficiencies are simulated with the matrices of
Machado, Oliveira & Fernandes (2009) at full severity, differences measured as CIELAB ΔE*76.
The palette before this test had the three entity types 1.5 ΔE apart under deuteranopia.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[1] / "src" / "warta" / "web" / "static" / "warta.css").read_text()
OKABE_ITO = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"]
MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
MIN_CONTRAST = 7.0  # WCAG AAA for body text
MIN_DELTA_E = 15.0  # clearly different patches side by side


def var(name: str) -> str:
    m = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert m, f"--{name} is not a #rrggbb colour in warta.css"
    return m.group(1).lower()


def rgb(hex_: str) -> list[int]:
    return [int(hex_[i : i + 2], 16) for i in (1, 3, 5)]


def linear(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def luminance(hex_: str) -> float:
    r, g, b = (linear(c) for c in rgb(hex_))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    lo, hi = sorted((luminance(a), luminance(b)))
    return (hi + 0.05) / (lo + 0.05)


def lab(lin: list[float]) -> tuple[float, float, float]:
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(hex_: str, vision: str | None) -> tuple[float, float, float]:
    lin = [linear(c) for c in rgb(hex_)]
    if vision is not None:
        m = MACHADO[vision]
        lin = [min(1.0, max(0.0, sum(m[i][j] * lin[j] for j in range(3)))) for i in range(3)]
    return lab(lin)


def delta_e(a: str, b: str, vision: str | None) -> float:
    return sum((p - q) ** 2 for p, q in zip(seen(a, vision), seen(b, vision), strict=True)) ** 0.5


@pytest.mark.parametrize("mark", ["quote", "quote-ind", "per", "org", "loc", "time", "qty", "src"])
def test_text_on_every_mark_is_readable(mark: str) -> None:
    assert contrast(var("ink"), var(mark)) >= MIN_CONTRAST, mark


@pytest.mark.parametrize("vision", [None, *MACHADO])
def test_entity_types_and_quotations_are_told_apart(vision: str | None) -> None:
    marks = {m: var(m) for m in ("quote", "per", "org", "loc")}
    for (a, ca), (b, cb) in itertools.combinations(marks.items(), 2):
        assert delta_e(ca, cb, vision) >= MIN_DELTA_E, f"{a} and {b} under {vision or 'normal vision'}"


def test_the_old_palette_would_fail() -> None:  # the check can fail: it did on the colours before
    old = {"per": "#dceeff", "org": "#e5f6e8", "loc": "#f3e6fb"}
    assert min(delta_e(a, b, "deuteranopia") for a, b in itertools.combinations(old.values(), 2)) < MIN_DELTA_E


@pytest.mark.parametrize("mark", ["per", "org", "loc"])
def test_entity_colours_are_okabe_ito_tints(mark: str) -> None:
    """Each channel of the tint lies the same fraction of the way from white to one Okabe-Ito colour."""
    tint = rgb(var(mark))

    def fit(base: str) -> float:
        shares = [(255 - t) / (255 - c) for t, c in zip(tint, rgb(base), strict=True) if c < 250]
        return max(shares) - min(shares)

    assert min(fit(c) for c in OKABE_ITO) < 0.03


def test_entity_types_differ_by_more_than_colour() -> None:
    styles = [re.search(rf"\.ent-{t} \{{([^}}]*)\}}", CSS) for t in ("PER", "ORG", "LOC")]
    assert all(styles)
    lines = [s.group(1) for s in styles if s]
    assert "inset" in lines[0] and "dashed" in lines[1] and "dotted" in lines[2]
