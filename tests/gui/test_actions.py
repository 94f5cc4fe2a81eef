"""Action items: owners that are people, due dates from the severity, flags, status moves with
evidence and reasons, the order by prevention value, factors that fall through, and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from clearsight.review.actions import WINDOWS_SETTING
from clearsight.review.data import ActionData
from clearsight.services.root import Services
from clearsight.ui.actions.model import (
    COL_DUE,
    COL_FACTORS,
    COL_OWNER,
    COL_STATUS,
    COL_TICKET,
    COL_WHAT,
    META_ROLE,
    MIME_TYPE,
    STATE_ROLE,
)
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.actions.text import ItemTextEditor
from clearsight.ui.shell.review_view import ReviewView

TODAY = date(2026, 3, 18)  # the review meeting's day


@pytest.fixture
def page(view: ReviewView, service: Services) -> ActionsPage:
    service.reviews.set_field(view.review_id, "meeting_at", "2026-03-18T10:00:00Z")
    service.reviews.set_field(view.review_id, "incident_start", "2026-03-15T14:00:00Z")
    for name, handle in (("Kenji Watanabe", "kenji"), ("Amara Okafor", "amara")):
        service.people.add_person(name, handle)
    actions = view.page("actions")
    assert isinstance(actions, ActionsPage)
    actions.today = lambda: TODAY
    view.session.reload()
    view.show_page("actions")
    return actions


def stored(service: Services, page: ActionsPage) -> list[ActionData]:
    assert page.detail is not None
    return service.reviews.get_review(page.detail.id).actions


def add(qtbot: QtBot, page: ActionsPage, what: str) -> int:
    page.entry.setFocus()
    qtbot.keyClicks(page.entry, what)
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert page.entry.text() == ""
    return page.model.rows[-1].action.id


def edit(page: ActionsPage, row: int, column: int) -> object:
    index = page.model.index(row, column)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.delegate.open_editor()
    assert editor is not None
    return editor


def owner_line(page: ActionsPage, row: int) -> QLineEdit:
    editor = edit(page, row, COL_OWNER)
    assert isinstance(editor, QLineEdit)
    return editor


# ---- owners ---------------------------------------------------------------------------------
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


# ---- due dates ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("severity", "due"),
    [
        ("SEV-1", date(2026, 4, 1)),  # 14 days
        ("SEV-2", date(2026, 4, 15)),  # 28 days
        ("SEV-3", date(2026, 3, 31)),  # the end of the quarter
        ("SEV-4", date(2026, 6, 16)),  # 90 days
    ],
)
def test_a_new_item_is_due_by_the_severity_window(
    qtbot: QtBot, page: ActionsPage, service: Services, severity: str, due: date
) -> None:
    assert page.detail is not None
    service.reviews.set_field(page.detail.id, "severity", severity, reason="test")
    page.session.reload()
    add(qtbot, page, "Alert on pool waits above 100 ms")
    assert stored(service, page)[0].due == due
    assert due.isoformat() in page.entry.placeholderText()


def test_the_team_windows_setting_gives_the_default_and_undo_restores_it(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    page.windows_button.click()
    assert page.prompt.is_open
    sev2 = page.prompt.lines["SEV-2"]
    assert sev2.text() == "28"
    sev2.setText("ten")
    assert not page.prompt.submit()
    assert "SEV-2: give a number of days" in page.prompt.error.text()
    sev2.setText("10")
    assert page.prompt.submit()
    assert service.settings.get_setting(WINDOWS_SETTING)["SEV-2"] == 10
    assert page.default_due() == date(2026, 3, 28)
    add(qtbot, page, "Alert on pool waits above 100 ms")
    assert stored(service, page)[0].due == date(2026, 3, 28)
    assert page.session.undo()  # the item
    assert page.session.undo()  # the windows
    assert page.default_due() == date(2026, 4, 15)


def test_past_and_beyond_the_window_dates_are_flagged_not_blocking(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    page.owner_entered(page.model.rows[0].action.id, "kenji")
    assert page.model.setData(page.model.index(0, COL_DUE), "2026-03-16")
    row = page.model.rows[0]
    assert [f.message for f in row.flags_for("due")] == ["Due 2026-03-16 is in the past."]
    assert not row.incomplete
    assert page.model.index(0, COL_WHAT).data(STATE_ROLE) == "warning"
    assert page.model.setData(page.model.index(0, COL_DUE), "+10w")
    row = page.model.rows[0]
    assert row.action.due == date(2026, 5, 27)
    assert [f.message for f in row.flags_for("due")] == [
        "Due 2026-05-27 is beyond the SEV-2 window (by 2026-04-15)."
    ]
    page.select_action(row.action.id)
    assert "beyond the SEV-2 window" in page.notes.text()
    assert page.model.setData(page.model.index(0, COL_DUE), "next week")
    assert "\u201cnext week\u201d is not a date" in page.prompt.error.text()
    assert page.model.setData(page.model.index(0, COL_DUE), "")
    assert "needs a due date" in page.prompt.error.text()
    assert stored(service, page)[0].due == date(2026, 5, 27)


def test_re_dating_an_agreed_date_asks_why_and_keeps_it_in_the_history(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    assert page.detail is not None
    service.actions.add_action(page.detail.id, "Alert on pool waits", due=date(2026, 3, 30))
    page.session.reload()
    assert page.model.setData(page.model.index(0, COL_DUE), "2026-04-10")
    assert "A1 moves from 2026-03-30 to 2026-04-10. Why?" in page.prompt.question.text()
    assert page.prompt.submit_button is not None
    assert not page.prompt.submit_button.isEnabled()  # a reason is needed
    assert stored(service, page)[0].due == date(2026, 3, 30)
    qtbot.keyClicks(page.prompt.lines["reason"], "the vendor's fix ships in April")
    qtbot.keyClick(page.prompt.lines["reason"], Qt.Key.Key_Return)
    assert stored(service, page)[0].due == date(2026, 4, 10)
    history = service.actions.all_actions()[0].history
    assert [(c.field, c.old, c.new, c.reason) for c in history] == [
        ("due", "2026-03-30", "2026-04-10", "the vendor's fix ships in April")
    ]
    assert page.session.undo()
    assert stored(service, page)[0].due == date(2026, 3, 30)
    assert service.actions.all_actions()[0].history[-1].reason.startswith("Undo:")


def test_an_item_added_in_this_sitting_is_re_dated_without_a_question(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    assert page.model.setData(page.model.index(0, COL_DUE), "2026-04-01")
    assert not page.prompt.is_open
    assert stored(service, page)[0].due == date(2026, 4, 1)


# ---- completeness, order, warnings ----------------------------------------------------------
def test_an_item_without_owner_is_visibly_incomplete_and_counted(
    qtbot: QtBot, page: ActionsPage
) -> None:
    add(qtbot, page, "Alert on pool waits above 100 ms")
    add(qtbot, page, "Canary config changes")
    index = page.model.index(0, COL_WHAT)
    assert index.data(STATE_ROLE) == "incomplete"
    assert (None, "Incomplete", "blocking") in index.data(META_ROLE)
    assert page.model.index(0, COL_OWNER).data() == "who?"
    assert "2 incomplete" in page.counts.text()
    assert page.incomplete_count() == 2
    page.owner_entered(page.model.rows[0].action.id, "Amara Okafor")
    assert page.model.index(0, COL_WHAT).data(STATE_ROLE) == "warning"  # no ticket yet
    assert "1 incomplete" in page.counts.text()
    assert page.model.setData(page.model.index(0, COL_TICKET), "PAY-1413")
    assert page.model.index(0, COL_WHAT).data(STATE_ROLE) == "ok"


def test_more_than_five_items_asks_for_an_order_and_alt_arrows_give_it(
    qtbot: QtBot, page: ActionsPage, service: Services
) -> None:
    for n in range(1, 6):
        add(qtbot, page, f"Item number {n}")
    assert page.too_many.isHidden()
    add(qtbot, page, "Item number 6")
    assert page.too_many.isVisible()
    assert "6 items" in page.too_many.text() and "prevention value" in page.too_many.text()
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
    assert page.too_many.isHidden()


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


# ---- status ---------------------------------------------------------------------------------
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


# ---- texts, factors, deleting ---------------------------------------------------------------
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
    assert page.for_factor.text().startswith("Closes F2")
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


def test_the_model_shows_rows_without_a_view(qtbot: QtBot, service: Services) -> None:
    from clearsight.ui.actions.model import ActionsModel, action_rows

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


def test_typed_dates_and_windows() -> None:
    from clearsight.ui.actions.dates import parse_due, parse_windows, team_windows

    assert parse_due("2026-04-15", TODAY) == date(2026, 4, 15)
    assert parse_due(" +2w ", TODAY) == date(2026, 4, 1)
    assert parse_due("+3d", TODAY) == date(2026, 3, 21)
    assert parse_due("", TODAY) is None
    with pytest.raises(ValueError, match="not a date"):
        parse_due("15/04/2026", TODAY)
    assert team_windows({"SEV-1": 7, "SEV-2": "soon", "SEV-3": True}) == {
        "SEV-1": 7,
        "SEV-2": 28,
        "SEV-3": "quarter",
        "SEV-4": 90,
    }
    assert team_windows(None)["SEV-3"] == "quarter"
    typed = {"SEV-1": "7 days", "SEV-2": "21", "SEV-3": "Quarter", "SEV-4": "60"}
    assert parse_windows(typed) == {"SEV-1": 7, "SEV-2": 21, "SEV-3": "quarter", "SEV-4": 60}
    with pytest.raises(ValueError, match="SEV-4"):
        parse_windows({**typed, "SEV-4": "0"})
