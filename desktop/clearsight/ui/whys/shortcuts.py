"""The 5 Whys page's keys, and the context menu that lists them with a why's factor menu.

The outline's own keys (Enter, Tab, Shift+Tab, F2, Del, Alt+Up/Down) act only while it has
the focus, since Tab and Enter mean other things elsewhere; the page's (Ctrl+Shift+...) act
anywhere on it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.ui.whys.editing import WhyEditing
from clearsight.ui.whys.factor_menu import FactorMenu
from clearsight.ui.whys.outline import WhyOutline

KEYS = (
    "Enter: next answer  \u00b7  Tab: why?  \u00b7  Shift+Tab: up a level  \u00b7  "
    "Alt+\u2191/\u2193: reorder  \u00b7  Del: remove  \u00b7  F2: edit  \u00b7  Esc: stop typing  "
    "\u00b7  Ctrl+Shift+C: can the team change it?  \u00b7  Ctrl+Shift+F: make it a factor"
)


def _action(
    text: str, keys: list[str], slot: object, owner: QWidget, children: bool = False
) -> QAction:
    act = QAction(text, owner)
    act.setShortcuts([QKeySequence(k) for k in keys])
    act.setShortcutContext(
        Qt.ShortcutContext.WidgetWithChildrenShortcut
        if children
        else Qt.ShortcutContext.WidgetShortcut
    )
    act.triggered.connect(slot)
    owner.addAction(act)
    return act


class WhyShortcuts:
    def __init__(
        self,
        page: QWidget,
        outline: WhyOutline,
        editing: WhyEditing,
        factor_menu: FactorMenu,
        *,
        show_factor_menu: Callable[[], object],
        new_tree: Callable[[], object],
        step_tree: Callable[[int], object],
        toggle_fit: Callable[[], object],
    ) -> None:
        self.page, self.outline, self.editing = page, outline, editing
        self.factor_menu = factor_menu
        o, e = outline, editing
        self.sibling_action = _action("Add the next answer", ["Return", "Enter"], e.add_sibling, o)
        self.child_action = _action("Ask why (add an answer to this)", ["Tab"], e.add_child, o)
        self.outdent_action = _action("Move up a level", ["Shift+Tab"], e.outdent, o)
        self.edit_action = _action("Edit", ["F2"], e.edit_current, o)
        self.delete_action = _action("Delete (with its answers)", ["Del"], e.delete_current, o)
        self.up_action = _action("Move up", ["Alt+Up"], lambda: e.move(-1), o, True)
        self.down_action = _action("Move down", ["Alt+Down"], lambda: e.move(1), o, True)
        self.ask_action = _action(
            "Is this something the team can change?\u2026",
            ["Ctrl+Shift+C"],
            e.ask_changeable,
            page,
            True,
        )
        self.factor_action = _action(
            "Make this a contributing factor\u2026",
            ["Ctrl+Shift+F"],
            show_factor_menu,
            page,
            True,
        )
        self.new_action = _action("New tree", ["Ctrl+Shift+N"], new_tree, page, True)
        _action("Next why tree", ["Alt+PgDown"], lambda: step_tree(1), page, True)
        _action("Previous why tree", ["Alt+PgUp"], lambda: step_tree(-1), page, True)
        _action("Fit the drawing to the window", ["Ctrl+Shift+W"], toggle_fit, page, True)
        # Tab asks why in the outline, so Ctrl+Tab is the way out of it.
        _action("Leave the outline", ["Ctrl+Tab"], lambda: o.focusNextChild(), o)
        _action(
            "Leave the outline backwards", ["Ctrl+Shift+Tab"], lambda: o.focusPreviousChild(), o
        )
        outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        outline.customContextMenuRequested.connect(self._context_menu)

    def menu_for(self, key: int) -> QMenu:
        """The context menu of why ``key`` (or of the problem); it deletes itself once closed."""
        menu = QMenu(self.page)
        for act in (self.sibling_action, self.child_action, self.edit_action):
            menu.addAction(act)
        if key != PROBLEM:
            menu.addSeparator()
            for act in (self.outdent_action, self.up_action, self.down_action):
                menu.addAction(act)
            menu.addSeparator()
            menu.addAction(self.ask_action)
            menu.addMenu(self.factor_menu.build(key, menu))
            menu.addSeparator()
            menu.addAction(self.delete_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def _context_menu(self, point: QPoint) -> None:
        index = self.outline.indexAt(point)
        if not index.isValid():
            return
        self.editing.finish_editing()
        self.outline.setCurrentIndex(index)
        key = int(index.internalId())
        self.menu_for(key).popup(self.outline.viewport().mapToGlobal(point))
