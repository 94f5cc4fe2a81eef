"""The room: who else has this review open, where they are, and following the facilitator.

Every ``BEAT_MS`` (and at once when this person changes phase or field) the window says where
it is (services/presence.py) and reads where the others are. The sidebar lists them; a text
box someone else is typing in shows their name at its corner; with "Follow the facilitator"
ticked the window moves to the facilitator's phase, as the projector does. An observer's
window is read-only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.review.room import ROLES, PresenceData, user_name
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.shell.meeting_bar import MeetingBar
from clearsight.ui.work.job import Job, OneAtATime

BEAT_MS = 2000  # well inside the five seconds after which a silent window is gone
FIELD = "clearsight_field"  # the property a text box names its field with (fields.TextField)
ROLE_TEXTS = {
    "facilitator": "I facilitate",
    "notetaker": "I take notes",
    "attendee": "I attend",
    "observer": "I observe (read-only)",
}
Where = tuple[str, str, str, str]  # this window's role, phase, field and shared clock


class RoomPanel(QWidget):
    """The sidebar's list of the others, this person's role, and Follow the facilitator."""

    others_changed = Signal(list)  # [PresenceData]
    role_changed = Signal(str)
    told = Signal(tuple)  # a beat landed: the Where it told the others

    def __init__(
        self,
        session: ReviewSession,
        phase: Callable[[], str],
        go_to: Callable[[str], object],
        labels: dict[str, str],
        meeting: MeetingBar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("room")
        self.session, self._phase, self._go_to = session, phase, go_to
        self._labels = labels  # a phase's name as the agenda shows it
        self.meeting = meeting  # the clock: the facilitator's is shared, a follower shows it
        self.person = user_name()
        self.others: list[PresenceData] = []
        self._field = ""
        self._badges: dict[QWidget, QLabel] = {}
        self.people = QLabel()
        self.people.setWordWrap(True)
        self.people.setTextFormat(Qt.TextFormat.PlainText)
        self.people.setAccessibleName("Who else is in this review")
        self.role = QComboBox()
        self.role.setAccessibleName("My role in the meeting")
        for role in ROLES:
            self.role.addItem(ROLE_TEXTS[role], role)
        self.role.setCurrentIndex(ROLES.index("attendee"))
        self.role.activated.connect(lambda _: self._role_chosen())
        self.follow = QCheckBox("&Follow the facilitator")
        self.follow.setToolTip("Move to the phase the facilitator is on, as the projector does")
        self.follow.toggled.connect(self._follow_toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(
            style.MARGIN // 2, style.SPACING, style.MARGIN // 2, 0
        )  # as the clock
        layout.setSpacing(style.SPACING // 2)
        layout.addWidget(self.people)
        layout.addWidget(self.role)
        layout.addWidget(self.follow)
        self._timer = QTimer(self)
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self.beat_soon)
        self._beats = OneAtATime(self._beat_job, self)
        self._timer.start()
        QApplication.instance().focusChanged.connect(self._focus_moved)  # type: ignore[union-attr]
        self._show_people()

    @property
    def my_role(self) -> str:
        return str(self.role.currentData())

    def set_role(self, role: str) -> None:
        self.role.setCurrentIndex(ROLES.index(role))
        self._role_chosen()

    def _role_chosen(self) -> None:
        self.role_changed.emit(self.my_role)
        self.follow.setEnabled(self.my_role != "facilitator")
        if self.my_role == "facilitator" and self.follow.isChecked():
            self.follow.setChecked(False)  # the facilitator leads, and runs their own clock
        self.beat_soon()

    def beat(self) -> bool:
        """Says where this window is and reads the others, now; False while the database is
        away (the session's banner tells of that)."""
        if self.session.closed:
            self._timer.stop()
            return False
        try:
            told = self._here_and_present(self._where())
        except UserError:
            return False
        self._heard(told)
        return True

    def beat_soon(self) -> Job | None:
        """As beat(), off the window's thread: the timer's beat, a new role or a new field. A
        write waits while another client holds the database (an import of a big review: half
        a second on SQLite), and the window must not wait with it."""
        if self.session.closed:
            self._timer.stop()
            return None
        return self._beats.run()

    def _beat_job(self) -> Job:
        where = self._where()  # where this window is when the beat starts
        job = Job(
            "Telling the room where I am", [("Present", lambda _: self._here_and_present(where))]
        )
        job.succeeded.connect(self._heard)
        return job

    def _where(self) -> Where:
        clock = self.meeting.clock_json() if self.my_role == "facilitator" else ""
        return self.my_role, self._phase(), self._field, clock

    def _here_and_present(self, where: Where) -> tuple[Where, list[PresenceData]]:
        """On a worker or the window's thread: plain data in, plain data out."""
        session = self.session
        presence = session.service.presence
        if not session.closed:  # a window that left stays gone
            presence.here(session.review_id, self.person, *where)
        return where, presence.present(session.review_id)

    def _heard(self, told: tuple[Where, list[PresenceData]]) -> None:
        if self.session.closed:
            return
        where, self.others = told
        self._show_people()
        if self.follow.isChecked():
            self._follow()
        self._show_badges()  # on the page followed to
        self.others_changed.emit(self.others)
        self.told.emit(where)

    def leave(self) -> None:
        self._timer.stop()
        with contextlib.suppress(UserError):  # else the row goes stale within seconds
            self.session.service.presence.gone()

    def facilitator(self) -> PresenceData | None:
        return next((p for p in self.others if p.role == "facilitator"), None)

    def _follow_toggled(self, on: bool) -> None:
        if on:
            self._follow()
        else:
            self.meeting.follow(None)  # this window's own clock again

    def _follow(self) -> None:
        """The facilitator moves the agenda and the clock: this window goes with them."""
        lead = self.facilitator()
        if lead is None:
            self.meeting.follow(None)
            return
        if lead.phase and lead.phase != self._phase():
            self._go_to(lead.phase)
        self.meeting.follow(lead.clock or None)

    def _show_people(self) -> None:
        if not self.others:
            self.people.setText("Only you have this review open.")
            return
        lines = []
        for p in self.others:
            where = f"typing in {p.field}" if p.field else self._labels.get(p.phase, p.phase)
            lines.append(f"{p.person} ({p.role}): {where}")
        self.people.setText("Also here:\n" + "\n".join(lines))

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        field = str(new.property(FIELD) or "") if new is not None else ""
        if field != self._field and not self.session.closed:
            self._field = field
            self.beat_soon()

    def _show_badges(self) -> None:
        """A name at the corner of each text box someone else is typing in on this page."""
        typing: dict[str, list[str]] = {}
        for p in self.others:
            if p.field and p.phase == self._phase():
                typing.setdefault(p.field, []).append(p.person)
        window = self.window()
        for widget in window.findChildren(QWidget):
            field = widget.property(FIELD)
            if not field:
                continue
            names = typing.get(str(field))
            badge = self._badges.get(widget)
            if not names:
                if badge is not None:
                    badge.hide()
                continue
            if badge is None:
                badge = QLabel(widget)
                badge.setObjectName("typingBadge")
                badge.setAutoFillBackground(True)
                palette = badge.palette()  # the selection's colours: legible in every theme
                palette.setColor(badge.backgroundRole(), palette.color(palette.ColorRole.Highlight))
                palette.setColor(
                    badge.foregroundRole(), palette.color(palette.ColorRole.HighlightedText)
                )
                badge.setPalette(palette)
                self._badges[widget] = badge
            badge.setText(f" {', '.join(names)} typing ")
            badge.adjustSize()
            badge.move(max(0, widget.width() - badge.width() - 4), 2)
            badge.show()
            badge.raise_()
