"""Where the keyboard is: one test for each way a facilitator lost typing at the keyboard.

Keys go to the widget that has the focus, as a keyboard's would."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.pages.lessons import LessonsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.timeline.model import COL_TEXT
from clearsight.ui.timeline.page import TimelinePage
from tests.gui.helpers_keys import CTRL, SHIFT, focused, press, type_text


def enter_by_keys(qtbot: QtBot, view: ReviewView, key: str) -> None:
    """In the active window, from Details by Ctrl+PgDown until the phase ``key`` is shown."""
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    while view.current_key() != key:
        previous = view.current_key()
        press(qtbot, Qt.Key.Key_PageDown, CTRL)
        assert view.current_key() != previous, f"no phase {key} after {previous}"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# 1. ---------------------------------------------------------------------------------------------
def test_action_items_start_in_the_entry_and_a_space_never_opens_the_due_windows(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    enter_by_keys(qtbot, view, "actions")
    page = view.page("actions")
    assert isinstance(page, ActionsPage)
    assert focused() is page.entry
    type_text(qtbot, "Make the canary gate check config changes")
    assert page.entry.text() == "Make the canary gate check config changes"
    assert not page.prompt.is_open  # the team-wide due windows stayed shut
    press(qtbot, Qt.Key.Key_Return)
    assert [a.what for a in service.reviews.get_review(view.review_id).actions] == [
        "Make the canary gate check config changes"
    ]
    # The button is no Tab stop: a click or Alt+W opens it, never a stray space.
    assert page.counts_bar.windows_button.focusPolicy() == Qt.FocusPolicy.ClickFocus


# 2. ---------------------------------------------------------------------------------------------
def test_the_timeline_starts_in_the_entry_line_not_the_time_zone(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    service.reviews.set_field(view.review_id, "incident_start", "2026-03-15T23:00:00Z")
    view.session.reload()
    enter_by_keys(qtbot, view, "timeline")
    page = view.page("timeline")
    assert isinstance(page, TimelinePage)
    assert focused() is page.entry
    type_text(qtbot, "23:30 config push reached every region")
    press(qtbot, Qt.Key.Key_Return)
    detail = service.reviews.get_review(view.review_id)
    assert [(f"{e.at:%H:%M}", e.text) for e in detail.events] == [
        ("23:30", "config push reached every region")
    ]
    assert detail.display_zone == "UTC" and page.zone_box.currentText() == "UTC"
    # The time zone comes after the events in Tab order: a setting, not the way in.
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() in (page.zone_box, page.zone_box.lineEdit())


# 3. ---------------------------------------------------------------------------------------------
def test_lessons_start_in_went_well_and_tab_goes_line_list_line(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    enter_by_keys(qtbot, view, "lessons")
    page = view.page("lessons")
    assert isinstance(page, LessonsPage)
    well, poorly, lucky = page.lists["well"], page.lists["poorly"], page.lists["lucky"]
    assert focused() is well.entry
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is poorly.entry  # an empty list is no Tab stop: it shows no focus
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is well.entry
    type_text(qtbot, "The rollback script worked")  # the first lesson is not lost
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is well.list  # it holds a lesson now: Tab stops there, with a ring
    assert well.list.focus_ring.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is poorly.entry  # not the "Went poorly" list
    type_text(qtbot, "Nobody saw the diff")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is lucky.entry
    type_text(qtbot, "It came at the quietest hour")
    press(qtbot, Qt.Key.Key_Return)
    lessons = service.reviews.get_review(view.review_id).lessons
    assert {x.kind: x.text for x in lessons} == {
        "well": "The rollback script worked",
        "poorly": "Nobody saw the diff",
        "lucky": "It came at the quietest hour",
    }
    assert [x.texts() for x in (well, poorly, lucky)] == [
        ["The rollback script worked"],
        ["Nobody saw the diff"],
        ["It came at the quietest hour"],
    ]


# 4. ---------------------------------------------------------------------------------------------
def test_details_tab_from_the_meeting_time_goes_to_the_facilitator_line(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = view.page("details")
    assert isinstance(page, DetailsPage)
    assert view.current_key() == "details"
    assert focused() is page.incident_id_edit  # the title is filled: the first empty field
    meeting = page.times["meeting_at"].widget
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is meeting
    type_text(qtbot, "2026-03-18 10:00")
    press(qtbot, Qt.Key.Key_Tab)
    picker = page.people.pickers["facilitator"]
    assert focused() is picker  # not the empty list beside it, which shows no focus
    type_text(qtbot, "Dana Scully")
    assert picker.text() == "Dana Scully"
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "dana")
    press(qtbot, Qt.Key.Key_Return)
    detail = service.reviews.get_review(view.review_id)
    assert [p.name for p in detail.people_in("facilitator")] == ["Dana Scully"]
    assert f"{detail.meeting_at:%Y-%m-%d %H:%M}" == "2026-03-18 10:00"
    # Now the list holds someone: it is a Tab stop after its line, and shows the focus.
    assert focused() is picker
    press(qtbot, Qt.Key.Key_Tab)
    people = page.people.lists["facilitator"]
    assert focused() is people and people.focus_ring.isVisible()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.people.pickers["notetaker"]


# 5. ---------------------------------------------------------------------------------------------
def test_after_a_restart_ctrl_pgdown_and_typing_lands_in_the_summary(
    qtbot: QtBot, service: Services, review_id: int, settings: QSettings
) -> None:
    first = MainWindow(service, settings)
    qtbot.addWidget(first)
    assert first.open_review(review_id)
    first.close()  # quit with the review open
    window = MainWindow(None, settings)  # the restart: the database opens after the window
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.attach(service)  # reopens the review
    view = window.review_view
    assert view is not None and view.review_id == review_id
    assert view.page("details").isAncestorOf(focused())  # not the list shown before it
    for _ in range(3):
        press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert view.current_key() == "summary"
    page = view.page("summary")
    assert isinstance(page, SummaryPage)
    text = "Checkout returned 502s for 38 minutes; " * 17  # 663 characters, and one more
    type_text(qtbot, text + "!")
    assert page.summary_edit.toPlainText() == text + "!"
    assert view.flush()
    assert service.reviews.get_review(review_id).summary == text + "!"
    window.close()


# 6. ---------------------------------------------------------------------------------------------
def test_tab_shift_tab_and_ctrl_tab_leave_the_summary_and_impact_boxes(
    qtbot: QtBot, view: ReviewView
) -> None:
    enter_by_keys(qtbot, view, "summary")
    page = view.page("summary")
    assert isinstance(page, SummaryPage)
    assert focused() is page.summary_edit
    type_text(qtbot, "What failed")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.impact_edit
    press(qtbot, Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab leaves too, as it leaves the 5 Whys outline
    assert focused() is page.figures.new_label
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is page.impact_edit
    press(qtbot, Qt.Key.Key_Backtab, SHIFT | CTRL)
    assert focused() is page.summary_edit
    assert (page.summary_edit.toPlainText(), page.impact_edit.toPlainText()) == (
        "What failed",
        "",
    )  # no tab typed into either
    # Shift+Tab from the page's first field never stops on the team's Time boxes...
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert focused() is not view.meeting.boxes_button
    assert view.meeting.boxes_button.focusPolicy() == Qt.FocusPolicy.ClickFocus
    assert not view.page("summary").isAncestorOf(focused())


def test_esc_saves_a_text_box_and_gives_the_keyboard_to_the_agenda(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    enter_by_keys(qtbot, view, "summary")
    page = view.page("summary")
    assert isinstance(page, SummaryPage)
    type_text(qtbot, "Checkout failed")
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is view.agenda
    assert service.reviews.get_review(view.review_id).summary == "Checkout failed"  # saved now
    press(qtbot, Qt.Key.Key_Down)  # the arrows choose the next phase
    assert view.current_key() == "timeline"
    assert page.summary_edit.toPlainText() == "Checkout failed"


# 7. ---------------------------------------------------------------------------------------------
def test_timeline_marks_act_on_the_current_row_and_the_table_stays_put(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    service.reviews.set_field(view.review_id, "incident_start", "2026-03-15T23:00:00Z")
    view.session.reload()
    enter_by_keys(qtbot, view, "timeline")
    page = view.page("timeline")
    assert isinstance(page, TimelinePage)
    for line in ("23:30 config push", "23:41 first 502 alert", "23:50 rollback started"):
        type_text(qtbot, line)
        press(qtbot, Qt.Key.Key_Return)
    table_top = page.table.geometry().top()
    strip_height = page.strip.height()
    rect = page.table.visualRect(page.model.index(1, COL_TEXT))  # 23:41
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_1, CTRL)  # trigger
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_2, CTRL)  # detected
    events = service.reviews.get_review(view.review_id).events
    assert [(f"{e.at:%H:%M}", e.mark) for e in events] == [
        ("23:30", None),
        ("23:41", "trigger"),
        ("23:50", "detected"),
    ]
    # Marks out of order: the warning shows under the table, which does not move.
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_4, CTRL)  # mitigated, before the trigger
    assert page.problems.isVisible() and page.problems.text()
    assert page.problems.geometry().top() > page.table.geometry().bottom()
    assert page.table.geometry().top() == table_top
    assert page.strip.height() == strip_height  # two close flags fit the room kept for them
    press(qtbot, Qt.Key.Key_0, CTRL)  # clear the mark: the warning goes, the table stays
    assert page.problems.isHidden()
    assert page.table.geometry().top() == table_top


# 8. ---------------------------------------------------------------------------------------------
def test_undo_takes_typing_back_a_run_at_a_time_not_a_whole_box(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    enter_by_keys(qtbot, view, "summary")
    page = view.page("summary")
    assert isinstance(page, SummaryPage)
    clock = FakeClock()
    page.summary.clock = clock
    type_text(qtbot, "Checkout failed for 38 minutes.")
    clock.now += 10  # ten seconds later, the second paragraph
    type_text(qtbot, " The config push skipped the canary.")
    press(qtbot, Qt.Key.Key_Return)  # the end of a paragraph ends a step too
    type_text(qtbot, "Rolled back at 00:08.")
    assert view.flush()

    def summary() -> str:
        return service.reviews.get_review(view.review_id).summary

    assert summary().endswith("Rolled back at 00:08.")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert summary() == "Checkout failed for 38 minutes. The config push skipped the canary."
    assert page.summary_edit.toPlainText() == summary()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert summary() == "Checkout failed for 38 minutes."
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert summary() == ""
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert summary() == "Checkout failed for 38 minutes."
