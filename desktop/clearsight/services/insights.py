"""The Insights figures over the reviews of a date range: seven light queries, then pure code.

No review is loaded whole. Read: the reviews' own columns; the first time of each timeline
mark (min() per review and mark, in SQL); when each review last became final and each action
item last moved to done (max() over the history, in SQL), with the newest standing sign-off
for a record imported as final, which brings no such history; the short columns of action
items and factors; the owners' names. The figures themselves are review/insights.py's.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from clearsight.db.models import (
    ActionItem,
    Change,
    DefenseLayer,
    Factor,
    Person,
    Review,
    SignOff,
    Tag,
    TimelineEvent,
)
from clearsight.errors import UserError
from clearsight.review import insights, rules
from clearsight.review.insight_data import ActionRow, FactorRow, Figures, ReviewRow
from clearsight.services.part import Part
from clearsight.services.search import tagged_reviews
from clearsight.services.tag_names import tag_label

# Ten years of months is already 120 bars; a longer range is more likely a typo (0206 for
# 2026) than a question.
LONGEST_RANGE = timedelta(days=3_660)


class Insights(Part):
    def figures(
        self,
        since: date,
        until: date,
        severity: str | Iterable[str] | None = None,
        now: datetime | None = None,
        record_days: int = insights.RECORD_DAYS,
    ) -> Figures:
        """The figures for the incidents whose day (UTC) is from ``since`` to ``until``
        inclusive (a review without an incident start counts from when it was made), of the
        given severities (all when None), as they stand at ``now`` (the current time)."""
        severities = _severities(severity)
        if since > until:
            raise UserError(f"The range starts ({since}) after it ends ({until}).")
        if until - since > LONGEST_RANGE:
            raise UserError("Give a range of at most ten years.")
        if not 0 <= record_days <= 365:
            raise UserError("The days allowed for a signed-off record: give 0 to 365.")
        where = _where(since, until, severities)
        with _collector_paused(), self._tx() as s:
            reviews, moves = _reviews(s, where)
            actions = _actions(s, where, moves.done)
            factors = _factors(s, where)
            tags = _tags(s, where)
            return insights.compute(
                reviews,
                actions,
                factors,
                since,
                until,
                now or datetime.now(UTC),
                severities,
                record_days,
                tags,
            )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector waits while the figures are made: they are some 100,000 small rows
    and tuples, none in a cycle, and its passes over them took a quarter of the time (measured
    on 5,000 reviews). It runs as usual afterwards; nothing it would have found is lost."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _severities(severity: str | Iterable[str] | None) -> tuple[str, ...]:
    if severity is None:
        return ()
    wanted = [severity] if isinstance(severity, str) else list(severity)
    try:
        return tuple(sorted({rules.parse_severity(v) for v in wanted}))
    except ValueError as err:
        raise UserError(str(err)) from err


def _where(since: date, until: date, severities: tuple[str, ...]) -> list[ColumnElement[bool]]:
    when = func.coalesce(Review.incident_start, Review.created_at)
    where = [when >= _midnight(since), when < _midnight(until) + timedelta(days=1)]
    if severities:
        where.append(Review.severity.in_(severities))
    return where


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _reviews(s: Session, where: list[ColumnElement[bool]]) -> tuple[list[ReviewRow], Moves]:
    """The reviews, each with the first time of each mark the figures use: one row a review,
    grouped in the order the timeline's review_id index already gives (no sort)."""
    event = TimelineEvent
    firsts = [func.min(case((event.mark == m, event.at))) for m in insights.MARKS_USED]
    rows = (
        s.connection()
        .execute(
            select(
                Review.id,
                Review.title,
                Review.severity,
                Review.status,
                Review.incident_start,
                Review.created_at,
                Review.display_zone,
                *firsts,
            )
            .outerjoin(event, (event.review_id == Review.id) & event.mark.is_not(None))
            .where(*where)
            .group_by(Review.id)
        )
        .all()
    )
    moves = _moves(s, where)
    final = _signed_at(s, where)
    final.update(moves.final)
    reviews = []
    for rid, title, severity, status, start, made, zone, *times in rows:
        marks = {m: at for m, at in zip(insights.MARKS_USED, times, strict=True) if at}
        reviews.append(
            ReviewRow(rid, title, severity, status, start or made, start, zone or "UTC", marks,
                      final.get(rid))
        )  # fmt: skip
    return reviews, moves


