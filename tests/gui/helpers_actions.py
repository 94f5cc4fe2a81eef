"""What the action item tests share: the page on a review with a meeting day and two people,
adding an item by typing, and opening a cell's editor."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from clearsight.review.data import ActionData
from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_OWNER
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.review_view import ReviewView

TODAY = date(2026, 3, 18)  # the review meeting's day


def actions_page(view: ReviewView, service: Services) -> ActionsPage:
    """The page, shown, its today the meeting's day; Kenji and Amara in the directory."""
    service.reviews.set_field(view.review_id, "meeting_at", "2026-03-18T10:00:00Z")
    service.reviews.set_field(view.review_id, "incident_start", "2026-03-15T14:00:00Z")
    for name, handle in (("Kenji Watanabe", "kenji"), ("Amara Okafor", "amara")):
        service.people.add_person(name, handle)
    actions = view.page("actions")
    assert isinstance(actions, ActionsPage)
    actions.today = lambda: TODAY
    view.session.reload()
    view.show_page("actions")
    return actions


def stored(service: Services, page: ActionsPage) -> list[ActionData]:
    assert page.detail is not None
    return service.reviews.get_review(page.detail.id).actions


def add(qtbot: QtBot, page: ActionsPage, what: str) -> int:
    page.entry.setFocus()
    qtbot.keyClicks(page.entry, what)
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert page.entry.text() == ""
    return page.model.rows[-1].action.id


def edit(page: ActionsPage, row: int, column: int) -> object:
    index = page.model.index(row, column)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.delegate.open_editor()
    assert editor is not None
    return editor


def owner_line(page: ActionsPage, row: int) -> QLineEdit:
    editor = edit(page, row, COL_OWNER)
    assert isinstance(editor, QLineEdit)
    return editor
