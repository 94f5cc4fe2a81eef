"""The report's sections as plain text tables, shared by its Markdown and PDF forms so the two
always say the same: each section a heading, a line of explanation, tables and notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta

from clearsight.review import insights
from clearsight.review.insight_data import Bucket, Figures, Period, Spread
from clearsight.review.rules import ACTION_CATEGORIES
from clearsight.timeline.marks import format_duration

UNSIGNED_SHOWN = 25
OWNERS_SHOWN = 15
CATEGORY_LABELS = {c: c.capitalize() for c in ACTION_CATEGORIES}
SHORT = {
    "detect": "Detect",
    "acknowledge": "Acknowledge",
    "mitigate": "Mitigate",
    "resolve": "Resolve",
    "record": "Signed-off record",
}


@dataclass(frozen=True)
class Table:
    head: list[str]
    rows: list[list[str]]
    title: str = ""  # a sub-heading, when a section has several tables
    numeric: int = 1  # the columns from this one on are numbers (right-aligned in the PDF)
    first: float = 0.32  # the first column's share of the width in the PDF


@dataclass(frozen=True)
class Section:
    key: str  # the chart that goes with it in the PDF: severity, times, actions, ...
    title: str
    intro: str
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def heading(f: Figures) -> tuple[str, str]:
    """The title and the line under it."""
    title = f"Insights: {f.since.isoformat()} to {f.until.isoformat()}"
    severity = ", ".join(f.severities) if f.severities else "all"
    when = f.now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    line = (
        f"{_n(len(f.review_ids))} reviews (incident day in UTC) \u00b7 severity: {severity} "
        f"\u00b7 as of {when} \u00b7 a signed-off record is due {f.record_days} days after "
        "the incident"
    )
    return title, line


def sections(f: Figures) -> list[Section]:
    return [_severity(f), _times(f), _actions(f), _factors(f), _record(f)]


def _severity(f: Figures) -> Section:
    kinds = list(next(iter(f.by_severity.values()), {}))
    rows = []
    for month in f.months:
        counts = [f.by_severity[month][k].count for k in kinds]
        rows.append([month, *map(_n, counts), _n(sum(counts))])
    totals = [sum(f.by_severity[m][k].count for m in f.months) for k in kinds]
    rows.append(["Total", *map(_n, totals), _n(sum(totals))])
    return Section(
        "severity",
        "Reviews by severity per month",
        "Each review counts in the month its incident began.",
        [Table(["Month", *kinds, "Total"], rows)],
    )


def _times(f: Figures) -> Section:
    keys = insights.TREND_KEYS
    head = ["Quarter", *(SHORT[k] for k in keys)]
    missing = [
        f"{insights.TREND_LABELS[k]}: {_n(len(f.untimed[k]))} of {_n(len(f.times))}" for k in keys
    ]
    return Section(
        "times",
        "Time to detect, acknowledge, mitigate and resolve",
        "Each cell: the median; under it the middle half of the reviews (25th to 75th "
        "percentile) and the number of reviews measured. As on each review's timeline: time to "
        "detect runs from the trigger (or the incident start), to acknowledge, mitigate and "
        "resolve from detection; to a signed-off record from the incident.",
        [
            Table(head, [_period(p) for p in f.quarterly], "By quarter", first=0.14),
            Table(["Month", *head[1:]], [_period(p) for p in f.monthly], "By month", first=0.14),
        ],
        [
            "Reviews not in a time (a mark missing or out of order; for the record, not signed "
            "off yet): " + "; ".join(missing)
        ],
    )


def _period(p: Period) -> list[str]:
    return [p.label, *(_spread(p.spreads[k]) for k in insights.TREND_KEYS)]


def _spread(s: Spread) -> str:
    if s.median is None or s.p25 is None or s.p75 is None:
        return "\u2014"
    return f"{_time(s.median)}\n{_time(s.p25)} \u2013 {_time(s.p75)}\nn = {_n(s.n)}"


def _time(seconds: float) -> str:
    """Short enough for a narrow cell: minutes up to an hour, then hours, then days."""
    if seconds < 3600:
        return format_duration(timedelta(seconds=round(seconds)))
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86_400:.1f} d"


def _actions(f: Figures) -> Section:
    states = list(insights.shown(f.actions))
    labels = [insights.ACTION_LABELS[s] for s in states]
    overall = [[b.label, _n(b.count), _n(len(b.review_ids))] for b in _pick(f.actions, states)]

    def grouped(
        groups: Mapping[str, Mapping[str, Bucket]], names: Mapping[str, str]
    ) -> list[list[str]]:
        out = []
        for name, buckets in groups.items():
            counts = [buckets[s].count for s in states]
            out.append([names.get(name, name), *map(_n, counts), _n(sum(counts))])
        return out

    owners = dict(list(f.by_owner.items())[:OWNERS_SHOWN])
    more = len(f.by_owner) - len(owners)
    today = f.now.astimezone(UTC).date().isoformat()
    return Section(
        "actions",
        "Action items",
        f"Every action item of these reviews, as it stands on {today}. On time: moved to done "
        "on or before its due date (a day in the review's time zone); overdue: open past it.",
        [
            Table(["State", "Items", "Reviews"], overall),
            Table(
                ["Category", *labels, "Total"],
                grouped(f.by_category, CATEGORY_LABELS),
                "By category",
            ),  # fmt: skip
            Table(
                ["Owner", *labels, "Total"],
                grouped(owners, {}),
                f"By owner ({len(owners)} with the most items)" if more else "By owner",
            ),
        ],  # fmt: skip
        [f"And {_n(more)} more owners (--json lists them all)."] if more else [],
    )


def _pick(buckets: Mapping[str, Bucket], keys: list[str]) -> list[Bucket]:
    return [buckets[k] for k in keys]


def _factors(f: Figures) -> Section:
    def rows(buckets: tuple[Bucket, ...]) -> list[list[str]]:
        return [[b.label, _n(b.count), _n(len(b.review_ids))] for b in buckets]

    return Section(
        "factors",
        "Contributing factors",
        "Which defense layers the factors are holes in, the words that come up in the most "
        "factors (each factor counts a word once), and the team's tags on the most reviews "
        "(on the review or on one of its factors).",
        [
            Table(["Defense layer", "Factors", "Reviews"], rows(f.layers), "By defense layer"),
            Table(["Word", "Factors", "Reviews"], rows(f.words), "Most common words"),
            Table(
                ["Tag", "Reviews"],
                [[b.label, _n(b.count)] for b in f.tags] or [["(no tags)", "0"]],
                "Most frequent tags",
            ),
        ],
    )


def _record(f: Figures) -> Section:
    states = insights.shown(f.record)
    rows = [[b.label, _n(b.count)] for b in states.values()]
    overall = insights.spread((t.review_id, t.seconds["record"]) for t in f.times)
    notes = []
    if overall.median is not None:
        notes.append(
            f"Median time to a signed-off record: {_spread(overall).replace(chr(10), ', ')}."
        )
    shown = f.unsigned[:UNSIGNED_SHOWN]
    unsigned = [
        [str(u.review_id), u.severity, u.started.astimezone(UTC).strftime("%Y-%m-%d"),
         f"{u.days:.0f}", u.title]
        for u in shown
    ]  # fmt: skip
    if len(f.unsigned) > len(shown):
        notes.append(f"And {_n(len(f.unsigned) - len(shown))} more unsigned reviews.")
    tables = [Table(["Record", "Reviews"], rows)]
    if unsigned:
        tables.append(
            Table(
                ["Review", "Severity", "Incident", "Days", "Title"],
                unsigned,
                f"Unsigned after {f.record_days} days, oldest first",
                numeric=5,
            )
        )
    return Section(
        "record",
        "Time to a signed-off record",
        f"The guides ask for a published record within 5-7 days of the incident; this report "
        f"counts {f.record_days}.",
        tables,
        notes,
    )


def _n(value: int) -> str:
    return f"{value:,}"
