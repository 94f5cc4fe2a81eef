"""The Action items page's "Not covered yet" list of open factors shows whole cards, under
the table or beside it, at 1,024 x 768 and at 1,920 x 1,080."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.factor_links import OpenFactorsPanel
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_themes import open_demo

OPEN_FACTORS = (
    "No alert covers connection-pool saturation on payment-svc before requests queue",
    "Config changes skip the canary stage that code deploys go through",
    "The runbook for checkout errors does not mention recent config changes",
)


def with_open_factors(window: MainWindow, service: Services) -> tuple[ReviewView, ActionsPage]:
    """The demo review with three factors that no item closes, on its Action items page."""
    view = open_demo(window, service)
    layer = service.reviews.get_review(view.review_id).layers[1].id
    for text in OPEN_FACTORS:
        service.factors.add_factor(view.review_id, text, layer_id=layer)
    view.session.reload()
    page = view.show_page("actions")
    assert isinstance(page, ActionsPage)
    return view, page


def cut_cards(panel: OpenFactorsPanel) -> list[str]:
    """The cards the list shows only in part."""
    shown = panel.scroll.viewport().rect()
    cut = []
    for card in panel.cards():
        rect = QRect(card.mapTo(panel.scroll.viewport(), QPoint(0, 0)), card.size())
        if rect.intersects(shown) and not shown.contains(rect):
            cut.append(f"{card.findChild(type(panel.title)).text()}: {rect} in {shown}")
    return cut


def whole_cards(panel: OpenFactorsPanel) -> int:
    shown = panel.scroll.viewport().rect()
    return sum(
        1
        for card in panel.cards()
        if shown.contains(QRect(card.mapTo(panel.scroll.viewport(), QPoint(0, 0)), card.size()))
    )


@pytest.mark.parametrize(("size", "cards"), [((1024, 768), 1), ((1920, 1080), 3)])
def test_not_covered_yet_shows_whole_cards(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: Services,
    size: tuple[int, int],
    cards: int,
) -> None:
    window = make_window(service)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    _view, page = with_open_factors(window, service)
    panel = page.open_factors
    qtbot.waitUntil(lambda: panel.isVisible() and len(panel.cards()) == 3)
    qtbot.waitUntil(lambda: whole_cards(panel) >= cards and cut_cards(panel) == [])
    assert page.table.rowHeight(0) <= page.table.viewport().height()  # an item shows whole
