"""Language flags in the app: underlines as you type, tooltips, dismissals, the panel, counts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui import style
from clearsight.ui.editing.commands import AddParticipant
from clearsight.ui.flags import highlighter
from clearsight.ui.pages.lessons import LessonsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView

BLAME = "Kenji skipped the canary."
QUESTION = "What made this step easy to skip or miss, for anyone in that role?"


@pytest.fixture
def view(window: MainWindow, service: Services, review_id: int) -> ReviewView:
    """The review, with Kenji Watanabe among its attendees."""
    kenji = service.people.add_person("Kenji Watanabe", "kenji")
    service.reviews.add_participant(review_id, kenji, "attendee")
    assert window.open_review(review_id)
    assert window.review_view is not None
    return window.review_view


def summary(view: ReviewView) -> SummaryPage:
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    return page


def flagged(edit: QPlainTextEdit, block: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, severity) of each flag format in one block of ``edit``."""
    ranges = edit.document().findBlockByNumber(block).layout().formats()
    found = []
    for r in ranges:
        colour = r.format.underlineColor()
        if colour == QColor(style.BLAME_LINE):
            found.append((r.start, r.start + r.length, "blame"))
        elif colour == QColor(style.CAUTION_LINE):
            found.append((r.start, r.start + r.length, "caution"))
    return found


def type_summary(qtbot: QtBot, view: ReviewView, text: str) -> QPlainTextEdit:
    edit = summary(view).summary_edit
    qtbot.keyClicks(edit, text)
    return edit


