"""The question a 5 Whys chain ends on: "Is this something the team can change?"

A bar under the outline. It asks by itself when a why five deep is written, or when the
facilitator asks (Ctrl+Shift+C); Alt+Y and Alt+N answer it from wherever the focus is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clearsight.ui import style

QUESTION = "Is this something the team can change?"
AUTO_DEPTH = 5  # the guide: by the fifth why, a chain should have reached a condition
ANSWERS = {True: "the team can change this", False: "the team cannot change this"}


class ChangeablePrompt(QFrame):
    answered = Signal(int, bool)  # (node id, can the team change it?)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changeablePrompt")
        self.setAccessibleName(QUESTION)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)  # a role: follows the theme
        self.key: int | None = None
        self.question = style.section_title(QUESTION)
        self.question.setWordWrap(True)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.note = style.hint("")
        self.yes_button = QPushButton("&Yes: a condition we can change")
        self.no_button = QPushButton("&No: ask why again")
        self.later_button = QPushButton("Not now")
        self.yes_button.clicked.connect(lambda: self._answer(True))
        self.no_button.clicked.connect(lambda: self._answer(False))
        self.later_button.clicked.connect(self.dismiss)
        buttons = QHBoxLayout()
        buttons.addWidget(self.yes_button)
        buttons.addWidget(self.no_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, style.SPACING)
        column.addWidget(self.question)
        column.addWidget(self.why)
        column.addWidget(self.note)
        column.addLayout(buttons)
        self.hide()

    def ask(self, key: int, text: str, depth: int, current: bool | None, focus: bool) -> None:
        """Ask about why ``key``; ``focus`` puts the keyboard on Yes (asked for, not automatic)."""
        self.key = key
        self.why.setText(f"Why {depth}: \u201c{text}\u201d" if text else f"Why {depth}")
        if current is None:
            reason = "Five whys deep. " if depth >= AUTO_DEPTH and not focus else ""
            self.note.setText(
                f"{reason}A chain ends at a process, tool or condition the team can change, "
                "never at a person."
            )
        else:
            self.note.setText(f"Answered before: {ANSWERS[current]}.")
        self.show()
        if focus:
            self.yes_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def dismiss(self) -> None:
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self.key = None
        self.hide()
        if had_focus:
            self.closed.emit()

    def forget(self, key: int) -> None:
        """Stop asking about ``key`` (it was answered, deleted, or got an answer of its own)."""
        if self.key == key:
            self.key = None
            self.hide()

    def _answer(self, can_change: bool) -> None:
        key = self.key
        self.key = None
        self.hide()
        if key is not None:
            self.answered.emit(key, can_change)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
