"""The plain rows the Insights figures are computed from, and the figures themselves.

Each figure is a ``Bucket`` that carries the ids it counts: the list a clicked bar shows, and
what the report's JSON lists under each number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any, NamedTuple


# The rows in are named tuples: thousands are made per figure, and a frozen dataclass costs
# several times more to make.
class ReviewRow(NamedTuple):
    id: int
    title: str
    severity: str
    status: str
    started: datetime  # the incident's start, else when the review was made
    incident_start: datetime | None = None
    zone: str = "UTC"  # the review's display zone: where its due dates are days
    marks: Mapping[str, datetime] = MappingProxyType({})  # the first event of each mark
    final_at: datetime | None = None  # when it last became final


class ActionRow(NamedTuple):
    id: int
    review_id: int
    owner: str
    category: str
    status: str
    due: date | None
    done_at: datetime | None  # when it last moved to done, from the history


class FactorRow(NamedTuple):
    id: int
    review_id: int
    layer: str | None
    text: str


@dataclass(frozen=True)
class Bucket:
    label: str
    count: int
    review_ids: tuple[int, ...]  # the reviews behind the count, for the list a click shows
    row_ids: tuple[int, ...] = ()  # the action items or factors counted, when rows are counted

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "count": self.count}
        out["review_ids"] = list(self.review_ids)
        if self.row_ids:
            out["row_ids"] = list(self.row_ids)
        return out


@dataclass(frozen=True)
class Spread:
    n: int
    median: float | None
    p25: float | None
    p75: float | None
    review_ids: tuple[int, ...]

    def as_json(self) -> dict[str, Any]:
        return {"n": self.n, "median_s": self.median, "p25_s": self.p25, "p75_s": self.p75,
                "review_ids": list(self.review_ids)}  # fmt: skip


@dataclass(frozen=True)
class Period:
    label: str  # "2026-03" or "2026-Q1"
    spreads: Mapping[str, Spread]  # by TREND_KEYS


@dataclass(frozen=True)
class ReviewTimes:
    review_id: int
    month: str
    seconds: Mapping[str, float | None]  # by TREND_KEYS; None: a mark missing or out of order


@dataclass(frozen=True)
class Unsigned:
    review_id: int
    title: str
    severity: str
    started: datetime
    days: float  # since the incident


@dataclass(frozen=True)
class Figures:
    since: date
    until: date
    severities: tuple[str, ...]  # the filter; empty: every severity
    now: datetime
    record_days: int
    review_ids: tuple[int, ...]
    months: tuple[str, ...]  # every month of the range, so a quiet month shows as zero
    by_severity: Mapping[str, Mapping[str, Bucket]]  # month -> severity -> reviews
    times: tuple[ReviewTimes, ...]
    monthly: tuple[Period, ...]
    quarterly: tuple[Period, ...]
    untimed: Mapping[str, tuple[int, ...]]  # key -> the reviews without that time
    actions: Mapping[str, Bucket]  # by ACTION_STATES
    by_owner: Mapping[str, Mapping[str, Bucket]]  # owner -> state; most items first
    by_category: Mapping[str, Mapping[str, Bucket]]
    layers: tuple[Bucket, ...]  # the defense layers with the most factors first
    words: tuple[Bucket, ...]  # the words in the most factors first
    tags: tuple[Bucket, ...]  # the tags on the most reviews first (on them or their factors)
    record: Mapping[str, Bucket]  # by RECORD_STATES
    unsigned: tuple[Unsigned, ...]  # unsigned past record_days, oldest first

    def as_json(self) -> dict[str, Any]:
        def states(m: Mapping[str, Bucket]) -> dict[str, Any]:
            return {k: b.as_json() for k, b in m.items()}

        def periods(ps: Sequence[Period]) -> list[dict[str, Any]]:
            return [{"period": p.label, **{k: s.as_json() for k, s in p.spreads.items()}}
                    for p in ps]  # fmt: skip

        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "severities": list(self.severities),
            "as_of": self.now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "record_days": self.record_days,
            "review_ids": list(self.review_ids),
            "by_severity": {m: states(self.by_severity[m]) for m in self.months},
            "times": [
                {"review_id": t.review_id, "month": t.month, **t.seconds} for t in self.times
            ],  # fmt: skip
            "monthly": periods(self.monthly),
            "quarterly": periods(self.quarterly),
            "untimed": {k: list(v) for k, v in self.untimed.items()},
            "actions": states(self.actions),
            "by_owner": {o: states(s) for o, s in self.by_owner.items()},
            "by_category": {c: states(s) for c, s in self.by_category.items()},
            "layers": [b.as_json() for b in self.layers],
            "words": [b.as_json() for b in self.words],
            "tags": [b.as_json() for b in self.tags],
            "record": states(self.record),
            "unsigned": [
                {
                    "review_id": u.review_id,
                    "title": u.title,
                    "severity": u.severity,
                    "days": round(u.days, 1),
                }
                for u in self.unsigned
            ],  # fmt: skip
        }
