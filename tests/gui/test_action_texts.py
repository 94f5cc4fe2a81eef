"""An item's what and how we will know: edited together in one editor, flagged as typed,
saved when the page is left, and found again from the Language panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_WHAT
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.actions.text import ItemTextEditor
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_actions import actions_page, add, edit, stored


@pytest.fixture
def page(view: ReviewView, service: Services) -> ActionsPage:
    return actions_page(view, service)


def test_what_and_verification_are_edited_together_and_flagged(
    qtbot: QtBot, view: ReviewView, page: ActionsPage, service: Services
) -> None:
    action_id = add(qtbot, page, "Improve monitoring")
    editor = edit(page, 0, COL_WHAT)
    assert isinstance(editor, ItemTextEditor)
    assert editor.what.toPlainText() == "Improve monitoring"
    editor.verify.setFocus()
    qtbot.keyClicks(editor.verify, "Make sure it works better")
    qtbot.keyClick(editor.verify, Qt.Key.Key_Return)
    assert stored(service, page)[0].verification == "Make sure it works better"
    view.flags.refresh()
    places = {x.place.place for x in view.flags.found}
    assert {f"action:{action_id}", f"verify:{action_id}"} <= places
    assert view.flags.counts().get("actions") == 2
    assert page.delegate.spans(page.model.index(0, COL_WHAT))
    assert page.session.undo()
    assert stored(service, page)[0].verification == ""
    assert not page.model.setData(page.model.index(0, COL_WHAT), {"what": "  "})
    assert "needs a what" in page.prompt.error.text()


def test_tab_goes_from_what_to_verification_and_leaving_the_page_saves_both(
    qtbot: QtBot, view: ReviewView, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits")
    editor = edit(page, 0, COL_WHAT)
    assert isinstance(editor, ItemTextEditor)
    view.window().activateWindow()
    editor.what.setFocus()
    qtbot.waitUntil(editor.what.hasFocus)
    qtbot.keyClicks(editor.what, " above 100 ms")
    qtbot.keyClick(editor.what, Qt.Key.Key_Tab)
    assert editor.verify.hasFocus()
    assert page.delegate.open_editor() is editor  # moving inside the editor keeps it open
    qtbot.keyClicks(editor.verify, "The alert fires in a drill")
    view.show_page("lessons")  # flushes the open editor
    item = stored(service, page)[0]
    assert (item.what, item.verification) == (
        "Alert on pool waits above 100 ms",
        "The alert fires in a drill",
    )
    assert page.session.undo()  # one step for both texts
    item = stored(service, page)[0]
    assert (item.what, item.verification) == ("Alert on pool waits", "")


def test_the_language_panel_jumps_into_an_items_verification(
    qtbot: QtBot, view: ReviewView, page: ActionsPage, service: Services
) -> None:
    assert page.detail is not None
    action_id = service.actions.add_action(
        page.detail.id, "Add a pool alert", verification="Make sure it works better"
    )
    view.session.reload()
    view.flags.refresh()
    found = next(x for x in view.flags.found if x.place.place == f"verify:{action_id}")
    assert found.place.label == "Action A1, how we will know"
    view.show_page("timeline")
    assert view.show_finding(found)
    assert view.current_key() == "actions"
    editor = page.delegate.open_editor()
    assert isinstance(editor, ItemTextEditor)
    assert editor.verify.textCursor().selectedText() == found.snippet
