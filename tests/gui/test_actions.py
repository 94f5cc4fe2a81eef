"""Action items: incomplete items shown and counted, the order by prevention value, status
moves with evidence and reasons, and the model without a view. (Also: test_action_owners.py,
test_action_dates.py, test_action_texts.py, test_action_factors.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.model import (
    COL_DUE,
    COL_OWNER,
    COL_STATUS,
    COL_TICKET,
    COL_WHAT,
    META_ROLE,
    MIME_TYPE,
    STATE_ROLE,
)
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_actions import TODAY, actions_page, add, edit, stored


@pytest.fixture
def page(view: ReviewView, service: Services) -> ActionsPage:
    return actions_page(view, service)


def test_an_item_without_owner_is_visibly_incomplete_and_counted(
    qtbot: QtBot, page: ActionsPage
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    add(qtbot, page, "Canary config changes")
    index = page.model.index(0, COL_WHAT)
    assert index.data(STATE_ROLE) == "incomplete"
    assert (None, "Incomplete", "blocking") in index.data(META_ROLE)
    assert page.model.index(0, COL_OWNER).data() == "who?"
    assert "2 incomplete" in page.counts_bar.counts.text()
    assert page.incomplete_count() == 2
    page.owner_entered(page.model.rows[0].action.id, "Amara Okafor")
    assert page.model.index(0, COL_WHAT).data(STATE_ROLE) == "warning"  # no ticket yet
    assert "1 incomplete" in page.counts_bar.counts.text()
    assert page.model.setData(page.model.index(0, COL_TICKET), "PAY-1413")
    assert page.model.index(0, COL_WHAT).data(STATE_ROLE) == "ok"


def test_more_than_five_items_asks_for_an_order_and_alt_arrows_give_it(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    for n in range(1, 6):
        add(qtbot, page, f"Item number {n}")
    assert page.counts_bar.too_many.isHidden()
    add(qtbot, page, "Item number 6")
    assert page.counts_bar.too_many.isVisible()
    assert (
        "6 items" in page.counts_bar.too_many.text()
        and "prevention value" in page.counts_bar.too_many.text()
    )
    page.select_action(page.model.rows[5].action.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    whats = [a.what for a in stored(service, page)]
    assert whats[3] == "Item number 6"
    assert page.model.rows[3].action.what == "Item number 6"
    assert page.table.currentIndex().row() == 3
    assert page.session.undo()
    assert [a.what for a in stored(service, page)][4] == "Item number 6"
    # Dropping an item is prioritising too: five left is calm again.
    assert page.model.setData(page.model.index(0, COL_STATUS), "dropped")
    page.prompt.lines["reason"].setText("covered by item 2")
    assert page.prompt.submit()
    assert page.counts_bar.too_many.isHidden()


def test_dragging_an_item_moves_it(qtbot: QtBot, page: ActionsPage, service: Services) -> None:
    for n in range(1, 4):
        add(qtbot, page, f"Item number {n}")
    data = page.model.mimeData([page.model.index(2, COL_WHAT)])
    assert data.hasFormat(MIME_TYPE)
    with qtbot.waitSignal(page.session.loaded):
        assert page.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [a.what for a in stored(service, page)] == [
        "Item number 3",
        "Item number 1",
        "Item number 2",
    ]
    assert not page.model.dropMimeData(QMimeData(), Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_done_needs_evidence_and_undo_reopens(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    choices = edit(page, 0, COL_STATUS)
    assert isinstance(choices, QListWidget)
    done = choices.findItems("Done", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        choices.viewport(), Qt.MouseButton.LeftButton, pos=choices.visualItemRect(done).center()
    )
    assert page.prompt.is_open
    assert "A1 is done: what shows it?" in page.prompt.question.text()
    assert page.prompt.submit_button is not None
    assert not page.prompt.submit_button.isEnabled()
    assert stored(service, page)[0].status == "open"
    qtbot.keyClicks(page.prompt.lines["evidence"], "https://git.example.com/pay/pull/482")
    page.prompt.submit_button.click()
    item = stored(service, page)[0]
    assert (item.status, item.evidence) == ("done", "https://git.example.com/pay/pull/482")
    assert page.model.index(0, COL_STATUS).data() == "Done: https://git.example.com/pay/pull/482"
    assert page.session.undo()
    item = stored(service, page)[0]
    assert (item.status, item.evidence) == ("open", "")


def test_dropping_needs_a_reason_and_cancel_changes_nothing(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    page.select_action(page.model.rows[0].action.id)
    page.table_actions["drop"].trigger()
    assert "Why is A1 dropped?" in page.prompt.question.text()
    page.prompt.cancel_button.click()
    assert not page.prompt.is_open
    assert stored(service, page)[0].status == "open"
    page.table_actions["drop"].trigger()
    page.prompt.lines["reason"].setText("the service is being retired")
    assert page.prompt.submit()
    item = stored(service, page)[0]
    assert (item.status, item.status_reason) == ("dropped", "the service is being retired")
    assert page.model.rows[0].flags == []  # a dropped item is no commitment to complete
    assert page.model.setData(page.model.index(0, COL_STATUS), "open")  # reopened at once
    item = stored(service, page)[0]
    assert (item.status, item.status_reason) == ("open", "")
    assert page.session.undo()
    assert stored(service, page)[0].status == "dropped"


def test_the_model_shows_rows_without_a_view(qtbot: QtBot, service: Services) -> None:
    from clearsight.review.action_rows import action_rows
    from clearsight.ui.actions.model import ActionsModel

    review = service.reviews.create_review("Checkout down", "SEV-1")
    service.reviews.set_field(review, "meeting_at", "2026-03-18T10:00:00Z")
    kenji = service.people.add_person("Kenji Watanabe", "kenji")
    service.actions.add_action(review, "Alert on pool waits", owner_id=kenji, due=date(2026, 3, 20))
    service.actions.add_action(review, "alert on pool waits!", due=date(2026, 5, 1), ticket="#12")
    rows = action_rows(service.reviews.get_review(review), TODAY, None)
    model = ActionsModel()
    model.set_rows(rows)
    assert [model.index(r, 0).data() for r in range(2)] == ["A1", "A2"]
    assert model.index(0, COL_WHAT).data(STATE_ROLE) == "warning"  # no ticket
    assert model.index(1, COL_WHAT).data(STATE_ROLE) == "incomplete"  # no owner
    assert model.index(1, COL_OWNER).data() == "who?"
    tips = str(model.index(1, COL_WHAT).data(Qt.ItemDataRole.ToolTipRole))
    assert "Repeats A1" in tips
    assert "beyond the SEV-1 window (by 2026-04-01)" in str(
        model.index(1, COL_DUE).data(Qt.ItemDataRole.ToolTipRole)
    )
    assert model.index(1, COL_DUE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, COL_DUE).data(Qt.ItemDataRole.BackgroundRole) is None
    with qtbot.waitSignal(model.edit_requested) as sent:
        assert model.setData(model.index(0, COL_DUE), "2026-03-25")
    assert sent.args == [rows[0].action.id, "due", "2026-03-25"]
