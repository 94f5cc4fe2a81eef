"""A signed-off review is read-only: every write to it is refused until it is reopened.

One check before each flush, rather than one in every service method, so no method can forget
it. Sign-offs, their voiding, the history and the review's own status move are what signing
and reopening write, so they pass.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from clearsight.db.models import (
    Change,
    DismissedFlag,
    FactorTag,
    Person,
    Presence,
    Review,
    ReviewTag,
    Setting,
    SignOff,
    Tag,
    WhyNode,
    WhyTree,
)
from clearsight.errors import UserError

# Presence says who is looking, and tags file the record for finding it later: neither is
# part of what was signed.
ALWAYS_WRITABLE = (
    SignOff, Change, Person, Setting, DismissedFlag, Presence, ReviewTag, FactorTag, Tag
)  # fmt: skip
READ_ONLY = "This review is signed off and read-only. Reopen it (with a reason) to change it."


def check(session: Session, context: Any, instances: Any) -> None:
    """Refuses a flush that writes to a final review (install with Store.before_flush)."""
    final: dict[int, bool] = {}  # one question per review and flush, not one per row
    with session.no_autoflush:
        for obj in [*session.new, *session.dirty, *session.deleted]:
            if isinstance(obj, ALWAYS_WRITABLE):
                continue
            if isinstance(obj, Review):
                if _only_status_changed(obj) or obj in session.new:
                    continue
                review_id: int | None = obj.id
            else:
                review_id = _review_of(session, obj)
            if review_id is None:
                continue
            if review_id not in final:
                final[review_id] = _is_final(session, review_id)
            if final[review_id]:
                raise UserError(READ_ONLY)


def refuse_if_final(session: Session, review_id: int) -> None:
    """The same refusal for a write that passes no flush (a bulk INSERT)."""
    if _is_final(session, review_id):
        raise UserError(READ_ONLY)


def _only_status_changed(review: Review) -> bool:
    state = inspect(review)
    changed = {a.key for a in state.attrs if a.history.has_changes()}
    return changed <= {"status"}


def _review_of(session: Session, obj: Any) -> int | None:
    if hasattr(obj, "review_id"):
        return int(obj.review_id) if obj.review_id is not None else None
    if isinstance(obj, WhyNode):
        return session.scalar(select(WhyTree.review_id).where(WhyTree.id == obj.tree_id))
    return None


def _is_final(session: Session, review_id: int) -> bool:
    status = session.scalar(select(Review.status).where(Review.id == review_id))
    return status == "final"
