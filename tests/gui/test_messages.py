"""A message about a problem goes once the thing it is about was saved, fixed or deleted: the
problem bar's (the session's problems) and a page's own line alike."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.factors.commands import FACTOR, DeleteFactors, SetFactor
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_actions import actions_page, add, owner_line, stored
from tests.gui.helpers_whys import OFFSCREEN_POPUP, focus_outline, whys_page


def test_the_title_message_goes_once_a_title_is_saved(
    qtbot: QtBot, window: MainWindow, view: ReviewView
) -> None:
    page = view.show_page("details")
    assert isinstance(page, DetailsPage)
    page.title_edit.setFocus()
    page.title_edit.selectAll()
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Delete)
    assert not view.flush()
    assert "needs a title" in window.banner.text
    qtbot.keyClicks(page.title_edit, "Checkout API down")
    assert view.flush()
    assert window.banner.text == ""
    assert view.session.problems() == []


def _group_person(service: Services) -> int:
    """Someone in the directory whose handle names a team: the service refuses them as an
    owner (the page's own check reads only what was typed)."""
    return service.people.add_person("Pat Quinn", "platform-team")


def test_a_group_owner_refused_by_the_service_goes_once_a_person_owns_the_item(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    page = actions_page(view, service)
    add(qtbot, page, "Alert on pool waits above 100 ms")
    group = _group_person(service)
    page.session.reload()
    action_id = page.model.rows[0].action.id
    pat = next(p for p in service.people.list_people() if p.id == group)
    assert not page.set_owner(action_id, pat)
    assert "is a group" in window.banner.text
    kenji = next(p for p in service.people.list_people() if p.name == "Kenji Watanabe")
    assert page.set_owner(action_id, kenji)  # another command, about the same owner
    assert window.banner.text == ""
    assert stored(service, page)[0].owner == kenji


def test_a_problem_stays_while_another_row_is_saved_and_goes_with_its_row(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    rid = view.review_id
    first = service.factors.add_factor(rid, "Pool size cut without a load test")
    second = service.factors.add_factor(rid, "No alert on pool waits")
    view.session.reload()
    s = view.session
    one, two = s.refs.get(FACTOR, first), s.refs.get(FACTOR, second)
    # An accepted risk without a reason is refused.
    refused = SetFactor(s.service, s.refs, one, {"accepted_risk": True}, "Accept F1")
    assert not s.execute(refused)
    assert "needs a reason" in window.banner.text
    assert s.execute(SetFactor(s.service, s.refs, two, {"text": "No pool alert"}, "Edit F2"))
    assert "needs a reason" in window.banner.text  # F2's edit is about something else
    assert s.execute(DeleteFactors(s.service, s.refs, rid, [one]))
    assert window.banner.text == ""  # F1 is gone, and what was wrong with it


def test_a_group_owner_typed_in_the_table_is_forgotten_once_a_person_owns_the_item(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = actions_page(view, service)
    add(qtbot, page, "Alert on pool waits above 100 ms")
    line = owner_line(page, 0)
    line.setText("@platform-team")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert "is a group" in page.prompt.error.text()
    line.setText("Kenji Watanabe")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    owner = stored(service, page)[0].owner
    assert owner is not None and owner.name == "Kenji Watanabe"
    assert _prompt_says_nothing(page)


def _prompt_says_nothing(page: ActionsPage) -> bool:
    return not page.prompt.is_open or not page.prompt.error.isVisible()


@pytest.mark.qt_log_ignore(*OFFSCREEN_POPUP)
def test_factor_made_goes_when_the_factor_is_undone(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = whys_page(view, qtbot)
    tree_id = service.whys.add_tree(view.review_id, "Checkout failed")
    why = service.whys.add_node(tree_id, None, "Config changes skip the canary stage")
    page.session.reload()
    focus_outline(qtbot, page, why)
    assert page.factor_menu.make(why, None)
    assert page.message.text().startswith("Factor 1 made")
    assert page.session.undo()
    assert not page.message.isVisible() or not page.message.text().startswith("Factor 1 made")
