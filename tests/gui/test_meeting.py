"""The agenda as a meeting: phase keys, the meeting clock on a fake time source, time boxes,
readiness in the sidebar, and the window's desktop conventions (toolbar, shortcuts, last
review)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clearsight import preferences as prefs
from clearsight.review.meeting import DEFAULT_TIMEBOXES
from clearsight.review.readiness import DONE, PARTIAL, TODO
from clearsight.services.root import Services
from clearsight.ui import theme
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.meeting_bar import MeetingBar
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.shell.shortcuts import ShortcutsDialog
from clearsight.ui.shell.timebox_dialog import TimeboxDialog
from clearsight.ui.timeline.page import TimelinePage

CTRL = Qt.KeyboardModifier.ControlModifier


class FakeTime:
    """A time source the test moves by hand."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(view: ReviewView) -> FakeTime:
    fake = FakeTime()
    view.meeting.set_time_source(fake)
    return fake


def advance(bar: MeetingBar, clock: FakeTime, seconds: float) -> None:
    clock.now += seconds
    bar.update_display()  # what the one-second timer calls


def amber(bar: MeetingBar) -> bool:
    shown = bar.phase_time.palette().color(QPalette.ColorRole.WindowText)
    return shown == theme.warning_color(bar.palette())


# ---- phases ---------------------------------------------------------------------------------
def test_ctrl_page_keys_move_between_phases_from_anywhere(
    qtbot: QtBot, window: MainWindow, view: ReviewView
) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    view.agenda.setFocus()
    qtbot.keyClick(view.agenda, Qt.Key.Key_PageDown, CTRL)
    assert view.current_key() == "prior_actions"  # the "Meeting agenda" heading is skipped
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    page.summary_edit.setFocus()
    qtbot.keyClicks(page.summary_edit, "Typing, then")
    qtbot.keyClick(page.summary_edit, Qt.Key.Key_PageDown, CTRL)  # a text field lets it through
    assert view.current_key() == "timeline"
    qtbot.keyClick(view.agenda, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(view.agenda, Qt.Key.Key_PageUp, CTRL)
    assert view.current_key() == "ground_rules"
    view.show_page("signoff")
    assert not view.meeting.step(1)  # the last phase stays
    assert view.current_key() == "signoff"
    view.show_page("details")
    assert not view.meeting.step(-1)
    assert view.current_key() == "details"


# ---- the clock ------------------------------------------------------------------------------
def test_the_clock_counts_the_phase_shown_and_signals_an_overrun_calmly(
    view: ReviewView, clock: FakeTime
) -> None:
    bar = view.meeting
    view.show_page("summary")  # a 5-minute box
    assert bar.phase_time.text() == "5:00"
    assert bar.total.text() == "Meeting: 60 min planned"
    assert bar.marks.marks("summary") == "\u25cb"  # not started, no time shown yet
    bar.toggle()
    assert bar.state() == "running" and bar.timer.isActive()
    assert bar.timer.interval() == 1000
    assert bar.start_button.text() == "Pause"
    advance(bar, clock, 120)
    assert bar.phase_time.text() == "3:00 left"
    assert bar.total.text() == "Meeting 2:00 of 60:00"
    assert bar.marks.marks("summary") == "2:00/5  \u25cb"
    assert not amber(bar)
    advance(bar, clock, 150)  # 30 s left: the last minute turns amber
    assert bar.phase_time.text() == "0:30 left"
    assert amber(bar)
    advance(bar, clock, 160)
    assert bar.phase_time.text() == "+2:10 over"
    assert amber(bar)
    assert bar.marks.times["summary"].over
    # The next phase: the clock follows the agenda, the summary keeps its time.
    view.show_page("timeline")
    advance(bar, clock, 60)
    assert bar.phase_time.text() == "11:00 left"
    assert bar.phase_line.text() == "Timeline \u00b7 12 min box"
    assert bar.marks.marks("summary").startswith("7:10/5")
    assert not amber(bar)
    # Pause: time stands still until resumed.
    bar.toggle()
    assert bar.state() == "paused" and not bar.timer.isActive()
    assert bar.start_button.text() == "Resume"
    advance(bar, clock, 600)
    assert bar.phase_time.text() == "11:00 left"
    assert bar.total.text() == "Meeting 8:10 of 60:00  (paused)"
    bar.toggle()
    advance(bar, clock, 30)
    assert bar.phase_time.text() == "10:30 left"
    bar.reset()
    assert bar.state() == "idle" and not bar.timer.isActive()
    assert bar.phase_time.text() == "12:00"
    assert bar.marks.times == {}


def test_the_meeting_clock_goes_on_while_the_list_is_shown(
    window: MainWindow, view: ReviewView, clock: FakeTime, review_id: int
) -> None:
    view.show_page("timeline")
    view.meeting.start()
    advance(view.meeting, clock, 100)
    assert window.show_reviews()
    clock.now += 20  # counted for the phase the meeting was in
    assert window.open_review(review_id)
    assert window.review_view is not None
    bar = window.review_view.meeting
    assert bar.state() == "running" and bar.timer.isActive()
    assert bar.clock.elapsed() == 120
    assert bar.clock.spent("timeline") == 120


def test_details_has_no_time_box(view: ReviewView, clock: FakeTime) -> None:
    bar = view.meeting
    view.show_page("details")
    bar.start()
    advance(bar, clock, 90)
    assert bar.phase_time.isHidden()
    assert bar.phase_line.text() == "No time box: not a meeting phase"


def test_the_window_clock_action_follows_the_clock(
    window: MainWindow, view: ReviewView, clock: FakeTime
) -> None:
    action = window.extras.clock_action
    assert action.text() == "&Start the meeting clock"
    assert not window.extras.reset_action.isEnabled()
    action.trigger()
    assert action.text() == "&Pause the meeting clock"
    action.trigger()
    assert action.text() == "&Resume the meeting clock"
    window.extras.reset_action.trigger()
    assert view.meeting.state() == "idle"
    assert window.show_reviews()
    assert not action.isEnabled()
    assert not window.extras.next_action.isEnabled()


def test_time_boxes_are_saved_as_the_team_default(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services, review_id: int
) -> None:
    dialog = view.meeting.edit_timeboxes()
    assert isinstance(dialog, TimeboxDialog)
    assert dialog.total.text() == "Total: <b>1 h 00 min</b>"
    dialog.spins["timeline"].setValue(20)
    assert "1 h 08 min" in dialog.total.text()
    dialog.accept()
    assert service.settings.get(prefs.TIMEBOXES)["timeline"] == 20
    view.show_page("timeline")
    assert view.meeting.phase_time.text() == "20:00"
    assert view.undo()  # an edit like any other: the old boxes come back
    assert service.settings.get(prefs.TIMEBOXES)["timeline"] == DEFAULT_TIMEBOXES["timeline"]
    assert view.meeting.boxes["timeline"] == DEFAULT_TIMEBOXES["timeline"]
    assert view.redo()
    assert view.meeting.phase_time.text() == "20:00"
    # Every review from now on.
    assert window.open_review(service.reviews.create_review("Another", "SEV-3"))
    assert window.review_view is not None
    assert window.review_view.meeting.boxes["timeline"] == 20
    dialog = window.review_view.meeting.edit_timeboxes()
    dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.RestoreDefaults
    ).click()
    assert dialog.boxes() == DEFAULT_TIMEBOXES
    dialog.reject()
    assert service.settings.get(prefs.TIMEBOXES)["timeline"] == 20


