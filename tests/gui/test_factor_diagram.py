"""The Swiss cheese diagram: open holes marked and painted, a click selecting a hole's factor
or a slice's layer, a double click editing, vague words flagged in the list beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui import style
from clearsight.ui.factors.delegates import ROW_PADDING
from clearsight.ui.factors.diagram import SwissDiagram
from clearsight.ui.factors.model import COL_TEXT
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_factors import CANARY, POOL, choose_layer, factors_page, type_factor


@pytest.fixture
def page(view: ReviewView) -> FactorsPage:
    return factors_page(view)


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
    # Painted in the cell: the caution fill behind the word, on the text's first line (the
    # middle of the cell is between two lines where the column is narrow enough to wrap).
    page.table.clearSelection()
    image = page.table.viewport().grab().toImage()
    rect = page.table.visualRect(index)
    ratio = page.table.devicePixelRatioF()
    fill = QColor(*style.CAUTION_FILL)
    line = rect.top() + ROW_PADDING + page.table.fontMetrics().height() / 2
    row = [
        image.pixelColor(int(x * ratio), int(line * ratio))
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


def test_a_diagram_with_no_layers_says_so(qtbot: QtBot) -> None:
    diagram = SwissDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(400, 200)
    diagram.set_review([], [])
    assert diagram.hole_at(QPointF(10, 10)) is None
    assert diagram.grab().width() > 0
    assert diagram.tooltip_at(QPointF(QPoint(5, 5))) == ""
