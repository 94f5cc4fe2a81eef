"""A save that fails keeps the user's edit, says so in the banner, and can be retried."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from clearsight.ui.pages.lessons import LessonsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.conftest import FlakyService, MakeWindow


@pytest.fixture
def flaky_view(make_window: MakeWindow, flaky: FlakyService) -> tuple[MainWindow, ReviewView]:
    window = make_window(flaky)
    review_id = flaky.reviews.create_review("Checkout API unavailable", "SEV-2")
    assert window.open_review(review_id)
    assert window.review_view is not None
    return window, window.review_view


def test_a_failed_save_shows_the_banner_keeps_the_text_and_retry_saves(
    qtbot: QtBot, flaky_view: tuple[MainWindow, ReviewView], flaky: FlakyService
) -> None:
    window, view = flaky_view
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    flaky.fail_next = 1
    qtbot.keyClicks(page.summary_edit, "Resolvers timed out")
    assert not view.flush()
    assert window.banner.isVisible()
    assert "locked" in window.banner.text
    assert window.banner.retry_button.isVisible()
    assert page.summary_edit.toPlainText() == "Resolvers timed out"
    assert flaky.reviews.get_review(view.review_id).summary == ""
    assert view.session.stack.count() == 0  # nothing unsaved is on the undo stack

    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    assert flaky.reviews.get_review(view.review_id).summary == "Resolvers timed out"
    assert not window.banner.isVisible()
    assert view.session.stack.count() == 1
    assert view.undo()
    assert flaky.reviews.get_review(view.review_id).summary == ""


def test_typing_on_after_a_failure_saves_everything_typed(
    qtbot: QtBot, flaky_view: tuple[MainWindow, ReviewView], flaky: FlakyService
) -> None:
    window, view = flaky_view
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    flaky.fail_next = 1
    qtbot.keyClicks(page.summary_edit, "Part one")
    assert not view.flush()
    qtbot.keyClicks(page.summary_edit, ", part two")
    qtbot.waitUntil(
        lambda: flaky.reviews.get_review(view.review_id).summary == "Part one, part two"
    )
    assert not window.banner.isVisible()


def test_a_reload_never_overwrites_an_unsaved_edit(
    qtbot: QtBot, flaky_view: tuple[MainWindow, ReviewView], flaky: FlakyService
) -> None:
    _, view = flaky_view
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    flaky.fail_next = 1
    qtbot.keyClicks(page.summary_edit, "Unsaved")
    assert not view.flush()
    view.session.reload()
    assert page.summary_edit.toPlainText() == "Unsaved"


def test_a_failed_lesson_add_keeps_the_entry_and_retry_adds_it_once(
    qtbot: QtBot, flaky_view: tuple[MainWindow, ReviewView], flaky: FlakyService
) -> None:
    window, view = flaky_view
    page = view.show_page("lessons")
    assert isinstance(page, LessonsPage)
    well = page.lists["well"]
    flaky.fail_next = 1
    qtbot.keyClicks(well.entry, "Fast rollback")
    qtbot.keyClick(well.entry, Qt.Key.Key_Return)
    assert well.entry.text() == "Fast rollback"
    assert well.texts() == []
    window.banner.retry_button.click()
    assert well.texts() == ["Fast rollback"]
    assert well.entry.text() == ""
    assert [x.text for x in flaky.reviews.get_review(view.review_id).lessons] == ["Fast rollback"]


def test_a_failed_undo_leaves_stack_and_data_as_they_were(
    flaky_view: tuple[MainWindow, ReviewView], flaky: FlakyService
) -> None:
    window, view = flaky_view
    page = view.show_page("lessons")
    assert isinstance(page, LessonsPage)
    assert page.lists["poorly"].add("No canary")
    flaky.fail_next = 1
    assert not view.undo()
    assert view.session.stack.index() == 1
    assert [x.text for x in flaky.reviews.get_review(view.review_id).lessons] == ["No canary"]
    assert window.banner.isVisible()
    window.banner.retry_button.click()
    assert view.session.stack.index() == 0
    assert flaky.reviews.get_review(view.review_id).lessons == []
    assert not window.banner.isVisible()


def test_a_time_that_is_not_a_time_is_explained_and_kept(
    flaky_view: tuple[MainWindow, ReviewView], flaky: FlakyService
) -> None:
    window, view = flaky_view
    start = view.page("details").times["incident_start"]  # type: ignore[attr-defined]
    start.widget.setText("yesterday afternoon")
    assert not start.commit()
    assert window.banner.text.startswith("Incident start: ")
    assert not window.banner.retry_button.isVisible()  # retrying cannot help; editing can
    assert start.widget.text() == "yesterday afternoon"
    start.widget.setText("2026-03-15 14:02")
    assert start.commit()
    assert not window.banner.isVisible()


class Choice:
    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked = 0

    def __call__(self, *args: Any) -> QMessageBox.StandardButton:
        self.asked += 1
        return self.answer


def test_closing_with_an_unsaved_edit_asks_and_can_stay(
    qtbot: QtBot,
    flaky_view: tuple[MainWindow, ReviewView],
    flaky: FlakyService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, view = flaky_view
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    flaky.fail_next = 2
    qtbot.keyClicks(page.summary_edit, "Not saved yet")
    stay = Choice(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "warning", stay)
    assert not window.close()
    assert stay.asked == 1 and window.isVisible()
    assert page.summary_edit.toPlainText() == "Not saved yet"
    assert not window.show_reviews()  # the same question when going back to the list
    assert window.review_view is view

    retry = Choice(QMessageBox.StandardButton.Retry)
    monkeypatch.setattr(QMessageBox, "warning", retry)
    assert window.close()
    assert flaky.reviews.get_review(view.review_id).summary == "Not saved yet"


def test_discarding_an_unsaved_edit_on_leaving_writes_nothing_later(
    qtbot: QtBot,
    flaky_view: tuple[MainWindow, ReviewView],
    flaky: FlakyService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, view = flaky_view
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    flaky.fail_next = 1
    qtbot.keyClicks(page.summary_edit, "Dropped on purpose")
    monkeypatch.setattr(QMessageBox, "warning", Choice(QMessageBox.StandardButton.Discard))
    assert window.show_reviews()
    assert window.review_view is None
    assert not window.banner.isVisible()
    page.summary.commit()  # what a late focus-out would do: the left review saves nothing
    assert flaky.reviews.get_review(view.review_id).summary == ""
