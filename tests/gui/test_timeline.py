"""The timeline page: the entry line, marks by keyboard, durations, edits, undo, import."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.timeline.import_dialog import COL_FLAG, COL_TICK, ImportDialog
from clearsight.ui.timeline.model import COL_TEXT, COL_TIME
from clearsight.ui.timeline.page import TimelinePage


@pytest.fixture
def page(view: ReviewView, service: Services) -> TimelinePage:
    service.reviews.set_field(view.review_id, "incident_start", "2026-03-15T14:00:00Z")
    view.session.reload()
    timeline = view.show_page("timeline")
    assert isinstance(timeline, TimelinePage)
    return timeline


def type_entry(qtbot: QtBot, page: TimelinePage, line: str) -> None:
    page.entry.clear()
    qtbot.keyClicks(page.entry, line)
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)


def stored(service: Services, page: TimelinePage) -> list[tuple[str, str, str | None]]:
    assert page.detail is not None
    events = service.reviews.get_review(page.detail.id).events
    return [(f"{e.at:%H:%M}", e.text, e.mark) for e in events]


def test_typing_events_marks_and_durations(
    qtbot: QtBot, page: TimelinePage, service: Services
) -> None:
    type_entry(qtbot, page, "14:02 deploy to canary")
    type_entry(qtbot, page, "+9m alert fires")
    type_entry(qtbot, page, "14:05 errors rise")  # typed late, sorted into place
    assert stored(service, page) == [
        ("14:02", "deploy to canary", None),
        ("14:05", "errors rise", None),
        ("14:11", "alert fires", None),
    ]
    assert page.model.data(page.model.index(1, COL_TEXT)) == "errors rise"
    assert page.entry.text() == ""
    # Mark by keyboard on the selected row: Ctrl+1 trigger, Ctrl+2 detected.
    page.select_event(page.model.events[0].id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    page.select_event(page.model.events[2].id)
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert [m for _, _, m in stored(service, page)] == ["trigger", None, "detected"]
    assert "Time to detect: <b>9&nbsp;min</b>" in page.durations.text()
    assert page.problems.isHidden()
    assert [f.mark for f in page.strip._layout.flags] == ["trigger", "detected"]


def test_out_of_order_marks_show_a_problem_and_undo_fixes_it(
    qtbot: QtBot, page: TimelinePage, service: Services
) -> None:
    type_entry(qtbot, page, "14:02 alert")
    type_entry(qtbot, page, "14:10 deploy")
    page.select_event(page.model.events[0].id)
    assert page.set_mark("detected")
    page.select_event(page.model.events[1].id)
    assert page.set_mark("trigger")
    assert page.problems.isVisible()
    assert "Detected (14:02) is before Trigger / fault start (14:10)" in page.problems.text()
    assert "Time to detect: <b>\u2014</b>" in page.durations.text()
    assert page.session.undo()
    assert page.problems.isHidden()
    assert [m for _, _, m in stored(service, page)] == ["detected", None]


def test_a_mark_moves_and_undo_puts_it_back(
    qtbot: QtBot, page: TimelinePage, service: Services
) -> None:
    type_entry(qtbot, page, "14:02 one")
    type_entry(qtbot, page, "14:03 two")
    page.select_event(page.model.events[0].id)
    page.set_mark("mitigated")
    page.select_event(page.model.events[1].id)
    page.set_mark("mitigated")
    assert [m for _, _, m in stored(service, page)] == [None, "mitigated"]
    page.session.undo()
    assert [m for _, _, m in stored(service, page)] == ["mitigated", None]


def test_editing_a_time_resorts_and_undo_restores(
    qtbot: QtBot, page: TimelinePage, service: Services
) -> None:
    type_entry(qtbot, page, "14:02 first")
    type_entry(qtbot, page, "14:10 second")
    assert page.model.setData(page.model.index(0, COL_TIME), "14:20")
    assert [t for _, t, _ in stored(service, page)] == ["second", "first"]
    assert page.selected_ids() == [page.model.events[1].id]
    assert not page.model.setData(page.model.index(0, COL_TIME), "later")
    assert "Start with a time" in page.entry_message.text()
    page.session.undo()
    assert [t for _, t, _ in stored(service, page)] == ["first", "second"]


def test_a_bad_entry_keeps_the_text_and_says_why(qtbot: QtBot, page: TimelinePage) -> None:
    type_entry(qtbot, page, "soon deploy")
    assert page.entry.text() == "soon deploy"
    assert "Start with a time" in page.entry_message.text()


def test_delete_and_undo(qtbot: QtBot, page: TimelinePage, service: Services) -> None:
    type_entry(qtbot, page, "14:02 one")
    page.select_event(page.model.events[0].id)
    page.set_mark("trigger")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert stored(service, page) == []
    page.session.undo()
    assert stored(service, page) == [("14:02", "one", "trigger")]


def test_the_display_zone_changes_what_is_shown_not_what_is_stored(
    qtbot: QtBot, page: TimelinePage, service: Services
) -> None:
    type_entry(qtbot, page, "14:02 deploy")
    page.zone_box.setCurrentText("Europe/Berlin")
    page._zone_chosen()
    assert page.model.data(page.model.index(0, COL_TIME)) == "15:02:00"
    assert "Europe/Berlin (UTC+01:00)" in page.model.headerData(COL_TIME, Qt.Orientation.Horizontal)
    type_entry(qtbot, page, "15:30 rollback")  # Berlin time
    assert stored(service, page)[-1] == ("14:30", "rollback", None)


def test_import_dialog_ticks_imports_once_and_flags_blame(
    qtbot: QtBot, page: TimelinePage, service: Services, tmp_path: Path
) -> None:
    log = tmp_path / "channel.log"
    log.write_text(
        "[14:03] amara: errors rising on checkout\n"
        "garbage line\n"
        "[14:04] amara: the on-call engineer should have checked the canary\n"
    )
    assert page.detail is not None
    dialog = ImportDialog(page.session, page.detail, page.where, page)
    qtbot.addWidget(dialog)
    assert dialog.load_path(log)
    assert dialog.table.rowCount() == 2
    assert "line 2" in dialog.problems.toPlainText()
    assert dialog.ticked_items() == []  # chat starts unticked
    assert dialog.table.item(1, COL_FLAG).text() == "\u26a0 blame"
    assert "?" in dialog.table.item(1, COL_FLAG).toolTip()
    dialog.table.item(0, COL_TICK).setCheckState(Qt.CheckState.Checked)
    dialog.table.item(0, 3).setText("Checkout errors rising")
    assert dialog.import_button.text() == "Import 1 event"
    assert dialog.import_ticked()
    assert stored(service, page) == [("14:03", "Checkout errors rising", None)]
    # Again: the imported message cannot be ticked twice.
    assert page.session.detail is not None
    again = ImportDialog(page.session, page.session.detail, page.where, page)
    qtbot.addWidget(again)
    again.load_path(log)
    again.set_all(True)
    assert [text for _, _, text in again.ticked_items()] == [
        "amara: the on-call engineer should have checked the canary"
    ]
    page.session.undo()
    assert stored(service, page) == []


def test_two_thousand_events_stay_in_one_model(page: TimelinePage, service: Services) -> None:
    assert page.detail is not None
    start = datetime(2026, 3, 15, 14, 0, tzinfo=UTC).timestamp()
    items = [
        (f"k{n}", datetime.fromtimestamp(start + n * 5, UTC), f"event {n}") for n in range(2000)
    ]
    service.timeline.import_events(page.detail.id, items)
    page.session.reload()
    assert page.model.rowCount() == 2000
    assert page.table.indexWidget(page.model.index(0, COL_TEXT)) is None  # model/view, no widgets


def test_event_texts_carry_the_blame_flags(
    qtbot: QtBot, page: TimelinePage, service: Services
) -> None:
    page.entry.clear()
    qtbot.keyClicks(page.entry, "14:02 the on-call engineer should have checked the canary")
    assert "\u26a0" in page.entry_message.text() and "?" in page.entry_message.text()
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    type_entry(qtbot, page, "14:05 Kenji rolled back the deploy")  # neutral: a timeline fact
    flagged = page.text_delegate.spans(page.model.index(0, COL_TEXT))
    assert [s.finding.family for s in flagged] == ["blame"]
    assert page.text_delegate.spans(page.model.index(1, COL_TEXT)) == []
    event = page.model.events[0]
    assert page.live_texts()[f"event:{event.id}"] == event.text
    assert page.select_text(f"event:{event.id}", 0, 3, "the")
    assert page.selected_ids() == [event.id]


def test_undoing_an_import_never_touches_another_reviews_events(
    page: TimelinePage, service: Services
) -> None:
    from clearsight.ui.timeline.commands import ImportEvents

    assert page.detail is not None
    at = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)
    items = [("k1", at, "one"), ("k2", at, "two")]
    command = ImportEvents(page.session.service, page.session.refs, page.detail.id, items, "x")
    assert page.session.execute(command)
    second = command.added[1].id
    service.timeline.delete_event(second)  # deleted by hand: its id is free again
    other = service.reviews.create_review("Other review", "SEV-3")
    theirs = service.timeline.add_event(other, at, "theirs")
    assert page.session.undo()
    assert [e.text for e in service.reviews.get_review(other).events] == ["theirs"]
    assert service.reviews.get_review(page.detail.id).events == []
    assert theirs  # (SQLite may have reused the freed id for it)
