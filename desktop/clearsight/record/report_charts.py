"""The report's bar charts, drawn with reportlab graphics for a projector: the full text width,
11-point labels and a count on every bar, so the back of the room reads numbers, not heights.

A range of more than two years draws by quarter: a hundred month bars would be hairlines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.colors import Color, HexColor, white

from clearsight.record.pdf_sections import SEVERITY_COLORS
from clearsight.record.pdf_style import BOLD, REGULAR
from clearsight.review import insights
from clearsight.review.insight_data import Bucket, Figures

INK = HexColor("#202124")
MUTED = HexColor("#5f6368")
GRID = HexColor("#dadce0")
BAR = HexColor("#1565c0")
SPREAD = HexColor("#0d3c73")
LABEL = 11.0
TITLE = 13.0
MOST_MONTHS = 24
ACTION_COLORS = {
    "on_time": "#2e7d32",
    "late": "#8a6d00",
    "overdue": "#b3261e",
    "open": "#1565c0",
    "dropped": "#5f6368",
    "done_undated": "#7b1fa2",
}
RECORD_COLORS = {
    "on_time": "#2e7d32",
    "late": "#8a6d00",
    "unsigned_late": "#b3261e",
    "waiting": "#1565c0",
    "signed_undated": "#7b1fa2",
}


def periods(f: Figures) -> tuple[str, dict[str, dict[str, Bucket]]]:
    """The severity counts by month, or by quarter when months would be too many."""
    months = {m: dict(f.by_severity[m]) for m in f.months}
    if len(months) <= MOST_MONTHS:
        return "month", months
    return "quarter", insights.merge(months, insights.quarter_of)


def severity_chart(f: Figures, width: float) -> Drawing:
    unit, by = periods(f)
    labels = list(by)
    kinds = list(next(iter(by.values()), {}))
    data = [[by[p][k].count for p in labels] for k in kinds]
    d, chart = _vertical(width, "", labels, data or [[0]])
    chart.categoryAxis.style = "stacked"
    for n, kind in enumerate(kinds):
        chart.bars[n].fillColor = HexColor(SEVERITY_COLORS.get(kind, "#37474f"))
    totals = [sum(column) for column in zip(*data, strict=True)] if data else []
    _totals_over(d, chart, totals)
    _legend(d, width, [(HexColor(SEVERITY_COLORS.get(k, "#37474f")), k) for k in kinds])
    return d


def resolve_chart(f: Figures, width: float) -> Drawing:
    """The median time to resolve per month, each bar with a line over its middle half."""
    periods_ = f.monthly if len(f.monthly) <= MOST_MONTHS else f.quarterly
    spreads = [p.spreads["resolve"] for p in periods_]
    most = max((s.p75 or 0.0 for s in spreads), default=0.0)
    scale, unit = (3600.0, "hours") if most >= 3 * 3600 else (60.0, "minutes")
    medians = [(s.median or 0.0) / scale for s in spreads]
    title = f"Time to resolve in {unit}: the median (bar) and the middle half (line)"
    d, chart = _vertical(width, title, [p.label for p in periods_], [medians or [0.0]])
    chart.bars[0].fillColor = BAR
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1.0, most / scale * 1.1)
    d.add(chart)
    step = chart.width / max(len(spreads), 1)
    for n, s in enumerate(spreads):
        if s.p25 is None or s.p75 is None:
            continue
        x = chart.x + step * (n + 0.5)
        y0 = chart.y + chart.height * (s.p25 / scale) / chart.valueAxis.valueMax
        y1 = chart.y + chart.height * (s.p75 / scale) / chart.valueAxis.valueMax
        d.add(Line(x, y0, x, y1, strokeColor=SPREAD, strokeWidth=2.5))
        for y in (y0, y1):
            d.add(Line(x - 4, y, x + 4, y, strokeColor=SPREAD, strokeWidth=2.5))
    # Each median written at the foot of its bar: the bar's top is crossed by the line.
    for n, value in enumerate(medians):
        if value:
            text = f"{value:.1f}" if scale == 3600 else f"{value:.0f}"
            x = chart.x + step * (n + 0.5)
            d.add(
                String(x, chart.y + 5, text, fontName=BOLD, fontSize=LABEL - 1, fillColor=white,
                       textAnchor="middle")
            )  # fmt: skip
    return d


def states_chart(buckets: Mapping[str, Bucket], colors: Mapping[str, str], width: float) -> Drawing:
    """One horizontal bar per state, its count at the end."""
    shown = list(insights.shown(buckets).items())
    row = 30.0
    d = Drawing(width, 12.0 + row * len(shown))
    chart = HorizontalBarChart()
    chart.x, chart.y = 170.0, 6.0
    chart.width, chart.height = width - chart.x - 50.0, row * len(shown)
    # reportlab draws the first category at the bottom: reversed, the list reads top down.
    chart.data = [[b.count for _, b in reversed(shown)] or [0]]
    chart.categoryAxis.categoryNames = [b.label for _, b in reversed(shown)]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.strokeColor = MUTED
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([b.count for _, b in shown] + [1]) * 1.05
    chart.barWidth = row * 0.7
    chart.barSpacing = 0
    chart.groupSpacing = row * 0.3
    for n, (key, _) in enumerate(reversed(shown)):
        chart.bars[(0, n)].fillColor = HexColor(colors.get(key, "#1565c0"))
    chart.bars.strokeColor = None
    chart.barLabelFormat = _thousands
    chart.barLabels.fontName, chart.barLabels.fontSize = BOLD, LABEL
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 4
    d.add(chart)
    return d


def _thousands(value: float) -> str:
    return f"{value:,.0f}"


def _vertical(
    width: float, title: str, labels: Sequence[str], data: Sequence[Sequence[float]]
) -> tuple[Drawing, VerticalBarChart]:
    height = 250.0
    d = Drawing(width, height)
    if title:
        d.add(String(0, height - TITLE, title, fontName=BOLD, fontSize=TITLE, fillColor=INK))
    chart = VerticalBarChart()
    chart.x, chart.y = 36.0, 52.0
    chart.width, chart.height = width - chart.x - 4.0, height - chart.y - 44.0
    chart.data = [list(series) for series in data]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = LABEL if len(labels) <= 12 else LABEL - 2
    # Month labels stand on end when there are many, so none overlaps its neighbour.
    if len(labels) > 8:
        chart.categoryAxis.labels.angle = 90
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dy = -4
    chart.categoryAxis.strokeColor = MUTED
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = LABEL - 1
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.valueMin = 0
    chart.bars.strokeColor = None
    chart.groupSpacing = 6
    return d, chart


def _totals_over(d: Drawing, chart: VerticalBarChart, totals: list[int]) -> None:
    """The total on top of each stack: the number to read out, whatever the colours."""
    top = max(totals + [1])
    chart.valueAxis.valueMax = top * 1.15
    d.add(chart)
    step = chart.width / max(len(totals), 1)
    for n, total in enumerate(totals):
        if total:
            x = chart.x + step * (n + 0.5)
            y = chart.y + chart.height * total / chart.valueAxis.valueMax + 3
            d.add(
                String(x, y, f"{total:,}", fontName=BOLD, fontSize=LABEL - 1, fillColor=INK,
                       textAnchor="middle")
            )  # fmt: skip


def _legend(d: Drawing, width: float, items: list[tuple[Color, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = 0.0, d.height - 4.0
    legend.columnMaximum = 1
    legend.deltax = 82
    legend.fontName, legend.fontSize = REGULAR, LABEL
    legend.boxAnchor = "nw"
    legend.colorNamePairs = items
    legend.strokeColor = None
    d.add(legend)
