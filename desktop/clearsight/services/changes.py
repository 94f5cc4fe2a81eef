"""The change feed and revisions: what other clients wrote, and writes that check first.

A row's revision is the id of its newest change record. A write made on the strength of an
old revision (the text another person changed since this one read it) is refused with
StaleRevision rather than silently overwriting theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from clearsight.db.models import ChangeRecord, Review
from clearsight.errors import UserError
from clearsight.services.part import Part, review_row
from clearsight.services.reviews import Reviews

# Fields of a review a script may set (`clearsight set`): its texts.
TEXT_FIELDS = ("title", "summary", "impact", "incident_id")


class StaleRevision(UserError):
    """The row changed since the revision the write was based on."""

    def __init__(self, what: str, expected: int, current: int) -> None:
        super().__init__(
            f"{what} changed since revision {expected} (it is at revision {current} now): "
            "read it again, then write"
        )
        self.current = current


@dataclass(frozen=True)
class ChangeData:
    id: int
    review_id: int | None
    entity: str
    row_id: int
    action: str
    at: datetime
    who: str

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "review": self.review_id,
            "entity": self.entity,
            "row": self.row_id,
            "action": self.action,
            "at": self.at.isoformat().replace("+00:00", "Z"),
            "who": self.who,
        }


class Changes(Part):
    def latest(self, review_id: int | None = None) -> int:
        """The newest record's id (of one review, and of what concerns every review)."""
        with self._tx() as s:
            query = select(func.max(ChangeRecord.id))
            if review_id is not None:
                query = query.where(
                    (ChangeRecord.review_id == review_id) | ChangeRecord.review_id.is_(None)
                )
            return int(s.scalar(query) or 0)

    def since(self, after: int, review_id: int | None = None, most: int = 1000) -> list[ChangeData]:
        """The records after ``after``, oldest first."""
        with self._tx() as s:
            query = select(ChangeRecord).where(ChangeRecord.id > after)
            if review_id is not None:
                query = query.where(
                    (ChangeRecord.review_id == review_id) | ChangeRecord.review_id.is_(None)
                )
            rows = s.scalars(query.order_by(ChangeRecord.id).limit(most))
            return [
                ChangeData(r.id, r.review_id, r.entity, r.row_id, r.action, r.at, r.who)
                for r in rows
            ]

    def revision(self, entity: str, row_id: int) -> int:
        with self._tx() as s:
            return _revision(s, entity, row_id)

    def set_review_text(
        self, review_id: int, field: str, value: str, if_revision: int | None = None
    ) -> int:
        """Sets a text field of the review; with ``if_revision``, only if the review is still
        at that revision. Returns its new revision."""
        if field not in TEXT_FIELDS:
            raise UserError(f"{field!r} is not a text field: use {', '.join(TEXT_FIELDS)}")
        with self._tx() as s:
            _lock(s, review_id)
            if if_revision is not None:
                current = _revision(s, "review", review_id)
                if current != if_revision:
                    raise StaleRevision(f"Review {review_id}", if_revision, current)
            Reviews(self.store, s).set_field(review_id, field, value)
            s.flush()
            return _revision(s, "review", review_id)


def _revision(s: Session, entity: str, row_id: int) -> int:
    found = s.scalar(
        select(func.max(ChangeRecord.id)).where(
            ChangeRecord.entity == entity, ChangeRecord.row_id == row_id
        )
    )
    return int(found or 0)


def _lock(s: Session, review_id: int) -> None:
    """Holds the review's row until the transaction ends, so a check and the write after it
    cannot be split by another client's write: FOR UPDATE on PostgreSQL; on SQLite a write
    (of nothing) takes the database's write lock and reads what is newest."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(Review.id).where(Review.id == review_id).with_for_update())
    else:  # the write first: a transaction that began by reading could not take the lock
        s.execute(update(Review).where(Review.id == review_id).values(id=Review.id))
    review_row(s, review_id)  # the review is there
