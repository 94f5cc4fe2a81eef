"""The meeting clock under the agenda: start, pause, reset, time left in the phase shown.

The clock (clearsight.review.meeting.MeetingClock) counts time for the phase selected in the
agenda. The display follows a one-second QTimer while the clock runs; ``update_display`` is
what the timer calls, so tests drive a fake time source and call it directly.

Nearing the end of its box a phase's time turns amber; past it, it reads "+2:10 over", still
amber and steady: the room should notice, not be alarmed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.data import ReviewDetail
from clearsight.review.flags import with_texts
from clearsight.review.meeting import MeetingClock, clock_text, timeboxes
from clearsight.review.readiness import Readiness, readiness
from clearsight.ui import style, theme
from clearsight.ui.editing.commands import SetSetting
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.shell.agenda_marks import AgendaMarks, PhaseTime
from clearsight.ui.shell.timebox_dialog import TimeboxDialog

TICK_MS = 1000
LABELS = dict(rules.PHASES)


def near_end(left: float, box_minutes: int) -> bool:
    """The last minute of a box, or its last tenth for a long one."""
    return left <= max(60.0, box_minutes * 6.0)


def phase_time_text(left: float) -> str:
    """'7:12 left' or '+2:10 over'."""
    if left < 0:
        return f"+{clock_text(-left)} over"
    return f"{clock_text(left)} left"


class MeetingBar(QFrame):
    ticked = Signal()  # the display changed: each second while running, and on every change
    readiness_changed = Signal()

    def __init__(
        self,
        session: ReviewSession,
        agenda: QListWidget,
        key_role: int,
        live_texts: Callable[[], dict[str, str]],
        detail: ReviewDetail | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setObjectName("meetingBar")
        self.setAccessibleName("Meeting clock")
        self.session = session
        self.agenda = agenda
        self.key_role = key_role
        self._live_texts = live_texts
        self.clock = MeetingClock(now)
        self.boxes = self._saved_boxes()
        self.readiness: dict[str, Readiness] = {}
        self.phase = ""
        self._overdue_prior: int | None = None  # asked of the store when first needed
        self.marks = AgendaMarks(agenda, key_role)

        title = QLabel("Meeting clock")
        title_font = QFont(title.font())
        title_font.setBold(True)
        title.setFont(title_font)
        self.phase_time = QLabel()
        self.phase_time.setAccessibleName("Time left in this phase")
        big = QFont(self.phase_time.font())
        big.setPointSizeF(style.SECTION_POINT_SIZE + 4)
        big.setBold(True)
        self.phase_time.setFont(big)
        self.phase_line = style.hint("")
        self.phase_line.setAccessibleName("Phase and its time box")
        self.total = style.hint("")
        self.total.setAccessibleName("Meeting time")
        self.start_button = QPushButton("Start")
        self.start_button.setAccessibleName("Start the meeting clock")
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setAccessibleName("Reset the meeting clock")
        self.reset_button.clicked.connect(self.reset)
        self.boxes_button = QPushButton("Time boxes\u2026")
        # A team-wide setting: by a click or the Meeting menu, never by Tab (Shift+Tab from a
        # page's first field would stop here, and a space would open it).
        self.boxes_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.boxes_button.clicked.connect(self.edit_timeboxes)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.update_display)
        self._live = QTimer(self)  # readiness from the texts on screen, after a save
        self._live.setSingleShot(True)
        self._live.setInterval(0)
        self._live.timeout.connect(self.refresh_live)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(
            style.MARGIN // 2, style.SPACING, style.MARGIN // 2, style.SPACING
        )
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.phase_time)
        layout.addWidget(self.phase_line)
        layout.addWidget(self.total)
        layout.addLayout(buttons)
        layout.addWidget(self.boxes_button)

        self._agenda_width = agenda.maximumWidth()  # its labels; the marks come beside them
        agenda.setFixedWidth(self._agenda_width + self.marks.room())
        agenda.currentRowChanged.connect(self._row_changed)
        session.loaded.connect(self.refresh_readiness)
        session.loaded.connect(self._reread_boxes)  # an undo of Time boxes... comes this way
        session.stack.indexChanged.connect(lambda _=0: self._live.start())
        self.refresh_readiness(detail)
        self._row_changed(agenda.currentRow())

    # ---- the clock ------------------------------------------------------------------------
    def set_time_source(self, now: Callable[[], float]) -> None:
        """A fresh clock on another time source (tests pass a fake one), in the same phase."""
        self.adopt(MeetingClock(now))

    def adopt(self, clock: MeetingClock) -> None:
        """Go on with ``clock`` (the meeting's, kept while its review was closed)."""
        self.clock = clock
        if self.phase:
            clock.enter(self.phase)
        if clock.running:
            self.timer.start()
        else:
            self.timer.stop()
        self.update_display()

    def fit_agenda(self, compact: bool) -> None:
        """The agenda with its phase times (wide) or its symbols only (compact)."""
        if compact == self.marks.compact:
            return
        self.marks.compact = compact
        self.agenda.setFixedWidth(self._agenda_width + self.marks.room())
        self.agenda.viewport().update()

    def clock_json(self) -> str:
        """The clock as the facilitator's window tells the others (services/presence.py)."""
        return json.dumps({**self.clock.state(), "running": self.clock.running})

    def follow(self, shared: str | None) -> None:
        """Show the facilitator's clock (``shared``: their clock_json), or this window's own
        again (None). While following, the clock's buttons are the facilitator's to press."""
        following = shared is not None
        for button in (self.start_button, self.reset_button):
            button.setEnabled(not following)
            button.setToolTip("The facilitator runs the clock" if following else "")
        if not following:
            self.update_display()
            return
        try:
            state = json.loads(shared or "{}")
        except ValueError:
            return  # a clock this version cannot read: keep showing the last one
        clock = MeetingClock()
        if clock.restore(state) and state.get("running"):
            clock.resume()
        self.adopt(clock)

    def toggle(self) -> None:
        """Start, pause or resume, as the button says."""
        if not self.clock.started:
            self.start()
        elif self.clock.running:
            self.pause()
        else:
            self.resume()

    def start(self) -> None:
        self.clock.start()
        self.timer.start()
        self.update_display()

    def pause(self) -> None:
        self.clock.pause()
        self.timer.stop()
        self.update_display()

    def resume(self) -> None:
        self.clock.resume()
        self.timer.start()
        self.update_display()

    def reset(self) -> None:
        self.clock.reset()
        self.timer.stop()
        self.update_display()

    def left(self, phase: str | None = None) -> float:
        return self.clock.left(phase or self.phase, self.boxes)

    def has_box(self, phase: str | None = None) -> bool:
        return (phase or self.phase) in self.boxes

    def state(self) -> str:
        """'idle', 'running' or 'paused'."""
        if not self.clock.started:
            return "idle"
        return "running" if self.clock.running else "paused"

    def phase_texts(self) -> tuple[str, str, bool]:
        """(time of the phase, its line, amber?) as the bar and the projector show them."""
        if not self.has_box():
            return "", "No time box: not a meeting phase", False
        box = self.boxes[self.phase]
        line = f"{LABELS.get(self.phase, self.phase)} \u00b7 {box} min box"
        if not self.clock.started:
            return f"{box}:00", line, False
        left = self.left()
        return phase_time_text(left), line, near_end(left, box)

    def total_text(self) -> str:
        planned = sum(self.boxes.values())
        if not self.clock.started:
            return f"Meeting: {planned} min planned"
        paused = "" if self.clock.running else "  (paused)"
        return f"Meeting {clock_text(self.clock.elapsed())} of {planned}:00{paused}"

    def update_display(self) -> None:
        """Show the clock as it is now (the timer calls this every second)."""
        text, line, amber = self.phase_texts()
        self.phase_time.setText(text)
        self.phase_time.setVisible(bool(text))
        palette = self.phase_time.palette()
        colour = (
            theme.warning_color(self.palette())
            if amber
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.phase_time.setPalette(palette)
        self.phase_line.setText(line)
        self.total.setText(self.total_text())
        label = {"idle": "Start", "running": "Pause", "paused": "Resume"}[self.state()]
        self.start_button.setText(label)
        self.start_button.setAccessibleName(f"{label} the meeting clock")
        self.reset_button.setEnabled(self.clock.started)
        times: dict[str, PhaseTime] = {}
        if self.clock.started:
            for key, box in self.boxes.items():
                left = self.clock.left(key, self.boxes)
                times[key] = PhaseTime(clock_text(self.clock.spent(key)), box, left < 0)
        self.marks.set_times(times)
        self.ticked.emit()

    # ---- phases ---------------------------------------------------------------------------
    def step(self, delta: int) -> bool:
        """Move ``delta`` phases along the agenda (headings are skipped); False at an end."""
        row = self.agenda.currentRow() + delta
        while 0 <= row < self.agenda.count():
            if self.agenda.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                self.agenda.setCurrentRow(row)
                return True
            row += delta
        return False

    def _row_changed(self, row: int) -> None:
        item = self.agenda.item(row) if row >= 0 else None
        key = item.data(self.key_role) if item is not None else None
        if key is None:
            return
        self.phase = str(key)
        self.clock.enter(self.phase)
        self.update_display()
        if self.phase == "prior_actions" and self.session.detail is not None:
            self.refresh_readiness()  # items of earlier reviews may have changed meanwhile

    # ---- readiness ------------------------------------------------------------------------
    def refresh_readiness(self, detail: ReviewDetail | None = None) -> None:
        """Readiness from the stored review (after every reload)."""
        detail = detail or self.session.detail
        if detail is None:
            return
        # Other reviews' items change only on the prior actions page: ask the store again
        # there, not after every edit elsewhere.
        if self._overdue_prior is None or self.phase == "prior_actions":
            self._overdue_prior = self._count_overdue_prior()
        self._set_readiness(readiness(detail, self._overdue_prior))

    def refresh_live(self) -> None:
        """Readiness from the texts on screen (typing is saved without a reload)."""
        detail = self.session.detail
        if detail is None or self.session.closed:
            return
        live = with_texts(detail, self._live_texts())
        self._set_readiness(readiness(live, self._overdue_prior or 0))

    def _set_readiness(self, found: dict[str, Readiness]) -> None:
        if found == self.readiness:
            return
        self.readiness = found
        self.marks.set_readiness(found)
        self.readiness_changed.emit()

    def _count_overdue_prior(self) -> int:
        today = datetime.now(UTC).date()
        try:
            return self.session.service.actions.count_overdue(self.session.review_id, today)
        except UserError:
            return self._overdue_prior or 0  # the banner shows the store's problem elsewhere

    # ---- time boxes -----------------------------------------------------------------------
    def _saved_boxes(self) -> dict[str, int]:
        try:
            return self.session.service.settings.get(prefs.TIMEBOXES)
        except UserError:
            return timeboxes(None)

    def _reread_boxes(self, *_: object) -> None:
        boxes = self._saved_boxes()
        if boxes != self.boxes:
            self.boxes = boxes
            self.update_display()

    def edit_timeboxes(self) -> TimeboxDialog:
        """Opens the dialog (not blocking); OK saves the boxes as the team's default."""
        dialog = TimeboxDialog(self.boxes, self.window())
        dialog.accepted.connect(lambda: self.set_boxes(dialog.boxes()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def set_boxes(self, boxes: dict[str, int]) -> bool:
        old, new = self._saved_boxes(), timeboxes(boxes)
        # An undoable edit of the team's setting, as the due windows are (SetSetting).
        command = SetSetting(
            self.session.service, prefs.TIMEBOXES, old, new, "Change the time boxes"
        )
        if not self.session.execute(command, key="timeboxes"):
            return False
        self.boxes = new
        self.update_display()
        return True

    # ---- theme ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The agenda's headings were tinted with the quiet colour of the old palette.
            quiet = style.quiet_color(self.palette())
            for row in range(self.agenda.count()):
                item = self.agenda.item(row)
                if item.data(self.key_role) is None:
                    item.setForeground(quiet)
            self.update_display()