@dataclass
class Moves:
    """When each review last became final and each action item last moved to done."""

    final: dict[int, datetime] = field(default_factory=dict)  # by review id
    done: dict[int, datetime] = field(default_factory=dict)  # by action item id


def _moves(s: Session, where: list[ColumnElement[bool]]) -> Moves:
    """Both kinds of move from one query over the history."""
    out = Moves()
    found = s.connection().execute(
        select(
            Change.review_id,
            Change.entity,
            Change.new,
            func.max(Change.at),
        )
        .join(Review, Review.id == Change.review_id)
        .where(*where, Change.field == "status", Change.new.in_(("final", "done")))
        .group_by(Change.review_id, Change.entity, Change.new)
    )
    for review_id, entity, new, when in found:
        kind, _, row = entity.partition(":")
        if (kind, new) == ("review", "final"):
            out.final[review_id] = when
        elif (kind, new) == ("action", "done") and row.isdigit():
            out.done[int(row)] = when
    return out


def _signed_at(s: Session, where: list[ColumnElement[bool]]) -> dict[int, datetime]:
    """The newest standing sign-off of each final review: when a record imported as final
    (which brings no history of becoming final) was signed off."""
    found = s.connection().execute(
        select(SignOff.review_id, func.max(SignOff.signed_at))
        .join(Review, Review.id == SignOff.review_id)
        .where(*where, Review.status == "final", SignOff.voided_at.is_(None))
        .group_by(SignOff.review_id)
    )
    return {review_id: when for review_id, when in found}


def _actions(
    s: Session, where: list[ColumnElement[bool]], done_at: dict[int, datetime]
) -> list[ActionRow]:
    rows = (
        s.connection()
        .execute(
            select(
                ActionItem.id,
                ActionItem.review_id,
                ActionItem.category,
                ActionItem.status,
                ActionItem.due,
                ActionItem.owner_id,
            )
            .join(Review, Review.id == ActionItem.review_id)
            .where(*where)
        )
        .all()
    )
    owners = _owners(s, {r[5] for r in rows if r[5] is not None})
    return [
        ActionRow(aid, rid, owners.get(pid, insights.NO_OWNER), category, status, due,
                  done_at.get(aid))
        for aid, rid, category, status, due, pid in rows
    ]  # fmt: skip


def _owners(s: Session, ids: set[int]) -> dict[int | None, str]:
    """Each owner's name; two people of the same name are two owners, told apart by handle."""
    people = (
        s.connection()
        .execute(select(Person.id, Person.name, Person.handle).where(Person.id.in_(ids)))
        .all()
    )
    named: dict[str, int] = defaultdict(int)
    for _, name, _ in people:
        named[name] += 1
    out: dict[int | None, str] = {None: insights.NO_OWNER}
    for pid, name, handle in people:
        out[pid] = f"{name} (@{handle})" if handle and named[name] > 1 else name
    return out


def _factors(s: Session, where: list[ColumnElement[bool]]) -> list[FactorRow]:
    rows = s.connection().execute(
        select(Factor.id, Factor.review_id, DefenseLayer.name, Factor.text)
        .join(Review, Review.id == Factor.review_id)
        .outerjoin(DefenseLayer, DefenseLayer.id == Factor.layer_id)
        .where(*where)
    )
    return list(map(FactorRow._make, rows.all()))


def _tags(s: Session, where: list[ColumnElement[bool]]) -> list[tuple[int, str]]:
    """(review, tag label) for every tag on a review in range or on one of its factors."""
    tagged = tagged_reviews()
    rows = s.connection().execute(
        select(tagged.c.review_id, Tag.kind, Tag.name)
        .join(Tag, Tag.id == tagged.c.tag_id)
        .join(Review, Review.id == tagged.c.review_id)
        .where(*where)
    )
    return [(rid, tag_label(kind, name)) for rid, kind, name in rows]
