"""The short lists over an action item's cell: category and status, where a click or Enter
takes one (the arrows only move), and the factors the item closes, a tick each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

CHOICE_ROLE = Qt.ItemDataRole.UserRole


def choice_list(
    parent: QWidget, labels: dict[str, str], name: str, take: Callable[[QListWidget], object]
) -> QListWidget:
    """``labels`` by key; a click on one calls ``take`` with the list."""
    editor = QListWidget(parent)
    editor.setAccessibleName(name)
    for key, label in labels.items():
        item = QListWidgetItem(label)
        item.setData(CHOICE_ROLE, key)
        editor.addItem(item)
    editor.itemClicked.connect(lambda _: take(editor))
    return editor


def factor_list(parent: QWidget, choices: list[tuple[int, str]]) -> QListWidget:
    """The review's factors (id, label) with a tick each; Space or a click ticks."""
    editor = QListWidget(parent)
    editor.setAccessibleName("Factors this item closes")
    editor.setWordWrap(True)
    for factor_id, label in choices:
        item = QListWidgetItem(label)
        item.setData(CHOICE_ROLE, factor_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        editor.addItem(item)
    if not choices:
        item = QListWidgetItem("No contributing factors yet")
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        editor.addItem(item)
    # A click on the box ticks it; a click on the text should too, once.
    pressed: dict[int, Qt.CheckState] = {}
    editor.itemPressed.connect(lambda i: pressed.update({editor.row(i): i.checkState()}))
    editor.itemClicked.connect(lambda i: _toggle(i, pressed.pop(editor.row(i), None)))
    return editor


def _toggle(item: QListWidgetItem, before: Qt.CheckState | None) -> None:
    if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
        return
    if before is None or item.checkState() == before:  # not ticked by the box itself
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)


def show_value(editor: QListWidget, value: Any) -> None:
    """The cell's value in the list: its choice current, or its factors ticked."""
    for row in range(editor.count()):
        item = editor.item(row)
        key = item.data(CHOICE_ROLE)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            ticked = key in (value or [])
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        elif key == value:
            editor.setCurrentRow(row)
    if editor.currentRow() < 0 and editor.count():
        editor.setCurrentRow(0)


def ticked(editor: QListWidget) -> list[Any]:
    """The factors ticked in a factor list."""
    items = [editor.item(r) for r in range(editor.count())]
    return [
        i.data(CHOICE_ROLE)
        for i in items
        if i.flags() & Qt.ItemFlag.ItemIsUserCheckable and i.checkState() == Qt.CheckState.Checked
    ]


def chosen(editor: QListWidget) -> Any:
    """The choice taken in a category or status list; None: none is current."""
    item = editor.currentItem()
    return item.data(CHOICE_ROLE) if item is not None else None
