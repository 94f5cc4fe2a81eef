"""The people directory: everyone as a record, edited in place, added and removed at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from clearsight.review.data import PersonData
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.people.directory import (
    COL_EMAIL,
    COL_HANDLE,
    COL_KEY,
    COL_NAME,
    COL_OWNED,
    COL_REVIEWS,
    PeopleDirectoryDialog,
)
from clearsight.ui.shell.main_window import MainWindow
from tests.helpers.signing import own_key


@pytest.fixture
def demo_id(service: Services) -> int:
    return add_demo(service)


@pytest.fixture
def directory(qtbot: QtBot, window: MainWindow, demo_id: int) -> PeopleDirectoryDialog:
    """The directory as the user opens it: Ctrl+Shift+P on the main window."""
    action = window.extras.people_action
    assert action.shortcut().toString() == "Ctrl+Shift+P"
    assert action in window.menuBar().actions()[1].menu().actions()  # Edit
    action.trigger()
    dialog = window.extras.people_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def rows(dialog: PeopleDirectoryDialog) -> list[tuple[str, str, int, int]]:
    proxy = dialog.proxy
    return [
        tuple(proxy.index(r, c).data() for c in (COL_NAME, COL_HANDLE, COL_OWNED, COL_REVIEWS))
        for r in range(proxy.rowCount())
    ]


def edit_cell(
    qtbot: QtBot, dialog: PeopleDirectoryDialog, name: str, column: int, text: str
) -> None:
    """Select ``name``'s row, F2 on ``column``, type ``text`` over what is there, Enter."""
    person = next(p for p in dialog.model.people if p.name == name)
    index = dialog.select(person.id, column)
    assert index is not None
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = dialog.delegate.open_editor()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view commits on Enter a moment later (queued), then closes the editor.
    qtbot.waitUntil(lambda: dialog.delegate.editor is not editor)


def answer_delete(dialog: PeopleDirectoryDialog, yes: bool, asked: list[str]) -> None:
    def confirm(person: PersonData) -> bool:
        asked.append(person.name)
        return yes

    dialog.confirm_delete = confirm  # type: ignore[method-assign]


def test_lists_the_demo_people_with_counts(directory: PeopleDirectoryDialog) -> None:
    assert not directory.isModal()
    assert rows(directory) == [
        ("Amara Okafor", "@amara", 1, 1),
        ("Diego Morales", "@dmorales", 1, 1),
        ("Kenji Watanabe", "@kenji", 1, 1),
        ("Lena Fischer", "@lfischer", 0, 1),
        ("Priya Raman", "@priya", 0, 1),
        ("Tomas Novak", "@tnovak", 1, 1),
    ]
    assert directory.proxy.index(4, COL_EMAIL).data() == "priya.raman@example.com"


def test_the_action_waits_for_the_database(make_window: object, settings: object) -> None:
    window = MainWindow(None, settings)  # type: ignore[arg-type]
    try:
        assert not window.extras.people_action.isEnabled()
        assert window.extras.show_people_directory() is None
    finally:
        window.close()


# Asked a second time, the open directory is raised: the offscreen platform declines that.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_rename_shows_in_the_open_review_after_closing(
    qtbot: QtBot, window: MainWindow, demo_id: int, service: Services
) -> None:
    assert window.open_review(demo_id)
    view = window.review_view
    assert view is not None
    dialog = window.extras.show_people_directory()
    assert dialog is not None and window.extras.show_people_directory() is dialog  # one only
    edit_cell(qtbot, dialog, "Priya Raman", COL_NAME, "Priya Raman-Iyer")
    assert [p.name for p in service.people.list_people() if p.handle == "priya"] == [
        "Priya Raman-Iyer"
    ]
    assert "Saved Priya Raman-Iyer" in dialog.message.text()
    with qtbot.waitSignal(view.session.loaded):
        dialog.accept()
    assert window.extras.people_dialog is None
    page = view.show_page("details")
    assert isinstance(page, DetailsPage)
    assert page.people.names_in("facilitator") == ["Priya Raman-Iyer (@priya)"]


def test_a_duplicate_handle_is_refused_and_the_edit_kept(
    qtbot: QtBot, directory: PeopleDirectoryDialog, service: Services
) -> None:
    edit_cell(qtbot, directory, "Kenji Watanabe", COL_HANDLE, "priya")
    assert directory.message.text() == "Someone already has the handle @priya."
    # The cell opens again with what was typed, to fix or Esc.
    qtbot.waitUntil(lambda: directory.delegate.open_editor() is not None)
    editor = directory.delegate.open_editor()
    assert editor is not None and editor.text() == "priya"
    assert directory.table.currentIndex().data() == "@kenji"
    assert [p.handle for p in service.people.list_people() if p.name == "Kenji Watanabe"] == [
        "kenji"
    ]
    # Closing would drop it: refused, the dialog stays with the reason.
    directory.accept()
    assert directory.isVisible() and directory.delegate.open_editor() is editor
    editor.setText("kwatanabe")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: directory.delegate.open_editor() is None)
    assert directory.table.currentIndex().data() == "@kwatanabe"
    assert [p.handle for p in service.people.list_people() if p.name == "Kenji Watanabe"] == [
        "kwatanabe"
    ]


