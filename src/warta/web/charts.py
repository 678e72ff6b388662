"""The quotations-over-time chart as inline SVG, drawn on the server (no script, no library:
a bar chart of counts per period is a few rectangles, and SVG keeps it crisp and accessible)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD_X, PAD_TOP, PAD_BOTTOM = 720, 170, 36, 12, 34


def _period(span_days: int) -> str:
    if span_days <= 92:
        return "day"
    if span_days <= 3 * 366:
        return "month"
    return "year"


def _key(day: date, period: str) -> str:
    if period == "day":
        return day.isoformat()
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _periods(first: date, last: date, period: str) -> list[str]:
    out: list[str] = []
    if period == "day":
        d = first.toordinal()
        while d <= last.toordinal():
            out.append(date.fromordinal(d).isoformat())
            d += 1
    elif period == "month":
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        out = [f"{y:04d}" for y in range(first.year, last.year + 1)]
    return out


def timeline_svg(points: list[tuple[str, int]], *, label: str = "quotations") -> Markup:
    """Counts per day (``[("2016-12-04", 3), ...]``) as an SVG bar chart by day, month or year."""
    days: list[tuple[date, int]] = []
    for day, n in points:
        try:
            days.append((date.fromisoformat(day[:10]), n))
        except ValueError:
            continue
    if not days:
        return Markup('<p class="muted">No dated quotations to chart.</p>')
    first, last = min(d for d, _ in days), max(d for d, _ in days)
    period = _period(last.toordinal() - first.toordinal())
    counts: Counter[str] = Counter()
    for d, n in days:
        counts[_key(d, period)] += n
    keys = _periods(first, last, period)
    top = max(counts.values())
    inner_w, inner_h = WIDTH - 2 * PAD_X, HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = inner_w / len(keys)
    bar_w = max(1.0, min(40.0, slot * 0.8))
    total = sum(counts.values())
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(f"{total} {label} by {period}, {keys[0]} to {keys[-1]}")}">',
        f'<line class="axis" x1="{PAD_X}" y1="{HEIGHT - PAD_BOTTOM}" x2="{WIDTH - PAD_X}" y2="{HEIGHT - PAD_BOTTOM}"/>',
        f'<text class="tick" x="{PAD_X - 6}" y="{PAD_TOP + 10}" text-anchor="end">{top}</text>',
        f'<text class="tick" x="{PAD_X - 6}" y="{HEIGHT - PAD_BOTTOM}" text-anchor="end">0</text>',
    ]
    for i, k in enumerate(keys):
        n = counts.get(k, 0)
        if not n:
            continue
        h = max(2.0, inner_h * n / top)
        x = PAD_X + i * slot + (slot - bar_w) / 2
        y = HEIGHT - PAD_BOTTOM - h
        parts.append(
            f'<rect class="bar" data-period="{escape(k)}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(k)}: {n} {escape(label)}</title></rect>"
        )
    ticks = sorted({0, len(keys) - 1, *(range(0, len(keys), max(1, len(keys) // 6)))})
    for i in ticks:
        if i >= len(keys):
            continue
        x = PAD_X + i * slot + slot / 2
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">{escape(keys[i])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
