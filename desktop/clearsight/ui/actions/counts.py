"""Over the action items: how many there are and how many are incomplete, the button for the
team's due windows, and a warning when there are more items than a team usually finishes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clearsight.review.actions import TOO_MANY, window_text
from clearsight.ui import style
from clearsight.ui.actions.model import ActionRow
from clearsight.ui.actions.table import counts_html


class CountsBar(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setWordWrap(True)
        self.windows_button = QPushButton("Due &windows\u2026")
        # A team-wide setting: reached by a click or Alt+W, never by Tab, so a space typed
        # where the focus was expected in the entry line cannot open it.
        self.windows_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.too_many = QLabel()
        self.too_many.setObjectName("tooMany")
        self.too_many.setWordWrap(True)
        self.too_many.setStyleSheet(
            f"#tooMany {{ border-left: 6px solid {style.ACCENT}; padding: 6px 10px;"
            " background: palette(alternate-base); }"
        )
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.windows_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING)  # as the page's own rows
        column.addLayout(top)
        column.addWidget(self.too_many)
        self.too_many.hide()

    def show_rows(self, rows: list[ActionRow]) -> None:
        live = [r for r in rows if r.action.status != "dropped"]
        self.counts.setText(counts_html(rows))
        self.too_many.setVisible(len(live) > TOO_MANY)
        self.too_many.setText(
            f"{len(live)} items: more than a team usually finishes. Order them by prevention "
            "value (Alt+Up / Alt+Down, or drag): would it have prevented this incident? Then "
            "drop the tail, with a reason."
        )

    def show_window(self, severity: str, due: date, window: int | str) -> None:
        """The due window of the review's ``severity`` that gives a new item ``due``."""
        self.windows_button.setToolTip(
            f"New items are due {due.isoformat()}: the {severity} window is "
            f"{window_text(window)} from the review meeting. Click to change the team's "
            "windows."
        )
