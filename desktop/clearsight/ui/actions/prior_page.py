"""Prior actions: the meeting opens with the open items of earlier reviews, so that none of
them is published and forgotten. Overdue first, grouped by owner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QShowEvent

from clearsight.errors import UserError
from clearsight.review.data import ReviewDetail
from clearsight.ui.actions.prior_list import PriorList
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.pages.base import Page


class PriorActionsPage(Page):
    key = "prior_actions"

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(
            session,
            "Prior actions",
            "Before this incident: the open items of earlier reviews. For each, is it done "
            "(with the evidence), does it need a new date (and why), or is it dropped (and "
            "why)? Changes here go to the item's own review, and Ctrl+Z undoes them.",
        )
        self.today: Callable[[], date] = date.today
        self.list = PriorList(
            session.service,
            session.refs,
            session.execute,
            session.route_undo_keys,
            "No open items from earlier reviews: a clean start.",
        )
        self.body.addWidget(self.list, 1)
        self._stale = True

    def load(self, detail: ReviewDetail) -> None:
        # Every stored change reloads the review; the other reviews' items are read again
        # only when this page is in view (or next comes into view).
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        try:
            items = self.session.service.actions.prior_open_actions(
                self.session.review_id, self.today()
            )
        except UserError as err:
            self.session.report("prior_actions", err, self.refresh, unsaved=False)
            return
        self.session.resolve("prior_actions")
        self.list.set_items(items, self.today())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self.refresh()
        super().showEvent(event)
