"""The Insights page over a year of 5,000 reviews (goal: drawn in under 500 ms), on SQLite and
PostgreSQL: from Show to every chart painted, the figures worked out on the worker as the
window does it; then a click on the biggest bar, which lists its reviews.

Run: pytest tests/perf -m perf -s -k insights_page
Reported, not asserted. The baseline is an empty range on the same archive (the page's own
cost with no figures to draw).
"""

from __future__ import annotations

import statistics
import time

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from clearsight.db.store import Store
from clearsight.services.root import Services
from clearsight.ui.insights.dialog import InsightsDialog
from tests.helpers.archive import build_archive
from tests.perf.conftest import analyze, backend

pytestmark = pytest.mark.perf
REVIEWS = 5_000
RUNS = 5


@pytest.fixture
def archive(empty_store: Store) -> Store:
    with empty_store.engine.begin() as connection:
        build_archive(connection, REVIEWS)
    analyze(empty_store)
    return empty_store


def _drawn(qtbot: QtBot, dialog: InsightsDialog) -> float:
    start = time.perf_counter()
    # The Show button comes back once the figures are shown; a wait on the job's own signal
    # could miss a job that ends before the wait is connected.
    dialog.refresh()
    qtbot.waitUntil(dialog.show_button.isEnabled, timeout=60_000)
    dialog.grab()  # every chart painted
    return (time.perf_counter() - start) * 1000


def test_insights_page_draws(qtbot: QtBot, archive: Store) -> None:
    dialog = InsightsDialog(Services(archive), lambda _id: None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.since.setDate(QDate(2026, 1, 1))
    dialog.until.setDate(QDate(2026, 12, 31))
    full = [_drawn(qtbot, dialog) for _ in range(RUNS)]
    assert dialog.figures is not None
    n = len(dialog.figures.review_ids)
    chart = dialog.charts[0][0]
    biggest = max(range(len(chart.bars)), key=lambda i: chart.bars[i].total)
    start = time.perf_counter()
    chart.choose(biggest)
    listed = (time.perf_counter() - start) * 1000
    dialog.since.setDate(QDate(2001, 1, 1))
    dialog.until.setDate(QDate(2001, 12, 31))
    empty = [_drawn(qtbot, dialog) for _ in range(RUNS)]
    print(
        f"\n{backend(archive)}: the Insights page for {n} reviews drawn in median "
        f"{statistics.median(full):.0f} ms (first {full[0]:.0f} ms; goal < 500 ms); an empty "
        f"range {statistics.median(empty):.0f} ms; a click listing {dialog.reviews.count()} "
        f"reviews {listed:.0f} ms"
    )
