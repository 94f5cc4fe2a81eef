"""A whole meeting at the keyboard: Ctrl+N, then every agenda phase by Ctrl+PgDown, typing into
each as it opens. Every key goes to the widget that has the focus, as a keyboard's would; no
widget is called to type or click. Each string must land in its field and in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clearsight.review.data import ReviewDetail
from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_DUE, COL_OWNER
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.pages.lessons import LessonsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.new_review import NewReviewDialog
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.timeline.page import TimelinePage
from clearsight.ui.whys.page import WhysPage
from tests.gui.helpers_keys import CTRL, SHIFT, focused, press, type_text

TITLE = "Checkout API unavailable in eu-west"
INCIDENT = "INC-2041"
SUMMARY = "Checkout returned 502s for 38 minutes after a config push."
IMPACT = "12% of checkouts failed; p99 latency 4 s against a 1 s SLO."
EVENTS = ("23:30 config push reached every region", "23:41 first 502 alert pages on-call")
PROBLEM = "Checkout returned 502s"
WHY_1 = "The new pool size went to every region at once"
WHY_2 = "Config changes skip the canary stage"
FACTOR = "Configuration changes reach every instance without a canary"
ACTION = "Make the canary gate check config changes"
LESSONS = {
    "well": "The rollback script worked first time",
    "poorly": "Nobody saw the config diff before it shipped",
    "lucky": "The push came at the quietest hour",
}


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def next_phase(qtbot: QtBot, view: ReviewView, key: str) -> None:
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert view.current_key() == key


def stored(service: Services, view: ReviewView) -> ReviewDetail:
    return service.reviews.get_review(view.review_id)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)], ids=["1280x800", "1024x768"])
def test_a_meeting_run_from_the_keyboard_loses_no_keystroke(
    qtbot: QtBot, window: MainWindow, service: Services, size: tuple[int, int]
) -> None:
    window.resize(*size)
    # Qt keeps the window at least as wide as the agenda, the widest page (the timeline) and
    # the Language panel side by side, which is more than 1024: the small case is short.
    assert window.height() == size[1]
    activate(qtbot, window)

    # ---- Ctrl+N: the new review's title and severity ---------------------------------------
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewReviewDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewReviewDialog)
    qtbot.waitUntil(dialog.title.hasFocus)
    type_text(qtbot, TITLE)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.severity
    press(qtbot, Qt.Key.Key_Up)  # SEV-3 -> SEV-2
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    view = window.review_view
    assert view is not None
    # A window manager gives the keyboard back to the window when its dialog closes; the
    # offscreen platform does not, so the test does.
    activate(qtbot, window)
    assert (stored(service, view).title, stored(service, view).severity) == (TITLE, "SEV-2")

    # ---- Details: the first empty field, severity raised, times, a facilitator ------------
    details = view.page("details")
    assert isinstance(details, DetailsPage)
    assert focused() is details.incident_id_edit  # the title is filled: the next empty field
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is details.severity_combo
    press(qtbot, Qt.Key.Key_Up)  # SEV-2 -> SEV-1: raising needs no reason
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is details.incident_id_edit
    type_text(qtbot, INCIDENT)
    for text in ("2026-03-15 23:25", "2026-03-16 00:08", "2026-03-18 10:00"):
        press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is details.people.pickers["facilitator"]
    type_text(qtbot, "Dana Scully")
    press(qtbot, Qt.Key.Key_Return)  # someone new: the form asks for a handle
    assert focused() is details.people.form.handle
    type_text(qtbot, "dana")
    press(qtbot, Qt.Key.Key_Return)
    assert details.people.names_in("facilitator") == ["Dana Scully (@dana)"]
    assert focused() is details.people.pickers["facilitator"]

    # ---- Prior actions and ground rules: nothing to type ------------------------------------
    next_phase(qtbot, view, "prior_actions")
    next_phase(qtbot, view, "ground_rules")

    # ---- Summary & impact: Tab leaves a text box --------------------------------------------
    next_phase(qtbot, view, "summary")
    summary = view.page("summary")
    assert isinstance(summary, SummaryPage)
    assert focused() is summary.summary_edit
    type_text(qtbot, SUMMARY)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is summary.impact_edit
    type_text(qtbot, IMPACT)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is summary.figures.new_label
    type_text(qtbot, "Failed checkouts")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "12 %")
    press(qtbot, Qt.Key.Key_Return)

    # ---- Timeline: two events, the second marked Detected from the keyboard ----------------
    next_phase(qtbot, view, "timeline")
    timeline = view.page("timeline")
    assert isinstance(timeline, TimelinePage)
    assert focused() is timeline.entry
    for line in EVENTS:
        type_text(qtbot, line)
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is timeline.table
    press(qtbot, Qt.Key.Key_Home, CTRL)  # the first event
    press(qtbot, Qt.Key.Key_Down)  # the second
    press(qtbot, Qt.Key.Key_2, CTRL)  # Detected

    # ---- 5 Whys: typing starts the tree; Tab asks why, twice -------------------------------
    next_phase(qtbot, view, "whys")
    whys = view.page("whys")
    assert isinstance(whys, WhysPage)
    assert focused() is whys.empty
    type_text(qtbot, PROBLEM)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, WHY_1)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, WHY_2)
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is whys.outline

    # ---- Contributing factors -----------------------------------------------------------------
    next_phase(qtbot, view, "factors")
    factors = view.page("factors")
    assert isinstance(factors, FactorsPage)
    assert focused() is factors.entry
    type_text(qtbot, FACTOR)
    press(qtbot, Qt.Key.Key_Return)

    # ---- Action items: the entry line first (the space never presses Due windows...) ---------
    next_phase(qtbot, view, "actions")
    actions = view.page("actions")
    assert isinstance(actions, ActionsPage)
    assert focused() is actions.entry
    type_text(qtbot, ACTION)
    press(qtbot, Qt.Key.Key_Return)
    assert not actions.prompt.is_open
    press(qtbot, Qt.Key.Key_Tab)  # Add
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is actions.table
    assert actions.table.currentIndex().column() == COL_OWNER  # where a new item asks next
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, "Kenji Watanabe")
    press(qtbot, Qt.Key.Key_Return)  # someone new: the line under the table asks for a handle
    assert actions.prompt.is_open and focused() is actions.prompt.lines["handle"]
    type_text(qtbot, "kenji")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is actions.table  # the keyboard is back on the items, not lost
    press(qtbot, Qt.Key.Key_Right)
    assert actions.table.currentIndex().column() == COL_DUE
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, "2026-04-30")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.delegate.open_editor() is None)  # Qt closes it queued
    assert focused() is actions.table

    # ---- Lessons: one per column, Tab from each line past its list to the next line -------
    next_phase(qtbot, view, "lessons")
    lessons = view.page("lessons")
    assert isinstance(lessons, LessonsPage)
    for kind, text in LESSONS.items():
        assert focused() is lessons.lists[kind].entry
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is lessons.lists[kind].list  # it holds a lesson now
        press(qtbot, Qt.Key.Key_Tab)
    next_phase(qtbot, view, "signoff")

    # ---- Every string in its field, and in the database ------------------------------------
    assert view.flush()
    detail = stored(service, view)
    assert (detail.title, detail.severity, detail.incident_id) == (TITLE, "SEV-1", INCIDENT)
    assert details.title_edit.text() == TITLE and details.severity_combo.currentText() == "SEV-1"
    assert f"{detail.incident_start:%Y-%m-%d %H:%M}" == "2026-03-15 23:25"
    assert f"{detail.incident_end:%Y-%m-%d %H:%M}" == "2026-03-16 00:08"
    assert f"{detail.meeting_at:%Y-%m-%d %H:%M}" == "2026-03-18 10:00"
    assert [p.name for p in detail.people_in("facilitator")] == ["Dana Scully"]
    assert (detail.summary, detail.impact) == (SUMMARY, IMPACT)
    assert summary.summary_edit.toPlainText() == SUMMARY
    assert summary.impact_edit.toPlainText() == IMPACT
    assert [(f.label, f.value) for f in detail.figures] == [("Failed checkouts", "12 %")]
    assert [(f"{e.at:%H:%M}", e.text, e.mark) for e in detail.events] == [
        ("23:30", "config push reached every region", None),
        ("23:41", "first 502 alert pages on-call", "detected"),
    ]
    (tree,) = detail.trees
    assert tree.problem == PROBLEM
    (first,) = tree.children(None)
    (second,) = tree.children(first.id)
    assert (first.text, second.text) == (WHY_1, WHY_2)
    assert [f.text for f in detail.factors] == [FACTOR]
    (item,) = detail.actions
    assert item.what == ACTION
    assert item.owner is not None and (item.owner.name, item.owner.handle) == (
        "Kenji Watanabe",
        "kenji",
    )
    assert item.due is not None and item.due.isoformat() == "2026-04-30"
    assert {x.kind: x.text for x in detail.lessons} == LESSONS
    for kind, text in LESSONS.items():
        assert lessons.lists[kind].texts() == [text]
