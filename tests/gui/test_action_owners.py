"""An action item's owner is one person from the directory: a team is refused, a name is
completed, a new name adds the person inline, and a name two people share asks which."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_OWNER, COL_WHAT, STATE_ROLE
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_actions import actions_page, add, owner_line, stored


@pytest.fixture
def page(view: ReviewView, service: Services) -> ActionsPage:
    return actions_page(view, service)


def test_a_team_as_owner_is_refused_with_the_reason_and_kept_to_fix(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    line = owner_line(page, 0)
    line.setText("@platform-team")  # set, not typed: typing would pop the completer up
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert page.prompt.is_open
    assert "A1" in page.prompt.error.text()
    assert "is a group: name the one person who owns the item" in page.prompt.error.text()
    assert page.delegate.open_editor() is line  # still open, with the text to correct
    assert line.text() == "@platform-team"
    assert stored(service, page)[0].owner is None
    assert page.model.index(0, COL_WHAT).data(STATE_ROLE) == "incomplete"


# The offscreen platform cannot raise the completer's popup nor give it the keyboard, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing")
def test_the_completer_picks_a_person_and_undo_clears_the_owner(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    line = owner_line(page, 0)
    qtbot.keyClicks(line, "ken")
    popup = line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    owner = stored(service, page)[0].owner
    assert owner is not None and owner.name == "Kenji Watanabe"
    assert page.model.index(0, COL_OWNER).data() == "Kenji Watanabe"
    assert page.delegate.open_editor() is None
    assert page.session.undo()
    assert stored(service, page)[0].owner is None
    assert page.session.redo()
    assert stored(service, page)[0].owner is not None


def test_a_new_name_offers_to_add_the_person_inline(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    line = owner_line(page, 0)
    line.setText("Nina Park")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert page.prompt.is_open
    assert "\u201cNina Park\u201d is not in the people directory" in page.prompt.question.text()
    assert page.prompt.lines["name"].text() == "Nina Park"
    handle = page.prompt.lines["handle"]
    qtbot.keyClicks(handle, "nina.p")
    qtbot.keyClick(handle, Qt.Key.Key_Return)
    assert not page.prompt.is_open
    owner = stored(service, page)[0].owner
    assert owner is not None and (owner.name, owner.handle) == ("Nina Park", "nina.p")
    assert "Nina Park (@nina.p)" in page.people_model.stringList()
    assert page.session.undo()  # the owner goes; the person stays in the directory
    assert stored(service, page)[0].owner is None
    assert any(p.name == "Nina Park" for p in service.people.list_people())


def test_a_team_typed_into_the_new_person_form_is_refused_there(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    action_id = add(qtbot, page, "Alert on pool waits above 100 ms")
    page.offer_new_person(action_id, "Sam")
    page.prompt.lines["name"].setText("the backend squad")
    assert not page.prompt.submit()
    assert "is a group" in page.prompt.error.text()
    assert all(p.name != "the backend squad" for p in service.people.list_people())


def test_a_name_that_matches_two_people_asks_which(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    service.people.add_person("Alex Kim", "alexk")
    service.people.add_person("Alex Stone", "astone")
    page.session.reload()
    add(qtbot, page, "Alert on pool waits above 100 ms")
    assert page.owner_entered(page.model.rows[0].action.id, "alex")
    assert page.prompt.question.text() == "Which alex owns A1?"
    labels = [b.text() for b in page.prompt.choice_buttons]
    assert labels[:2] == ["Alex Kim (@alexk)", "Alex Stone (@astone)"]
    page.prompt.choice_buttons[1].click()
    owner = stored(service, page)[0].owner
    assert owner is not None and owner.handle == "astone"
