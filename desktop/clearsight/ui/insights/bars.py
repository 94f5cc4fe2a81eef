"""The Insights figures as the window's bars: each chart's bars from the figures, with the
reviews behind every part (no Qt here beyond the chart's plain Bar and Part)."""

from __future__ import annotations

from datetime import date

from clearsight.record.pdf_sections import SEVERITY_COLORS
from clearsight.record.report_charts import ACTION_COLORS, RECORD_COLORS, periods
from clearsight.review import insights
from clearsight.review.insight_data import Bucket, Figures
from clearsight.ui.insights.chart import Bar, Part

TREND_COLORS = {"trend": "#1565c0"}
LAYER_COLORS = {"layer": "#00695c"}
TAG_COLORS = {"tag": "#6a1b9a"}
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


def trend_bars(f: Figures, key: str = "resolve") -> list[Bar]:
    """The median of one of the times (insights.TREND_KEYS) per month, or per quarter over
    two years: in hours, or in days for the time to a signed-off record."""
    long = len(f.months) > 24
    per = 86400 if key == "record" else 3600
    unit = "days" if key == "record" else "h"
    bars = []
    for period in f.quarterly if long else f.monthly:
        spread = period.spreads[key]
        value = (spread.median or 0.0) / per
        text = f"median {value:.1f} {unit} over {spread.n} reviews" if spread.n else "no times"
        shown = f"{value:.1f}" if spread.n else "-"
        part = Part("trend", value, text, spread.review_ids)
        bars.append(Bar(period_label(period.label), (part,), shown))
    return bars


def trend_title(key: str) -> str:
    label = insights.TREND_LABELS[key].removeprefix("Time to ")
    return f"Median {'days' if key == 'record' else 'hours'} to {label}"


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


def tag_bars(f: Figures) -> list[Bar]:
    return [
        # Under the bar the name alone ("payments"): the kind is in its tooltip and its list.
        Bar(b.label.split(": ", 1)[-1], (Part("tag", b.count, b.label, b.review_ids),))
        for b in f.tags[:MOST_LAYERS]
    ]


CHARTS = (
    ("Reviews by severity", SEVERITY_COLORS, severity_bars),
    (trend_title("resolve"), TREND_COLORS, trend_bars),
    ("Action items", ACTION_COLORS, action_bars),
    ("Records signed off", RECORD_COLORS, record_bars),
    ("Factors by defense layer", LAYER_COLORS, layer_bars),
    ("Most frequent tags", TAG_COLORS, tag_bars),
)
