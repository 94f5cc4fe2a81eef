"""Under the factors: when the selected factor resembles one of an earlier review, say so,
with how that review's action items for it fared, and a link to it. A factor that keeps
coming back, with actions that did not stop it, is what the room most needs to hear.

Looked up ``DELAY_MS`` after the selection settles (one indexed query), so walking the list
with the arrows does not query at every row.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from clearsight.errors import UserError
from clearsight.ui.editing.session import ReviewSession

DELAY_MS = 250


class SeenBefore(QLabel):
    # (review id, factor id): the link to the earlier factor was followed
    open_factor = Signal(int, int)

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("seenBefore")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setAccessibleName("Seen in earlier reviews")
        self.linkActivated.connect(self._followed)
        self.factor_id: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.look)
        self.hide()

    def show_for(self, factor_id: int | None) -> None:
        """The selection is now ``factor_id`` (None: none, or several)."""
        self.factor_id = factor_id
        if factor_id is None:
            self._timer.stop()
            self.hide()
        else:
            self._timer.start()

    def look(self) -> bool:
        """Looks the factor up now; True when an earlier one like it was found."""
        self._timer.stop()
        if self.factor_id is None or self.session.closed:
            return False
        try:
            found = self.session.service.recurring.similar_factors(self.factor_id)
        except UserError:
            found = []  # a factor just deleted, or the database away: nothing to say
        if not found:
            self.hide()
            return False
        lines, texts = [], []
        for f in found:
            day = f" ({f.incident_start:%Y-%m-%d})" if f.incident_start else ""
            link = f'<a href="{f.review_id}:{f.factor_id}">{html.escape(f.review_title)}</a>'
            lines.append(f"{link}{day}: {html.escape(f.fared())}.")
            texts.append(f"{f.review_title}: \u201c{f.text}\u201d")
        # One line a review, so the list of factors keeps its room; the earlier factors'
        # own words are in the tooltip and a click away.
        self.setText("<b>Seen before</b> in " + "<br>".join(lines))
        self.setToolTip("\n".join(texts))
        self.show()
        return True

    def _followed(self, target: str) -> None:
        review, _, factor = target.partition(":")
        self.open_factor.emit(int(review), int(factor))
