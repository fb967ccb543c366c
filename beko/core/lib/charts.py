"""Small server-side SVG charts: no JavaScript, no chart library, no inline styles (CSP).

A `Chart` is plain data (rows, series, optional target line). The same data gives three
views that can never disagree: the SVG picture (`chart_svg`), the data table beside it
(`Chart.table()`) and the CSV download (`chart_csv`, built from the very same table).

Accessibility: the SVG has a <title> and <desc>; each row is one keyboard stop
(`tabindex="0"`) whose accessible name reads the row's numbers, and focus highlights it; the
table is the full text alternative. Right-to-left languages get a mirrored drawing
(`rtl=True`): labels on the right, bars growing to the left.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .spreadsheet import safe_cell

# Distinct colours with at least 3:1 contrast on white (WCAG 1.4.11, graphical objects).
PALETTE = (
    "#0b5d7a",  # brand blue
    "#b3541e",  # rust
    "#5b3f99",  # violet
    "#1e6b34",  # green
    "#a61e4d",  # raspberry
    "#6b5a00",  # olive
    "#2f4b7c",  # navy
    "#7a4b00",  # brown
    "#4a5560",  # slate
)

FONT_SIZE = 13
LABEL_WIDTH = 200
WIDTH = 680


@dataclass(frozen=True)
class Series:
    """One column of numbers. `plot=False` keeps it in the table and CSV only."""

    label: str
    values: tuple[float, ...]
    color: str = ""
    plot: bool = True
    decimals: int = 0


@dataclass(frozen=True)
class Chart:
    """One chart with its data.

    `kind`: "columns" (vertical, e.g. months along the axis) or "bars" (horizontal, one row
    per label, e.g. organisations). `stacked` stacks the plotted series; otherwise they
    stand side by side. `chart_rows` limits the picture to the first rows (the table and
    the CSV always have all of them; say so in `note`).
    """

    slug: str
    title: str
    description: str
    row_header: str
    rows: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "columns"
    stacked: bool = False
    short_rows: tuple[str, ...] = ()
    target: float | None = None
    target_label: str = ""
    unit: str = ""
    total_label: str = ""
    chart_rows: int | None = None
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for series in self.series:
            if len(series.values) != len(self.rows):
                raise ValueError(f"{self.slug}: series {series.label!r} does not match the rows")
        if self.kind not in {"columns", "bars"}:
            raise ValueError(f"{self.slug}: kind must be columns or bars")

    @property
    def plotted(self) -> list[tuple[Series, str]]:
        """Plotted series with their colours."""
        result = []
        for index, series in enumerate(s for s in self.series if s.plot):
            result.append((series, series.color or PALETTE[index % len(PALETTE)]))
        return result

    @property
    def is_empty(self) -> bool:
        return not self.rows or not any(v for s in self.series if s.plot for v in s.values)

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows as text, exactly as shown in the table and written to the CSV."""
        header = [self.row_header, *(s.label for s in self.series)]
        summed = [s for s in self.series if s.plot] if self.total_label else []
        if summed:
            header.append(self.total_label)
        rows = []
        for index, label in enumerate(self.rows):
            cells = [label, *(_number(s.values[index], s.decimals) for s in self.series)]
            if summed:
                cells.append(_number(sum(s.values[index] for s in summed), 0))
            rows.append(cells)
        return header, rows


