"""The sign-off page's approvers: each with their key's fingerprint, the state of their sign-off
and a button to sign (only on the machine that holds their key); what this machine signs as;
and the sign-offs that reopening voided."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clearsight.record.signing import NO_KEYRING, fingerprint
from clearsight.review.data import PersonData, ReviewDetail
from clearsight.ui import style
from clearsight.ui.signoff.parts import SignoffRow, person_ref, stripe, utc

NO_KEY = (
    "This computer has no signing key yet. Each approver signs with their own key, on their "
    "own computer: make yours here, then sign."
)
HISTORY_ROWS = 6  # voided sign-offs shown, newest first


class ApproversPanel(QWidget):
    sign_requested = Signal(object)  # PersonData: their button was clicked
    key_requested = Signal()  # "Make my signing key..." was clicked

    def __init__(self) -> None:
        super().__init__()
        self.buttons: dict[int, QPushButton] = {}  # by person id
        self.states: dict[int, QLabel] = {}
        self.keys: dict[int, QLabel] = {}  # whose key signs for them, with its fingerprint
        self.title = style.section_title("Approvers")
        self.keyring_note = QLabel(NO_KEYRING)
        self.keyring_note.setWordWrap(True)
        self.key_button = QPushButton("&Make my signing key\u2026")
        self.key_button.setToolTip(
            "Make this computer's signing key (kept in its keyring) and say whose it is"
        )
        self.key_button.clicked.connect(self.key_requested)
        note = QVBoxLayout()
        note.addWidget(self.keyring_note)
        note.addWidget(self.key_button, 0, Qt.AlignmentFlag.AlignLeft)
        keyring_row = QHBoxLayout()
        keyring_row.setSpacing(style.SPACING)
        keyring_row.addWidget(stripe(style.CAUTION_LINE))
        keyring_row.addLayout(note, 1)
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
        mine: bytes | None,
    ) -> None:
        """``ready``: nothing blocks sign-off; ``keyring``: there is one to keep a key in;
        ``mine``: the public half of this computer's signing key, if it has one."""
        while self.grid.count():
            child = self.grid.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when Qt is ready to
                widget.deleteLater()
        self.buttons.clear()
        self.states.clear()
        self.keys.clear()
        people = detail.people_in("approver")
        self.no_approvers.setVisible(not people)
        self._show_key_note(detail, keyring, mine)
        self.keyring_box.setVisible(not final)
        standing = {s.person: s for s in signoffs if s.voided_at is None}
        for row, person in enumerate(people):
            name = QLabel(person.label)
            bold = QFont(name.font())
            bold.setBold(True)
            name.setFont(bold)
            signed = standing.get(person_ref(person))
            state = QLabel(state_text(signed, digest))
            state.setWordWrap(True)
            key = style.hint(key_text(person, mine))
            key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            current = signed is not None and signed.digest == digest
            here = mine is not None and person.public_key == mine
            button = QPushButton(
                "Signed \u2713"
                if current
                else "Sign again\u2026"
                if signed is not None
                else "Sign off\u2026"
            )
            button.setAccessibleName(f"Sign off as {person.name}")
            button.setEnabled(ready and not final and not current and here)
            button.setVisible(not final)
            if not here:
                button.setToolTip(f"Only the computer that holds {person.name}'s key signs")
            elif not ready and not final:
                button.setToolTip("Fix what blocks sign-off first")
            button.clicked.connect(lambda _=False, p=person: self.sign_requested.emit(p))
            # The name and the button on one line, the state under the name: room to wrap.
            self.grid.addWidget(name, 4 * row, 0)
            self.grid.addWidget(button, 4 * row, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(state, 4 * row + 1, 0)
            self.grid.addWidget(key, 4 * row + 2, 0)
            self.grid.setRowMinimumHeight(4 * row + 3, style.SPACING)
            self.buttons[person.id] = button
            self.states[person.id] = state
            self.keys[person.id] = key

    def _show_key_note(self, detail: ReviewDetail, keyring: bool, mine: bytes | None) -> None:
        if not keyring:
            self.keyring_note.setText(NO_KEYRING)
            self.key_button.hide()
            return
        holder = next(
            (p.person for p in detail.participants if mine and p.person.public_key == mine), None
        )
        if mine is None:
            text, button = NO_KEY, "&Make my signing key\u2026"
        elif holder is None:
            text = (
                f"This computer's signing key ({fingerprint(mine)}) is not registered with "
                "anyone in this review. Say whose it is to sign with it."
            )
            button = "&Register my key\u2026"
        else:
            text, button = f"This computer signs as {holder.name} ({fingerprint(mine)}).", ""
        self.keyring_note.setText(text)
        self.key_button.setText(button)
        self.key_button.setVisible(bool(button))

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


def key_text(person: PersonData, mine: bytes | None) -> str:
    """Whose key signs for ``person``, with its fingerprint to compare aloud."""
    if person.public_key is None:
        return "No signing key yet: they make one with `clearsight keys init` on their computer."
    where = (
        "this computer holds it"
        if person.public_key == mine
        else "they sign on their own computer (or with `clearsight sign-request`)"
    )
    return f"Key {fingerprint(person.public_key)}: {where}."


def state_text(signed: SignoffRow | None, digest: str) -> str:
    """Where one approver stands against the record whose digest is ``digest``."""
    if signed is None:
        return "Not signed yet."
    if signed.digest != digest:
        return (
            f"Signed {utc(signed.signed_at)} an earlier version of the record: "
            "sign again to approve it as it is now."
        )
    return f"Signed as approver, {utc(signed.signed_at)}, with an Ed25519 signature."
