"""Figures across reviews, for the Insights page and `clearsight report`: pure, on plain rows.

Every figure is a ``Bucket`` that carries the ids it counts, so a bar clicked in the window,
or a number in the report's JSON, leads back to its reviews. Times are seconds; months and
quarters are UTC, like the date range that chose the reviews. The durations are the review
page's own (timeline/marks.py), so a review's number here is the number its page shows; the
incident start stands in for a missing trigger mark.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import chain
from operator import itemgetter
from typing import Any

from clearsight.review.insight_data import (
    ActionRow,
    Bucket,
    FactorRow,
    Figures,
    Period,
    ReviewRow,
    ReviewTimes,
    Spread,
    Unsigned,
)
from clearsight.review.insight_words import factor_words
from clearsight.review.rules import ACTION_CATEGORIES, SEVERITIES
from clearsight.timeline import marks, zones

DURATION_KEYS = ("detect", "acknowledge", "mitigate", "resolve")
TREND_KEYS = (*DURATION_KEYS, "record")
TREND_LABELS = {
    **{key: label for key, label, _, _ in marks.DURATIONS if key in DURATION_KEYS},
    "record": "Time to signed-off record",
}
_PAIRS = tuple((key, start, end) for key, _, start, end in marks.DURATIONS if key in DURATION_KEYS)
# The marks those times start or end at: all a review's timeline has to say here.
MARKS_USED = tuple(sorted({mark for _, start, end in _PAIRS for mark in (start, end)}))
# The guides ask for a published record within 5-7 days of the incident.
RECORD_DAYS = 7
ACTION_STATES = ("on_time", "late", "overdue", "open", "dropped", "done_undated")
ACTION_LABELS = {
    "on_time": "Done on time",
    "late": "Done late",
    "overdue": "Overdue",
    "open": "Open, not yet due",
    "dropped": "Dropped",
    "done_undated": "Done (no date kept)",
}
RECORD_STATES = ("on_time", "late", "unsigned_late", "waiting", "signed_undated")
NO_OWNER = "(no owner)"
NO_LAYER = "(no layer)"
# Shown only when something falls in them: most archives have none, and an empty bar for a
# corner case would be noise on a projector.
RARE = frozenset({"done_undated", "signed_undated"})
TOP = 15


def record_labels(days: int) -> dict[str, str]:
    return {
        "on_time": f"Signed off within {days} days",
        "late": f"Signed off after {days} days",
        "unsigned_late": f"Unsigned after {days} days",
        "waiting": f"Unsigned, within {days} days",
        "signed_undated": "Final (no date kept)",
    }


def compute(
    reviews: Sequence[ReviewRow],
    actions: Iterable[ActionRow],
    factors: Iterable[FactorRow],
    since: date,
    until: date,
    now: datetime,
    severities: Sequence[str] = (),
    record_days: int = RECORD_DAYS,
    tags: Iterable[tuple[int, str]] = (),
) -> Figures:
    """Every figure of the Insights page for ``reviews`` (already chosen by range and
    filters) and their action items and factors, as they stand at ``now``."""
    reviews = sorted(reviews, key=lambda r: (r.started, r.id))
    months = month_range(since, until)
    times = tuple(review_times(r, record_days) for r in reviews)
    zone_of = {r.id: _zone(r.zone) for r in reviews}
    acts = [a for a in actions if a.review_id in zone_of]
    states = [action_state(a, now, zone_of[a.review_id]) for a in acts]
    overall, by_owner, by_category = _action_buckets(acts, states)
    return Figures(
        since=since,
        until=until,
        severities=tuple(severities),
        now=now,
        record_days=record_days,
        review_ids=tuple(r.id for r in reviews),
        months=months,
        by_severity=severity_by_month(reviews, months, [t.month for t in times], severities),
        times=times,
        monthly=trend(times, month_of=lambda m: m),
        quarterly=trend(times, month_of=quarter_of),
        untimed={k: tuple(t.review_id for t in times if t.seconds[k] is None) for k in TREND_KEYS},
        actions=overall,
        by_owner=by_owner,
        by_category=by_category,
        layers=layer_counts(factors, set(zone_of)),
        words=word_counts(factors, set(zone_of)),
        tags=tag_counts(tags, set(zone_of)),
        **_records(reviews, now, record_days),
    )


def month_range(since: date, until: date) -> tuple[str, ...]:
    out, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def month_of(at: datetime) -> str:
    utc = at.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"


def quarter_of(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def severity_by_month(
    reviews: Sequence[ReviewRow],
    months: Sequence[str],
    month_by_review: Sequence[str] = (),
    severities: Sequence[str] = (),
) -> dict[str, dict[str, Bucket]]:
    """Reviews per month and severity (only ``severities`` when the figures are filtered);
    ``month_by_review`` when the reviews' months are known already."""
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    in_month = month_by_review or [month_of(r.started) for r in reviews]
    for r, month in zip(reviews, in_month, strict=True):
        found[month, r.severity].append(r.id)
    kinds = list(severities) or [
        *SEVERITIES,
        *sorted({r.severity for r in reviews} - set(SEVERITIES)),
    ]
    return {
        m: {s: Bucket(s, len(ids), tuple(ids)) for s in kinds for ids in [found.get((m, s), [])]}
        for m in months
    }


