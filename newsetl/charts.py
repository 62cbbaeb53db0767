"""Small inline SVG charts for the quality report: no library, no script, no network.

Each function takes (label, value) points in time order and returns an <svg> element. Labels are escaped;
values are numbers. A chart with no points says so instead of drawing an empty frame.
"""

from __future__ import annotations

import html
import math

WIDTH, HEIGHT = 360, 160
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 28
PALETTE = ["#3b6fd8", "#e07b39", "#2e9e6a", "#b5497a", "#7a5fc9", "#8a8f3a", "#3aa5b5", "#c94f4f"]


def _nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least `value`: round axis tops."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= value)


def _frame(title: str, top: float, labels: list[str], body: str, legend: str = "") -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    grid = "".join(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h * (1 - f):.1f}" y2="{TOP + plot_h * (1 - f):.1f}" '
        f'stroke="#e6e8ef"/><text x="{LEFT - 4}" y="{TOP + plot_h * (1 - f) + 4:.1f}" text-anchor="end">'
        f"{_fmt(top * f)}</text>"
        for f in (0, 0.5, 1)
    )
    ends = ""
    if labels:
        ends = (f'<text x="{LEFT}" y="{HEIGHT - 8}">{html.escape(labels[0])}</text>'
                f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">{html.escape(labels[-1])}</text>')
    return (f'<figure class="chart"><figcaption>{html.escape(title)}</figcaption>'
            f'<svg role="img" aria-label="{html.escape(title)}" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
            f'xmlns="http://www.w3.org/2000/svg">{grid}{body}{ends}</svg>{legend}</figure>')


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def _x(i: int, n: int) -> float:
    plot_w = WIDTH - LEFT - RIGHT
    return LEFT + (plot_w * (i + 0.5) / n)


def _y(value: float, top: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h * (1 - value / top)


def _empty(title: str) -> str:
    return f'<figure class="chart"><figcaption>{html.escape(title)}</figcaption><p class="muted">no nights yet</p></figure>'


def line_chart(title: str, points: list[tuple[str, float]]) -> str:
    """A line with a dot per night; hovering a dot shows its night and value."""
    if not points:
        return _empty(title)
    top = _nice_max(max(v for _, v in points))
    n = len(points)
    coords = [(_x(i, n), _y(v, top)) for i, (_, v) in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}"><title>{html.escape(label)}: '
                   f"{_fmt(v)}</title></circle>" for (x, y), (label, v) in zip(coords, points, strict=True))
    body = f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>{dots}'
    return _frame(title, top, [label for label, _ in points], body)


def bar_chart(title: str, points: list[tuple[str, float]]) -> str:
    if not points:
        return _empty(title)
    top = _nice_max(max(v for _, v in points))
    n = len(points)
    width = max(2.0, (WIDTH - LEFT - RIGHT) / n * 0.7)
    bars = "".join(
        f'<rect x="{_x(i, n) - width / 2:.1f}" y="{_y(v, top):.1f}" width="{width:.1f}" '
        f'height="{_y(0, top) - _y(v, top):.1f}" fill="{PALETTE[0]}"><title>{html.escape(label)}: {_fmt(v)}</title></rect>'
        for i, (label, v) in enumerate(points)
    )
    return _frame(title, top, [label for label, _ in points], bars)


def stacked_bar_chart(title: str, nights: list[tuple[str, dict[str, float]]]) -> str:
    """One bar per night, one colour per part (e.g. a stage's seconds), with a legend."""
    if not nights:
        return _empty(title)
    parts = list(dict.fromkeys(k for _, values in nights for k in values))
    top = _nice_max(max(sum(values.values()) for _, values in nights))
    n = len(nights)
    width = max(2.0, (WIDTH - LEFT - RIGHT) / n * 0.7)
    bars = []
    for i, (label, values) in enumerate(nights):
        base = 0.0
        for j, part in enumerate(parts):
            value = values.get(part, 0.0)
            if value <= 0:
                continue
            bars.append(f'<rect x="{_x(i, n) - width / 2:.1f}" y="{_y(base + value, top):.1f}" width="{width:.1f}" '
                        f'height="{_y(base, top) - _y(base + value, top):.1f}" fill="{PALETTE[j % len(PALETTE)]}">'
                        f"<title>{html.escape(label)} {html.escape(part)}: {_fmt(value)}</title></rect>")
            base += value
    legend = "<p>" + " ".join(
        f'<span style="color:{PALETTE[j % len(PALETTE)]}">■</span> {html.escape(part)}' for j, part in enumerate(parts)
    ) + "</p>"
    return _frame(title, top, [label for label, _ in nights], "".join(bars), legend)