# ---- readiness ------------------------------------------------------------------------------
def test_readiness_follows_the_timeline_marks(
    view: ReviewView, service: Services, review_id: int
) -> None:
    bar = view.meeting
    assert bar.readiness["timeline"].state == TODO
    first = service.timeline.add_event(
        review_id, datetime(2026, 3, 15, 14, 2, tzinfo=UTC), "alert fires"
    )
    second = service.timeline.add_event(
        review_id, datetime(2026, 3, 15, 14, 30, tzinfo=UTC), "rollback"
    )
    view.session.reload()
    assert bar.readiness["timeline"] == bar.readiness["timeline"].__class__(
        PARTIAL, "Mark detected and mitigated."
    )
    assert bar.marks.marks("timeline") == "\u25d0"
    page = view.show_page("timeline")
    assert isinstance(page, TimelinePage)
    page.select_event(first)
    assert page.set_mark("detected")
    page.select_event(second)
    assert page.set_mark("mitigated")
    assert bar.readiness["timeline"].state == DONE
    assert bar.marks.marks("timeline") == "\u2713"
    row = view.agenda.item(view._row_of("timeline"))
    description = row.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert description == "Done: 2 events; detection and mitigation marked."
    assert bar.marks.tooltip("timeline").startswith("Done: 2 events")
    view.session.undo()
    assert bar.readiness["timeline"].state == PARTIAL
    assert bar.readiness["timeline"].reason == "Mark mitigated."


def test_readiness_follows_typing_once_it_is_saved(qtbot: QtBot, view: ReviewView) -> None:
    bar = view.meeting
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    assert bar.readiness["summary"].state == TODO
    qtbot.keyClicks(page.summary_edit, "Checkout failed for 47 minutes.")
    assert view.flush()  # saved without a reload of the review
    qtbot.waitUntil(lambda: bar.readiness["summary"].state == PARTIAL)
    assert bar.readiness["summary"].reason == "Summary written, impact missing."


def test_overdue_items_of_earlier_reviews_count_for_the_prior_actions_phase(
    window: MainWindow, service: Services, review_id: int
) -> None:
    earlier = service.reviews.create_review("Earlier outage", "SEV-3")
    owner = service.people.add_person("Dana Lee")
    service.actions.add_action(earlier, "Add a pool alert", owner_id=owner, due="2020-01-31")
    assert window.open_review(review_id)
    assert window.review_view is not None
    found = window.review_view.meeting.readiness["prior_actions"]
    assert found.state == PARTIAL and found.reason.startswith("1 overdue item")


