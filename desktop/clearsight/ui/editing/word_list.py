"""An editable list of words or phrases for the Language settings: an entry line where Enter
adds what was typed, and a list where Del removes the selected item.

Everything works from the keyboard: Tab goes entry, Add, list, Remove. Nothing is checked
here but blanks and repeats; the dialog checks the whole lexicon when it saves.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)


def tidy(text: str) -> str:
    """``text`` as the lexicon keeps it: single spaces, none at the ends."""
    return " ".join(text.split())


class WordList(QWidget):
    """``name`` is what an item is ("phrase to flag"), for the accessible names and notes."""

    changed = Signal()
    note = Signal(str)  # a sentence for the dialog's message line ("already listed")

    def __init__(
        self, name: str, placeholder: str, words: Iterable[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(placeholder)
        self.entry.setAccessibleName(f"New {name}")
        self.entry.setClearButtonEnabled(True)
        # Enter adds, and must not reach the dialog, whose default button would save.
        self.entry.installEventFilter(self)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip(f"Add the {name} typed on the left (Enter)")
        self.add_button.clicked.connect(self.add)
        self.list = QListWidget()
        self.list.setAccessibleName(f"{name[:1].upper()}{name[1:]}s")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.addItems(list(words))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip(f"Remove the selected {name} (Del)")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.list.currentRowChanged.connect(self._update_buttons)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.entry, 0, 0)
        grid.addWidget(self.add_button, 0, 1)
        grid.addWidget(self.list, 1, 0)
        grid.addWidget(self.remove_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        self._update_buttons()

    def words(self) -> tuple[str, ...]:
        return tuple(self.list.item(row).text() for row in range(self.list.count()))

    def add(self) -> bool:
        """Add what the entry holds; False when it is blank or listed already."""
        text = tidy(self.entry.text())
        if not text:
            return False
        listed = [w.casefold() for w in self.words()]
        if text.casefold() in listed:
            self.list.setCurrentRow(listed.index(text.casefold()))
            self.note.emit(f"\u201c{text}\u201d is listed already.")
            self.entry.selectAll()
            return False
        self.list.addItem(text)
        self.list.setCurrentRow(self.list.count() - 1)
        self.entry.clear()
        self.changed.emit()
        return True

    def remove_selected(self) -> bool:
        row = self.list.currentRow()
        if row < 0:
            return False
        self.list.takeItem(row)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        elif self.list.hasFocus() or self.remove_button.hasFocus():
            self.entry.setFocus()  # nothing left to remove: back to typing
        self.changed.emit()
        return True

    def show_item(self, row: int) -> None:
        """Select item ``row`` (a problem found there) and move the focus to it."""
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
            self.list.setFocus()
        else:
            self.entry.setFocus()

    def _update_buttons(self, *_: object) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.entry and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.add()
                return True
        return super().eventFilter(watched, event)