def review_times(review: ReviewRow, record_days: int = RECORD_DAYS) -> ReviewTimes:
    """The review's times to detect, acknowledge, mitigate, resolve and sign off, in seconds."""
    times = review.marks
    if "trigger" not in times and review.incident_start is not None:
        times = {**times, "trigger": review.incident_start}
    seconds: dict[str, float | None] = {}
    # marks.DURATIONS' own pairs, without building every Duration of the review page.
    for key, start, end in _PAIRS:
        began, ended = times.get(start), times.get(end)
        ok = began is not None and ended is not None and ended >= began
        seconds[key] = (ended - began).total_seconds() if ok else None  # type: ignore[operator]
    final = review.final_at if review.status == "final" else None
    after = None if final is None else max(0.0, (final - review.started).total_seconds())
    seconds["record"] = after
    return ReviewTimes(review.id, month_of(review.started), seconds)


def trend(times: Sequence[ReviewTimes], month_of: Any) -> tuple[Period, ...]:
    """Median and spread of each time per period (``month_of`` maps a month to its period),
    for the periods that have reviews."""
    groups: dict[str, list[ReviewTimes]] = defaultdict(list)
    for t in times:
        groups[month_of(t.month)].append(t)
    return tuple(
        Period(label, {k: spread([(t.review_id, t.seconds[k]) for t in group]) for k in TREND_KEYS})
        for label, group in sorted(groups.items())
    )


def spread(values: Iterable[tuple[int, float | None]]) -> Spread:
    known = sorted((v, rid) for rid, v in values if v is not None)
    ordered = [v for v, _ in known]
    return Spread(
        len(ordered),
        quantile(ordered, 0.5),
        quantile(ordered, 0.25),
        quantile(ordered, 0.75),
        tuple(sorted(rid for _, rid in known)),
    )


