"""An open review follows what other people write to it, within a second.

Every write leaves a change record (db/change_feed.py). Twice a second the window asks for
the newest record of its review, a single indexed read; when someone else's are there, it
reads again just the parts of the review they touched, and the pages show them. A field being
typed in keeps the typing: TextField.load merges the other person's edit into it when the two do not
overlap, and says so when they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from clearsight.errors import UserError
from clearsight.ui.editing.session import ReviewSession

if TYPE_CHECKING:  # the window imports this before the store (SQLAlchemy) is loaded
    from clearsight.services.changes import ChangeData

POLL_MS = 500  # twice a second: another laptop's edit shows in well under a second
# Offline, each look waits for the network to fail (up to the store's 5 s connect timeout on
# a dead network): look less often, so the window answers between looks.
OFFLINE_POLL_MS = 3000
# The parts of the read model (services/read.py) each table's rows are read into.
PARTS: dict[str, frozenset[str]] = {
    "review": frozenset({"history"}),
    "participant": frozenset({"participants"}),
    "impact_figure": frozenset({"figures"}),
    "timeline_event": frozenset({"events", "dismissals"}),
    "why_tree": frozenset({"trees", "factors"}),
    "why_node": frozenset({"trees", "factors"}),
    "defense_layer": frozenset({"layers", "factors"}),
    "factor": frozenset({"factors", "layers", "actions", "trees"}),
    "action_item": frozenset({"actions", "factors", "history"}),
    "lesson": frozenset({"lessons"}),
    "sign_off": frozenset({"signoffs", "history"}),
    "dismissed_flag": frozenset({"dismissals"}),
    "review_tag": frozenset({"history"}),  # the Details page reads its tags on each load
    "factor_tag": frozenset({"factors"}),  # a factor's tags window reads them on each load
}


class ChangeFollower(QObject):
    def __init__(self, session: ReviewSession, poll_ms: int = POLL_MS) -> None:
        super().__init__(session)
        self.session = session
        self.me = session.service.store.client
        self.seen = self._latest()
        # Every write of this window is based on what it has read (see session.execute).
        session.base = lambda: self.seen
        session.read_theirs = self.catch_up
        self._timer = QTimer(self)
        self.poll_ms = poll_ms
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.catch_up)
        self._timer.start()

    def _latest(self) -> int:
        try:
            return self.session.service.changes.latest(self.session.review_id)
        except UserError:
            return 0  # the database is away: the next look catches up

    def catch_up(self) -> bool:
        """Reads what others wrote since the last look; True when the review was read again.
        A look that fails means the database is away: the window says it is offline, and
        the first look that works again sends the edits kept meanwhile, in order."""
        session = self.session
        if session.closed:
            self._timer.stop()
            return False
        try:
            latest = session.service.changes.latest(session.review_id)
            changes = (
                session.service.changes.since(self.seen, session.review_id)
                if latest > self.seen
                else []
            )
        except UserError:
            session.set_offline(True)
            self._timer.setInterval(OFFLINE_POLL_MS)
            return False
        read = self._read(changes)
        if session.offline:  # theirs first, so what was kept is merged with it, not over it
            self._timer.setInterval(self.poll_ms)
            session.set_offline(False)
        return read

    def _read(self, changes: list[ChangeData]) -> bool:
        if not changes:
            return False
        session = self.session
        self.seen = changes[-1].id
        theirs = [c for c in changes if c.who != self.me]
        if not theirs:
            return False
        session.last_writer = theirs[-1].who.split("@", 1)[0] or "someone"
        parts: frozenset[str] | None = frozenset()
        for change in theirs:
            touched = PARTS.get(change.entity)
            # A person or a setting changes every review's names: read the whole review.
            parts = None if touched is None or parts is None else parts | touched
        session.reload(parts)
        return True