def point_of(edit: QPlainTextEdit, position: int) -> QPoint:
    """A point in the viewport over the character at ``position``."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(position)
    left = edit.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = edit.cursorRect(cursor)
    return QPoint((left.x() + right.x()) // 2, left.center().y())


def test_typing_blame_underlines_the_person_and_verb(qtbot: QtBot, view: ReviewView) -> None:
    edit = type_summary(qtbot, view, BLAME)
    assert flagged(edit) == [(0, len("Kenji skipped"), "blame")]
    [r] = edit.document().firstBlock().layout().formats()
    assert r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert r.format.background().color().alpha() > 0
    # Rewording toward the system clears it.
    edit.selectAll()
    qtbot.keyClicks(edit, "The canary step was skippable.")
    assert flagged(edit) == []


def test_caution_has_the_other_colour(qtbot: QtBot, view: ReviewView) -> None:
    edit = summary(view).impact_edit
    qtbot.keyClicks(edit, "Checkout was slow.")
    assert flagged(edit) == [(0, len("Checkout was slow."), "caution")]


def test_offsets_count_as_qt_counts_past_an_emoji(qtbot: QtBot, view: ReviewView) -> None:
    edit = summary(view).summary_edit
    edit.setPlainText("\U0001f680 " + BLAME)  # the rocket is two UTF-16 units
    assert flagged(edit) == [(3, 3 + len("Kenji skipped"), "blame")]


def test_a_name_is_flagged_once_the_person_joins_the_review(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    # Unknown, "Tevita" reads as a capitalised word of no class (a company, a product): the
    # scorer leaves "X skipped the canary" just under its threshold; a person who joins is an
    # actor, and the sentence is blame.
    edit = type_summary(qtbot, view, "Tevita skipped the canary.")
    assert flagged(edit) == []
    tevita = service.people.add_person("Tevita Brask")
    command = AddParticipant(service, view.review_id, tevita, "attendee", "Tevita Brask")
    assert view.session.execute(command)  # reloads the review: new names
    assert flagged(edit) == [(0, len("Tevita skipped"), "blame")]


# The offscreen platform cannot raise a window; the tooltip asks it to.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_a_flag_shows_why_and_the_question(qtbot: QtBot, view: ReviewView) -> None:
    edit = type_summary(qtbot, view, BLAME)
    viewport = edit.viewport()
    over = point_of(edit, 3)
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, over, viewport.mapToGlobal(over))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert f"<b>{QUESTION}</b>" in QToolTip.text()
    assert "a person skipping or missing a step" in QToolTip.text()
    # Past the flag ("canary") there is nothing to say.
    assert summary(view).summary_flags.tooltip_at(BLAME.index("canary")) == ""
    QToolTip.hideText()


def dismiss_from_menu(view: ReviewView, edit: QPlainTextEdit, position: int, text: str) -> None:
    flags = summary(view).summary_flags
    menu = flags.menu_at(point_of(edit, position), position)
    [action] = [a for a in menu.actions() if a.text() == text]
    action.trigger()
    menu.deleteLater()


def test_dismiss_hides_the_flag_and_undo_brings_it_back(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    edit = type_summary(qtbot, view, BLAME)
    menu = summary(view).summary_flags.menu_at(point_of(edit, 20), 20)  # on "canary"
    assert not [a for a in menu.actions() if a.text().startswith("Dismiss")]
    dismiss_from_menu(view, edit, 2, "Dismiss flag: a quotation")
    assert flagged(edit) == []
    [stored] = service.reviews.get_review(view.review_id).dismissals
    assert (stored.place, stored.snippet, stored.reason) == (
        "summary",
        "Kenji skipped",
        "quotation",
    )
    assert edit.toPlainText() == BLAME  # the typing was saved first, and is kept
    window = view.window()
    assert isinstance(window, MainWindow)
    assert window.undo_action.text() == "&Undo dismiss flag \u201cKenji skipped\u201d"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert flagged(edit) == [(0, len("Kenji skipped"), "blame")]
    assert service.reviews.get_review(view.review_id).dismissals == []
    assert edit.toPlainText() == BLAME
    assert view.redo()
    assert flagged(edit) == []


def test_the_panel_lists_open_flags_and_jumps_to_one(qtbot: QtBot, view: ReviewView) -> None:
    edit = type_summary(qtbot, view, "At 14:02 UTC the deploy started. " + BLAME)
    panel = view.language
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    [item] = panel.model.rows
    assert (item.place.label, item.snippet) == ("Summary", "Kenji skipped")
    assert QUESTION in panel.model.index(0).data(Qt.ItemDataRole.DisplayRole)
    view.show_page("details")
    panel.choose(0)
    assert view.current_key() == "summary"
    assert edit.textCursor().selectedText() == "Kenji skipped"
    qtbot.waitUntil(edit.hasFocus)


def test_the_agenda_counts_flags_per_phase(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    assert view.agenda_text("summary") == "3.  Summary & impact"
    edit = type_summary(qtbot, view, BLAME)
    qtbot.waitUntil(lambda: view.agenda_text("summary") == "3.  Summary & impact  \u00b71")
    page = view.show_page("lessons")
    assert isinstance(page, LessonsPage)
    assert page.lists["poorly"].add("Human error by the on-call engineer.")
    qtbot.waitUntil(lambda: view.agenda_text("lessons") == "8.  Lessons  \u00b71")
    view.show_page("summary")
    dismiss_from_menu(view, edit, 0, "Dismiss flag: false alarm")
    qtbot.waitUntil(lambda: view.agenda_text("summary") == "3.  Summary & impact")
    assert view.language.status.text() == "1 open flag"


def test_a_lesson_shows_its_flags_in_the_list_and_its_editor(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = view.show_page("lessons")
    assert isinstance(page, LessonsPage)
    poorly = page.lists["poorly"]
    assert poorly.add("Human error by the on-call engineer.")
    item = poorly.list.item(0)
    spans = poorly.delegate.spans(poorly.list.indexFromItem(item))
    assert [s.snippet for s in spans] == ["Human error"]
    # The panel's jump opens the lesson's editor with the words selected.
    qtbot.waitUntil(lambda: len(view.language.model.rows) == 1)
    view.show_page("summary")
    view.language.choose(0)
    editor = poorly.list.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    assert editor.textCursor().selectedText() == "Human error"
    assert flagged(editor) == [(0, len("Human error"), "blame")]
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Kenji forgot the runbook.")
    assert (37, 49, "blame") in flagged(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter saves the lesson
    [lesson] = service.reviews.get_review(view.review_id).lessons
    assert lesson.text == "Human error by the on-call engineer. Kenji forgot the runbook."
    # Dismissed from the list's menu, under the lesson's place.
    poorly.list.setCurrentRow(0)
    point = poorly.list.visualItemRect(poorly.list.item(0)).center()
    menu = poorly.menu_at(point)
    wanted = "Dismiss flag: false alarm (\u201cHuman error\u201d)"
    [action] = [a for a in menu.actions() if a.text() == wanted]
    action.trigger()
    [stored] = service.reviews.get_review(view.review_id).dismissals
    assert stored.place == f"lesson:{lesson.id}"
    assert [s.snippet for s in poorly.delegate.spans(poorly.list.model().index(0, 0))] == [
        "Kenji forgot"
    ]


def test_a_huge_text_is_highlighted_in_slices(
    qtbot: QtBot, view: ReviewView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(highlighter, "BUDGET_S", 0.0)  # every block past the first waits
    page = summary(view)
    edit = page.summary_edit
    edit.setPlainText("\n".join([BLAME] * 50))
    assert page.summary_flags.busy
    assert flagged(edit, 49) == []
    qtbot.waitUntil(lambda: not page.summary_flags.busy)
    assert all(flagged(edit, n) == [(0, 13, "blame")] for n in range(50))


def test_the_panel_hides_with_ctrl_shift_l_and_stays_hidden(
    qtbot: QtBot, window: MainWindow, view: ReviewView, review_id: int
) -> None:
    window.resize(1680, 900)  # the panel shows where the window has room for it (test_layout)
    assert view.language_visible()
    window.language_action.trigger()
    assert not view.language_visible()
    window.show_reviews()
    assert window.open_review(review_id)
    assert window.review_view is not None
    assert not window.review_view.language_visible()
    assert window.language_action.shortcut().toString() == "Ctrl+Shift+L"
