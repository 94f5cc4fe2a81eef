"""The review service: every change to a review goes through here, one transaction each.

The UI's undo commands and the CLI call these methods; nothing else writes to the store.
Each method validates first and raises ``UserError`` with a message fit to show.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clearsight.db.models import Change, ImpactFigure, Lesson, Participant, Person, Review, Setting
from clearsight.db.store import Store
from clearsight.errors import UserError
from clearsight.review import final_guard, rules
from clearsight.review.actions_service import ActionsMixin, action_data
from clearsight.review.data import (
    DismissalData,
    FigureData,
    LessonData,
    ParticipantData,
    PersonData,
    ReviewDetail,
    ReviewSummary,
)
from clearsight.review.factors_service import FactorsMixin, factor_data, layer_data
from clearsight.review.flags import FlagsMixin
from clearsight.review.ordering import place
from clearsight.review.redact_service import RedactMixin
from clearsight.review.signoff_service import SignoffMixin
from clearsight.review.timeline_service import TimelineMixin, event_data
from clearsight.review.whys_service import WhysMixin, tree_data
from clearsight.timeline.zones import zone


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _instant(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        if value is not None and value.tzinfo is None:
            raise ValueError("time has no zone")
        return value
    return rules.parse_instant(str(value))


# The review's own fields a user may set, each with the check its value must pass.
REVIEW_FIELDS: dict[str, Callable[[Any], Any]] = {
    "title": rules.clean_title,
    "severity": rules.parse_severity,
    "status": rules.parse_status,
    "incident_id": lambda v: _text(v).strip(),
    "incident_start": _instant,
    "incident_end": _instant,
    "meeting_at": _instant,
    "summary": _text,
    "impact": _text,
    "display_zone": lambda v: str(zone(_text(v))),
}
# Changes to these are kept in the review's history.
HISTORY_FIELDS = ("severity", "status")


def person_data(p: Person) -> PersonData:
    return PersonData(p.id, p.name, p.handle, p.email)


class ReviewService(
    FlagsMixin, TimelineMixin, WhysMixin, FactorsMixin, ActionsMixin, SignoffMixin, RedactMixin
):
    def __init__(self, store: Store) -> None:
        self.store = store
        store.before_flush(final_guard.check)

    # ---- reviews -------------------------------------------------------------------------
    def list_reviews(self) -> list[ReviewSummary]:
        with self.store.transaction() as s:
            rows = s.scalars(
                select(Review).order_by(
                    Review.incident_start.is_(None), Review.incident_start.desc(), Review.id.desc()
                )
            ).all()
            return [
                ReviewSummary(r.id, r.title, r.severity, r.status, r.incident_id, r.incident_start)
                for r in rows
            ]

    def count_reviews(self) -> int:
        with self.store.transaction() as s:
            return s.scalar(select(func.count(Review.id))) or 0

    def create_review(
        self, title: str, severity: str = "SEV-3", incident_start: datetime | None = None
    ) -> int:
        values = self._checked(
            {"title": title, "severity": severity, "incident_start": incident_start}
        )
        with self.store.transaction() as s:
            review = Review(**values)
            s.add(review)
            s.flush()
            review_id = review.id
        self.add_default_layers(review_id)
        return review_id

    def delete_review(self, review_id: int) -> None:
        with self.store.transaction() as s:
            s.delete(self._review(s, review_id))

    def get_review(self, review_id: int) -> ReviewDetail:
        with self.store.transaction() as s:
            r = self._review(s, review_id)
            return ReviewDetail(
                id=r.id,
                uid=r.uid,
                title=r.title,
                severity=r.severity,
                status=r.status,
                incident_id=r.incident_id,
                incident_start=r.incident_start,
                incident_end=r.incident_end,
                meeting_at=r.meeting_at,
                summary=r.summary,
                impact=r.impact,
                display_zone=r.display_zone,
                participants=[
                    ParticipantData(person_data(p.person), p.role) for p in r.participants
                ],
                figures=[FigureData(f.id, f.label, f.value, f.position) for f in r.figures],
                lessons=[LessonData(x.id, x.kind, x.text, x.position) for x in r.lessons],
                events=[event_data(e) for e in sorted(r.events, key=lambda e: (e.at, e.id))],
                trees=[tree_data(t) for t in r.trees],
                layers=[layer_data(x) for x in r.layers],
                factors=[factor_data(s, f) for f in r.factors],
                actions=[action_data(s, a) for a in r.actions],
                dismissals=[
                    DismissalData(d.id, d.field, d.rule_id, d.snippet, d.reason)
                    for d in r.dismissals
                ],
            )

    def set_field(self, review_id: int, field: str, value: Any, reason: str = "") -> None:
        """Set one of the review's own fields (see REVIEW_FIELDS)."""
        clean = self._checked({field: value})[field]
        with self.store.transaction() as s:
            r = self._review(s, review_id)
            old = getattr(r, field)
            if old == clean:
                return
            if field == "severity" and clean > old and not reason.strip():
                # "SEV-3" > "SEV-2": a lower severity. The record must say why it changed.
                raise UserError(
                    f"Lowering the severity from {old} to {clean} needs a reason; "
                    "it is kept in the review's history."
                )
            if field == "status" and "final" in (old, clean):
                raise UserError("A review becomes final by sign-off and leaves it by reopening.")
            setattr(r, field, clean)
            if field in HISTORY_FIELDS:
                s.add(
                    Change(
                        review_id=r.id,
                        entity="review",
                        field=field,
                        old=str(old),
                        new=str(clean),
                        reason=reason,
                    )
                )

    @staticmethod
    def _checked(values: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for field, value in values.items():
            check = REVIEW_FIELDS.get(field)
            if check is None:
                raise UserError(f"A review has no field {field!r}.")
            try:
                out[field] = check(value)
            except ValueError as err:
                raise UserError(f"{field}: {err}") from err
        return out

    @staticmethod
    def _review(s: Session, review_id: int) -> Review:
        review = s.get(Review, review_id)
        if review is None:
            raise UserError(f"There is no review {review_id}.")
        return review

    # ---- people --------------------------------------------------------------------------
    def list_people(self) -> list[PersonData]:
        with self.store.transaction() as s:
            return [person_data(p) for p in s.scalars(select(Person).order_by(Person.name))]

    def add_person(self, name: str, handle: str | None = None, email: str | None = None) -> int:
        try:
            person = Person(
                name=rules.clean_name(name),
                handle=rules.clean_handle(handle),
                email=(email or "").strip() or None,
            )
        except ValueError as err:
            raise UserError(str(err)) from err
        with self.store.transaction() as s:
            if person.handle and s.scalar(select(Person).where(Person.handle == person.handle)):
                raise UserError(f"Someone already has the handle @{person.handle}.")
            s.add(person)
            try:
                s.flush()
            except IntegrityError as err:  # a concurrent add of the same handle
                raise UserError(f"Someone already has the handle @{person.handle}.") from err
            return person.id

    def update_person(
        self, person_id: int, name: str, handle: str | None, email: str | None
    ) -> None:
        try:
            values = (
                rules.clean_name(name),
                rules.clean_handle(handle),
                (email or "").strip() or None,
            )
        except ValueError as err:
            raise UserError(str(err)) from err
        with self.store.transaction() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise UserError(f"There is no person {person_id}.")
            clash = values[1] and s.scalar(
                select(Person).where(Person.handle == values[1], Person.id != person_id)
            )
            if clash:
                raise UserError(f"Someone already has the handle @{values[1]}.")
            person.name, person.handle, person.email = values

    def add_participant(self, review_id: int, person_id: int, role: str) -> None:
        role = self._role(role)
        with self.store.transaction() as s:
            self._review(s, review_id)
            if s.get(Person, person_id) is None:
                raise UserError(f"There is no person {person_id}.")
            exists = s.scalar(
                select(Participant).where(
                    Participant.review_id == review_id,
                    Participant.person_id == person_id,
                    Participant.role == role,
                )
            )
            if not exists:
                s.add(Participant(review_id=review_id, person_id=person_id, role=role))

    def remove_participant(self, review_id: int, person_id: int, role: str) -> None:
        role = self._role(role)
        with self.store.transaction() as s:
            row = s.scalar(
                select(Participant).where(
                    Participant.review_id == review_id,
                    Participant.person_id == person_id,
                    Participant.role == role,
                )
            )
            if row is not None:
                s.delete(row)

    @staticmethod
    def _role(role: str) -> str:
        try:
            return rules.parse_choice(role, rules.ROLES, "role")
        except ValueError as err:
            raise UserError(str(err)) from err

    # ---- lessons -------------------------------------------------------------------------
    def add_lesson(
        self, review_id: int, kind: str, text: str = "", position: int | None = None
    ) -> int:
        try:
            kind = rules.parse_choice(kind, rules.LESSON_KINDS, "lesson kind")
        except ValueError as err:
            raise UserError(str(err)) from err
        with self.store.transaction() as s:
            review = self._review(s, review_id)
            siblings = [x for x in review.lessons if x.kind == kind]
            lesson = Lesson(review_id=review_id, kind=kind, text=text)
            place(siblings, lesson, position)
            s.add(lesson)
            s.flush()
            return lesson.id

    def set_lesson_text(self, lesson_id: int, text: str) -> None:
        with self.store.transaction() as s:
            self._row(s, Lesson, lesson_id, "lesson").text = text

    def delete_lesson(self, lesson_id: int) -> LessonData:
        """Removes the lesson and returns it as it was, so an undo can put it back."""
        with self.store.transaction() as s:
            lesson = self._row(s, Lesson, lesson_id, "lesson")
            data = LessonData(lesson.id, lesson.kind, lesson.text, lesson.position)
            s.delete(lesson)
            return data

    # ---- impact figures ------------------------------------------------------------------
    def add_figure(
        self, review_id: int, label: str, value: str = "", position: int | None = None
    ) -> int:
        with self.store.transaction() as s:
            review = self._review(s, review_id)
            figure = ImpactFigure(review_id=review_id, label=label.strip(), value=value.strip())
            place(list(review.figures), figure, position)
            s.add(figure)
            s.flush()
            return figure.id

    def set_figure(self, figure_id: int, label: str, value: str) -> None:
        with self.store.transaction() as s:
            figure = self._row(s, ImpactFigure, figure_id, "impact figure")
            figure.label, figure.value = label.strip(), value.strip()

    def delete_figure(self, figure_id: int) -> FigureData:
        with self.store.transaction() as s:
            f = self._row(s, ImpactFigure, figure_id, "impact figure")
            data = FigureData(f.id, f.label, f.value, f.position)
            s.delete(f)
            return data

    @staticmethod
    def _row(s: Session, model: Any, row_id: int, what: str) -> Any:
        row = s.get(model, row_id)
        if row is None:
            raise UserError(f"There is no {what} {row_id} (it may have been deleted).")
        return row

    # ---- settings ------------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.store.transaction() as s:
            row = s.get(Setting, key)
            return default if row is None else json.loads(row.value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.store.transaction() as s:
            s.merge(Setting(key=key, value=json.dumps(value)))


class RecordService:
    """The review as a whole document: the machine form in and out, and the demo review."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def export_review(self, review_id: int) -> dict[str, Any]:
        from clearsight.record.machine_export import dump

        with self.store.transaction() as s:
            return dump(ReviewService._review(s, review_id))

    def import_review(self, data: Any, source: str) -> int:
        """A review from machine-form data; a bad document raises InputError and adds nothing."""
        from clearsight.record.machine_import import parse

        return self.create_from(parse(data, source))

    def create_from(self, parsed: dict[str, Any]) -> int:
        """Create a review from data that ``machine_import.parse`` already checked."""
        from clearsight.record.machine_build import build

        with self.store.transaction() as s:
            return build(s, parsed).id
