"""What the app keeps of the open review across a restart: which review it was, to open it
again at start-up, and its meeting clock, so that a meeting interrupted by quitting goes on.

Both are kept in the window's settings; the review by id and uid together, so that another
database (where the same id is another review) starts at the list.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from clearsight.errors import UserError
from clearsight.review.meeting import MeetingClock

if TYPE_CHECKING:
    from clearsight.services.reviews import Reviews

LAST_REVIEW_ID = "session/last_review_id"
LAST_REVIEW_UID = "session/last_review_uid"
CLOCK_KEY = "meeting/clock"  # + "/<review uid>": a meeting clock kept across a restart


class LastReview:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def remember(self, review_id: int, uid: str) -> None:
        self.settings.setValue(LAST_REVIEW_ID, review_id)
        self.settings.setValue(LAST_REVIEW_UID, uid)

    def forget(self) -> None:
        """Back to the list (not quitting): the next start begins there too."""
        self.settings.remove(LAST_REVIEW_ID)
        self.settings.remove(LAST_REVIEW_UID)

    def to_reopen(self, reviews: Reviews) -> int | None:
        """The review that was open when the app was last quit, if it is still there."""
        uid = self.settings.value(LAST_REVIEW_UID)
        try:
            number = int(str(self.settings.value(LAST_REVIEW_ID)))
        except ValueError:
            return None
        try:
            detail = reviews.get_review(number)
        except UserError:
            return None  # deleted since, or another database: start at the list
        if uid and detail.uid != uid:
            return None
        return number

    def save_clock(self, uid: str, clock: MeetingClock) -> None:
        key = f"{CLOCK_KEY}/{uid}"
        if clock.started:
            self.settings.setValue(key, json.dumps(clock.state()))
        else:
            self.settings.remove(key)

    def saved_clock(self, uid: str) -> MeetingClock | None:
        raw = self.settings.value(f"{CLOCK_KEY}/{uid}")
        if not isinstance(raw, str):
            return None
        try:
            state = json.loads(raw)
        except ValueError:
            return None
        clock = MeetingClock()
        return clock if clock.restore(state) else None