# ---- desktop conventions --------------------------------------------------------------------
def test_the_toolbar_has_the_standard_actions(window: MainWindow) -> None:
    shown = window.extras.toolbar.actions()
    for action in (window.new_action, window.extras.open_action, window.undo_action):
        assert action in shown
    assert window.redo_action in shown
    export = getattr(window, "export_action", None)
    if export is not None:
        assert export in shown
    assert window.extras.open_action.shortcuts()[0].matches(
        window.extras.open_action.shortcuts()[0]
    )


def test_the_shortcuts_overview_lists_the_window_s_shortcuts(
    qtbot: QtBot, window: MainWindow, view: ReviewView
) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    view.agenda.setFocus()
    qtbot.keyClick(view.agenda, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    names = {name for _, name, _ in rows}
    for action in window.actions():
        if action.shortcuts():
            assert action.text().replace("&", "") in names or any(
                n.endswith(action.text().replace("&", "")) for n in names
            ), action.text()
    assert ("Meeting", "Next phase", "Ctrl+PgDown") in rows
    assert any(section == "Presenter view" for section, _, _ in rows)
    assert ("Timeline events", "Delete event", "Del") in rows  # by what the keys act on
    dialog.filter.setText("presenter")
    assert all("presenter" in f"{n} {k}".lower() for _, n, k in dialog.rows())
    dialog.reject()


def test_question_mark_opens_the_overview_but_types_in_a_text_field(
    qtbot: QtBot, window: MainWindow, view: ReviewView
) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    page.summary_edit.setFocus()
    qtbot.keyClicks(page.summary_edit, "Why?")
    assert page.summary_edit.toPlainText() == "Why?"
    assert window.findChild(ShortcutsDialog) is None
    view.agenda.setFocus()
    qtbot.keyClick(view.agenda, "?")
    assert window.findChild(ShortcutsDialog) is not None


def test_open_review_chooses_by_typing(
    qtbot: QtBot, window: MainWindow, service: Services, review_id: int
) -> None:
    other = service.reviews.create_review("Search index stale in us-east", "SEV-3")
    window.refresh_reviews()
    dialog = window.extras.open_review()
    assert dialog is not None
    dialog.filter.setText("us-east")
    assert dialog.proxy.rowCount() == 1
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert window.review_view is not None and window.review_view.review_id == other


def test_the_last_open_review_is_reopened_at_start_up(
    qtbot: QtBot, service: Services, review_id: int, settings: QSettings
) -> None:
    def start() -> MainWindow:
        window = MainWindow(None, settings)
        qtbot.addWidget(window)
        window.attach(service)
        return window

    first = start()
    assert first.review_view is None
    assert first.open_review(review_id)
    first.close()  # quit with the review open
    second = start()
    assert second.review_view is not None and second.review_view.review_id == review_id
    assert second.show_reviews()  # back to the list, then quit
    second.close()
    third = start()
    assert third.review_view is None
    # A review deleted since is not reopened, and nothing breaks.
    assert third.open_review(review_id)
    third.close()
    service.reviews.delete_review(review_id)
    fourth = start()
    assert fourth.review_view is None
    fourth.close()


def test_custom_widgets_have_accessible_names(view: ReviewView) -> None:
    bar = view.meeting
    for widget in (bar, bar.phase_time, bar.total, bar.start_button, bar.reset_button):
        assert widget.accessibleName()
    assert view.agenda.accessibleName() == "Agenda"


def test_a_meeting_clock_survives_quitting_and_comes_back_paused(
    qtbot: QtBot, service: Services, review_id: int, settings: QSettings
) -> None:
    def start() -> MainWindow:
        window = MainWindow(None, settings)
        qtbot.addWidget(window)
        window.attach(service)
        return window

    first = start()
    assert first.open_review(review_id) and first.review_view is not None
    fake = FakeTime()
    bar = first.review_view.meeting
    bar.set_time_source(fake)
    first.review_view.show_page("timeline")
    bar.start()
    advance(bar, fake, 300)
    first.close()  # quit mid-meeting
    second = start()  # reopens the review, with its clock
    assert second.review_view is not None
    again = second.review_view.meeting
    assert again.state() == "paused"
    assert again.clock.elapsed() == 300 and again.clock.spent("timeline") == 300
    again.reset()
    second.close()
    third = start()
    assert third.review_view is not None and third.review_view.meeting.state() == "idle"
    third.close()


def test_a_saved_clock_state_that_makes_no_sense_is_ignored() -> None:
    from clearsight.review.meeting import MeetingClock

    clock = MeetingClock(FakeTime())
    for state in (None, "x", {"started": True, "total": -1, "spent": {}}, {"started": False}):
        assert not clock.restore(state)
    assert clock.restore({"started": True, "total": 90.0, "spent": {"whys": 90, "bad": "x"}})
    assert clock.spent("whys") == 90 and not clock.running and clock.started
