"""A question asked right under a list, in the page, not in a modal dialog: the evidence that
an item is done, why it is dropped or re-dated, which of two people is meant, a new person's
details. The room keeps seeing the list; Enter answers, Esc lets it go.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clearsight.ui import style
from clearsight.ui.style import ACCENT


def error_label() -> QLabel:
    """Bold, in the problem red: what to fix. A palette rather than a style sheet, so the
    label keeps the page's font size."""
    label = QLabel()
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, style.problem_color(palette))
    label.setPalette(palette)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    placeholder: str = ""
    text: str = ""
    required: bool = True


class Prompt(QFrame):
    """One question at a time; a new question replaces the one before."""

    closed = Signal(bool)  # whether the focus was in the prompt: the page takes it back

    def __init__(self, route_undo: Callable[[QWidget], Any] | None = None) -> None:
        super().__init__()
        # Drawn with the palette, not a style sheet: a style sheet would cut the prompt's
        # labels and buttons off from the page's (projector-sized) font.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        bar = QFrame()
        bar.setFixedWidth(6)
        bar.setAutoFillBackground(True)
        bar.setBackgroundRole(QPalette.ColorRole.Window)
        palette = bar.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(ACCENT))
        bar.setPalette(palette)
        self._route_undo = route_undo
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.error = error_label()
        self.lines: dict[str, QLineEdit] = {}
        self.ticks: QListWidget | None = None
        self.choice_buttons: list[QPushButton] = []
        self.submit_button: QPushButton | None = None
        self.cancel_button: QPushButton
        self._fields: list[Field] = []
        self._submit: Callable[[dict[str, str]], str | None] | None = None
        self._body = QWidget()
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(bar)
        self._layout = QVBoxLayout()
        outer.addLayout(self._layout, 1)
        self._layout.addWidget(self.question)
        self._layout.addWidget(self.error)
        self._layout.addWidget(self._body)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_prompt)
        self._reset("")
        self.hide()

    # ---- asking -----------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        fields: Sequence[Field],
        button: str,
        submit: Callable[[dict[str, str]], str | None],
    ) -> None:
        """Ask for ``fields``; ``submit`` gets their texts and returns a problem to show, or
        None when the answer was taken (the prompt then closes)."""
        self._reset(question)
        self._fields, self._submit = list(fields), submit
        form = QFormLayout()
        for f in fields:
            line = QLineEdit(f.text)
            line.setPlaceholderText(f.placeholder)
            line.setAccessibleName(f.label.rstrip(":"))
            line.textChanged.connect(self._update_button)
            line.returnPressed.connect(self.submit)
            if self._route_undo is not None:
                self._route_undo(line)
            self.lines[f.key] = line
            form.addRow(f.label, line)
        self.submit_button = QPushButton(button)
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.submit_button)
        outer = QVBoxLayout(self._body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)
        outer.addLayout(row)
        self._update_button()
        self.show()
        first = next((self.lines[f.key] for f in fields if not f.text), None)
        target = first or (self.lines[fields[0].key] if fields else None)
        if target is not None:
            target.setFocus()
            target.selectAll()

    def choose(self, question: str, choices: Sequence[tuple[str, Callable[[], Any]]]) -> None:
        """Offer a button per choice (the first has the focus)."""
        self._reset(question)
        row = QHBoxLayout(self._body)
        row.setContentsMargins(0, 0, 0, 0)
        for text, act in choices:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, a=act: self._chosen(a))
            row.addWidget(button)
            self.choice_buttons.append(button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        self.show()
        if self.choice_buttons:
            self.choice_buttons[0].setFocus()

    def tick(
        self,
        question: str,
        options: Sequence[tuple[int, str, bool]],
        button: str,
        submit: Callable[[list[int]], str | None],
    ) -> None:
        """A list with a tick per option (key, text, ticked); ``submit`` gets the ticked keys."""
        self._reset(question)
        self.ticks = QListWidget()
        self.ticks.setWordWrap(True)
        self.ticks.setAccessibleName(question)
        for key, text, ticked in options:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.ticks.addItem(item)
        rows = sum(self.ticks.sizeHintForRow(r) for r in range(self.ticks.count()))
        self.ticks.setFixedHeight(min(rows + 2 * self.ticks.frameWidth() + 4, 220))
        self._submit = lambda _values: submit(self.ticked())
        self.submit_button = QPushButton(button)
        self.submit_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.submit_button)
        outer = QVBoxLayout(self._body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.ticks)
        outer.addLayout(row)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.ticks)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.submit)
        self.show()
        self.ticks.setFocus()
        if self.ticks.count():
            self.ticks.setCurrentRow(0)

    def ticked(self) -> list[int]:
        if self.ticks is None:
            return []
        items = [self.ticks.item(r) for r in range(self.ticks.count())]
        return [
            int(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() == Qt.CheckState.Checked
        ]

    def tell(self, message: str) -> None:
        """A problem to fix, shown where the user is looking; the next edit clears it."""
        self._reset("")
        self.question.hide()
        self.error.setText(message)
        self.error.show()
        row = QHBoxLayout(self._body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.cancel_button.setText("OK")
        row.addWidget(self.cancel_button)
        self.show()

    # ---- answering --------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        return {key: " ".join(line.text().split()) for key, line in self.lines.items()}

    def submit(self) -> bool:
        if self._submit is None or not self._complete():
            return False
        problem = self._submit(self.values())
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.close_prompt()
        return True

    def close_prompt(self) -> None:
        was_open = not self.isHidden()
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self._reset("")
        self.hide()
        if was_open:
            self.closed.emit(had_focus)

    @property
    def is_open(self) -> bool:
        return not self.isHidden()

    # ---- private ----------------------------------------------------------------------------
    def _chosen(self, act: Callable[[], Any]) -> None:
        self.close_prompt()
        act()

    def _complete(self) -> bool:
        values = self.values()
        return all(values[f.key] for f in self._fields if f.required)

    def _update_button(self, *_: object) -> None:
        if self.submit_button is not None:
            self.submit_button.setEnabled(self._complete())

    def _reset(self, question: str) -> None:
        self.question.setText(question)
        self.question.setVisible(bool(question))
        self.error.clear()
        self.error.hide()
        # A fresh body for each question: the old one goes with its lines and buttons.
        self._body.hide()
        self._body.deleteLater()
        self._body = QWidget()
        self._layout.addWidget(self._body)
        self.cancel_button = QPushButton("Cancel", self._body)
        self.cancel_button.clicked.connect(self.close_prompt)
        self.lines = {}
        self.ticks = None
        self.choice_buttons = []
        self.submit_button = None
        self._fields, self._submit = [], None
