"""Keyboard shortcuts (F1 or ?): every shortcut of the window, read from its actions at the
moment the overview opens, so it cannot fall out of date."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.ui import style

Section = tuple[str, list[tuple[str, str]]]


def action_name(action: QAction) -> str:
    """The action's text as read: '&Undo edit summary…' -> 'Undo edit summary…'."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_text(action: QAction) -> str:
    return ",  ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
    )


def _rows(actions: Iterable[QAction], seen: set[int]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for action in actions:
        if action.isSeparator() or not action.shortcuts() or id(action) in seen:
            continue
        seen.add(id(action))
        row = (action_name(action), keys_text(action))
        if row not in rows:
            rows.append(row)
    return rows


def _menu_rows(menu: QMenu, seen: set[int], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _menu_rows(sub, seen, f"{prefix}{action_name(action)} \u203a ")
        else:
            rows += [(f"{prefix}{name}", keys) for name, keys in _rows([action], seen)]
    return rows


def collect(window: QMainWindow, extra: Iterable[Section] = ()) -> list[Section]:
    """The window's shortcuts by menu, then those of the pages on screen, then ``extra``."""
    seen: set[int] = set()
    sections: list[Section] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows = _menu_rows(menu, seen)
            if rows:
                sections.append((action_name(top), rows))
    # Shortcuts of the window itself that no menu lists.
    rows = _rows(window.actions(), seen)
    if rows:
        sections.append(("Window", rows))
    stack = getattr(window, "stack", None)
    screen = stack.currentWidget() if stack is not None else None
    # An open review: the keys of each agenda page under its title; else the screen's.
    pages = getattr(screen, "pages", None)
    if isinstance(pages, QStackedWidget):
        for i in range(pages.count()):
            page = pages.widget(i)
            rows = _rows(page.findChildren(QAction), seen)
            if rows:
                sections.append((str(getattr(page, "title", "")) or "This page", rows))
    if isinstance(screen, QWidget):
        rows = _rows(screen.findChildren(QAction), seen)
        if rows:
            sections.append(("On this screen", rows))
    sections += [(title, list(rows)) for title, rows in extra if rows]
    return sections


class ShortcutsDialog(QDialog):
    def __init__(self, sections: list[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a shortcut")
        self.filter.setAccessibleName("Find a shortcut")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        for title, rows in sections:
            top = QTreeWidgetItem([title])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for name, keys in rows:
                top.addChild(QTreeWidgetItem([name, keys]))
            top.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, action, keys) of every visible row."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if not child.isHidden():
                    found.append((top.text(0), child.text(0), child.text(1)))
        return found

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            shown = 0
            for j in range(top.childCount()):
                child = top.child(j)
                hit = not needle or needle in f"{child.text(0)} {child.text(1)}".lower()
                child.setHidden(not hit)
                shown += hit
            top.setHidden(shown == 0)
