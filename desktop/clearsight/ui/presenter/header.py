"""The presenter's header: the review and the phase at the left, the phase's time left and
the meeting's time at the right, in type the back of the room reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from clearsight.ui import style, theme

if TYPE_CHECKING:
    from clearsight.ui.shell.meeting_bar import MeetingBar

TITLE_POINTS = 44.0
CLOCK_POINTS = 40.0
SMALL_POINTS = 20.0


class PresenterHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review_line = QLabel()
        self.review_line.setTextFormat(Qt.TextFormat.PlainText)
        self.review_line.setWordWrap(True)  # a long title takes two lines, not a wider window
        self.review_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.phase_title = QLabel()
        self.phase_title.setTextFormat(Qt.TextFormat.PlainText)
        self.phase_title.setWordWrap(True)
        self.phase_title.setAccessibleName("Phase")
        self.phase_clock = QLabel()
        self.phase_clock.setAccessibleName("Time left in this phase")
        self.phase_clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.meeting_clock = QLabel()
        self.meeting_clock.setAccessibleName("Meeting time")
        self.meeting_clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.meeting_clock.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.review_line)
        left.addWidget(self.phase_title)
        right = QVBoxLayout()
        right.setSpacing(0)
        right.addWidget(self.phase_clock)
        right.addWidget(self.meeting_clock)
        header = QHBoxLayout(self)
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(style.MARGIN)  # between the columns, the window's gap between rows
        header.addLayout(left, 1)
        header.addLayout(right)

    def show_phase(self, review: str, phase: str) -> None:
        self.review_line.setText(review)
        self.phase_title.setText(phase)

    def show_clock(self, meeting: MeetingBar) -> None:
        """The phase's time and the meeting's, on the projector from the start: the box and
        the plan before the clock runs, what is left once it does."""
        text, _line, amber = meeting.phase_texts()
        self.phase_clock.setText(text)
        palette = self.phase_clock.palette()
        colour = (
            theme.warning_color(self.palette())
            if amber
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.phase_clock.setPalette(palette)
        self.meeting_clock.setText(meeting.total_text())

    def set_zoom(self, zoom: float) -> None:
        for label, points, bold in (
            (self.review_line, SMALL_POINTS, False),
            (self.phase_title, TITLE_POINTS, True),
            (self.phase_clock, CLOCK_POINTS, True),
            (self.meeting_clock, SMALL_POINTS, False),
        ):
            font = QFont(label.font())
            font.setPointSizeF(points * zoom)
            font.setBold(bold)
            label.setFont(font)
