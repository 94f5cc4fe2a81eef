"""The 5 Whys page: typing chains by keyboard, flags, "can the team change it?", factors,
the drawing, and undo for every change."""

from __future__ import annotations

import dataclasses

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.review.data import WhyTreeData
from clearsight.services.root import Services
from clearsight.ui import style
from clearsight.ui.flags.highlighter import FlagHighlighter
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.whys.model import CAN, OPEN, PENDING
from clearsight.ui.whys.page import WhysPage
from clearsight.ui.whys.prompt import QUESTION

# The offscreen platform can neither raise a popup menu nor give it the keyboard.
OFFSCREEN_POPUP = ("This plugin does not support raise", "This plugin does not support grab")
SHIFT_CTRL = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(view: ReviewView, qtbot: QtBot) -> WhysPage:
    whys = view.show_page("whys")
    assert isinstance(whys, WhysPage)
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    return whys


def tree(service: Services, page: WhysPage, number: int = 0) -> WhyTreeData:
    return service.reviews.get_review(page.session.review_id).trees[number]


def outline_of(service: Services, page: WhysPage, number: int = 0) -> list[str]:
    """The stored tree as indented lines: the problem, then each why under its parent."""
    t = tree(service, page, number)
    lines = [t.problem]

    def walk(parent: int | None, depth: int) -> None:
        for node in t.children(parent):
            lines.append("  " * depth + node.text)
            walk(node.id, depth + 1)

    walk(None, 1)
    return lines


def node_id(service: Services, page: WhysPage, text: str) -> int:
    return next(
        n.id
        for t in service.reviews.get_review(page.session.review_id).trees
        for n in t.nodes
        if n.text == text
    )


def editor(page: WhysPage) -> QPlainTextEdit:
    edit = page.outline.editor()
    assert edit is not None, "no editor is open"
    return edit


def type_why(qtbot: QtBot, page: WhysPage, text: str, key: Qt.Key) -> None:
    """Type ``text`` in the open editor and end it with ``key``."""
    edit = editor(page)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, key)


def focus_outline(qtbot: QtBot, page: WhysPage, key: int) -> None:
    assert page.outline.select_key(key)
    page.outline.setFocus()
    qtbot.waitUntil(page.outline.hasFocus)


def flagged(edit: QPlainTextEdit) -> list[tuple[int, int]]:
    ranges = edit.document().firstBlock().layout().formats()
    return [
        (r.start, r.start + r.length)
        for r in ranges
        if r.format.underlineColor() == QColor(style.BLAME_LINE)
    ]


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


def test_a_person_as_the_cause_is_flagged_with_the_question(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    priya = service.people.add_person("Priya Raman", "priya")
    service.reviews.add_participant(page.session.review_id, priya, "attendee")
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    blamed = service.whys.add_node(tree_id, None, "because Priya skipped the check")
    page.session.reload()
    index = page.model.index_of(blamed)
    spans = page.outline.delegate.item_spans(index)
    assert [(s.snippet, s.finding.category) for s in spans] == [
        ("Priya skipped", "person-as-cause")
    ]
    focus_outline(qtbot, page, blamed)
    assert page.reframe.isVisible()
    assert spans[0].finding.question in page.reframe.text()
    qtbot.keyClick(page.outline, Qt.Key.Key_F2)
    edit = editor(page)
    assert flagged(edit) == [(8, 21)]
    [highlighter] = edit.findChildren(FlagHighlighter)
    assert highlighter.place == f"why:{blamed}"
    assert spans[0].finding.question in highlighter.tooltip_at(10)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    focus_outline(qtbot, page, PROBLEM)
    assert page.reframe.isHidden()
    # The Language panel lists it, and its jump opens the why with the words selected.
    view = page.parentWidget()
    while not isinstance(view, ReviewView):
        view = view.parentWidget()
    qtbot.waitUntil(lambda: any(r.place.place == f"why:{blamed}" for r in view.flags.found))
    found = next(r for r in view.flags.found if r.place.place == f"why:{blamed}")
    view.show_page("summary")
    assert view.show_finding(found)
    assert view.current_key() == "whys"
    assert editor(page).textCursor().selectedText() == "Priya skipped"


def test_five_deep_asks_whether_the_team_can_change_it(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    service.whys.add_tree(page.session.review_id, "Checkout failed")
    page.session.reload()
    focus_outline(qtbot, page, PROBLEM)
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)
    for n in range(1, 5):
        type_why(qtbot, page, f"answer {n}", Qt.Key.Key_Tab)
        assert page.prompt.isHidden()
    type_why(qtbot, page, "Staging has no production-shaped load test", Qt.Key.Key_Return)
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)
    fifth = node_id(service, page, "Staging has no production-shaped load test")
    assert page.model.depth(fifth) == 5
    assert page.prompt.isVisible() and page.prompt.key == fifth
    assert page.prompt.question.text() == QUESTION
    assert page.model.status(fifth) == ("open", OPEN)
    # Alt+Y answers from where the typing is.
    focus_outline(qtbot, page, fifth)
    qtbot.keyClick(page.outline, Qt.Key.Key_Return)
    qtbot.keyClick(editor(page), Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.prompt.isHidden)
    assert tree(service, page).nodes[-1].changeable is True
    assert page.model.status(fifth) == ("can", CAN)
    assert page.drawing.info[fifth].status == "can"
    assert page.session.undo()
    assert tree(service, page).nodes[-1].changeable is None

    # Asked for, on a shallower why: the keyboard lands on Yes; No asks why again at once.
    second = node_id(service, page, "answer 2")
    service.whys.delete_node(node_id(service, page, "answer 3"))
    page.session.reload()
    focus_outline(qtbot, page, second)
    qtbot.keyClick(page.outline, Qt.Key.Key_C, SHIFT_CTRL)
    assert page.prompt.isVisible() and page.prompt.yes_button.hasFocus()
    page.prompt.no_button.click()
    stored = {n.id: n.changeable for n in tree(service, page).nodes}
    assert stored[second] is False
    assert page.model.pending is not None and page.model.pending.parent == second
    assert page.outline.editor() is not None
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)
    assert "ask why again" in page.model.status(second)[1]


