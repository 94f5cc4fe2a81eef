"""Why trees: one tab per problem, added, renamed and deleted with undo; and the drawing
beside the outline, which selects by click and keeps deep and long trees readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.services.root import Services
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.whys.page import WhysPage
from tests.gui.helpers_whys import editor, tree, type_why, whys_page


@pytest.fixture
def page(view: ReviewView, qtbot: QtBot) -> WhysPage:
    return whys_page(view, qtbot)


def test_trees_are_added_renamed_and_deleted_with_undo(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    rid = page.session.review_id
    first = service.whys.add_tree(rid, "Checkout failed")
    why = service.whys.add_node(first, None, "The pool ran out")
    service.factors.add_factor(rid, "Pool too small", None, node_id=why)
    page.session.reload()
    assert page.new_tree()
    type_why(qtbot, page, "It took 38 minutes to find the change", Qt.Key.Key_Escape)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "1. Checkout failed",
        "2. It took 38 minutes to find the change",
    ]
    assert page.tabs.currentIndex() == 1
    page.tabs.setCurrentIndex(0)
    assert page.model.tree is not None and page.model.tree.id == first
    edit = page.edit_problem()
    assert edit is not None
    edit.selectAll()
    qtbot.keyClicks(edit, "Checkout failed in eu-west")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # saved, and the first why is asked
    assert page.model.pending is not None and page.model.pending.parent == PROBLEM
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)
    assert tree(service, page).problem == "Checkout failed in eu-west"
    assert page.delete_tree()
    assert [t.problem for t in service.reviews.get_review(rid).trees] == [
        "It took 38 minutes to find the change"
    ]
    assert service.reviews.get_review(rid).factors[0].node_ids == ()
    assert page.session.undo()
    trees = service.reviews.get_review(rid).trees
    assert [t.problem for t in trees][0] == "Checkout failed in eu-west"
    restored = trees[0].nodes[0].id
    assert service.reviews.get_review(rid).factors[0].node_ids == (restored,)
    assert page.model.tree is not None and page.model.tree.id == trees[0].id  # its tab again
    assert page.session.undo()  # the rename
    assert page.session.undo()  # the second tree, with its problem, in one step
    assert [t.problem for t in service.reviews.get_review(rid).trees] == ["Checkout failed"]
    assert page.model.row_keys() == [PROBLEM, restored]


def test_clicking_a_box_selects_its_why(qtbot: QtBot, page: WhysPage, service: Services) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    first = service.whys.add_node(tree_id, None, "The pool ran out")
    second = service.whys.add_node(tree_id, first, "The pool was cut to 8")
    page.session.reload()
    rect = page.drawing.box_rect(second)
    assert rect is not None
    qtbot.mouseClick(page.drawing, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert page.outline.current_key() == second
    assert page.drawing.selected == second
    qtbot.mouseClick(page.drawing, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))  # no box
    assert page.outline.current_key() == second
    # Fit to window scales the drawing; a click still finds the box.
    qtbot.waitUntil(lambda: page.canvas.viewport().width() > 100)  # the drawing's side is laid out
    page.fit_box.setChecked(True)
    assert page.drawing.scale != 1.0
    rect = page.drawing.box_rect(PROBLEM)
    assert rect is not None
    qtbot.mouseClick(page.drawing, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert page.outline.current_key() == PROBLEM


def test_deep_and_long_trees_still_draw(qtbot: QtBot, page: WhysPage, service: Services) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    parent = None
    for depth in range(1, 51):
        parent = service.whys.add_node(tree_id, parent, f"why number {depth}")
    long = service.whys.add_node(tree_id, None, "word " * 400 + "x" * 300)
    page.session.reload()
    assert page.model.depth(parent) == 50  # type: ignore[arg-type]
    deep, wide = page.drawing.box_rect(parent), page.drawing.box_rect(long)  # type: ignore[arg-type]
    assert deep is not None and wide is not None
    assert deep.bottom() <= page.drawing.height() and wide.right() <= page.drawing.width()
    assert wide.height() > 20 * page.drawing.fontMetrics().height()  # wrapped, not cut
    assert not page.drawing.grab().isNull()
    index = page.model.index_of(parent)  # type: ignore[arg-type]
    assert page.outline.visualRect(index).width() >= 200  # a deep why keeps room for text
