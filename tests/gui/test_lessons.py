"""Lessons: Enter adds, editing saves, Del removes, and undo brings a lesson back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.pages.lessons import LessonList, LessonsPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView


def lessons(view: ReviewView, kind: str) -> LessonList:
    page = view.show_page("lessons")
    assert isinstance(page, LessonsPage)
    return page.lists[kind]


def stored(service: Services, view: ReviewView, kind: str) -> list[str]:
    rows = [x for x in service.reviews.get_review(view.review_id).lessons if x.kind == kind]
    return [x.text for x in sorted(rows, key=lambda x: x.position)]


def add(qtbot: QtBot, column: LessonList, text: str) -> None:
    qtbot.keyClicks(column.entry, text)
    qtbot.keyClick(column.entry, Qt.Key.Key_Return)


def test_enter_adds_a_lesson_and_undo_removes_it(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    well = lessons(view, "well")
    add(qtbot, well, "The alert paged within 5 minutes")
    assert well.entry.text() == ""
    assert well.texts() == ["The alert paged within 5 minutes"]
    assert stored(service, view, "well") == ["The alert paged within 5 minutes"]
    assert stored(service, view, "poorly") == []
    window = view.window()
    assert isinstance(window, MainWindow)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()  # Edit > Undo
    assert well.texts() == []
    assert stored(service, view, "well") == []
    assert view.redo()
    assert well.texts() == ["The alert paged within 5 minutes"]


def test_edit_a_lesson_and_undo_the_edit(qtbot: QtBot, view: ReviewView, service: Services) -> None:
    lucky = lessons(view, "lucky")
    add(qtbot, lucky, "Sunday traffic")
    lucky.list.item(0).setText("It happened on a Sunday, at half the weekday traffic")
    assert stored(service, view, "lucky") == [
        "It happened on a Sunday, at half the weekday traffic"
    ]
    assert view.undo()
    assert lucky.texts() == ["Sunday traffic"]
    assert stored(service, view, "lucky") == ["Sunday traffic"]


def test_del_deletes_and_undo_puts_it_back_in_its_place(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    poorly = lessons(view, "poorly")
    for text in ("First", "Second", "Third"):
        add(qtbot, poorly, text)
    view.window().activateWindow()
    poorly.list.setFocus()
    qtbot.waitUntil(poorly.list.hasFocus)
    poorly.list.setCurrentRow(1)
    qtbot.keyClick(poorly.list, Qt.Key.Key_Delete)
    assert stored(service, view, "poorly") == ["First", "Third"]
    assert poorly.texts() == ["First", "Third"]
    assert view.undo()
    assert stored(service, view, "poorly") == ["First", "Second", "Third"]
    assert poorly.texts() == ["First", "Second", "Third"]


def test_a_lesson_brought_back_by_undo_can_still_be_edited_through_the_stack(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    well = lessons(view, "well")
    add(qtbot, well, "Rollback took one command")
    well.list.item(0).setText("Rollback took one command and 4 minutes")
    well.list.setCurrentRow(0)
    assert well.delete_selected()
    # Undo the delete (the lesson comes back with a new id), then the edit, then the add.
    assert view.undo()
    assert stored(service, view, "well") == ["Rollback took one command and 4 minutes"]
    assert view.undo()
    assert stored(service, view, "well") == ["Rollback took one command"]
    assert view.undo()
    assert stored(service, view, "well") == []
    for _ in range(3):
        assert view.redo()
    assert stored(service, view, "well") == []
    assert view.undo()
    assert stored(service, view, "well") == ["Rollback took one command and 4 minutes"]
    assert not view.session.problems()


def test_an_emptied_lesson_keeps_its_text(view: ReviewView, service: Services) -> None:
    well = lessons(view, "well")
    assert well.add("Kept")
    well.list.item(0).setText("   ")
    assert well.texts() == ["Kept"]
    assert stored(service, view, "well") == ["Kept"]


def test_ctrl_z_inside_an_open_lesson_editor_saves_then_undoes(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    well = lessons(view, "well")
    assert well.add("Paged fast")
    view.window().activateWindow()
    well.list.setFocus()
    item = well.list.item(0)
    well.list.setCurrentItem(item)
    well.list.editItem(item)
    qtbot.waitUntil(lambda: well.list.focusWidget() is not well.list)
    editor = well.list.focusWidget()
    editor.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor, "Paged within 5 minutes")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The half-finished edit went through the stack first, so one undo takes it back.
    assert stored(service, view, "well") == ["Paged fast"]
    assert view.redo()
    assert stored(service, view, "well") == ["Paged within 5 minutes"]
    assert well.texts() == ["Paged within 5 minutes"]


def test_a_reused_row_id_never_confuses_undo(view: ReviewView, service: Services) -> None:
    well = lessons(view, "well")
    assert well.add("A")
    well.list.setCurrentRow(0)
    assert well.delete_selected()
    assert well.add("B")  # SQLite may hand B the id A had
    well.list.item(0).setText("B edited")
    assert stored(service, view, "well") == ["B edited"]
    for expected in (["B"], [], ["A"], []):
        assert view.undo()
        assert stored(service, view, "well") == expected
    for expected in (["A"], [], ["B"], ["B edited"]):
        assert view.redo()
        assert stored(service, view, "well") == expected
    assert not view.session.problems()