# The offscreen platform can neither raise a popup menu nor give it the keyboard.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grab"
)
def test_a_why_becomes_a_contributing_factor_and_undo_takes_it_back(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    rid = page.session.review_id
    tree_id = service.whys.add_tree(rid, "Checkout failed")
    why = service.whys.add_node(tree_id, None, "Config changes skip the canary stage")
    other = service.factors.add_factor(rid, "No pool saturation alert")
    page.session.reload()
    focus_outline(qtbot, page, why)
    menu = page.factor_menu.build(why)
    layers = service.reviews.get_review(rid).layers
    canary = next(x for x in layers if x.name == "Deploy and canary gate")
    [make] = [a for a in menu.actions() if a.text().endswith("Deploy and canary gate")]
    make.trigger()
    factors = service.reviews.get_review(rid).factors
    made = next(f for f in factors if f.id != other)
    assert (made.text, made.layer_id, made.node_ids) == (
        "Config changes skip the canary stage",
        canary.id,
        (why,),
    )
    assert page.model.factors_of(why) == ["Factor 2 \u00b7 Deploy and canary gate"]
    assert page.drawing.info[why].factors == ("Factor 2 \u00b7 Deploy and canary gate",)
    # Link to a factor that exists, from the submenu.
    menu = page.factor_menu.build(why)
    [link_menu] = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert isinstance(link_menu, QMenu)
    [link] = [a for a in link_menu.actions() if "No pool saturation alert" in a.text()]
    link.trigger()
    assert why in next(f for f in service.reviews.get_review(rid).factors if f.id == other).node_ids
    assert page.session.undo()
    assert next(f for f in service.reviews.get_review(rid).factors if f.id == other).node_ids == ()
    assert page.session.undo()
    assert [f.id for f in service.reviews.get_review(rid).factors] == [other]
    assert page.model.factors_of(why) == []
    assert page.session.redo()
    [again] = [f for f in service.reviews.get_review(rid).factors if f.id != other]
    assert again.node_ids == (why,) and again.layer_id == canary.id
    # The keyboard way: Ctrl+Shift+F opens the menu at the why.
    shown: list[QMenu] = []
    page.factor_menu_shown.connect(shown.append)
    qtbot.keyClick(page.outline, Qt.Key.Key_F, SHIFT_CTRL)
    assert shown and shown[0].isVisible()
    assert shown[0].title() == "Make this a contributing factor"
    shown[0].close()


def test_deleting_a_linked_why_keeps_the_factor_and_undo_links_it_again(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    rid = page.session.review_id
    tree_id = service.whys.add_tree(rid, "Checkout failed")
    parent = service.whys.add_node(tree_id, None, "The pool ran out")
    child = service.whys.add_node(tree_id, parent, "Staging has a tenth of the load")
    factor = service.factors.add_factor(
        rid, "Staging cannot show pool exhaustion", None, node_id=child
    )
    service.whys.add_node(tree_id, None, "The alert waited 5 minutes")  # so undo gives new ids
    page.session.reload()
    focus_outline(qtbot, page, parent)
    qtbot.keyClick(page.outline, Qt.Key.Key_Delete)  # the why and its answer
    [kept] = service.reviews.get_review(rid).factors
    assert (kept.id, kept.text, kept.node_ids) == (
        factor,
        "Staging cannot show pool exhaustion",
        (),
    )
    assert [n.text for n in tree(service, page).nodes] == ["The alert waited 5 minutes"]
    assert page.session.undo()
    restored = node_id(service, page, "Staging has a tenth of the load")
    assert restored != child
    assert service.reviews.get_review(rid).factors[0].node_ids == (restored,)
    assert page.model.factors_of(restored) == ["Factor 1"]
    assert page.session.redo()  # the Ref followed the new id: the redo deletes it again
    assert service.reviews.get_review(rid).factors[0].node_ids == ()
    assert page.session.undo()
    assert len(tree(service, page).nodes) == 3


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


@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grab"
)
def test_context_menu_offers_the_page_actions(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    why = service.whys.add_node(tree_id, None, "The pool ran out")
    page.session.reload()
    menu = page.context_menu_for(why)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Is this something the team can change?\u2026" in texts
    assert "Make this a contributing factor" in texts
    assert "Delete (with its answers)" in texts
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["Ask why (add an answer to this)"] == "Tab"
    # The factor submenu outlives being closed while its menu is open, then goes with it.
    [factors] = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert isinstance(factors, QMenu)
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    factors.popup(QPoint(10, 10))
    qtbot.waitUntil(factors.isVisible)
    factors.hide()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shiboken6.isValid(factors)
    menu.hide()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(menu) and not shiboken6.isValid(factors)


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
