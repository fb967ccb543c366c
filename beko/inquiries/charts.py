"""Tiny server-side SVG bar chart: no JavaScript, no inline styles (CSP), readable as a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 170
CHART_WIDTH = 560


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int
    text_x: int
    text_y: int


def bar_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Geometry for `inquiries/staff/_bar_chart.svg.html`: one bar per row, scaled to the max."""
    peak = max((row["count"] for row in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 50
    bars = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + GAP)
        width = round(span * row["count"] / peak)
        bars.append(
            Bar(
                label=row["label"],
                count=row["count"],
                y=y,
                width=width,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT - 6,
            )
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(rows) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
