"""The Insights figures as the window's bars: each chart's bars from the figures, with the
reviews behind every part (no Qt here beyond the chart's plain Bar and Part)."""

from __future__ import annotations

from datetime import date

from clearsight.record.pdf_sections import SEVERITY_COLORS
from clearsight.record.report_charts import ACTION_COLORS, RECORD_COLORS, periods
from clearsight.review import insights
from clearsight.review.insight_data import Bucket, Figures
from clearsight.ui.insights.chart import Bar, Part

RESOLVE_COLORS = {"resolve": "#1565c0"}
LAYER_COLORS = {"layer": "#00695c"}
MOST_LAYERS = 8


def period_label(period: str) -> str:
    """ "2026-03" -> "Mar" ("Mar 26" in January and for the first bar of a range: enough to
    place the year, short enough for twelve bars); "2026-Q1" -> "Q1 26"."""
    year, part = period.split("-")
    if part.startswith("Q"):
        return f"{part} {year[2:]}"
    return f"{date(int(year), int(part), 1):%b}" + (f" {year[2:]}" if part == "01" else "")


def severity_bars(f: Figures) -> list[Bar]:
    _unit, by = periods(f)
    return [
        Bar(
            period_label(p),
            tuple(
                Part(sev, b.count, f"{b.count} {sev}", b.review_ids)
                for sev, b in buckets.items()
                if b.count
            ),
        )
        for p, buckets in by.items()
    ]


def resolve_bars(f: Figures) -> list[Bar]:
    """The median hours to resolve per month (or quarter)."""
    long = len(f.months) > 24
    bars = []
    for period in f.quarterly if long else f.monthly:
        spread = period.spreads["resolve"]
        hours = (spread.median or 0.0) / 3600
        text = f"median {hours:.1f} h over {spread.n} reviews" if spread.n else "no times"
        shown = f"{hours:.1f}" if spread.n else "-"
        part = Part("resolve", hours, text, spread.review_ids)
        bars.append(Bar(period_label(period.label), (part,), shown))
    return bars


def state_bars(buckets: dict[str, Bucket], labels: dict[str, str]) -> list[Bar]:
    return [
        Bar(labels[state], (Part(state, b.count, labels[state], b.review_ids),))
        for state, b in buckets.items()
    ]


def action_bars(f: Figures) -> list[Bar]:
    return state_bars(insights.shown(f.actions), insights.ACTION_LABELS)


def record_bars(f: Figures) -> list[Bar]:
    return state_bars(insights.shown(f.record), insights.record_labels(f.record_days))


def layer_bars(f: Figures) -> list[Bar]:
    return [
        Bar(b.label, (Part("layer", b.count, b.label, b.review_ids),))
        for b in f.layers[:MOST_LAYERS]
    ]


CHARTS = (
    ("Reviews by severity", SEVERITY_COLORS, severity_bars),
    ("Median hours to resolve", RESOLVE_COLORS, resolve_bars),
    ("Action items", ACTION_COLORS, action_bars),
    ("Records signed off", RECORD_COLORS, record_bars),
    ("Factors by defense layer", LAYER_COLORS, layer_bars),
)
