"""The period report's charts as reportlab drawings: one drawing, two outputs.

A ``Drawing`` is a platypus flowable, so the PDF embeds it as vector graphics; the Laporan tab
shows the very same drawing rendered to SVG (``drawing_svg``) through QtSvg, since QtCharts is
not in PySide6-Essentials. So the screen and the paper cannot disagree about a bar.

Charts carry only counts and the program's own labels (bidang, month names): no name, no note.
Every bar is labelled with its number, so a chart printed in black and white or read by someone
who cannot tell the colours apart still says everything; the colours only separate series.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color, white

from bk_desktop.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts

__all__ = ["bidang_chart", "drawing_svg", "monthly_chart"]

_BAR = Color(0.18, 0.40, 0.66)
_SECOND = Color(0.93, 0.55, 0.17)
_AXIS = Color(0.35, 0.35, 0.35)
_GRID = Color(0.85, 0.85, 0.85)
_TEXT = Color(0.1, 0.1, 0.1)

_FONT_SIZE = 8.5
_TITLE_SIZE = 10


def _nice_top(largest: int) -> tuple[int, int]:
    """The value axis's end and step: whole numbers only (half a session means nothing), about
    five gridlines, and room above the largest bar for its label."""
    if largest <= 0:
        return 1, 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if largest / step <= 5:
            top = (largest // step + 1) * step
            return top, step
    step = 10 ** len(str(largest))
    return (largest // step + 1) * step, step


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    """The chart's paper (white: an SVG viewer's background may be dark) and its title."""
    drawing.add(Rect(0, 0, width, height, fillColor=white, strokeColor=None))
    drawing.add(
        String(
            width / 2,
            height - _TITLE_SIZE - 2,
            text,
            fontName=FONT_BOLD,
            fontSize=_TITLE_SIZE,
            fillColor=_TEXT,
            textAnchor="middle",
        )
    )


def bidang_chart(
    rows: Sequence[tuple[str, int]], *, width: float, title: str = "Permohonan per bidang"
) -> Drawing:
    """Horizontal bars, one per bidang ("Pribadi 12"), in the order given."""
    register_fonts()
    labels = [label for label, _count in rows] or ["–"]
    values = [count for _label, count in rows] or [0]
    bar_room = 22 * len(labels)
    height = bar_room + 48
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    chart = HorizontalBarChart()
    chart.x = 90
    chart.y = 18
    chart.width = width - chart.x - 40
    chart.height = bar_room
    # reportlab draws the first category at the bottom; a list reads from the top.
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = FONT_REGULAR
    chart.categoryAxis.labels.fontSize = _FONT_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = _AXIS
    _count_axis(chart, max(values))
    chart.bars[0].fillColor = _BAR
    chart.bars[0].strokeColor = None
    chart.barWidth = 12
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = _FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def monthly_chart(
    rows: Sequence[tuple[str, int, int]],
    *,
    width: float,
    series: tuple[str, str] = ("Permohonan", "Sesi terlaksana"),
    title: str = "Volume per bulan",
) -> Drawing:
    """Two bars per month (permohonan received, sessions held) with a legend under them."""
    register_fonts()
    labels = [label for label, _a, _b in rows] or ["–"]
    first = [a for _label, a, _b in rows] or [0]
    second = [b for _label, _a, b in rows] or [0]
    height = 190.0
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    chart = VerticalBarChart()
    chart.x = 36
    chart.y = 46
    chart.width = width - chart.x - 10
    chart.height = height - chart.y - 30
    chart.data = [first, second]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT_REGULAR
    chart.categoryAxis.labels.fontSize = _FONT_SIZE if len(labels) <= 12 else _FONT_SIZE - 2
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = _AXIS
    _count_axis(chart, max(first + second))
    chart.bars[0].fillColor = _BAR
    chart.bars[1].fillColor = _SECOND
    chart.bars[0].strokeColor = None
    chart.bars[1].strokeColor = None
    chart.groupSpacing = 8
    chart.barSpacing = 1
    if len(labels) <= 12:  # more months than that leave no room for a number on every bar
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = FONT_REGULAR
        chart.barLabels.fontSize = _FONT_SIZE - 1.5
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
    drawing.add(chart)
    legend = Legend()
    legend.x = chart.x
    legend.y = 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.fontName = FONT_REGULAR
    legend.fontSize = _FONT_SIZE
    legend.boxAnchor = "sw"
    legend.colorNamePairs = [(_BAR, series[0]), (_SECOND, series[1])]
    legend.strokeColor = white
    drawing.add(legend)
    return drawing


def _count_axis(chart: Any, highest: int) -> None:
    """The value axis of a chart of counts: from 0 to a round top, whole numbers, a light
    grid."""
    top, step = _nice_top(highest)
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.valueMax = top
    axis.valueStep = step
    axis.labels.fontName = FONT_REGULAR
    axis.labels.fontSize = _FONT_SIZE - 1
    axis.strokeColor = _AXIS
    axis.visibleGrid = 1
    axis.gridStrokeColor = _GRID
    axis.labelTextFormat = "%d"


def drawing_svg(drawing: Drawing) -> bytes:
    """The drawing as an SVG document (UTF-8), for the screen."""
    register_fonts()
    buffer = io.StringIO()
    renderSVG.drawToFile(drawing, buffer)
    # reportlab names its registered fonts ("DejaVuSans-Bold"); a screen knows the family
    # and a weight ("DejaVu Sans", bold), so the labels are drawn in the same face as on paper.
    svg = buffer.getvalue()
    svg = svg.replace(
        "font-family: DejaVuSans-Bold;", "font-family: DejaVu Sans; font-weight: bold;"
    )
    svg = svg.replace("font-family: DejaVuSans;", "font-family: DejaVu Sans;")
    return svg.encode("utf-8")
