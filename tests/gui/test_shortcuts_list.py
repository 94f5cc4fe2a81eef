"""The keyboard shortcuts overview (F1): only named actions, the window's by menu and each
page's by what they act on, every heading a name a person reads (never an object)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidget, QMainWindow, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.shortcuts import ShortcutsDialog, collect, page_sections
from clearsight.ui.shell.window_dialogs import PRESENTER_KEYS
from tests.gui.helpers_themes import open_demo


def test_every_heading_and_row_of_the_demo_is_named(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    open_demo(window, service)
    sections = collect(window, [PRESENTER_KEYS])
    titles = [title for title, _ in sections]
    assert all(t.strip() and "<" not in t and "0x" not in t for t in titles), titles
    assert len(titles) == len(set(titles))  # one group per thing acted on
    for title, rows in sections:
        assert rows, title
        assert all(name.strip() and keys.strip() for name, keys in rows), (title, rows)


def test_a_page_s_keys_are_grouped_by_what_they_act_on(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    open_demo(window, service)
    sections = dict(collect(window))
    assert ("Delete layer", "Del") in sections["Contributing factors: Defense layers"]
    assert ("Delete factor", "Del") in sections["Contributing factors"]
    assert ("Delete layer", "Del") not in sections["Contributing factors"]
    assert ("Delete event", "Del") in sections["Timeline events"]
    # One Del on each role's list of people: one group that names the lists.
    people = next(t for t in sections if t.startswith("Details:"))
    assert "Attendees" in people and "Approvers" in people
    assert sections[people] == [("Remove from role", "Del")]


def test_an_action_without_a_name_is_left_out(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.stack = QStackedWidget()  # type: ignore[attr-defined]
    window.setCentralWidget(window.stack)  # type: ignore[attr-defined]
    screen = QWidget()
    screen.pages = QStackedWidget(screen)  # type: ignore[attr-defined]
    window.stack.addWidget(screen)  # type: ignore[attr-defined]
    page = QWidget()
    page.key = "lessons"  # type: ignore[attr-defined]
    screen.pages.addWidget(page)  # type: ignore[attr-defined]
    names = QListWidget(page)
    names.setAccessibleName("Went well")
    for text, key in (("", "Alt+Up"), ("Delete lesson", "Del")):
        action = QAction(text, names)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        names.addAction(action)
    assert page_sections(page, set()) == [("Lessons: Went well", [("Delete lesson", "Del")])]
    assert collect(window) == [("Lessons: Went well", [("Delete lesson", "Del")])]


def test_the_dialog_shows_the_groups(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    open_demo(window, service)
    dialog = window.extras.dialogs.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    shown = {section for section, _, _ in dialog.rows()}
    assert {"Contributing factors: Defense layers", "Timeline events", "Meeting"} <= shown
    assert not any("<" in s for s in shown)
    dialog.close()
