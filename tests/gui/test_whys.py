"""The 5 Whys page by keyboard: typing chains, Tab, Enter and F2 on the outline, saving as
one types, and a signed-off review that is read, not changed. (Also: test_why_questions.py,
test_why_factors.py, test_why_trees.py.)"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.services.root import Services
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.whys.model import PENDING
from clearsight.ui.whys.page import WhysPage
from tests.gui.helpers_whys import (
    SHIFT_CTRL,
    editor,
    focus_outline,
    node_id,
    outline_of,
    tree,
    type_why,
    whys_page,
)


@pytest.fixture
def page(view: ReviewView, qtbot: QtBot) -> WhysPage:
    return whys_page(view, qtbot)


def test_a_chain_typed_without_the_mouse(qtbot: QtBot, page: WhysPage, service: Services) -> None:
    stack = page.session.stack
    page.new_button.setFocus()
    qtbot.waitUntil(page.new_button.hasFocus)
    qtbot.keyClick(page.new_button, Qt.Key.Key_N, SHIFT_CTRL)  # New tree, the problem in edit
    type_why(qtbot, page, "Checkout failed for 47 minutes", Qt.Key.Key_Tab)  # Tab: why?
    type_why(qtbot, page, "The pool ran out of connections", Qt.Key.Key_Tab)
    type_why(qtbot, page, "The pool was cut from 40 to 8", Qt.Key.Key_Return)  # a sibling
    type_why(qtbot, page, "The alert waited 5 minutes", Qt.Key.Key_Backtab)  # up a level
    assert editor(page).toPlainText() == "The alert waited 5 minutes"  # still typing
    qtbot.keyClick(editor(page), Qt.Key.Key_Return)  # saved; the next answer is opened
    assert page.model.pending is not None
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)  # abandoned: nothing is stored
    assert outline_of(service, page) == [
        "Checkout failed for 47 minutes",
        "  The pool ran out of connections",
        "    The pool was cut from 40 to 8",
        "  The alert waited 5 minutes",
    ]
    alert = node_id(service, page, "The alert waited 5 minutes")
    assert page.outline.current_key() == alert  # focus followed the new why
    assert page.outline.hasFocus()
    # One step for the new tree with its problem, one per why.
    assert stack.count() == 4

    qtbot.keyClick(page.outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert outline_of(service, page)[1] == "  The alert waited 5 minutes"
    cut = node_id(service, page, "The pool was cut from 40 to 8")
    focus_outline(qtbot, page, cut)
    qtbot.keyClick(page.outline, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert outline_of(service, page) == [
        "Checkout failed for 47 minutes",
        "  The alert waited 5 minutes",
        "  The pool ran out of connections",
        "  The pool was cut from 40 to 8",
    ]
    assert page.outline.current_key() == cut
    qtbot.keyClick(page.outline, Qt.Key.Key_Delete)
    assert outline_of(service, page)[3:] == []
    assert page.outline.current_key() == node_id(service, page, "The pool ran out of connections")
    assert page.session.undo()  # the delete
    assert page.session.undo()  # Shift+Tab
    assert page.session.undo()  # Alt+Up
    assert outline_of(service, page) == [
        "Checkout failed for 47 minutes",
        "  The pool ran out of connections",
        "    The pool was cut from 40 to 8",
        "  The alert waited 5 minutes",
    ]
    for _ in range(4):
        assert page.session.undo()
    assert service.reviews.get_review(page.session.review_id).trees == []
    assert page.stack.currentWidget() is page.empty
    assert page.session.redo()
    assert outline_of(service, page) == ["Checkout failed for 47 minutes"]


def test_tab_enter_and_f2_on_the_outline(qtbot: QtBot, page: WhysPage, service: Services) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Deploys failed")
    first = service.whys.add_node(tree_id, None, "The canary was skipped")
    page.session.reload()
    focus_outline(qtbot, page, first)
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)  # asks why of the current answer
    assert page.model.pending is not None and page.model.pending.parent == first
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)  # Esc on an empty answer drops it
    assert page.model.pending is None and page.outline.current_key() == first
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)
    type_why(qtbot, page, "Config changes have no canary stage", Qt.Key.Key_Escape)
    # Esc stops typing and keeps the words.
    assert outline_of(service, page) == [
        "Deploys failed",
        "  The canary was skipped",
        "    Config changes have no canary stage",
    ]
    focus_outline(qtbot, page, first)
    qtbot.keyClick(page.outline, Qt.Key.Key_Return)  # the next answer to the problem
    type_why(qtbot, page, "Rollbacks take 10 minutes", Qt.Key.Key_Return)
    qtbot.keyClick(editor(page), Qt.Key.Key_Return)  # Enter on an empty answer ends the run
    assert page.model.pending is None and page.outline.hasFocus()
    qtbot.keyClick(page.outline, Qt.Key.Key_F2)
    edit = editor(page)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # keys in the editor type; they move nothing
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "s at least")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert outline_of(service, page) == [
        "Deploys failed",
        "  The canary was skipped",
        "    Config changes have no canary stage",
        "  Rollbacks take 10 minutes at least",
    ]
    assert page.session.undo()
    assert outline_of(service, page)[3] == "  Rollbacks take 10 minutes"
    # A click elsewhere leaves a new answer that is still empty: it goes, nothing is stored.
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)
    assert page.model.pending is not None
    rect = page.outline.visualRect(page.model.index_of(PROBLEM))
    qtbot.mouseClick(page.outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.model.pending is None)
    assert page.outline.current_key() == PROBLEM
    assert len(tree(service, page).nodes) == 3
    # Delete on the problem keeps the tree and says how to delete it.
    focus_outline(qtbot, page, PROBLEM)
    qtbot.keyClick(page.outline, Qt.Key.Key_Delete)
    assert "Delete tree" in page.message.text()
    assert len(service.reviews.get_review(page.session.review_id).trees) == 1
    # Tab asks why in the outline; Ctrl+Tab leaves it.
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not page.outline.hasFocus() and page.model.pending is None


def test_typing_is_saved_while_the_editor_stays_open(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    page.session.reload()
    focus_outline(qtbot, page, PROBLEM)
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)
    edit = editor(page)
    qtbot.keyClicks(edit, "The pool ran out")
    qtbot.waitUntil(lambda: [n.text for n in tree(service, page).nodes] == ["The pool ran out"])
    assert page.outline.editor() is edit  # the saved answer's editor stays open
    qtbot.keyClicks(edit, " of connections")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert [n.text for n in tree(service, page).nodes] == ["The pool ran out of connections"]
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)
    assert page.session.stack.count() == 1  # typed in one go: one step
    assert page.session.undo()
    assert service.reviews.get_review(page.session.review_id).trees[0].id == tree_id
    assert tree(service, page).nodes == []


def test_closing_with_an_answer_half_typed_saves_it(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    service.whys.add_tree(page.session.review_id, "Checkout failed")
    page.session.reload()
    focus_outline(qtbot, page, PROBLEM)
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor(page), "Half an answer")
    assert page.session.flush()  # as switching pages or closing does
    assert [n.text for n in tree(service, page).nodes] == ["Half an answer"]
    assert PENDING not in page.model.row_keys()


def test_a_signed_off_review_is_read_not_changed(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    why = service.whys.add_node(tree_id, None, "The pool ran out")
    page.session.reload()
    assert page.detail is not None
    page.detail = dataclasses.replace(page.detail, status="final")
    focus_outline(qtbot, page, why)
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_F2, Qt.Key.Key_Delete):
        qtbot.keyClick(page.outline, key)
        assert page.outline.editor() is None and page.model.pending is None
    assert "signed off" in page.message.text()
    assert not page.new_tree() and page.edit_problem() is None
    assert outline_of(service, page) == ["Checkout failed", "  The pool ran out"]
    # Reading goes on: the drawing still selects.
    rect = page.drawing.box_rect(PROBLEM)
    assert rect is not None
    qtbot.mouseClick(page.drawing, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert page.outline.current_key() == PROBLEM
