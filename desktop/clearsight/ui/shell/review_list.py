"""The list of reviews: a thin table model over ReviewSummary rows, and the page showing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clearsight.review import rules
from clearsight.review.rules import instant_text
from clearsight.ui import style

# The rows are plain snapshots; importing them costs ~10 ms of start-up before the window shows.
if TYPE_CHECKING:
    from clearsight.review.data import ReviewSummary

COL_TITLE, COL_SEVERITY, COL_STATUS, COL_DATE = range(4)
EMPTY_TEXT = "No reviews yet. Start one with New review (Ctrl+N)."
HEADERS = {
    COL_TITLE: "Title",
    COL_SEVERITY: "Severity",
    COL_STATUS: "Status",
    COL_DATE: "Incident date (UTC)",
}
ID_ROLE = Qt.ItemDataRole.UserRole
NO_DATE = "—"

_Index = QModelIndex | QPersistentModelIndex


class ReviewListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewSummary] = []

    def set_rows(self, rows: list[ReviewSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def review_at(self, row: int) -> ReviewSummary:
        return self._rows[row]

    def row_of(self, review_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == review_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        review = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(review, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_TITLE:
            return review.title
        if role == ID_ROLE:
            return review.id
        return None

    @staticmethod
    def _text(review: ReviewSummary, column: int) -> str:
        if column == COL_TITLE:
            return review.title
        if column == COL_SEVERITY:
            return review.severity
        if column == COL_STATUS:
            return rules.STATUS_LABELS.get(review.status, review.status)
        return instant_text(review.incident_start) or NO_DATE

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        return None


class ReviewListPage(QWidget):
    """Shows the reviews; asks the window to open, create or delete one."""

    open_requested = Signal(int)
    new_requested = Signal()
    delete_requested = Signal(int)
    open_actions_requested = Signal()  # every review's open action items

    def __init__(self) -> None:
        super().__init__()
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.model = ReviewListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_SEVERITY, COL_STATUS, COL_DATE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = style.hint(EMPTY_TEXT)
        self.new_button = QPushButton("&New review…")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("&Open")
        self.open_button.clicked.connect(self._open_current)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.clicked.connect(self._delete_current)
        self.actions_button = QPushButton("Open &action items…")
        self.actions_button.setToolTip("Every review's open action items, overdue first")
        self.actions_button.clicked.connect(self.open_actions_requested)
        # Del acts on this page only, so it never competes with Del inside a review's lists.
        delete = QAction("Delete review", self)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.triggered.connect(self._delete_current)
        self.table.addAction(delete)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.actions_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(style.page_title("Reviews"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_opening(self) -> None:
        """Shown for the moment between the window appearing and the database being open."""
        self.empty.setText("Opening the database\u2026")
        self.empty.setVisible(True)

    def set_reviews(self, rows: list[ReviewSummary], select_id: int | None = None) -> None:
        self.empty.setText(EMPTY_TEXT)
        keep = self.current_id() if select_id is None else select_id
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self.empty.setVisible(not rows)
        self._update_buttons()

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.review_at(rows[0].row()).id if rows else None

    def select(self, review_id: int) -> None:
        row = self.model.row_of(review_id)
        if row is not None:
            self.table.selectRow(row)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        self.open_requested.emit(self.model.review_at(index.row()).id)

    def _open_current(self) -> None:
        review_id = self.current_id()
        if review_id is not None:
            self.open_requested.emit(review_id)

    def _delete_current(self) -> None:
        review_id = self.current_id()
        if review_id is not None:
            self.delete_requested.emit(review_id)

    def _update_buttons(self, *_: Any) -> None:
        has = self.current_id() is not None
        self.open_button.setEnabled(has)
        self.delete_button.setEnabled(has)