def quantile(ordered: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile of sorted values, interpolated between neighbours (as numpy's and
    statistics' "inclusive" method: the median of 1, 2, 3, 4 is 2.5)."""
    if not ordered:
        return None
    at = (len(ordered) - 1) * q
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def action_state(item: ActionRow, now: datetime, where: tzinfo = UTC) -> str:
    """Where an item stands at ``now``. A due date is a day where the review is kept (its
    display zone), so an item done at 23:30 there on the day it was due is on time."""
    if item.status == "dropped":
        return "dropped"
    if item.status == "done":
        if item.due is None:
            return "on_time"  # no date to miss
        if item.done_at is None:
            return "done_undated"
        return "on_time" if item.done_at.astimezone(where).date() <= item.due else "late"
    if item.due is not None and item.due < now.astimezone(where).date():
        return "overdue"
    return "open"


def _action_buckets(
    items: Sequence[ActionRow], states: Sequence[str]
) -> tuple[dict[str, Bucket], dict[str, dict[str, Bucket]], dict[str, dict[str, Bucket]]]:
    """The items by state; by owner and state (most items first); by category and state
    (in the rules' order), from one pass over them."""
    overall: dict[str, list[ActionRow]] = {k: [] for k in ACTION_STATES}
    owners: dict[str, dict[str, list[ActionRow]]] = {}
    categories: dict[str, dict[str, list[ActionRow]]] = {}
    for a, state in zip(items, states, strict=True):
        overall[state].append(a)
        for groups, name in ((owners, a.owner or NO_OWNER), (categories, a.category)):
            group = groups.get(name)
            if group is None:
                group = groups[name] = {k: [] for k in ACTION_STATES}
            group[state].append(a)

    def buckets(rows: Mapping[str, list[ActionRow]]) -> dict[str, Bucket]:
        return {k: _bucket(ACTION_LABELS[k], rows[k]) for k in ACTION_STATES}

    def size(rows: Mapping[str, list[ActionRow]]) -> int:
        return sum(map(len, rows.values()))

    rank = {name: n for n, name in enumerate(ACTION_CATEGORIES)}
    by_owner = sorted(owners, key=lambda g: (-size(owners[g]), g.casefold()))
    by_category = sorted(categories, key=lambda g: (rank.get(g, len(rank)), g))
    return (
        buckets(overall),
        {g: buckets(owners[g]) for g in by_owner},
        {g: buckets(categories[g]) for g in by_category},
    )


_ID, _REVIEW = itemgetter(0), itemgetter(1)  # a row's id and its review's, as both kinds hold


def _bucket(label: str, items: Sequence[ActionRow | FactorRow]) -> Bucket:
    reviews = tuple(sorted(set(map(_REVIEW, items))))
    return Bucket(label, len(items), reviews, tuple(sorted(map(_ID, items))))


def layer_counts(factors: Iterable[FactorRow], reviews: set[int]) -> tuple[Bucket, ...]:
    """Factors per defense layer, most first. Layers are a review's own rows, so the same
    name in two reviews is one layer here (compared without case and spacing)."""
    named: dict[str | None, list[FactorRow]] = defaultdict(list)
    for f in factors:
        if f.review_id in reviews:
            named[f.layer].append(f)
    # Then the few distinct names: the same layer's spellings together, the commonest shown.
    groups: dict[str, list[FactorRow]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for layer, rows in named.items():
        name = " ".join((layer or "").split()) or NO_LAYER
        groups[name.casefold()] += rows
        spellings[name.casefold()][name] += len(rows)
    buckets = [_bucket(spellings[k].most_common(1)[0][0], rows) for k, rows in groups.items()]
    return tuple(sorted(buckets, key=lambda b: (-b.count, b.label.casefold())))


def tag_counts(
    tagged: Iterable[tuple[int, str]], reviews: set[int], top: int = TOP
) -> tuple[Bucket, ...]:
    """The tags on the most reviews (a tag on a review or on one of its factors counts the
    review once), most first. ``tagged``: (review id, tag label) pairs."""
    ids: dict[str, set[int]] = defaultdict(set)
    for review_id, label in tagged:
        if review_id in reviews:
            ids[label].add(review_id)
    best = sorted(ids, key=lambda t: (-len(ids[t]), t))[:top]
    return tuple(Bucket(t, len(ids[t]), tuple(sorted(ids[t]))) for t in best)


def word_counts(
    factors: Iterable[FactorRow], reviews: set[int], top: int = TOP
) -> tuple[Bucket, ...]:
    """The words in the most factors (each factor counts a word once), most first."""
    chosen = [(f, factor_words(f.text)) for f in factors if f.review_id in reviews]
    counts = Counter(chain.from_iterable(words for _, words in chosen))
    best = sorted(counts, key=lambda w: (-counts[w], w))[:top]
    # Only the few words shown collect their factors: the rest were counted, not listed.
    rows: dict[str, list[FactorRow]] = {w: [] for w in best}
    wanted = frozenset(best)
    for f, words in chosen:
        for word in words & wanted:
            rows[word].append(f)
    return tuple(_bucket(w, rows[w]) for w in best)


def _records(reviews: Sequence[ReviewRow], now: datetime, days: int) -> dict[str, Any]:
    """How each review's record stands against ``days`` after its incident."""
    groups: dict[str, list[int]] = {k: [] for k in RECORD_STATES}
    unsigned = []
    limit = timedelta(days=days)
    for r in reviews:
        if r.status == "final":
            state = (
                "signed_undated" if r.final_at is None
                else "on_time" if r.final_at - r.started <= limit else "late"
            )  # fmt: skip
        elif now - r.started > limit:
            state = "unsigned_late"
            age = (now - r.started).total_seconds() / 86_400
            unsigned.append(Unsigned(r.id, r.title, r.severity, r.started, age))
        else:
            state = "waiting"
        groups[state].append(r.id)
    labels = record_labels(days)
    return {
        "record": {k: Bucket(labels[k], len(v), tuple(sorted(v))) for k, v in groups.items()},
        "unsigned": tuple(sorted(unsigned, key=lambda u: (-u.days, u.review_id))),
    }


def shown(buckets: Mapping[str, Bucket]) -> dict[str, Bucket]:
    """The states to draw: every one but a rare corner case that nothing falls in."""
    return {k: b for k, b in buckets.items() if b.count or k not in RARE}


def merge(periods: Mapping[str, Mapping[str, Bucket]], key: Any) -> dict[str, dict[str, Bucket]]:
    """Month buckets gathered into longer periods (``key`` maps a month to its period): a
    range of years draws by quarter, so the bars stay wide enough to read."""
    out: dict[str, dict[str, Bucket]] = {}
    for month, buckets in periods.items():
        into = out.setdefault(key(month), {})
        for name, b in buckets.items():
            had = into.get(name)
            into[name] = b if had is None else Bucket(
                b.label, had.count + b.count, tuple(sorted({*had.review_ids, *b.review_ids}))
            )  # fmt: skip
    return out


@functools.cache
def _zone(name: str) -> tzinfo:
    try:
        return zones.zone(name)
    except ValueError:  # a zone this machine's database lacks: the day in UTC is close enough
        return UTC
