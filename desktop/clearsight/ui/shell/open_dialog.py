"""Open review… (Ctrl+O): pick a review by typing part of its title, from anywhere."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.data import ReviewSummary
from clearsight.ui import style
from clearsight.ui.shell.review_list import COL_TITLE, ReviewListModel


class OpenReviewDialog(QDialog):
    def __init__(self, reviews: list[ReviewSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open review")
        style.at_least(self, style.BASE_POINT_SIZE)
        self.review_id: int | None = None
        self.model = ReviewListModel(self)
        self.model.set_rows(reviews)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type part of a title, an incident or a severity")
        self.filter.setAccessibleName("Find a review")
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        self.table = QTableView()
        self.table.setAccessibleName("Reviews")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(lambda _: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 480)
        self._select_first()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._select_first()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(
            self.proxy.rowCount() > 0
        )

    def chosen(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        source: QModelIndex = self.proxy.mapToSource(rows[0])
        return self.model.review_at(source.row()).id

    def accept(self) -> None:
        self.review_id = self.chosen()
        if self.review_id is not None:
            super().accept()
