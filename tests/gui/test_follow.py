"""Two people on one review: the window shows the other person's writes, and what is being
typed is merged with them, never lost and never silently overwritten."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from clearsight.db.store import open_store
from clearsight.services.root import Services
from clearsight.ui.editing.conflict import ConflictDialog
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.timeline.model import COL_TEXT
from clearsight.ui.timeline.page import TimelinePage
from tests.gui.helpers_keys import focused, type_at_end, type_text
from tests.gui.helpers_themes import open_demo


def _on_summary(window: MainWindow, service: Services) -> tuple[ReviewView, SummaryPage]:
    """The demo review open at Summary & impact, where these tests type."""
    view = open_demo(window, service)
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    return view, page


@pytest.fixture
def colleague(service: Services) -> Iterator[Services]:
    """Another client on the same database (their laptop)."""
    theirs = Services(open_store(str(service.store.url.database)))
    yield theirs
    theirs.store.close()


def test_another_persons_writes_show_within_a_poll(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view = open_demo(window, service)
    at = datetime(2026, 3, 15, 14, 30, tzinfo=UTC)
    colleague.timeline.add_event(view.review_id, at, "Paged the database on-call")
    page = view.show_page("timeline")
    assert isinstance(page, TimelinePage)
    assert view.follower.catch_up()  # what the once-a-second timer does
    texts = [e.text for e in page.model.events]
    assert "Paged the database on-call" in texts
    assert not view.follower.catch_up()  # nothing new since
    view.session.service.reviews.set_field(view.review_id, "impact", "mine")
    assert not view.follower.catch_up()  # this window's own writes are already shown


def test_typing_is_merged_with_anothers_edit_of_other_words(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view, page = _on_summary(window, service)
    base = page.summary_edit.toPlainText()
    type_at_end(qtbot, page.summary_edit, " Mine.")
    colleague.reviews.set_field(view.review_id, "summary", "Theirs: " + base)
    assert view.follower.catch_up()
    merged = "Theirs: " + base + " Mine."
    assert page.summary_edit.toPlainText() == merged
    assert page.summary_edit.textCursor().position() == len(merged)  # still at the end
    assert view.flush()
    assert service.reviews.get_review(view.review_id).summary == merged
    # The same words changed by both: the user's text stays, nothing is saved over theirs,
    # and the window asks which one to keep.
    type_text(qtbot, " More.")
    colleague.reviews.set_field(view.review_id, "summary", merged + " Other.")
    with qtbot.waitSignal(view.session.conflict):
        assert view.follower.catch_up()
    assert page.summary_edit.toPlainText() == merged + " More."
    assert any("changed the same words" in p.message for p in view.session.problems())
    assert not view.flush()  # the choice is still to make: an unsaved edit
    assert service.reviews.get_review(view.review_id).summary == merged + " Other."
    dialog = view.findChild(ConflictDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.theirs.toPlainText() == merged + " Other."
    assert dialog.mine.toPlainText() == merged + " More."
    dialog.choose("mine")
    assert service.reviews.get_review(view.review_id).summary == merged + " More."
    assert view.session.problems() == []


def test_keeping_theirs_drops_the_typing_and_saves_nothing(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view, page = _on_summary(window, service)
    page.summary_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is page.summary_edit)
    page.summary_edit.selectAll()
    type_text(qtbot, "My whole new summary")
    colleague.reviews.set_field(view.review_id, "summary", "Their whole new summary")
    with qtbot.waitSignal(view.session.conflict):
        view.follower.catch_up()
    view.findChild(ConflictDialog).choose("theirs")
    assert page.summary_edit.toPlainText() == "Their whole new summary"
    assert view.flush() and view.session.problems() == []
    assert service.reviews.get_review(view.review_id).summary == "Their whole new summary"


def test_a_save_racing_anothers_before_the_poll_is_merged_not_overwritten(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    """Their edit lands after this window's last look and before its save: the save is
    refused by the store, their text is read, merged with the typing, and the merge saved."""
    view, page = _on_summary(window, service)
    base = page.summary_edit.toPlainText()
    type_at_end(qtbot, page.summary_edit, " Mine.")
    colleague.reviews.set_field(view.review_id, "summary", "Theirs: " + base)
    assert view.flush()  # no poll in between: the store refuses, the field merges
    merged = "Theirs: " + base + " Mine."
    assert service.reviews.get_review(view.review_id).summary == merged
    assert page.summary_edit.toPlainText() == merged
    assert view.session.problems() == []


def test_a_row_edit_on_a_row_another_changed_is_refused_and_retry_keeps_mine(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view = open_demo(window, service)
    page = view.show_page("timeline")
    assert isinstance(page, TimelinePage)
    event = page.model.events[0]
    colleague.timeline.set_event(event.id, event.at, "Their wording")
    page.model.setData(page.model.index(0, COL_TEXT), "My wording")
    [problem] = view.session.problems()
    assert "changed this timeline event" in problem.message and problem.retryable
    assert page.model.events[0].text == "Their wording"  # theirs is shown
    problem.retry()
    assert service.reviews.get_review(view.review_id).events[0].text == "My wording"


def test_read_only_follows_the_review_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view, page = _on_summary(window, service)
    before = service.reviews.get_review(view.review_id).summary
    window.watch_action.trigger()  # View > Read-only
    assert view.watching and window.watch_action.isChecked()
    assert view.read_only_notice.isVisible()
    assert "nothing you do here changes it" in view.read_only_notice.message.text()
    assert not view.read_only_notice.go_button.isVisible()
    page.summary_edit.setFocus()
    qtbot.waitUntil(lambda: focused() is page.summary_edit)
    type_text(qtbot, "typed by an observer")
    assert view.flush()
    assert service.reviews.get_review(view.review_id).summary == before
    signoff = view.show_page("signoff")  # sign-off too: an observer signs nothing
    assert not any(b.isEnabled() for b in signoff.findChildren(QPushButton) if b.text())
    colleague.reviews.set_field(view.review_id, "impact", "Seen by the observer")
    assert view.follower.catch_up()  # and it still follows the others
    assert view.session.detail is not None
    assert view.session.detail.impact == "Seen by the observer"
    window.watch_action.trigger()
    assert not view.watching and not view.read_only_notice.isVisible()
    page = view.show_page("summary")
    assert not page.summary_edit.isReadOnly()


def test_the_room_shows_who_is_where_and_follows_the_facilitator(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view = open_demo(window, service)
    room = view.room
    assert room.beat()
    assert room.people.text() == "Only you have this review open."
    colleague.presence.here(view.review_id, "Ana", "facilitator", "timeline")
    assert room.beat()
    assert "Ana (facilitator): Timeline" in room.people.text()
    room.follow.setChecked(True)  # ticked: the window moves to Ana's phase at once
    assert view.current_key() == "timeline"
    colleague.presence.here(view.review_id, "Ana", "facilitator", "summary", "summary")
    assert room.beat()
    assert view.current_key() == "summary"
    assert "Ana (facilitator): typing in summary" in room.people.text()
    page = view.page("summary")
    assert isinstance(page, SummaryPage)
    badge = room._badges[page.summary_edit]
    assert badge.isVisible() and "Ana typing" in badge.text()
    colleague.presence.here(view.review_id, "Ana", "facilitator", "summary")
    assert room.beat()
    assert not badge.isVisible()  # she stopped typing there
    # This window's own place is what the others read.
    # Told off the window's thread, as soon as the keyboard moves.
    with qtbot.waitSignal(room.told, check_params_cb=lambda where: where[2] == "impact"):
        page.impact_edit.setFocus()
    [me] = colleague.presence.present(view.review_id)
    assert (me.role, me.phase, me.field) == ("attendee", "summary", "impact")
    room.set_role("observer")  # an observer's window is read-only
    assert view.watching and page.summary_edit.isReadOnly()
    view.leave()
    assert colleague.presence.present(view.review_id) == []


def test_following_shows_the_facilitators_clock_and_leading_shares_mine(
    qtbot: QtBot, window: MainWindow, service: Services, colleague: Services
) -> None:
    view = open_demo(window, service)
    room, meeting = view.room, view.meeting
    shared = json.dumps({"started": True, "total": 600.0, "spent": {"timeline": 300.0},
                         "running": True})  # fmt: skip
    colleague.presence.here(view.review_id, "Ana", "facilitator", "timeline", "", shared)
    room.follow.setChecked(True)
    assert room.beat()
    assert view.current_key() == "timeline"
    assert meeting.state() == "running" and meeting.clock.state()["total"] >= 600
    assert not meeting.start_button.isEnabled()  # the facilitator runs the clock
    room.follow.setChecked(False)
    assert meeting.start_button.isEnabled()
    # Leading: this window's clock goes to the others with its place.
    room.set_role("facilitator")
    meeting.start()
    assert room.beat()
    [me] = colleague.presence.present(view.review_id)
    assert me.role == "facilitator" and json.loads(me.clock)["running"] is True
    room.set_role("attendee")
    assert room.beat()
    [me] = colleague.presence.present(view.review_id)
    assert me.clock == ""  # only the facilitator's clock is shared
