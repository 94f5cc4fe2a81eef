"""The factors' item model without widgets: numbers, links, sorting, and the reason an
accepted risk asks for."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication

from clearsight.services.root import Services
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
from tests.gui.helpers_factors import CANARY, POOL


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