def test_an_empty_name_is_refused(qtbot: QtBot, directory: PeopleDirectoryDialog) -> None:
    edit_cell(qtbot, directory, "Lena Fischer", COL_NAME, "  ")
    assert directory.message.text() == "A person needs a name"
    qtbot.waitUntil(lambda: directory.delegate.open_editor() is not None)
    assert "Lena Fischer" in [p.name for p in directory.model.people]


def test_delete_of_an_owner_is_refused_with_the_items(
    qtbot: QtBot, directory: PeopleDirectoryDialog, service: Services
) -> None:
    kenji = next(p for p in directory.model.people if p.name == "Kenji Watanabe")
    directory.select(kenji.id)
    asked: list[str] = []
    answer_delete(directory, True, asked)
    directory.table.setFocus()
    qtbot.keyClick(directory.table, Qt.Key.Key_Delete)
    assert asked == ["Kenji Watanabe"]
    text = directory.message.text()
    assert text.startswith("Kenji Watanabe owns 1 action item(s): \u201cExport pool")
    assert "Give them another owner first." in text
    assert any(p.id == kenji.id for p in service.people.list_people())
    assert len(rows(directory)) == 6
    # Someone who only takes part in a review is refused too, with that reason.
    lena = next(p for p in directory.model.people if p.name == "Lena Fischer")
    directory.select(lena.id)
    assert not directory.delete_selected()
    assert (
        directory.message.text()
        == "Lena Fischer takes part in a review; remove them from it first."
    )


def test_add_and_delete_an_unused_person(
    qtbot: QtBot, directory: PeopleDirectoryDialog, service: Services
) -> None:
    qtbot.keyClicks(directory.name, "Nina Park")
    qtbot.keyClicks(directory.handle, "@nina")
    qtbot.keyClicks(directory.email, "nina@example.org")
    qtbot.keyClick(directory.email, Qt.Key.Key_Return)
    assert directory.isVisible()  # Enter adds; it does not close the dialog
    assert directory.name.text() == ""
    assert ("Nina Park", "@nina", 0, 0) in rows(directory)
    assert directory.table.currentIndex().data() == "Nina Park"
    # The same handle again is refused, and the typed line kept.
    qtbot.keyClicks(directory.name, "Nina Other")
    qtbot.keyClicks(directory.handle, "nina")
    qtbot.keyClick(directory.handle, Qt.Key.Key_Return)
    assert directory.message.text() == "Someone already has the handle @nina."
    assert (directory.name.text(), directory.handle.text()) == ("Nina Other", "nina")
    directory.name.clear()
    directory.handle.clear()

    nina = next(p for p in service.people.list_people() if p.handle == "nina")
    directory.select(nina.id)
    asked: list[str] = []
    answer_delete(directory, False, asked)
    assert not directory.delete_selected()  # cancelled: nothing happens
    answer_delete(directory, True, asked)
    directory.table.setFocus()
    qtbot.keyClick(directory.table, Qt.Key.Key_Delete)
    assert asked == ["Nina Park", "Nina Park"]
    assert all(p.handle != "nina" for p in service.people.list_people())
    assert len(rows(directory)) == 6
    assert directory.message.text() == "Removed Nina Park (@nina)."


def test_closing_adds_a_person_typed_but_not_added(
    qtbot: QtBot, directory: PeopleDirectoryDialog, service: Services
) -> None:
    qtbot.keyClicks(directory.handle, "orphan")
    directory.reject()  # Esc: a handle without a name cannot be added, so it stays open
    assert directory.isVisible()
    assert directory.message.text() == "A person needs a name"
    qtbot.keyClicks(directory.name, "Olu Adeyemi")
    with qtbot.waitSignal(directory.finished):
        directory.reject()
    assert [p.name for p in service.people.list_people() if p.handle == "orphan"] == ["Olu Adeyemi"]


def test_filter(qtbot: QtBot, directory: PeopleDirectoryDialog) -> None:
    qtbot.keyClicks(directory.filter, "ken")
    assert directory.visible_names() == ["Kenji Watanabe"]
    directory.filter.clear()
    qtbot.keyClicks(directory.filter, "@l")  # handles, shown with their @
    assert directory.visible_names() == ["Lena Fischer"]
    directory.filter.clear()
    qtbot.keyClicks(directory.filter, "EXAMPLE.COM")  # email, any case
    assert len(directory.visible_names()) == 6
    directory.filter.setText("nobody")
    assert directory.visible_names() == []
    assert not directory.delete_button.isEnabled()
    directory.filter.clear()
    assert len(directory.visible_names()) == 6


def test_each_person_shows_their_signing_key_fingerprint(
    qtbot: QtBot, service: Services, demo_id: int, window: MainWindow
) -> None:
    lena = service.reviews.get_review(demo_id).people_in("approver")[0]
    key = own_key(service, lena.id)
    window.extras.people_action.trigger()
    dialog = window.extras.people_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    shown = {
        dialog.proxy.index(r, COL_NAME).data(): dialog.proxy.index(r, COL_KEY)
        for r in range(dialog.proxy.rowCount())
    }
    assert shown["Lena Fischer"].data() == key.fingerprint[:19] + "\u2026"
    assert key.fingerprint in shown["Lena Fischer"].data(Qt.ItemDataRole.ToolTipRole)
    assert shown["Diego Morales"].data() == "none yet"
