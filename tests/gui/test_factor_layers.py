"""Defense layers: the usual ones in a new review; added, renamed, moved and removed, each
with undo; empty and duplicate names refused; a removed layer's factors kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.helpers_factors import (
    DEFAULT_LAYERS,
    POOL,
    choose_layer,
    factors_page,
    layer_names,
    stored,
    type_factor,
)


@pytest.fixture
def page(view: ReviewView) -> FactorsPage:
    return factors_page(view)


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
