"""What every part's service shares: the session it works in, and finding a row by id."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy.orm import Session

from clearsight.db.models import Review
from clearsight.db.store import Store
from clearsight.errors import UserError


class Part:
    """One part of a review's service.

    Made inside a transaction (``Services.transaction``), every method works in the caller's
    session and the caller commits once for the whole user action. Made without one, each
    call is a transaction of its own: the shape of a single edit.
    """

    def __init__(self, store: Store, session: Session | None = None) -> None:
        self.store = store
        self._session = session

    def _tx(self) -> AbstractContextManager[Session]:
        """The caller's session as it is, or a transaction of this call's own."""
        if self._session is not None:
            return nullcontext(self._session)
        return self.store.transaction()


def review_row(s: Session, review_id: int) -> Review:
    review = s.get(Review, review_id)
    if review is None:
        raise UserError(f"There is no review {review_id}.")
    return review


def row_of(s: Session, model: Any, row_id: int, what: str) -> Any:
    row = s.get(model, row_id)
    if row is None:
        raise UserError(f"There is no {what} {row_id} (it may have been deleted).")
    return row
