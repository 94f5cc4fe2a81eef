"""Prior actions: earlier reviews' open items, overdue first and grouped by owner, closed,
re-dated or dropped from the meeting (undoable there), and the same list from the review list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.open_actions import OpenActionsDialog
from clearsight.ui.actions.prior_list import by_owner, history_text
from clearsight.ui.actions.prior_page import PriorActionsPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView

TODAY = date(2026, 3, 18)


@pytest.fixture
def earlier(service: Services) -> dict[str, int]:
    """Two earlier reviews' items: ids by a short name."""
    kenji = service.people.add_person("Kenji Watanabe", "kenji")
    amara = service.people.add_person("Amara Okafor", "amara")
    search = service.reviews.create_review("Search index rebuild stalled", "SEV-3")
    login = service.reviews.create_review("Login latency after a CDN change", "SEV-2")
    factor = service.factors.add_factor(search, "No alert covers a stalled rebuild")
    ids = {
        "amara_later": service.actions.add_action(
            login, "Canary CDN changes", owner_id=amara, due=TODAY + timedelta(days=20)
        ),
        "kenji_later": service.actions.add_action(
            search, "Runbook for the rebuild", owner_id=kenji, due=TODAY + timedelta(days=5)
        ),
        "kenji_late": service.actions.add_action(
            search, "Alert on a stalled rebuild", owner_id=kenji, due=TODAY - timedelta(days=3)
        ),
        "amara_done": service.actions.add_action(
            login, "Dashboards for edge latency", owner_id=amara, due=TODAY - timedelta(days=9)
        ),
    }
    service.actions.link_action_factor(ids["kenji_late"], factor)
    service.actions.set_action(
        ids["amara_done"], status="done", evidence="https://dash.example/edge"
    )
    return ids


@pytest.fixture
def prior(view: ReviewView, earlier: dict[str, int]) -> PriorActionsPage:
    page = view.page("prior_actions")
    assert isinstance(page, PriorActionsPage)
    page.today = lambda: TODAY
    view.show_page("prior_actions")
    page.refresh()
    return page


def test_open_items_come_overdue_first_grouped_by_owner(
    prior: PriorActionsPage, earlier: dict[str, int], service: Services
) -> None:
    # The current review's own items are not prior items.
    service.actions.add_action(prior.session.review_id, "This review's item", due=TODAY)
    prior.refresh()
    assert prior.list.rows() == [
        (
            "Kenji Watanabe (@kenji)  \u00b7  2 open, 1 overdue",
            [earlier["kenji_late"], earlier["kenji_later"]],
        ),
        ("Amara Okafor (@amara)  \u00b7  1 open", [earlier["amara_later"]]),
    ]
    late = prior.list.tree.topLevelItem(0).child(0)
    assert late.text(1) == "No alert covers a stalled rebuild"
    assert late.text(2) == "[SEV-3] Search index rebuild stalled"
    assert late.text(3) == f"{TODAY - timedelta(days=3)}\n3 days overdue"
    assert "1 overdue" in prior.list.summary.text()
    assert "3</b> open items from 2 reviews" in prior.list.summary.text()


def test_by_owner_puts_the_group_with_the_oldest_overdue_first(
    service: Services, earlier: dict[str, int]
) -> None:
    items = [x for x in service.actions.all_actions() if x.action.is_open]
    groups = by_owner(items, TODAY + timedelta(days=10))  # both owners overdue by then
    assert [name for name, _ in groups] == ["Kenji Watanabe (@kenji)", "Amara Okafor (@amara)"]
    assert [x.action.id for x in groups[0][1]] == [earlier["kenji_late"], earlier["kenji_later"]]


def test_marking_one_done_from_the_meeting_needs_evidence_and_undoes(
    qtbot: QtBot,
    view: ReviewView,
    prior: PriorActionsPage,
    earlier: dict[str, int],
    service: Services,
) -> None:
    late = earlier["kenji_late"]
    assert prior.list.selected() is not None
    assert prior.list.selected().action.id == late  # the first overdue item
    prior.list.done_button.click()
    prompt = prior.list.prompt
    assert "is done: what shows it?" in prompt.question.text()
    assert prompt.submit_button is not None and not prompt.submit_button.isEnabled()
    qtbot.keyClicks(prompt.lines["evidence"], "https://alerts.example/rebuild-stalled")
    qtbot.keyClick(prompt.lines["evidence"], Qt.Key.Key_Return)
    done = next(x for x in service.actions.all_actions() if x.action.id == late)
    assert (done.action.status, done.action.evidence) == (
        "done",
        "https://alerts.example/rebuild-stalled",
    )
    assert late not in [i for _, ids in prior.list.rows() for i in ids]
    assert view.undo()  # the meeting's undo reaches the other review's item
    again = next(x for x in service.actions.all_actions() if x.action.id == late)
    assert again.action.status == "open"
    assert late in [i for _, ids in prior.list.rows() for i in ids]


