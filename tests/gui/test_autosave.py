"""Every edit is saved by itself, survives closing the app, and undo puts the old text back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from clearsight.db.store import open_store
from clearsight.services.root import Services
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.new_review import NewReviewDialog
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.conftest import MakeWindow


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def summary_page(view: ReviewView) -> SummaryPage:
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    return page


def test_create_edit_close_and_reopen_on_a_new_store(
    qtbot: QtBot, make_window: MakeWindow, service: Services, db_path: Path
) -> None:
    window = make_window(service)
    dialog = window.new_review()
    assert isinstance(dialog, NewReviewDialog)
    qtbot.keyClicks(dialog.title, "DNS outage in eu-west")
    dialog.severity.setCurrentText("SEV-1")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    view = window.review_view
    assert view is not None
    assert "DNS outage in eu-west" in window.windowTitle()
    review_id = view.review_id
    assert service.reviews.get_review(review_id).severity == "SEV-1"

    page = summary_page(view)
    qtbot.keyClicks(page.summary_edit, "Resolvers timed out for 12 minutes.")
    assert page.summary.pending  # debounced: not written yet
    window.close()  # closing flushes what is pending

    store2 = open_store(str(db_path))
    try:
        window2 = MainWindow(Services(store2))
        qtbot.addWidget(window2)
        assert window2.open_review(review_id)
        assert window2.review_view is not None
        page2 = summary_page(window2.review_view)
        assert page2.summary_edit.toPlainText() == "Resolvers timed out for 12 minutes."
        window2.close()
    finally:
        store2.close()


def test_typing_is_saved_when_the_typing_stops(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = summary_page(view)
    qtbot.keyClicks(page.summary_edit, "Typed")
    assert service.reviews.get_review(view.review_id).summary == ""
    qtbot.waitUntil(lambda: service.reviews.get_review(view.review_id).summary == "Typed")
    assert not page.summary.pending


def test_undo_restores_the_old_summary_in_widget_and_database(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    page = summary_page(view)
    focus(qtbot, window, page.summary_edit)
    qtbot.keyClicks(page.summary_edit, "First version")
    focus(qtbot, window, page.impact_edit)  # leaving saves; the next visit is a new step
    focus(qtbot, window, page.summary_edit)
    page.summary_edit.selectAll()
    qtbot.keyClicks(page.summary_edit, "Second version")
    assert view.flush()
    assert service.reviews.get_review(view.review_id).summary == "Second version"

    assert view.undo()
    assert page.summary_edit.toPlainText() == "First version"
    assert service.reviews.get_review(view.review_id).summary == "First version"
    assert view.undo()
    assert page.summary_edit.toPlainText() == ""
    assert service.reviews.get_review(view.review_id).summary == ""
    assert view.redo()
    assert page.summary_edit.toPlainText() == "First version"
    assert service.reviews.get_review(view.review_id).summary == "First version"


def test_commits_in_one_visit_merge_into_one_undo_step(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = summary_page(view)
    qtbot.keyClicks(page.summary_edit, "abc")
    view.flush()
    qtbot.keyClicks(page.summary_edit, "def")
    view.flush()
    assert view.session.stack.count() == 1
    assert view.undo()
    assert service.reviews.get_review(view.review_id).summary == ""


def test_undo_steps_across_fields_and_pages(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = summary_page(view)
    qtbot.keyClicks(page.summary_edit, "What failed")
    qtbot.keyClicks(page.impact_edit, "Who noticed")
    view.show_page("details")  # switching pages saves both
    detail = service.reviews.get_review(view.review_id)
    assert (detail.summary, detail.impact) == ("What failed", "Who noticed")
    assert view.undo()
    assert service.reviews.get_review(view.review_id).impact == ""
    assert service.reviews.get_review(view.review_id).summary == "What failed"
    view.show_page("summary")  # a page out of view loads when it is shown again
    assert page.impact_edit.toPlainText() == ""


def test_ctrl_z_in_a_focused_text_field_goes_to_the_review_stack(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    page = summary_page(view)
    focus(qtbot, window, page.summary_edit)
    qtbot.keyClicks(page.summary_edit, "Pending text")
    qtbot.keyClick(page.summary_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The pending text was saved first and then undone, by the review's stack.
    assert page.summary_edit.toPlainText() == ""
    assert service.reviews.get_review(view.review_id).summary == ""
    assert view.session.stack.canRedo()
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.summary_edit, Qt.Key.Key_Z, redo)
    assert page.summary_edit.toPlainText() == "Pending text"
    assert service.reviews.get_review(view.review_id).summary == "Pending text"
    qtbot.keyClick(page.summary_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.summary_edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert service.reviews.get_review(view.review_id).summary == "Pending text"


def test_leaving_a_field_saves_it(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    page = summary_page(view)
    focus(qtbot, window, page.summary_edit)
    qtbot.keyClicks(page.summary_edit, "Saved on focus out")
    focus(qtbot, window, page.impact_edit)
    assert service.reviews.get_review(view.review_id).summary == "Saved on focus out"


def test_details_fields_save_and_undo(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    page = view.page("details")
    assert isinstance(page, DetailsPage)
    qtbot.keyClick(page.title_edit, Qt.Key.Key_End)
    qtbot.keyClicks(page.title_edit, " (eu-west)")
    qtbot.keyClick(page.title_edit, Qt.Key.Key_Return)
    assert service.reviews.get_review(view.review_id).title == "Checkout API unavailable (eu-west)"
    assert window.windowTitle().startswith("Checkout API unavailable (eu-west)")
    assert page.severity.choose("SEV-1")
    assert page.status.choose("in_review")
    start = page.times["incident_start"]
    start.widget.setText("2026-03-15T14:02:00+01:00")
    assert start.commit()
    assert start.widget.text() == "2026-03-15 13:02"  # shown in UTC
    detail = service.reviews.get_review(view.review_id)
    assert (detail.severity, detail.status) == ("SEV-1", "in_review")
    assert detail.incident_start is not None and detail.incident_start.hour == 13
    assert "[SEV-1]" in view.heading.text()

    assert view.undo()  # the start time
    assert start.widget.text() == ""
    assert view.undo()  # the status
    assert page.status_combo.currentText() == "Draft"
    assert view.undo()  # the severity
    assert page.severity_combo.currentText() == "SEV-2"
    assert service.reviews.get_review(view.review_id).severity == "SEV-2"


def test_window_geometry_is_remembered(make_window: MakeWindow, service: Services) -> None:
    first = make_window(service)
    first.resize(720, 520)
    first.close()
    second = make_window(service)
    assert (second.width(), second.height()) == (720, 520)


def test_ctrl_z_in_a_line_edit_goes_to_the_review_stack(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    page = view.page("details")
    assert isinstance(page, DetailsPage)
    focus(qtbot, window, page.incident_id_edit)
    qtbot.keyClicks(page.incident_id_edit, "INC-2041")
    qtbot.keyClick(page.incident_id_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.incident_id_edit.text() == ""
    assert service.reviews.get_review(view.review_id).incident_id == ""
    qtbot.keyClick(page.incident_id_edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.incident_id_edit.text() == "INC-2041"
    assert service.reviews.get_review(view.review_id).incident_id == "INC-2041"


def test_lowering_the_severity_asks_why(
    qtbot: QtBot, view: ReviewView, service: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clearsight.ui.pages import details

    page = view.page("details")
    assert isinstance(page, DetailsPage)
    answers = iter([("", False), ("Only staff accounts were affected", True)])
    monkeypatch.setattr(details.QInputDialog, "getText", lambda *a, **k: next(answers))
    assert not page.severity.choose("SEV-3")  # cancelled: nothing changes
    assert page.severity_combo.currentText() == "SEV-2"
    assert service.reviews.get_review(view.review_id).severity == "SEV-2"
    assert page.severity.choose("SEV-3")
    history = service.records.export_review(view.review_id)["review"]["history"]
    assert history[-1]["reason"] == "Only staff accounts were affected"
    # Final is not a choice here: it comes from sign-off.
    final = page.status_combo.model().item(page.status_combo.findData("final"))
    assert not final.isEnabled()
