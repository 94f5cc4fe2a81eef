"""The action items table's own keys, and its context menu: the category, the ticket and the
factors by prompt, the order, done and dropped, delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from clearsight.ui.actions.model import CATEGORY_LABELS, ActionRow

# name, text, key: each acts on the current item while the table has the focus.
TABLE_KEYS: tuple[tuple[str, str, str | QKeySequence.StandardKey], ...] = (
    ("up", "Move up", "Alt+Up"),
    ("down", "Move down", "Alt+Down"),
    ("done", "Mark done\u2026", "Ctrl+D"),
    ("drop", "Drop\u2026", ""),
    ("delete", "Delete item", QKeySequence.StandardKey.Delete),
    ("ticket", "Ticket\u2026", ""),
    ("factors", "Factors it closes\u2026", ""),
)


def add_table_actions(
    table: QTableView, slots: dict[str, Callable[[], object]]
) -> dict[str, QAction]:
    """The actions of TABLE_KEYS on ``table``, each calling its slot by name."""
    actions = {}
    for name, text, keys in TABLE_KEYS:
        action = QAction(text, table)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slots[name])
        table.addAction(action)
        actions[name] = action
    return actions


def item_menu(
    parent: QWidget,
    row: ActionRow,
    actions: dict[str, QAction],
    set_category: Callable[[str], object],
) -> QMenu:
    """The menu of the item in ``row``: its category ticked, then the table's actions."""
    menu = QMenu(parent)
    categories = menu.addMenu("Category")
    for key, label in CATEGORY_LABELS.items():
        choice = categories.addAction(label)
        choice.setCheckable(True)
        choice.setChecked(key == row.action.category)
        choice.triggered.connect(lambda _=False, k=key: set_category(k))
    menu.addActions([actions["ticket"], actions["factors"]])
    menu.addSeparator()
    menu.addActions([actions["up"], actions["down"]])
    menu.addSeparator()
    menu.addActions([actions["done"], actions["drop"]])
    menu.addSeparator()
    menu.addAction(actions["delete"])
    return menu