def _number(value: float | None, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals:
        return number_format(round(value, decimals), decimal_pos=decimals)
    return number_format(round(value))


def chart_csv(chart: Chart) -> str:
    """The table as CSV (semicolons, as German spreadsheet programs expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    header, rows = chart.table()
    # Row labels can be names people typed (organisations): guard them against formulas.
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def nice_step(peak: float, ticks: int = 4) -> float:
    """A round grid step (1, 2, 2.5, 5 × 10^n) so that about `ticks` lines cover `peak`."""
    if peak <= 0:
        return 1
    raw = peak / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            step = factor * magnitude
            return step if step >= 1 or peak < 4 else 1
    return 10 * magnitude


def _fmt(value: float) -> str:
    return number_format(value, decimal_pos=0 if float(value).is_integer() else 1)


def _text(x: float, y: float, text: str, *, cls: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{escape(text)}</text>'
    )


def _point_label(chart: Chart, index: int) -> str:
    header, rows = chart.table()
    cells = rows[index]
    parts = [f"{name}: {value}" for name, value in zip(header[1:], cells[1:], strict=True)]
    return f"{cells[0]} – " + ", ".join(parts)


def _legend(chart: Chart, y: float, width: float, rtl: bool) -> tuple[list[str], float]:
    """Colour keys with their labels, wrapped into lines; returns parts and the height."""
    parts: list[str] = []
    x, line = 0.0, 0
    for series, colour in chart.plotted:
        item_width = 26 + len(series.label) * 7.2 + 18
        if x and x + item_width > width:
            x, line = 0.0, line + 1
        top = y + line * 22
        box_x = width - x - 14 if rtl else x
        parts.append(
            f'<rect x="{box_x:.1f}" y="{top:.1f}" width="14" height="14" rx="2" fill="{colour}"/>'
        )
        text_x = box_x - 6 if rtl else box_x + 20
        parts.append(
            _text(
                text_x,
                top + 12,
                series.label,
                cls="chart__legend",
                anchor="end" if rtl else "start",
            )
        )
        x += item_width
    if chart.target is not None and chart.target_label:
        if x and x + 40 + len(chart.target_label) * 7.2 > width:
            x, line = 0.0, line + 1
        top = y + line * 22
        start = width - x if rtl else x
        end = start - 22 if rtl else start + 22
        parts.append(
            f'<line x1="{start:.1f}" y1="{top + 7:.1f}" x2="{end:.1f}" y2="{top + 7:.1f}" '
            'class="chart__target"/>'
        )
        text_x = end - 6 if rtl else end + 6
        parts.append(
            _text(
                text_x,
                top + 12,
                chart.target_label,
                cls="chart__legend",
                anchor="end" if rtl else "start",
            )
        )
    return parts, (line + 1) * 22 if parts else 0


def chart_svg(chart: Chart, *, rtl: bool = False) -> SafeString:
    """The chart as an inline SVG element (see the module docstring)."""
    if chart.kind == "bars":
        body, height = _bars(chart, rtl)
    else:
        body, height = _columns(chart, rtl)
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="group" '
        'aria-labelledby="chart-{slug}-title" aria-describedby="chart-{slug}-desc" '
        # The drawing is mirrored by hand for right-to-left pages (text-anchor included), so
        # the SVG itself always runs left to right; Arabic labels still shape correctly.
        'direction="ltr">'
        '<title id="chart-{slug}-title">{title}</title><desc id="chart-{slug}-desc">{desc}</desc>'
        "{body}</svg>",
        w=WIDTH,
        h=round(height),
        slug=chart.slug,
        title=chart.title,
        desc=chart.description,
        # Built above from numbers and escaped labels only.
        body=mark_safe("".join(body)),  # noqa: S308
    )


def _peak(chart: Chart, count: int) -> float:
    plotted = [s for s, _c in chart.plotted]
    values: list[float] = []
    for index in range(count):
        row = [s.values[index] or 0 for s in plotted]
        values.append(sum(row) if chart.stacked else max(row, default=0))
    peak = max(values, default=0)
    if chart.target is not None:
        peak = max(peak, chart.target)
    return peak


def _columns(chart: Chart, rtl: bool) -> tuple[list[str], float]:
    """Vertical columns: rows along the bottom axis (months), values up the side."""
    count = len(chart.rows) if chart.chart_rows is None else min(chart.chart_rows, len(chart.rows))
    axis, top, plot_h = 44.0, 12.0, 200.0
    plot_w = WIDTH - axis - 8
    peak = _peak(chart, count)
    step = nice_step(peak)
    scale_max = max(step * math.ceil(peak / step), step)

    def x(value: float) -> float:  # mirror horizontally in RTL
        return WIDTH - value if rtl else value

    def y(value: float) -> float:
        return top + plot_h - value / scale_max * plot_h

    parts: list[str] = []
    tick = 0.0
    while tick <= scale_max + 1e-9:
        parts.append(
            f'<line x1="{x(axis):.1f}" y1="{y(tick):.1f}" x2="{x(WIDTH - 8):.1f}" '
            f'y2="{y(tick):.1f}" class="chart__grid"/>'
        )
        parts.append(
            _text(
                x(axis - 6),
                y(tick) + 4,
                _fmt(tick),
                cls="chart__axis",
                anchor="start" if rtl else "end",
            )
        )
        tick += step
    plotted = chart.plotted
    slot = plot_w / max(count, 1)
    group_w = slot * 0.7
    labels = chart.short_rows or chart.rows
    for index in range(count):
        left = axis + index * slot + (slot - group_w) / 2
        shapes: list[str] = []
        base = 0.0
        for position, (series, colour) in enumerate(plotted):
            value = series.values[index] or 0
            if chart.stacked:
                bar_x, bar_w = left, group_w
                y_top, y_bottom = y(base + value), y(base)
                base += value
            else:
                bar_w = group_w / len(plotted)
                bar_x = left + position * bar_w
                y_top, y_bottom = y(value), y(0)
            if value:
                start = x(bar_x + bar_w) if rtl else bar_x
                shapes.append(
                    f'<rect x="{start:.1f}" y="{y_top:.1f}" width="{bar_w:.1f}" '
                    f'height="{y_bottom - y_top:.1f}" fill="{colour}"/>'
                )
        label_lines = str(labels[index]).split("\n")
        texts = [
            _text(
                x(left + group_w / 2),
                top + plot_h + 18 + line * 15,
                text,
                cls="chart__axis",
                anchor="middle",
            )
            for line, text in enumerate(label_lines)
        ]
        focus_x = x(left + group_w + 3) if rtl else left - 3
        parts.append(
            format_html(
                '<g class="chart__point" tabindex="0" role="img" aria-label="{}">'
                '<rect class="chart__focus" x="{}" y="{}" width="{}" height="{}" rx="3"/>'
                "{}{}</g>",
                _point_label(chart, index),
                f"{focus_x:.1f}",
                f"{top - 4:.1f}",
                f"{group_w + 6:.1f}",
                f"{plot_h + 8:.1f}",
                mark_safe("".join(shapes)),  # noqa: S308 - numbers only
                mark_safe("".join(texts)),  # noqa: S308 - escaped in _text
            )
        )
    if chart.target is not None:
        parts.append(
            f'<line x1="{x(axis):.1f}" y1="{y(chart.target):.1f}" x2="{x(WIDTH - 8):.1f}" '
            f'y2="{y(chart.target):.1f}" class="chart__target"/>'
        )
    parts.append(
        f'<line x1="{x(axis):.1f}" y1="{y(0):.1f}" x2="{x(WIDTH - 8):.1f}" y2="{y(0):.1f}" '
        'class="chart__baseline"/>'
    )
    label_rows = max((len(str(label).split("\n")) for label in labels[:count]), default=1)
    legend_y = top + plot_h + 18 + label_rows * 15 + 6
    legend, legend_h = _legend(chart, legend_y, WIDTH, rtl)
    parts.extend(legend)
    return parts, legend_y + legend_h + 4


def _bars(chart: Chart, rtl: bool) -> tuple[list[str], float]:
    """Horizontal bars: one row per label, the label on the start side."""
    count = len(chart.rows) if chart.chart_rows is None else min(chart.chart_rows, len(chart.rows))
    plotted = chart.plotted
    bar_h = 18.0 if chart.stacked or len(plotted) == 1 else 12.0
    row_h = (bar_h if chart.stacked else bar_h * len(plotted)) + 12
    top = 6.0
    plot_x, value_room = LABEL_WIDTH + 8, 48
    plot_w = WIDTH - plot_x - value_room
    peak = _peak(chart, count) or 1

    def x(value: float) -> float:
        return WIDTH - value if rtl else value

    parts: list[str] = []
    for index in range(count):
        row_top = top + index * row_h
        shapes: list[str] = []
        offset = 0.0
        for position, (series, colour) in enumerate(plotted):
            value = series.values[index] or 0
            width = value / peak * plot_w
            if chart.stacked:
                bar_x, bar_y = plot_x + offset, row_top + 6
                offset += width
            else:
                bar_x, bar_y = plot_x, row_top + 6 + position * bar_h
            if value:
                start = x(bar_x + width) if rtl else bar_x
                shapes.append(
                    f'<rect x="{start:.1f}" y="{bar_y:.1f}" width="{width:.1f}" '
                    f'height="{bar_h - 2:.1f}" fill="{colour}"/>'
                )
            if not chart.stacked:
                end = bar_x + width + 5
                shapes.append(
                    _text(
                        x(end),
                        bar_y + bar_h - 4,
                        _fmt(value),
                        cls="chart__value",
                        anchor="end" if rtl else "start",
                    )
                )
        if chart.stacked:
            total = sum(s.values[index] or 0 for s, _c in plotted)
            shapes.append(
                _text(
                    x(plot_x + offset + 5),
                    row_top + 6 + bar_h - 4,
                    _fmt(total),
                    cls="chart__value",
                    anchor="end" if rtl else "start",
                )
            )
        label = str(chart.rows[index])
        if len(label) > 26:  # about 7 px per character at 13 px: keep inside LABEL_WIDTH
            label = label[:25] + "…"
        text = _text(
            x(LABEL_WIDTH),
            row_top + row_h / 2 + 4,
            label,
            cls="chart__axis",
            anchor="start" if rtl else "end",
        )
        parts.append(
            format_html(
                '<g class="chart__point" tabindex="0" role="img" aria-label="{}">'
                '<rect class="chart__focus" x="0" y="{}" width="{}" height="{}" rx="3"/>'
                "{}{}</g>",
                _point_label(chart, index),
                f"{row_top + 2:.1f}",
                WIDTH,
                f"{row_h - 2:.1f}",
                mark_safe(text),  # noqa: S308 - escaped in _text
                mark_safe("".join(shapes)),  # noqa: S308 - numbers and escaped text only
            )
        )
    if chart.target is not None:
        target_x = plot_x + chart.target / peak * plot_w
        parts.append(
            f'<line x1="{x(target_x):.1f}" y1="{top:.1f}" x2="{x(target_x):.1f}" '
            f'y2="{top + count * row_h:.1f}" class="chart__target"/>'
        )
    parts.append(
        f'<line x1="{x(plot_x):.1f}" y1="{top:.1f}" x2="{x(plot_x):.1f}" '
        f'y2="{top + count * row_h:.1f}" class="chart__baseline"/>'
    )
    legend_y = top + count * row_h + 10
    legend: list[str] = []
    legend_h = 0.0
    if len(plotted) > 1 or chart.target is not None:
        legend, legend_h = _legend(chart, legend_y, WIDTH, rtl)
    parts.extend(legend)
    return parts, legend_y + legend_h + 4
