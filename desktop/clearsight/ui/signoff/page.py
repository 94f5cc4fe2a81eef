"""Sign-off: what still stands in the way, the approvers' signatures, and the final record.

Signing is not an undo step: a signature is a statement about the record at one moment.
Reopening, with a reason kept in the history, is the way back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.record.form_memo import FormMemo
from clearsight.record.machine_export import dump
from clearsight.record.signing import make_key, my_key
from clearsight.review.data import PersonData, ReviewDetail
from clearsight.review.flags import OpenFinding
from clearsight.review.signoff import GateItem, can_sign, gate_for
from clearsight.secrets import Secrets
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page
from clearsight.ui.signoff.approvers import NO_KEYRING, ApproversPanel  # noqa: F401 (tests)
from clearsight.ui.signoff.parts import GateGroup, ReopenDialog, SignoffRow, set_stripe, stripe

UNDO_NOTE = (
    "A sign-off cannot be undone. If the record must change afterwards, the review is reopened "
    "with a reason, which voids every signature."
)


class Navigator(Protocol):
    """What the page needs of the review view: going to where an item is fixed."""

    def show_page(self, key: str) -> Page: ...

    def show_finding(self, item: OpenFinding) -> bool: ...


class SignoffPage(Page):
    key = "signoff"

    def __init__(
        self,
        session: ReviewSession,
        flags: ReviewFlags,
        navigator: Navigator,
        secrets: Secrets | None = None,
    ) -> None:
        super().__init__(
            session,
            "Sign-off",
            "The approvers sign the record as it stands. What blocks must be fixed first; "
            "what is worth a look may stay. Choose an item to go where it is fixed.",
        )
        self.flags = flags
        self.navigator = navigator
        # The keyring adapter; no state of its own worth sharing, so a page may make one.
        self.secrets = secrets if secrets is not None else Secrets()
        self.detail: ReviewDetail | None = None
        self.gate_items: list[GateItem] = []
        self.signoffs: list[SignoffRow] = []
        self.digest = ""
        self.confirmation: QMessageBox | None = None
        self.reopen_dialog: ReopenDialog | None = None
        self._stale = True
        self._memo = FormMemo()  # the form's parts an edit did not change, kept

        # The state of the record, in large type: blocked, ready, or final.
        self.status_bar = stripe(style.ACCENT)
        self.status = QLabel()
        self.status.setWordWrap(True)
        font = QFont(self.status.font())
        font.setPointSizeF(style.SECTION_POINT_SIZE + 2)
        font.setBold(True)
        self.status.setFont(font)
        self.digest_label = QLabel()
        self.digest_label.setWordWrap(True)
        self.digest_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reopen_button = QPushButton("&Reopen\u2026")
        self.reopen_button.setToolTip("Make the review editable again; every signature is voided")
        self.reopen_button.clicked.connect(self.ask_reopen)
        self.message = style.hint("")
        self.message.hide()
        status_text = QVBoxLayout()
        status_text.addWidget(self.status)
        status_text.addWidget(self.digest_label)
        # Under the digest, not beside it: the digest is one long word and needs the width.
        status_text.addWidget(self.reopen_button, 0, Qt.AlignmentFlag.AlignLeft)
        status_row = QHBoxLayout()
        status_row.setSpacing(style.SPACING)
        status_row.addWidget(self.status_bar)
        status_row.addLayout(status_text, 1)

        self.blocking = GateGroup("Blocks sign-off", style.BLAME_LINE, "Blocks sign-off")
        self.warnings = GateGroup("Worth a look", style.CAUTION_LINE, "Worth a look")
        for group in (self.blocking, self.warnings):
            group.chosen.connect(self.go_to)

        self.approvers = ApproversPanel()
        self.approvers.sign_requested.connect(self.ask_sign)
        self.approvers.key_requested.connect(self.ask_key)
        self.key_dialog: QInputDialog | None = None
        # Its parts, by the names the tests and _focus_next use.
        self.sign_buttons = self.approvers.buttons
        self.keyring_box = self.approvers.keyring_box
        self.keyring_note = self.approvers.keyring_note
        self.history = self.approvers.history

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, style.SPACING, 0)
        column.setSpacing(style.SPACING)
        column.addLayout(status_row)
        column.addWidget(self.message)
        column.addWidget(self.blocking)
        column.addWidget(self.warnings)
        column.addSpacing(style.SPACING)
        column.addWidget(self.approvers)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Sign-off")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)
        # Text edits are saved without a reload: each save moves the undo stack.
        session.stack.indexChanged.connect(self._changed)

    # ---- loading --------------------------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        self.detail = detail
        self._changed()

    def _changed(self, *_: object) -> None:
        """Work out the gate now if the page is seen, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    @property
    def final(self) -> bool:
        return self.detail is not None and self.detail.status == "final"

    def refresh(self) -> None:
        from clearsight.record.canonical import digest_of

        self._stale = False
        session = self.session
        if session.closed or self.detail is None:
            return
        # The review as stored (only what typing saved since the last read is read again);
        # the language flags are the ones the window already found (the Language panel's),
        # so a review of thousands of rows is neither read nor analysed twice.
        try:
            detail = session.current()
            windows = session.service.settings.get(prefs.DUE_WINDOWS)
        except UserError as err:
            session.report("signoff", err, self.refresh, unsaved=False)
            return
        if detail is None:
            return
        today = datetime.now(UTC).date()
        form = dump(detail, self._memo)
        self.gate_items = gate_for(detail, self.flags.found, today, windows, form, self._memo)
        self.digest = digest_of(form, self._memo)
        self.signoffs = [SignoffRow.from_form(s) for s in form["review"].get("signoffs", [])]
        self._show_status()
        self._show_gate()
        self.approvers.show_approvers(
            self.detail,
            self.signoffs,
            self.digest,
            can_sign(self.gate_items),
            self.final,
            self.secrets.persistent,
            self._my_public_key(),
        )
        self.approvers.show_history(self.detail, self.signoffs)

    def _show_status(self) -> None:
        blocking = sum(1 for i in self.gate_items if i.blocking)
        warnings = len(self.gate_items) - blocking
        if self.final:
            text, color = "Final: every approver has signed. The record is read-only.", style.ACCENT
        elif blocking:
            things = "item blocks" if blocking == 1 else "items block"
            text, color = f"Not ready: {blocking} {things} sign-off.", style.BLAME_LINE
        else:
            looks = f" {warnings} worth a look." if warnings else ""
            text, color = f"Ready to sign: nothing blocks.{looks}", style.ACCENT
        self.status.setText(text)
        set_stripe(self.status_bar, color)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        # In groups of eight, as people read it aloud and compare it; it wraps when narrow.
        groups = " ".join(self.digest[i : i + 8] for i in range(0, len(self.digest), 8))
        self.digest_label.setText(
            f"Record digest (SHA-256): <span style='font-family:\"{fixed}\"'>{groups}</span>"
        )
        self.digest_label.setToolTip(self.digest)
        self.reopen_button.setVisible(self.final)

    def _show_gate(self) -> None:
        final = self.final  # nothing can be fixed in a final review: the list would only tease
        self.blocking.set_items([] if final else [i for i in self.gate_items if i.blocking])
        self.warnings.set_items([] if final else [i for i in self.gate_items if not i.blocking])

    # ---- going to where an item is fixed ----------------------------------------------------
    def go_to(self, item: GateItem) -> None:
        finding = self._finding_for(item)
        if finding is not None and self.navigator.show_finding(finding):
            return
        page = self.navigator.show_page(item.phase)
        if item.target:
            # Pages that know the place put the cursor there; the others just show.
            page.select_text(item.target, 0, 0, "")

    def _finding_for(self, item: GateItem) -> OpenFinding | None:
        if not item.target:
            return None
        for found in self.flags.found:
            if found.place.place == item.target and f"\u201c{found.snippet}\u201d" in item.message:
                return found
        return None

    # ---- signing ----------------------------------------------------------------------------
    def ask_sign(self, person: PersonData) -> QMessageBox | None:
        """Asks ``person`` to confirm (not blocking); signs when they do."""
        if not self.session.flush():  # typing waiting to be saved belongs in what is signed
            self._say("Not signed: some edits are not saved yet. Retry them, then sign.")
            return None
        self.refresh()
        if not can_sign(self.gate_items):
            self._say("Not signed: something now blocks sign-off (see the list above).")
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Sign off")
        box.setText(f"Sign off the record as {person.name}?")
        box.setInformativeText(
            f"Your sign-off approves the record as it is now (digest {self.digest[:12]}\u2026), "
            f"signed with your key on this computer.\n\n{UNDO_NOTE}"
        )
        sign = box.addButton("&Sign off", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(sign)
        box.finished.connect(lambda _result: self._confirmed(box, sign, person))
        box.finished.connect(box.deleteLater)
        self.confirmation = box
        box.open()
        return box

    def _confirmed(self, box: QMessageBox, sign: QAbstractButton, person: PersonData) -> None:
        if box.clickedButton() is sign:
            self.sign(person)

    def sign(self, person: PersonData) -> bool:
        session = self.session
        try:
            session.service.signoff.sign_off(
                session.review_id, person.id, my_key(self.secrets), expected_digest=self.digest
            )
        except UserError as err:
            session.report("signoff", err, None, unsaved=False)
            return False
        session.resolve("signoff")
        self._say(f"{person.name} signed off with an Ed25519 signature.")
        session.reload()
        self._focus_next()
        return True

    # ---- reopening --------------------------------------------------------------------------
    def ask_reopen(self) -> ReopenDialog:
        dialog = ReopenDialog(self)
        dialog.accepted.connect(lambda: self.reopen(dialog.text()))
        dialog.finished.connect(dialog.deleteLater)
        self.reopen_dialog = dialog
        dialog.open()
        return dialog

    def reopen(self, reason: str) -> bool:
        session = self.session
        try:
            session.service.signoff.reopen(session.review_id, reason, my_key(self.secrets))
        except UserError as err:
            session.report("signoff", err, None, unsaved=False)
            return False
        session.resolve("signoff")
        self._say("Reopened: every signature is voided. The approvers sign again when it is ready.")
        session.reload()
        self._focus_next()
        return True

    # ---- this computer's key ----------------------------------------------------------------
    def _my_public_key(self) -> bytes | None:
        try:
            key = my_key(self.secrets)
        except UserError as err:
            self._say(str(err))
            return None
        return key.public_key if key is not None else None

    def ask_key(self) -> QInputDialog | None:
        """Asks whose key this computer holds (not blocking), then makes and registers it."""
        people = self.detail.people_in("approver") if self.detail else []
        if not people:
            self._say("Add the review's approvers on Details first: a key is registered to one.")
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Make my signing key")
        dialog.setLabelText(
            "Who are you? The key stays in this computer's keyring and signs only as you."
        )
        dialog.setComboBoxItems([p.label for p in people])
        dialog.setComboBoxEditable(False)
        dialog.textValueSelected.connect(
            lambda label: self.make_key(next(p for p in people if p.label == label))
        )
        dialog.finished.connect(dialog.deleteLater)
        self.key_dialog = dialog
        dialog.open()
        return dialog

    def make_key(self, person: PersonData) -> bool:
        session = self.session
        try:
            key = my_key(self.secrets) or make_key(self.secrets)
            session.service.keys.register(person.id, key.public_key)
        except UserError as err:
            self._say(str(err))
            return False
        self._say(f"This computer now signs as {person.name}, with key {key.fingerprint}.")
        session.reload()
        return True

    def _focus_next(self) -> None:
        """The button just used is gone (rebuilt or hidden): keep the keyboard on the page."""
        if self._stale:
            self.refresh()
        after = [b for b in self.sign_buttons.values() if b.isEnabled()]
        target = after[0] if after else self.reopen_button
        if target.isVisible():
            target.setFocus()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---- for tests and the Language panel ----------------------------------------------------
    def approver_state(self, person_id: int) -> str:
        return self.approvers.states[person_id].text()
