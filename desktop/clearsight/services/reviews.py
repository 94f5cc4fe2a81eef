"""Reviews: their own fields, the people taking part, lessons and impact figures; and the
read model of a whole review (``get_review``), the one the window, the gate and export use.

Each method validates first and raises ``UserError`` with a message fit to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from clearsight.db.models import Change, ImpactFigure, Lesson, Participant, Person, Review
from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.data import (
    FigureData,
    LessonData,
    ReviewDetail,
    ReviewSummary,
)
from clearsight.review.ordering import place
from clearsight.services.factors import Factors
from clearsight.services.part import Part, review_row, row_of
from clearsight.services.read import review_detail
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


class Reviews(Part):
    # ---- reviews -------------------------------------------------------------------------
    def list_reviews(self, ids: Iterable[int] | None = None) -> list[ReviewSummary]:
        """Every review (or those of ``ids``), the newest incident first."""
        with self._tx() as s:
            query = select(Review).order_by(
                Review.incident_start.is_(None), Review.incident_start.desc(), Review.id.desc()
            )
            if ids is not None:
                query = query.where(Review.id.in_(list(ids)))
            rows = s.scalars(query).all()
            return [
                ReviewSummary(r.id, r.title, r.severity, r.status, r.incident_id, r.incident_start)
                for r in rows
            ]

    def count_reviews(self) -> int:
        with self._tx() as s:
            return s.scalar(select(func.count(Review.id))) or 0

    def create_review(
        self, title: str, severity: str = "SEV-3", incident_start: datetime | None = None
    ) -> int:
        values = self._checked(
            {"title": title, "severity": severity, "incident_start": incident_start}
        )
        with self._tx() as s:
            review = Review(**values)
            s.add(review)
            s.flush()
            Factors(self.store, s).add_default_layers(review.id)
            return review.id

    def delete_review(self, review_id: int) -> None:
        with self._tx() as s:
            s.delete(review_row(s, review_id))

    def get_review(
        self,
        review_id: int,
        parts: frozenset[str] | None = None,
        base: ReviewDetail | None = None,
    ) -> ReviewDetail:
        """The read model of the review; with ``parts`` and ``base``, only those lists are
        read again (see services/read.py)."""
        with self._tx() as s:
            return review_detail(s, review_id, parts, base)

    def set_field(self, review_id: int, field: str, value: Any, reason: str = "") -> None:
        """Set one of the review's own fields (see REVIEW_FIELDS)."""
        clean = self._checked({field: value})[field]
        with self._tx() as s:
            r = review_row(s, review_id)
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

    def add_participant(self, review_id: int, person_id: int, role: str) -> None:
        role = self._role(role)
        with self._tx() as s:
            review_row(s, review_id)
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
        with self._tx() as s:
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
        with self._tx() as s:
            review = review_row(s, review_id)
            siblings = [x for x in review.lessons if x.kind == kind]
            lesson = Lesson(review_id=review_id, kind=kind, text=text)
            place(siblings, lesson, position)
            s.add(lesson)
            s.flush()
            return lesson.id

    def set_lesson_text(self, lesson_id: int, text: str) -> None:
        with self._tx() as s:
            row_of(s, Lesson, lesson_id, "lesson").text = text

    def delete_lesson(self, lesson_id: int) -> LessonData:
        """Removes the lesson and returns it as it was, so an undo can put it back."""
        with self._tx() as s:
            lesson = row_of(s, Lesson, lesson_id, "lesson")
            data = LessonData(lesson.id, lesson.kind, lesson.text, lesson.position)
            s.delete(lesson)
            return data

    # ---- impact figures ------------------------------------------------------------------
    def add_figure(
        self, review_id: int, label: str, value: str = "", position: int | None = None
    ) -> int:
        with self._tx() as s:
            review = review_row(s, review_id)
            figure = ImpactFigure(review_id=review_id, label=label.strip(), value=value.strip())
            place(list(review.figures), figure, position)
            s.add(figure)
            s.flush()
            return figure.id

    def set_figure(self, figure_id: int, label: str, value: str) -> None:
        with self._tx() as s:
            figure = row_of(s, ImpactFigure, figure_id, "impact figure")
            figure.label, figure.value = label.strip(), value.strip()

    def delete_figure(self, figure_id: int) -> FigureData:
        with self._tx() as s:
            f = row_of(s, ImpactFigure, figure_id, "impact figure")
            data = FigureData(f.id, f.label, f.value, f.position)
            s.delete(f)
            return data
