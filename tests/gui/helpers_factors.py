"""What the contributing factor tests share: the page, two factors' words, typing a factor on
the entry line, choosing a layer, and the stored factors and layers read back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.factors.page import FactorsPage
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


def factors_page(view: ReviewView) -> FactorsPage:
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