def test_re_dating_keeps_the_reason_in_the_history(
    view: ReviewView, prior: PriorActionsPage, earlier: dict[str, int], service: Services
) -> None:
    item = earlier["kenji_late"]
    prior.list.select(item)
    prior.list.redate_button.click()
    prompt = prior.list.prompt
    prompt.lines["due"].setText("2026-03-10")
    prompt.lines["reason"].setText("the alerting migration")
    assert not prompt.submit()
    assert "is in the past" in prompt.error.text()
    prompt.lines["due"].setText("+2w")
    assert prompt.submit()
    found = next(x for x in service.actions.all_actions() if x.action.id == item)
    assert found.action.due == TODAY + timedelta(days=14)
    assert [(c.field, c.reason) for c in found.history] == [("due", "the alerting migration")]
    prior.list.select(item)
    assert "the alerting migration" in prior.list.history.text()
    assert "history" not in history_text(()).lower()
    assert view.undo()
    back = next(x for x in service.actions.all_actions() if x.action.id == item)
    assert back.action.due == TODAY - timedelta(days=3)


def test_dropping_needs_a_reason(
    prior: PriorActionsPage, earlier: dict[str, int], service: Services
) -> None:
    item = earlier["amara_later"]
    prior.list.select(item)
    prior.list.drop_button.click()
    prompt = prior.list.prompt
    assert not prompt.submit()  # no reason yet
    prompt.lines["reason"].setText("the CDN vendor is being replaced")
    assert prompt.submit()
    dropped = next(x for x in service.actions.all_actions() if x.action.id == item).action
    assert (dropped.status, dropped.status_reason) == (
        "dropped",
        "the CDN vendor is being replaced",
    )


def test_no_earlier_items_says_so(view: ReviewView) -> None:
    page = view.show_page("prior_actions")
    assert isinstance(page, PriorActionsPage)
    assert page.list.empty.isVisible()
    assert "clean start" in page.list.empty.text()
    assert page.list.tree.isHidden()


# ---- the same list from the review list --------------------------------------------------------
def dialog_of(window: MainWindow, qtbot: QtBot) -> OpenActionsDialog:
    dialog = window.findChild(OpenActionsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_open_actions_from_the_review_list_across_all_reviews(
    qtbot: QtBot, window: MainWindow, earlier: dict[str, int], service: Services
) -> None:
    window.list_page.actions_button.click()
    dialog = dialog_of(window, qtbot)
    dialog.list.today = TODAY
    dialog.list.set_items([x for x in service.actions.all_actions() if x.action.is_open], TODAY)
    ids = [i for _, group in dialog.list.rows() for i in group]
    assert sorted(ids) == sorted(
        [earlier["kenji_late"], earlier["kenji_later"], earlier["amara_later"]]
    )
    dialog.list.select(earlier["kenji_later"])
    dialog.list.done_button.click()
    dialog.list.prompt.lines["evidence"].setText("runbook revision 14")
    assert dialog.list.prompt.submit()
    assert (
        next(
            x for x in service.actions.all_actions() if x.action.id == earlier["kenji_later"]
        ).action.status
        == "done"
    )
    assert dialog.undo_button.isEnabled()
    dialog.undo_button.click()
    assert (
        next(
            x for x in service.actions.all_actions() if x.action.id == earlier["kenji_later"]
        ).action.status
        == "open"
    )
    dialog.accept()


def test_ctrl_shift_a_opens_the_list_and_an_open_review_is_read_again(
    qtbot: QtBot, view: ReviewView, earlier: dict[str, int], service: Services
) -> None:
    window = view.window()
    assert isinstance(window, MainWindow)
    service.actions.add_action(view.review_id, "This review's item", due=TODAY)
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = dialog_of(window, qtbot)
    assert len([i for _, group in dialog.list.rows() for i in group]) == 4
    with qtbot.waitSignal(view.session.loaded):
        dialog.accept()
