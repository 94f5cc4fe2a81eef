"""Contributing factors: layers, factors typed on the entry line, accepted risk, the diagram."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui import style
from clearsight.ui.factors.diagram import SwissDiagram
from clearsight.ui.factors.model import (
    COL_ACTIONS,
    COL_LAYER,
    COL_NUMBER,
    COL_RISK,
    COL_STATUS,
    COL_TEXT,
    COL_WHYS,
    SORT_ROLE,
    FactorsModel,
)
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.factors.risk import AcceptRiskDialog
from clearsight.ui.shell.review_view import ReviewView

DEFAULT_LAYERS = [
    "Code review",
    "Tests and staging",
    "Deploy and canary gate",
    "Monitoring and alerting",
    "Runbook and response",
]
POOL = "Staging runs with a tenth of production's connection pool, so exhaustion hides there."
CANARY = "Configuration changes skip the canary stage and reach every instance at once."


@pytest.fixture
def page(view: ReviewView) -> FactorsPage:
    factors = view.show_page("factors")
    assert isinstance(factors, FactorsPage)
    return factors


def layer_names(service: Services, review_id: int) -> list[str]:
    layers = service.reviews.get_review(review_id).layers
    return [x.name for x in sorted(layers, key=lambda x: x.position)]


def type_factor(qtbot: QtBot, page: FactorsPage, text: str) -> None:
    page.entry.clear()
    qtbot.keyClicks(page.entry, text)
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)


def choose_layer(page: FactorsPage, name: str) -> None:
    row = page.layers.names().index(name)
    page.layers.list.setCurrentRow(row)


def stored(service: Services, review_id: int) -> list[tuple[str, str | None]]:
    """(text, layer name) of each factor, in list order."""
    detail = service.reviews.get_review(review_id)
    names = {x.id: x.name for x in detail.layers}
    return [(f.text, names.get(f.layer_id or 0)) for f in detail.factors]


# ---- layers -----------------------------------------------------------------------------------
def test_a_new_review_starts_with_the_usual_defense_layers(
    page: FactorsPage, service: Services, review_id: int
) -> None:
    assert page.layers.names() == DEFAULT_LAYERS
    assert [s.name for s in page.diagram.layout_.slices] == DEFAULT_LAYERS
    assert page.target.currentText() == "Code review"  # where a typed factor goes
    assert layer_names(service, review_id) == DEFAULT_LAYERS


def test_add_rename_move_and_remove_a_layer_each_undo(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    qtbot.keyClicks(page.layers.entry, "Feature flags")
    qtbot.keyClick(page.layers.entry, Qt.Key.Key_Return)
    assert layer_names(service, review_id) == [*DEFAULT_LAYERS, "Feature flags"]
    assert page.layers.entry.text() == ""
    assert page.layers.current_id() is not None
    assert page.target.currentText() == "Feature flags"  # the new layer is the chosen one
    assert page.diagram.layout_.slices[-1].name == "Feature flags"

    # Rename in place (F2 opens the editor; here the item is edited as the editor would).
    page.layers.list.item(5).setText("Feature flags and kill switches")
    assert layer_names(service, review_id)[-1] == "Feature flags and kill switches"

    # Alt+Up moves it one slice to the left.
    choose_layer(page, "Feature flags and kill switches")
    page.layers.list.setFocus()
    qtbot.keyClick(page.layers.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert layer_names(service, review_id)[4:] == [
        "Feature flags and kill switches",
        "Runbook and response",
    ]
    assert page.layers.current_id() is not None
    assert page.layers.list.currentItem().text() == "Feature flags and kill switches"

    # Del removes it.
    qtbot.keyClick(page.layers.list, Qt.Key.Key_Delete)
    assert layer_names(service, review_id) == DEFAULT_LAYERS
    assert page.layers.names() == DEFAULT_LAYERS

    assert view.undo()  # back, in its place
    assert layer_names(service, review_id)[4] == "Feature flags and kill switches"
    assert view.undo()  # the move
    assert layer_names(service, review_id)[5] == "Feature flags and kill switches"
    assert view.undo()  # the rename
    assert layer_names(service, review_id)[5] == "Feature flags"
    assert view.undo()  # the add
    assert layer_names(service, review_id) == DEFAULT_LAYERS
    assert view.redo() and view.redo()
    assert layer_names(service, review_id)[5] == "Feature flags and kill switches"


def test_an_emptied_or_duplicate_layer_name_is_refused(
    qtbot: QtBot, page: FactorsPage, service: Services, review_id: int
) -> None:
    page.layers.list.item(0).setText("   ")
    assert page.layers.names()[0] == "Code review"
    assert not page.layers.add("code review")
    assert "already" in page.message.text()
    assert layer_names(service, review_id) == DEFAULT_LAYERS


def test_removing_a_layer_keeps_its_factors_and_undo_puts_them_back(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    choose_layer(page, "Tests and staging")
    type_factor(qtbot, page, POOL)
    choose_layer(page, "Tests and staging")
    assert page.layers.delete_current()
    assert stored(service, review_id) == [(POOL, None)]
    assert page.diagram.layout_.slices[-1].name == "No layer yet"
    assert "its 1 factor is in no layer now" in page.message.text()
    assert view.undo()
    assert stored(service, review_id) == [(POOL, "Tests and staging")]


# ---- factors ----------------------------------------------------------------------------------
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
    assert page.select_text(f"risk:{factor}", 6, 15, "obviously")
    editor = page.table.indexWidget(page.proxy.index(0, COL_RISK))
    assert isinstance(editor, QPlainTextEdit)
    assert editor.textCursor().selectedText() == "obviously"
    assert not page.select_text("lesson:1", 0, 1, "x")


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


# ---- the diagram ------------------------------------------------------------------------------
def test_an_open_hole_is_marked_and_clicking_it_selects_the_factor(
    qtbot: QtBot, page: FactorsPage, service: Services, review_id: int
) -> None:
    choose_layer(page, "Tests and staging")
    type_factor(qtbot, page, POOL)
    choose_layer(page, "Monitoring and alerting")
    type_factor(qtbot, page, CANARY)
    first, second = service.reviews.get_review(review_id).factors
    service.factors.set_factor(second.id, accepted_risk=True, accepted_reason="Covered elsewhere.")
    page.session.reload()
    holes = {h.factor_id: h for h in page.diagram.layout_.holes}
    assert holes[first.id].open and holes[first.id].label == "F1"
    assert not holes[second.id].open
    qtbot.waitUntil(lambda: page.diagram.isVisible() and page.diagram.width() > 0)
    # Painted: red ring at the open hole's edge, none at the other.
    image = page.diagram.grab().toImage()
    ratio = page.diagram.devicePixelRatioF()
    for fid, want_red in ((first.id, True), (second.id, False)):
        center = page.diagram.hole_center(fid)
        hole = holes[fid]
        # The top of the ring: away from the arrow, which is red too.
        edge = QPointF(center.x(), center.y() - hole.ry * page.diagram.scale)
        colours = [
            image.pixelColor(int(edge.x() * ratio), int((edge.y() + dy) * ratio))
            for dy in (-2, -1, 0, 1, 2)
        ]
        red = any(c.red() > 150 and c.green() < 80 and c.blue() < 80 for c in colours)
        assert red == want_red
    # Clicking the first hole selects its factor in the list.
    page.select_factor(second.id)
    point = page.diagram.hole_center(first.id).toPoint()
    qtbot.mouseClick(page.diagram, Qt.MouseButton.LeftButton, pos=point)
    assert page.selected_ids() == [first.id]
    assert page.diagram.selected_factor == first.id
    assert "Open: no action" in page.diagram.tooltip_at(QPointF(point))
    assert POOL in page.diagram.tooltip_at(QPointF(point))
    # Clicking a slice away from its holes chooses the layer for the next factor.
    piece = next(s for s in page.diagram.layout_.slices if s.name == "Code review")
    bottom = page.diagram.to_widget(piece.x + piece.w / 2, piece.y + piece.h - 5).toPoint()
    qtbot.mouseClick(page.diagram, Qt.MouseButton.LeftButton, pos=bottom)
    assert page.target.currentText() == "Code review"


def test_double_clicking_a_hole_opens_the_factor_for_editing(
    qtbot: QtBot, page: FactorsPage, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, POOL)
    [factor] = service.reviews.get_review(review_id).factors
    qtbot.waitUntil(lambda: page.diagram.width() > 0)
    point = page.diagram.hole_center(factor.id).toPoint()
    qtbot.mouseDClick(page.diagram, Qt.MouseButton.LeftButton, pos=point)
    editor = page.table.indexWidget(page.proxy.index(0, COL_TEXT))
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText() == POOL


def test_a_vague_factor_is_flagged_in_the_caution_colour(
    qtbot: QtBot, page: FactorsPage, view: ReviewView, service: Services, review_id: int
) -> None:
    type_factor(qtbot, page, "Insufficient testing.")
    index = page.proxy.index(0, COL_TEXT)
    spans = page.delegate.spans(index)
    assert [s.snippet for s in spans] == ["Insufficient"]
    assert spans[0].finding.severity == "caution"
    # Painted in the cell: the caution fill behind the word.
    page.table.clearSelection()
    image = page.table.viewport().grab().toImage()
    rect = page.table.visualRect(index)
    ratio = page.table.devicePixelRatioF()
    fill = QColor(*style.CAUTION_FILL)
    row = [
        image.pixelColor(int(x * ratio), int((rect.top() + rect.height() / 2) * ratio))
        for x in range(rect.left(), rect.left() + 60)
    ]
    assert any(c.red() > 200 and c.blue() < 170 and c.green() > 150 for c in row), fill
    # The editor shows the flag as the user types, through the live highlighter.
    editor = page.edit_factor(page.model.factors[0].id, COL_TEXT)
    assert isinstance(editor, QPlainTextEdit)
    ranges = editor.document().firstBlock().layout().formats()
    assert [(r.start, r.length) for r in ranges] == [(0, len("Insufficient"))]
    assert ranges[0].format.underlineColor() == QColor(style.CAUTION_LINE)
    # And the Language panel lists it, and jumps back to it.
    qtbot.waitUntil(lambda: len(view.language.model.rows) == 1)
    view.show_page("summary")
    view.language.choose(0)
    assert view.current_key() == "factors"
    editor = page.table.indexWidget(page.proxy.index(0, COL_TEXT))
    assert isinstance(editor, QPlainTextEdit)
    assert editor.textCursor().selectedText() == "Insufficient"


# ---- the model, without widgets ---------------------------------------------------------------
def test_the_model_numbers_links_and_asks_for_a_reason(
    service: Services, review_id: int, qapp: QApplication
) -> None:
    tree = service.whys.add_tree(review_id, "Checkout returned errors")
    node = service.whys.add_node(tree, None, "The pool was cut")
    a1 = service.actions.add_action(review_id, "Canary config changes")
    a2 = service.actions.add_action(review_id, "Alert on pool waits")
    factor = service.factors.add_factor(review_id, POOL, node_id=node)
    service.actions.link_action_factor(a2, factor)
    service.factors.add_factor(review_id, CANARY)
    detail = service.reviews.get_review(review_id)
    model = FactorsModel()
    model.set_review(detail.factors, detail.layers, detail.trees, detail.actions)
    assert model.rowCount() == 2 and model.columnCount() == 7
    assert model.index(0, COL_WHYS).data() == "The pool was cut"
    assert model.index(0, COL_ACTIONS).data() == "A2"
    assert "A2: Alert on pool waits" in model.index(0, COL_ACTIONS).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(0, COL_LAYER).data() == "No layer yet"
    assert model.index(1, COL_STATUS).data() == "Open"
    asked: list[int] = []
    model.accept_requested.connect(asked.append)
    model.setData(
        model.index(1, COL_RISK), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert asked == [detail.factors[1].id]
    refused: list[str] = []
    model.edit_refused.connect(refused.append)
    assert not model.setData(model.index(1, COL_TEXT), "  ")
    assert refused and "needs a text" in refused[0]
    assert not model.index(0, 0).parent().isValid()
    assert model.rowCount(model.index(0, 0)) == 0
    assert a1 not in detail.factors[0].action_ids
    assert QModelIndex() == model.index(5, 0)
    # Sorted through a proxy: by what closes them (the open one last), by status (open first).
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(COL_ACTIONS)
    assert [proxy.index(r, COL_NUMBER).data() for r in range(2)] == ["F1", "F2"]
    proxy.sort(COL_STATUS)
    assert [proxy.index(r, COL_NUMBER).data() for r in range(2)] == ["F2", "F1"]
    proxy.sort(COL_TEXT, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, COL_TEXT).data() for r in range(2)] == [POOL, CANARY]


def test_a_diagram_with_no_layers_says_so(qtbot: QtBot) -> None:
    diagram = SwissDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(400, 200)
    diagram.set_review([], [])
    assert diagram.hole_at(QPointF(10, 10)) is None
    assert diagram.grab().width() > 0
    assert diagram.tooltip_at(QPointF(QPoint(5, 5))) == ""
