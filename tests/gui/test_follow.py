"""Two people on one review: the window shows the other person's writes, and what is being
typed is merged with them, never lost and never silently overwritten."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from clearsight.db.store import open_store
from clearsight.services.root import Services
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.timeline.page import TimelinePage
from tests.gui.helpers_keys import focused, type_text
from tests.gui.helpers_themes import open_demo


def _colleague(service: Services) -> Services:
    """Another client on the same database (their laptop)."""
    return Services(open_store(str(service.store.url.database)))


def test_another_persons_writes_show_within_a_poll(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    colleague = _colleague(service)
    try:
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
    finally:
        colleague.store.close()


def test_typing_is_merged_with_anothers_edit_of_other_words(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    colleague = _colleague(service)
    try:
        base = page.summary_edit.toPlainText()
        page.summary_edit.setFocus()
        qtbot.waitUntil(lambda: focused() is page.summary_edit)
        cursor = page.summary_edit.textCursor()
        cursor.setPosition(len(base))
        page.summary_edit.setTextCursor(cursor)
        type_text(qtbot, " Mine.")
        colleague.reviews.set_field(view.review_id, "summary", "Theirs: " + base)
        assert view.follower.catch_up()
        merged = "Theirs: " + base + " Mine."
        assert page.summary_edit.toPlainText() == merged
        assert page.summary_edit.textCursor().position() == len(merged)  # still at the end
        assert view.flush()
        assert service.reviews.get_review(view.review_id).summary == merged
        # The same words changed by both: the user's text is kept and they are told.
        type_text(qtbot, " More.")
        colleague.reviews.set_field(view.review_id, "summary", merged + " Other.")
        assert view.follower.catch_up()
        assert page.summary_edit.toPlainText() == merged + " More."
        assert any("someone else changed" in p.message for p in view.session.problems())
    finally:
        colleague.store.close()
