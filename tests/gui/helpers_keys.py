"""Real key events, sent where the keyboard is: what a notetaker's typing does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard is nowhere: what is typed now is lost"
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Each character to whichever widget has the focus when it is typed."""
    for char in text:
        qtbot.keyClick(focused(), char)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_at_end(qtbot: QtBot, edit: QPlainTextEdit, text: str) -> None:
    """Into a text box as a person does: click in it, go to its end, type."""
    edit.setFocus()
    qtbot.waitUntil(lambda: focused() is edit)
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    type_text(qtbot, text)
