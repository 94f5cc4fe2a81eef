"""The factors an item closes: open factors get an item, a deleted item comes back with its
factor, and a narrow page sets the ticket and the factors by menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_FACTORS, COL_STATUS, COL_TICKET, COL_WHAT, META_ROLE
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_actions import actions_page, add, stored


@pytest.fixture
def page(view: ReviewView, service: Services) -> ActionsPage:
    return actions_page(view, service)


def test_open_factors_are_listed_and_get_an_item(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    assert page.detail is not None
    first = service.factors.add_factor(page.detail.id, "No alert covers pool saturation")
    second = service.factors.add_factor(page.detail.id, "Config changes skip the canary")
    page.session.reload()
    assert page.open_factors.isVisible()
    assert set(page.open_factors.buttons) == {first, second}
    page.open_factors.buttons[second].click()
    assert page.new_item.for_factor.text().startswith("Closes F2")
    assert page.entry.hasFocus()
    add(qtbot, page, "Route config changes through the canary")
    assert set(page.open_factors.buttons) == {first}
    assert page.model.index(0, COL_FACTORS).data() == "F2"
    # Linking the other one by the item's factor list closes the last gap.
    assert page.model.setData(page.model.index(0, COL_FACTORS), [first, second])
    assert page.open_factors.isHidden()
    assert page.session.undo()
    assert set(page.open_factors.buttons) == {first}


def test_delete_and_undo_bring_the_item_back_with_its_factor(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    assert page.detail is not None
    factor = service.factors.add_factor(page.detail.id, "No alert covers pool saturation")
    page.session.reload()
    page.create_for_factor(factor)
    add(qtbot, page, "Alert on pool waits above 100 ms")
    page.select_action(page.model.rows[0].action.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert stored(service, page) == []
    assert page.open_factors.isVisible()
    assert page.session.undo()
    items = stored(service, page)
    assert [(a.what, a.factor_ids) for a in items] == [
        ("Alert on pool waits above 100 ms", (factor,))
    ]
    # The re-created item is the same one for later commands.
    assert page.model.setData(page.model.index(0, COL_STATUS), "in_progress")
    assert stored(service, page)[0].status == "in_progress"


def test_a_narrow_page_moves_short_columns_over_the_what_and_edits_them_by_menu(
    qtbot: QtBot, view: ReviewView, page: ActionsPage, service: Services
) -> None:
    assert page.detail is not None
    factor = service.factors.add_factor(page.detail.id, "No alert covers pool saturation")
    page.session.reload()
    add(qtbot, page, "Alert on pool waits above 100 ms")
    window = view.window()
    window.resize(2400, 1000)
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(COL_TICKET))
    window.resize(1100, 800)
    qtbot.waitUntil(lambda: page.table.isColumnHidden(COL_TICKET))
    shown = [text for _, text, _ in page.model.index(0, COL_WHAT).data(META_ROLE)]
    assert shown == ["Incomplete", "Prevention", "no ticket", "closes no factor"]
    page.select_action(page.model.rows[0].action.id)
    page.table_actions["ticket"].trigger()
    page.prompt.lines["ticket"].setText("PAY-1420")
    assert page.prompt.submit()
    assert stored(service, page)[0].ticket == "PAY-1420"
    page.table_actions["factors"].trigger()
    assert page.prompt.ticks is not None
    page.prompt.ticks.item(0).setCheckState(Qt.CheckState.Checked)
    assert page.prompt.submit()
    assert stored(service, page)[0].factor_ids == (factor,)
    assert page.session.undo()
    assert stored(service, page)[0].factor_ids == ()
