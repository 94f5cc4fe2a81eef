"""What the app keeps of the open review across a restart: which review it was, to open it
again at start-up, and its meeting clock, so that a meeting interrupted by quitting goes on.

Both are kept in the window's settings; the review by id and uid together, so that another
database (where the same id is another review) starts at the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.review.meeting import MeetingClock
from clearsight.ui.editing.prefs import UserPrefs

if TYPE_CHECKING:
    from clearsight.services.reviews import Reviews


class LastReview:
    def __init__(self, settings: QSettings) -> None:
        self.prefs = UserPrefs(settings)

    def remember(self, review_id: int, uid: str) -> None:
        self.prefs.set(prefs.LAST_REVIEW_ID, review_id)
        self.prefs.set(prefs.LAST_REVIEW_UID, uid)

    def forget(self) -> None:
        """Back to the list (not quitting): the next start begins there too."""
        self.prefs.forget(prefs.LAST_REVIEW_ID)
        self.prefs.forget(prefs.LAST_REVIEW_UID)

    def to_reopen(self, reviews: Reviews) -> int | None:
        """The review that was open when the app was last quit, if it is still there."""
        uid = self.prefs.get(prefs.LAST_REVIEW_UID)
        number = self.prefs.get(prefs.LAST_REVIEW_ID)
        if number is None:
            return None
        try:
            detail = reviews.get_review(number)
        except UserError:
            return None  # deleted since, or another database: start at the list
        if uid and detail.uid != uid:
            return None
        return number

    def save_clock(self, uid: str, clock: MeetingClock) -> None:
        if clock.started:
            self.prefs.set(prefs.MEETING_CLOCK, clock.state(), uid)
        else:
            self.prefs.forget(prefs.MEETING_CLOCK, uid)

    def saved_clock(self, uid: str) -> MeetingClock | None:
        state = self.prefs.get(prefs.MEETING_CLOCK, uid)
        if state is None:
            return None
        clock = MeetingClock()
        return clock if clock.restore(state) else None
