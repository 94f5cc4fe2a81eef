"""The sign-off page's approvers: each with the state of their sign-off and a button to sign,
a note when there is no keyring, and the sign-offs that reopening voided."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.signoff.parts import SignoffRow, person_ref, stripe, utc

NO_KEYRING = (
    "No keyring on this computer: a sign-off records the approval, but no cryptographic "
    "signature is made. A reader can still check that the record is intact, not who approved it."
)
HISTORY_ROWS = 6  # voided sign-offs shown, newest first


class ApproversPanel(QWidget):
    sign_requested = Signal(object)  # PersonData: their button was clicked

    def __init__(self) -> None:
        super().__init__()
        self.buttons: dict[int, QPushButton] = {}  # by person id
        self.states: dict[int, QLabel] = {}
        self.title = style.section_title("Approvers")
        self.keyring_note = QLabel(NO_KEYRING)
        self.keyring_note.setWordWrap(True)
        keyring_row = QHBoxLayout()
        keyring_row.setSpacing(style.SPACING)
        keyring_row.addWidget(stripe(style.CAUTION_LINE))
        keyring_row.addWidget(self.keyring_note, 1)
        self.keyring_box = QWidget()
        self.keyring_box.setLayout(keyring_row)
        keyring_row.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(style.MARGIN)
        self.grid.setVerticalSpacing(style.SPACING // 3)
        self.grid.setColumnStretch(0, 1)
        self.no_approvers = style.hint("No approvers yet: add who signs the record on Details.")
        self.history_title = style.section_title("Voided sign-offs")
        self.history = style.hint("")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.SPACING)
        column.addWidget(self.title)
        column.addWidget(self.keyring_box)
        column.addWidget(self.no_approvers)
        column.addLayout(self.grid)
        column.addSpacing(style.SPACING)
        column.addWidget(self.history_title)
        column.addWidget(self.history)

    def show_approvers(
        self,
        detail: ReviewDetail,
        signoffs: list[SignoffRow],
        digest: str,
        ready: bool,
        final: bool,
        keyring: bool,
    ) -> None:
        """``ready``: nothing blocks sign-off; ``keyring``: signatures are made."""
        while self.grid.count():
            child = self.grid.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when Qt is ready to
                widget.deleteLater()
        self.buttons.clear()
        self.states.clear()
        people = detail.people_in("approver")
        self.no_approvers.setVisible(not people)
        self.keyring_box.setVisible(not keyring and not final)
        standing = {s.person: s for s in signoffs if s.voided_at is None}
        for row, person in enumerate(people):
            name = QLabel(person.label)
            bold = QFont(name.font())
            bold.setBold(True)
            name.setFont(bold)
            signed = standing.get(person_ref(person))
            state = QLabel(state_text(signed, digest))
            state.setWordWrap(True)
            current = signed is not None and signed.digest == digest
            button = QPushButton(
                "Signed \u2713"
                if current
                else "Sign again\u2026"
                if signed is not None
                else "Sign off\u2026"
            )
            button.setAccessibleName(f"Sign off as {person.name}")
            button.setEnabled(ready and not final and not current)
            button.setVisible(not final)
            if not ready and not final:
                button.setToolTip("Fix what blocks sign-off first")
            button.clicked.connect(lambda _=False, p=person: self.sign_requested.emit(p))
            # The name and the button on one line, the state under the name: room to wrap.
            self.grid.addWidget(name, 3 * row, 0)
            self.grid.addWidget(button, 3 * row, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(state, 3 * row + 1, 0)
            self.grid.setRowMinimumHeight(3 * row + 2, style.SPACING)
            self.buttons[person.id] = button
            self.states[person.id] = state

    def show_history(self, detail: ReviewDetail | None, signoffs: list[SignoffRow]) -> None:
        voided = [s for s in signoffs if s.voided_at is not None]
        voided.sort(key=lambda s: str(s.voided_at), reverse=True)  # all UTC: text sorts as time
        people = [p.person for p in detail.participants] if detail else []
        names = {person_ref(p): p.name for p in people}
        lines = [
            f"{names.get(s.person, s.person)}, signed {utc(s.signed_at)}; voided "
            f"{utc(s.voided_at)}: {s.void_reason}"
            for s in voided[:HISTORY_ROWS]
        ]
        if len(voided) > HISTORY_ROWS:
            lines.append(f"and {len(voided) - HISTORY_ROWS} earlier")
        self.history.setText("\n".join(lines))
        self.history_title.setVisible(bool(lines))
        self.history.setVisible(bool(lines))


def state_text(signed: SignoffRow | None, digest: str) -> str:
    """Where one approver stands against the record whose digest is ``digest``."""
    if signed is None:
        return "Not signed yet."
    if signed.digest != digest:
        return (
            f"Signed {utc(signed.signed_at)} an earlier version of the record: "
            "sign again to approve it as it is now."
        )
    how = (
        "with an Ed25519 signature"
        if signed.signed
        else "approval recorded without a cryptographic signature (no keyring)"
    )
    return f"Signed as approver, {utc(signed.signed_at)}, {how}."
