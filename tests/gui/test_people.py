"""People in roles are directory records: picked with a completer, or added inline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.people.page import PeoplePanel
from clearsight.ui.shell.review_view import ReviewView

# The completer's popup asks the platform for raise() and a keyboard grab, which only the
# offscreen platform used in tests declines, with a warning.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def people(view: ReviewView) -> PeoplePanel:
    page = view.show_page("details")
    assert isinstance(page, DetailsPage)
    return page.people


def in_role(service: Services, view: ReviewView, role: str) -> list[str]:
    return [p.name for p in service.reviews.get_review(view.review_id).people_in(role)]


def test_add_a_new_person_as_facilitator(qtbot: QtBot, view: ReviewView, service: Services) -> None:
    panel = people(view)
    picker = panel.pickers["facilitator"]
    qtbot.keyClicks(picker, "Priya Raman")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert panel.form.isVisible()  # not in the directory: the inline form opens
    assert panel.form.name.text() == "Priya Raman"
    qtbot.keyClicks(panel.form.handle, "priya")
    qtbot.keyClicks(panel.form.email, "priya@example.org")
    qtbot.mouseClick(panel.form.add_button, Qt.MouseButton.LeftButton)
    assert not panel.form.isVisible()
    assert in_role(service, view, "facilitator") == ["Priya Raman"]
    assert panel.names_in("facilitator") == ["Priya Raman (@priya)"]
    assert [(p.name, p.handle, p.email) for p in service.people.list_people()] == [
        ("Priya Raman", "priya", "priya@example.org")
    ]
    assert picker.text() == ""
    assert view.undo()  # the role goes; the person stays in the directory
    assert in_role(service, view, "facilitator") == []
    assert len(service.people.list_people()) == 1


def test_pick_someone_from_the_directory(qtbot: QtBot, view: ReviewView, service: Services) -> None:
    service.people.add_person("Lena Fischer", "lfischer")
    service.people.add_person("Kenji Watanabe", "kenji")
    panel = people(view)
    panel.refresh_directory()
    assert panel.pickers["approver"].completer().model().rowCount() == 2
    picker = panel.pickers["approver"]
    qtbot.keyClicks(picker, "lena fischer")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert not panel.form.isVisible()
    assert in_role(service, view, "approver") == ["Lena Fischer"]
    assert panel.pick("attendee", "@kenji")
    assert in_role(service, view, "attendee") == ["Kenji Watanabe"]


def test_del_removes_someone_from_a_role_and_undo_restores(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    person = service.people.add_person("Tomas Novak", "tnovak")
    service.reviews.add_participant(view.review_id, person, "notetaker")
    view.session.reload()
    panel = people(view)
    box = panel.lists["notetaker"]
    view.window().activateWindow()
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.setCurrentRow(0)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert in_role(service, view, "notetaker") == []
    assert view.undo()
    assert in_role(service, view, "notetaker") == ["Tomas Novak"]
    assert panel.names_in("notetaker") == ["Tomas Novak (@tnovak)"]


def test_a_taken_handle_is_explained_in_the_form_and_nothing_is_lost(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    service.people.add_person("Alex Kim", "alex")
    panel = people(view)
    panel.pick("attendee", "Alex K.")
    assert panel.form.isVisible()
    panel.form.handle.setText("alex")
    assert not panel.form.submit()
    assert "@alex" in panel.form.error.text()
    assert panel.form.isVisible() and panel.form.name.text() == "Alex K."
    assert in_role(service, view, "attendee") == []
