"""The main window's toolbar: new, open, export; undo and redo; the meeting clock and the
presenter. It shows actions the window and its extras already have (menus and keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle, QToolBar

if TYPE_CHECKING:
    from clearsight.ui.shell.main_window import MainWindow

SP = QStyle.StandardPixmap


def main_toolbar(window: MainWindow, open_action: QAction, *meeting: QAction) -> QToolBar:
    """Adds the toolbar to ``window``; ``meeting``: the actions at its end."""
    bar = QToolBar("Main toolbar")
    bar.setObjectName("mainToolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    icons = {
        window.new_action: SP.SP_FileIcon,
        window.undo_action: SP.SP_ArrowBack,
        window.redo_action: SP.SP_ArrowForward,
    }
    for action, icon in icons.items():
        if action.icon().isNull():
            action.setIcon(window.style().standardIcon(icon))
    bar.addAction(window.new_action)
    bar.addAction(open_action)
    # File > Export… (Ctrl+E) when the window has it; a later one goes in the same place.
    export = getattr(window, "export_action", None)
    if isinstance(export, QAction):
        if export.icon().isNull():
            export.setIcon(window.style().standardIcon(SP.SP_DialogSaveButton))
        bar.addAction(export)
    bar.addSeparator()
    bar.addAction(window.undo_action)
    bar.addAction(window.redo_action)
    bar.addSeparator()
    bar.addActions(list(meeting))
    # The undo actions carry their step in the text ("Undo edit summary"); the toolbar
    # shows the short name and keeps the full one as the tooltip.
    for action in (window.undo_action, window.redo_action):
        button = bar.widgetForAction(action)
        if button is not None:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
