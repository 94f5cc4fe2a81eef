"""Contributing factors: typed on the entry line into the chosen layer, edited in their cells,
accepted as risks with a reason, deleted, moved, sorted and linked, each with undo. (Also:
test_factor_layers.py, test_factor_diagram.py, test_factor_model.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.factors.model import (
    COL_ACTIONS,
    COL_LAYER,
    COL_NUMBER,
    COL_RISK,
    COL_STATUS,
    COL_TEXT,
    COL_WHYS,
)
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.factors.risk import AcceptRiskDialog
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_factors import CANARY, POOL, choose_layer, factors_page, stored, type_factor


@pytest.fixture
def page(view: ReviewView) -> FactorsPage:
    return factors_page(view)


def test_enter_adds_a_factor_to_the_chosen_layer_and_undo_removes_it(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    choose_layer(page, "Tests and staging")
    type_factor(qtbot, page, POOL)
    assert stored(service, review_id) == [(POOL, "Tests and staging")]
    assert page.entry.text() == ""
    assert page.entry.hasFocus() or not page.window().isActiveWindow()
    # Alt+Down on the entry line picks the next layer for the next factor.
    qtbot.keyClick(page.entry, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.target.currentText() == "Deploy and canary gate"
    type_factor(qtbot, page, CANARY)
    assert stored(service, review_id) == [
        (POOL, "Tests and staging"),
        (CANARY, "Deploy and canary gate"),
    ]
    model = page.proxy
    assert model.index(1, COL_NUMBER).data() == "F2"
    assert model.index(1, COL_LAYER).data() == "Deploy and canary gate"
    assert model.index(1, COL_STATUS).data() == "Open"
    assert page.selected_ids() == [service.reviews.get_review(review_id).factors[1].id]
    # An empty line adds nothing.
    type_factor(qtbot, page, "   ")
    assert len(stored(service, review_id)) == 2
    assert view.undo()
    assert stored(service, review_id) == [(POOL, "Tests and staging")]
    assert view.redo()
    assert len(stored(service, review_id)) == 2


def test_change_a_factors_layer_in_its_cell_and_undo(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, POOL)  # into Code review, the first layer
    [factor] = service.reviews.get_review(review_id).factors
    editor = page.edit_factor(factor.id, COL_LAYER)
    assert isinstance(editor, QComboBox)
    assert editor.currentText() == "Code review"
    editor.setCurrentIndex(editor.findText("Tests and staging"))
    editor.activated.emit(editor.currentIndex())
    assert stored(service, review_id) == [(POOL, "Tests and staging")]
    assert page.proxy.index(0, COL_LAYER).data() == "Tests and staging"
    assert [h.cx for h in page.diagram.layout_.holes] == [
        next(s.x + s.w / 2 for s in page.diagram.layout_.slices if s.name == "Tests and staging")
    ]
    assert view.undo()
    assert stored(service, review_id) == [(POOL, "Code review")]


def test_f2_edits_the_text_and_enter_saves_it(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, "Pool too small.")
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, COL_NUMBER))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.indexWidget(page.proxy.index(0, COL_TEXT))
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, POOL)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored(service, review_id) == [(POOL, "Code review")]
    assert view.undo()
    assert stored(service, review_id) == [("Pool too small.", "Code review")]


def test_ctrl_z_inside_an_open_factor_editor_saves_then_undoes(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, "Pool too small.")
    view.window().activateWindow()
    editor = page.edit_factor(page.model.factors[0].id, COL_TEXT)
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, POOL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The half-finished edit went through the stack first, so one undo takes it back.
    assert stored(service, review_id) == [("Pool too small.", "Code review")]
    assert view.redo()
    assert stored(service, review_id) == [(POOL, "Code review")]
    assert page.proxy.index(0, COL_TEXT).data() == POOL


def test_the_language_panel_opens_an_accepted_risks_reason(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    factor = service.factors.add_factor(review_id, POOL)
    service.factors.set_factor(factor, accepted_risk=True, accepted_reason="It is obviously fine.")
    view.session.reload()
    window = view.window()
    window.resize(1900, 1000)  # room for the accepted risk's column
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(COL_RISK))
    assert page.select_text(f"risk:{factor}", 6, 15, "obviously")
    editor = page.table.indexWidget(page.proxy.index(0, COL_RISK))
    assert isinstance(editor, QPlainTextEdit)
    assert editor.textCursor().selectedText() == "obviously"
    assert not page.select_text("lesson:1", 0, 1, "x")
    # On a narrow page the column gives way, and the reason opens in the dialog.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: page.table.isColumnHidden(COL_RISK))
    status = page.proxy.index(0, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert status == "Accepted risk: It is obviously fine."
    assert page.select_text(f"risk:{factor}", 6, 15, "obviously")
    dialog = page.findChild(AcceptRiskDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.reason.textCursor().selectedText() == "obviously"
    dialog.reject()
    qtbot.waitUntil(lambda: page.findChild(AcceptRiskDialog) is None)
    # So does the factor's menu.
    menu = page.menu_for(factor)
    [edit] = [a for a in menu.actions() if a.text().startswith("Edit the accepted risk")]
    edit.trigger()
    dialog = page.findChild(AcceptRiskDialog)
    assert dialog is not None and dialog.reason.toPlainText() == "It is obviously fine."
    dialog.reject()


def test_accepting_a_risk_needs_a_reason(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, POOL)
    [factor] = service.reviews.get_review(review_id).factors
    # The service refuses an acceptance without a reason, and says why.
    assert not page.accept_risk(factor.id, "  ")
    assert "needs a reason" in view.session.problems()[-1].message
    assert not service.reviews.get_review(review_id).factors[0].accepted_risk
    # Ticking the box asks for the reason; the dialog cannot accept without one.
    index = page.proxy.index(0, COL_RISK)
    with qtbot.waitSignal(page.model.accept_requested):
        page.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    dialog = page.findChild(AcceptRiskDialog)
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "Staging at production scale costs EUR 20,000 a month.")
    assert ok.isEnabled()
    ok.click()
    [factor] = service.reviews.get_review(review_id).factors
    assert factor.accepted_risk
    assert factor.accepted_reason == "Staging at production scale costs EUR 20,000 a month."
    assert page.proxy.index(0, COL_STATUS).data() == "Accepted risk"
    assert page.proxy.index(0, COL_RISK).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert not page.diagram.layout_.holes[0].open
    # Emptying the reason of an accepted risk is refused in the cell.
    assert not page.proxy.setData(page.proxy.index(0, COL_RISK), "")
    assert "needs a reason" in page.message.text()
    assert view.undo()
    assert not service.reviews.get_review(review_id).factors[0].accepted_risk
    assert page.diagram.layout_.holes[0].open


def test_a_reason_typed_in_the_cell_accepts_the_risk(
    page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    page.layers.add("Capacity planning")  # any layer will do
    service.factors.add_factor(review_id, CANARY)
    view.session.reload()
    assert page.proxy.setData(page.proxy.index(0, COL_RISK), "Covered by the rollout freeze.")
    [factor] = service.reviews.get_review(review_id).factors
    assert factor.accepted_risk and factor.accepted_reason == "Covered by the rollout freeze."


def test_del_deletes_factors_and_undo_brings_them_back_in_place(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    for text in ("First condition of the system.", POOL, CANARY):
        type_factor(qtbot, page, text)
    second = service.reviews.get_review(review_id).factors[1]
    page.select_factor(second.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [t for t, _ in stored(service, review_id)] == ["First condition of the system.", CANARY]
    assert page.proxy.index(1, COL_NUMBER).data() == "F2"
    assert view.undo()
    assert [t for t, _ in stored(service, review_id)] == [
        "First condition of the system.",
        POOL,
        CANARY,
    ]
    # The factor came back with a new id; the list and the diagram follow it.
    back = service.reviews.get_review(review_id).factors[1]
    assert page.model.row_of(back.id) == 1
    assert page.diagram.hole_of(back.id) is not None


def test_alt_up_moves_a_factor_and_renumbers(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, POOL)
    type_factor(qtbot, page, CANARY)
    page.table.setFocus()
    page.select_factor(service.reviews.get_review(review_id).factors[1].id)
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [t for t, _ in stored(service, review_id)] == [CANARY, POOL]
    assert page.proxy.index(0, COL_TEXT).data() == CANARY
    canary = service.reviews.get_review(review_id).factors[0].id
    hole = page.diagram.hole_of(canary)
    assert hole is not None and hole.label == "F1"
    assert hole.cy == min(h.cy for h in page.diagram.layout_.holes)  # first in its slice
    assert view.undo()
    assert [t for t, _ in stored(service, review_id)] == [POOL, CANARY]


def test_the_list_sorts_by_status_with_the_open_ones_first(
    page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    a = service.factors.add_factor(review_id, POOL)
    b = service.factors.add_factor(review_id, CANARY)
    service.factors.set_factor(a, accepted_risk=True, accepted_reason="Costs more than it saves.")
    view.session.reload()
    page.table.sortByColumn(COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert [page.proxy.index(r, COL_STATUS).data() for r in range(2)] == ["Open", "Accepted risk"]
    assert page.proxy.index(0, COL_NUMBER).data() == "F2"
    # Moving needs the list in its own order.
    page.select_factor(b)
    assert not page.move_selected(-1)
    assert "Sort the list by #" in page.message.text()


def test_links_to_whys_and_actions_show_in_the_list_and_close_the_hole(
    page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    tree = service.whys.add_tree(review_id, "Checkout returned errors")
    node = service.whys.add_node(tree, None, "The pool was cut from 50 to 5")
    factor = service.factors.add_factor(review_id, POOL)
    action = service.actions.add_action(review_id, "Alert on pool waits above 100 ms")
    view.session.reload()
    assert page.link_why(factor, node, True)
    assert page.proxy.index(0, COL_WHYS).data() == "The pool was cut from 50 to 5"
    assert page.diagram.layout_.holes[0].open
    assert page.link_action(factor, action, True)
    assert page.proxy.index(0, COL_ACTIONS).data() == "A1"
    assert page.proxy.index(0, COL_STATUS).data() == "Closed"
    assert not page.diagram.layout_.holes[0].open
    # The menu offers both links, ticked.
    menu = page.menu_for(factor)
    subs = {a.text(): a.menu() for a in menu.actions() if a.menu() is not None}
    [why] = [a for a in subs["Came from the why"].actions() if a.isCheckable()]
    assert why.isChecked()
    [closer] = subs["Closed by action"].actions()
    assert closer.isChecked() and closer.text().startswith("A1: ")
    closer.trigger()  # unticking unlinks
    assert service.reviews.get_review(review_id).factors[0].action_ids == ()
    assert page.diagram.layout_.holes[0].open
    assert view.undo()
    assert service.reviews.get_review(review_id).factors[0].action_ids == (action,)
    assert view.undo()
    assert service.reviews.get_review(review_id).factors[0].action_ids == ()
    assert view.undo()
    assert service.reviews.get_review(review_id).factors[0].node_ids == ()
