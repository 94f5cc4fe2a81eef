"""The review list model, without any widget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clearsight.review.data import ReviewSummary
from clearsight.ui.shell.review_list import (
    COL_DATE,
    COL_SEVERITY,
    COL_STATUS,
    COL_TITLE,
    HEADERS,
    ID_ROLE,
    NO_DATE,
    ReviewListModel,
)

CET = timezone(timedelta(hours=1))
ROWS = [
    ReviewSummary(
        7, "Checkout down", "SEV-1", "in_review", "INC-1", datetime(2026, 3, 15, 15, 2, tzinfo=CET)
    ),
    ReviewSummary(3, "Slow search", "SEV-3", "draft", "", None),
]


def text(model: ReviewListModel, row: int, col: int) -> str:
    return model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)


def test_columns_show_title_severity_status_and_utc_date() -> None:
    model = ReviewListModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 2
    assert model.columnCount() == len(HEADERS) == 4
    assert text(model, 0, COL_TITLE) == "Checkout down"
    assert text(model, 0, COL_SEVERITY) == "SEV-1"
    assert text(model, 0, COL_STATUS) == "In review"
    assert text(model, 0, COL_DATE) == "2026-03-15 14:02"  # shown in UTC
    assert text(model, 1, COL_DATE) == NO_DATE
    assert text(model, 1, COL_STATUS) == "Draft"
    header = model.headerData(COL_DATE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Incident date (UTC)"


def test_ids_and_lookup() -> None:
    model = ReviewListModel()
    model.set_rows(ROWS)
    assert model.data(model.index(1, COL_TITLE), ID_ROLE) == 3
    assert model.row_of(7) == 0
    assert model.row_of(99) is None
    assert model.review_at(1).title == "Slow search"
    assert model.data(model.index(0, COL_TITLE), Qt.ItemDataRole.ToolTipRole) == "Checkout down"


def test_set_rows_resets_the_model(qtbot: QtBot) -> None:
    model = ReviewListModel()
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(ROWS)
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([])
    assert model.rowCount() == 0


def test_model_is_consistent(qtmodeltester: ModelTester) -> None:
    model = ReviewListModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)


def test_a_utc_date_is_not_shifted() -> None:
    model = ReviewListModel()
    start = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    model.set_rows([ReviewSummary(1, "t", "SEV-4", "final", "", start)])
    assert text(model, 0, COL_DATE) == "2026-01-02 03:04:05"
