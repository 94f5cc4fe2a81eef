"""Keyboard shortcuts (F1 or ?): every named shortcut of the window, read from its actions at
the moment the overview opens, so it cannot fall out of date.

The window's own shortcuts are listed by menu; a page's by what they act on: the layers bar
and the list of factors are two groups of "Contributing factors", each headed with the page's
name from the agenda and the name the list is announced by. An action without a name says
nothing in the list, so it is left out (it still works).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt
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

from clearsight.review import rules
from clearsight.ui import style

Row = tuple[str, str]
Section = tuple[str, list[Row]]
# The agenda's names of the pages, by their keys (the review view lists them so too).
PAGE_NAMES = dict((("details", "Details"), *rules.PHASES))


def action_name(action: QAction) -> str:
    """The action's text as read: '&Undo edit summary…' -> 'Undo edit summary…'."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def keys_text(action: QAction) -> str:
    return ",  ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
    )


def _rows(actions: Iterable[QAction], seen: set[int]) -> list[Row]:
    rows: list[Row] = []
    for action in actions:
        if action.isSeparator() or not action.shortcuts() or id(action) in seen:
            continue
        seen.add(id(action))
        row = (action_name(action), keys_text(action))
        if row[0] and row not in rows:
            rows.append(row)
    return rows


def _menu_rows(menu: QMenu, seen: set[int], prefix: str = "") -> list[Row]:
    rows: list[Row] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            rows += _menu_rows(sub, seen, f"{prefix}{action_name(action)} \u203a ")
        else:
            rows += [(f"{prefix}{name}", keys) for name, keys in _rows([action], seen)]
    return rows


def acted_on(action: QAction) -> QObject | None:
    """The widget an action works on: the one it was added to, else its parent."""
    widgets = [o for o in action.associatedObjects() if isinstance(o, QWidget)]
    return widgets[0] if widgets else action.parent()


def page_name(page: QWidget) -> str:
    return PAGE_NAMES.get(str(getattr(page, "key", "")), "This page")


def page_sections(page: QWidget, seen: set[int]) -> list[Section]:
    """The page's shortcuts in groups by the widget they act on. Lists that share their keys
    (a Del on each role's list of people) are one group naming each of them."""
    name = page_name(page)
    groups: dict[int, tuple[list[str], list[Row]]] = {}
    for action in page.findChildren(QAction):
        rows = _rows([action], seen)
        if not rows:
            continue
        target = acted_on(action)
        label = target.accessibleName() if isinstance(target, QWidget) else ""
        key = id(target) if isinstance(target, QWidget) and target is not page else id(page)
        names, found = groups.setdefault(key, ([label] if key != id(page) else [], []))
        found += [r for r in rows if r not in found]
    merged: list[tuple[list[str], list[Row]]] = []
    for names, rows in groups.values():
        same = next((m for m in merged if m[1] == rows), None)
        if same is None:
            merged.append((list(names), rows))
        else:
            same[0].extend(n for n in names if n not in same[0])
    return [(_title(name, names), rows) for names, rows in merged]


def _title(page: str, names: list[str]) -> str:
    """'Contributing factors: Defense layers'; the page's name alone when the widget has no
    name of its own or is named as the page is, the widget's alone when it names the page
    ('Timeline events')."""
    names = [n for n in names if n and n.casefold() != page.casefold()]
    if not names:
        return page
    if len(names) == 1 and page.casefold() in names[0].casefold():
        return names[0]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{page}: {listed}"


def collect(window: QMainWindow, extra: Iterable[Section] = ()) -> list[Section]:
    """The window's shortcuts by menu, then those of the pages by what they act on, then
    ``extra``."""
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
    # An open review: the keys of each agenda page; else the screen's.
    pages = getattr(screen, "pages", None)
    if isinstance(pages, QStackedWidget):
        for i in range(pages.count()):
            sections += page_sections(pages.widget(i), seen)
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
