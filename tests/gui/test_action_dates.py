"""Due dates: a new item's from the severity's window (a team setting), dates past or beyond
the window flagged but not blocking, and a re-dated agreed date asking why."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight import preferences as prefs
from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_DUE, COL_WHAT, STATE_ROLE
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_actions import TODAY, actions_page, add, stored


@pytest.fixture
def page(view: ReviewView, service: Services) -> ActionsPage:
    return actions_page(view, service)


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
    page.counts_bar.windows_button.click()
    assert page.prompt.is_open
    sev2 = page.prompt.lines["SEV-2"]
    assert sev2.text() == "28"
    sev2.setText("ten")
    assert not page.prompt.submit()
    assert "SEV-2: give a number of days" in page.prompt.error.text()
    sev2.setText("10")
    assert page.prompt.submit()
    assert service.settings.get(prefs.DUE_WINDOWS)["SEV-2"] == 10
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
