"""The list of reviews in the window: open, delete with confirmation, go back."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow


class Answers:
    """Stands in for QMessageBox.question: records what was asked, answers as told."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(
        self, parent: Any, title: str, text: str, *args: Any
    ) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.answer


def test_delete_asks_first_naming_the_review(
    window: MainWindow, service: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = service.reviews.create_review("Slow search", "SEV-3")
    doomed = service.reviews.create_review("Checkout down", "SEV-1")
    window.refresh_reviews(select_id=doomed)
    answers = Answers(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", answers)

    assert not window.delete_review(doomed)
    assert "Checkout down" in answers.asked[0]
    assert {r.id for r in service.reviews.list_reviews()} == {keep, doomed}

    answers.answer = QMessageBox.StandardButton.Yes
    window.list_page.select(doomed)
    window.list_page.delete_button.click()
    assert [r.id for r in service.reviews.list_reviews()] == [keep]
    assert window.list_page.model.rowCount() == 1
    assert "Checkout down" in answers.asked[1]


def test_del_key_on_the_list_deletes_after_confirmation(
    qtbot: QtBot, window: MainWindow, service: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = service.reviews.create_review("Checkout down", "SEV-1")
    window.refresh_reviews(select_id=review)
    monkeypatch.setattr(QMessageBox, "question", Answers(QMessageBox.StandardButton.Yes))
    window.activateWindow()
    window.list_page.focus_table()
    qtbot.waitUntil(window.list_page.table.hasFocus)
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Delete)
    assert service.reviews.list_reviews() == []
    assert window.list_page.empty.isVisibleTo(window)


def test_enter_opens_and_back_returns_to_the_list(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    review = service.reviews.create_review("Checkout down", "SEV-1")
    window.refresh_reviews(select_id=review)
    window.activateWindow()
    window.list_page.focus_table()
    qtbot.waitUntil(window.list_page.table.hasFocus)
    with qtbot.waitSignal(window.review_opened):  # read on a worker, built, then shown
        qtbot.keyClick(window.list_page.table, Qt.Key.Key_Return)
    assert window.review_view is not None
    assert window.review_view.review_id == review
    assert window.windowTitle() == "Checkout down \u2014 Clearsight"
    assert window.undo_action.isEnabled() is False
    window.back_action.trigger()
    assert window.review_view is None
    assert window.windowTitle() == "Clearsight"
    assert window.list_page.current_id() == review


def test_a_new_review_needs_a_title(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    dialog = window.new_review()
    dialog.accept()
    assert dialog.isVisible()
    assert "title" in dialog.error.text()
    assert service.reviews.list_reviews() == []
    dialog.reject()


def test_the_list_shows_what_the_service_lists(window: MainWindow, service: Services) -> None:
    service.reviews.create_review("Checkout down", "SEV-1")
    window.refresh_reviews()
    assert window.list_page.model.rowCount() == 1
    assert not window.list_page.empty.isVisibleTo(window)
