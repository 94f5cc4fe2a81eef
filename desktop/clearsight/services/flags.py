"""Dismissed language flags in the store; which flags are open is review/flags.py's work."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clearsight.db.models import DismissedFlag
from clearsight.errors import UserError
from clearsight.review.flags import DISMISS_REASONS
from clearsight.services.part import Part


def move_dismissals(s: Session, review_id: int, moves: dict[str, str]) -> None:
    """Re-points dismissals when an undo brings a row back under a new id, so a flag that was
    dismissed on it stays dismissed ("factor:12" -> "factor:31")."""
    if not moves:
        return
    rows = s.scalars(
        select(DismissedFlag).where(
            DismissedFlag.review_id == review_id, DismissedFlag.field.in_(list(moves))
        )
    )
    for row in rows:
        row.field = moves[row.field]


class Flags(Part):
    """The facilitator's dismissals of language flags: undoable."""

    def dismiss_flag(
        self, review_id: int, place: str, rule_id: str, snippet: str, reason: str = "false_alarm"
    ) -> int:
        if reason not in DISMISS_REASONS:
            raise UserError(f"Unknown reason {reason!r}: use {' or '.join(DISMISS_REASONS)}.")
        if not place or not rule_id or not snippet:
            raise UserError("A dismissal needs the place, the rule and the flagged words.")
        with self._tx() as s:
            row = DismissedFlag(
                review_id=review_id, field=place, rule_id=rule_id, snippet=snippet, reason=reason
            )
            s.add(row)
            s.flush()
            return row.id

    def restore_flag(self, dismissal_id: int) -> None:
        """Undo a dismissal: the finding is shown again."""
        with self._tx() as s:
            row = s.get(DismissedFlag, dismissal_id)
            if row is not None:
                s.delete(row)
