"""The factor list: a table over FactorsModel, sortable through a proxy, the text wrapped.

It shares its width among the columns (the factor's text first), keeps the rows as tall as
their text, and finds rows by factor id whatever the sort order.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from clearsight.review.data import ReviewDetail
from clearsight.ui.editing.lazy_rows import LazyRowHeights, fit_to_texts
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.factors.delegates import FactorsDelegate
from clearsight.ui.factors.model import (
    COL_ACTIONS,
    COL_LAYER,
    COL_NUMBER,
    COL_RISK,
    COL_STATUS,
    COL_TEXT,
    COL_WHYS,
    ID_ROLE,
    SORT_ROLE,
    FactorsModel,
)
from clearsight.ui.flags.review_flags import ReviewFlags

# Widths in average characters: the factor's text where other columns must give way for it,
# and each sharing column's least and most.
TEXT_LEAST = 30
LAYER, RISK, WHYS = (COL_LAYER, 10, 26), (COL_RISK, 8, 20), (COL_WHYS, 10, 24)
SHARES = (LAYER, RISK, WHYS)
FITTED = (COL_NUMBER, COL_ACTIONS, COL_STATUS)  # as wide as their texts


class FactorTable(LazyRowHeights):
    cap_rows = False  # the page's splitter gives the list whole rows (see room.py)

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__()
        self.factors = FactorsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.factors)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.start_lazy_rows()
        self.setAccessibleName("Contributing factors")
        self.delegate = FactorsDelegate(session, flags, self.factors, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # F2 is the page's own action: it edits the text when the current cell cannot be.
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col in FITTED:  # set_review() sizes them to their texts
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._section_resized)
        self._fitting = False
        self._user_columns = False  # the user dragged a column: keep the widths
        self._loaded = False
        session.route_undo_keys(self)

    def set_review(self, detail: ReviewDetail) -> None:
        """Show the review's factors; the selection stays on the same factors."""
        selected, current = self.selected_ids(), self.current_id()
        self.factors.set_review(detail.factors, detail.layers, detail.trees, detail.actions)
        fit_to_texts(self, FITTED)
        if not self._loaded:
            self._loaded = True
            self.fit_columns()
        for factor_id in selected:
            self.select_factor(factor_id, clear=False, current=factor_id == current)

    # ---- widths ---------------------------------------------------------------------------
    def em(self) -> int:
        return self.fontMetrics().averageCharWidth()

    def fit_columns(self) -> None:
        """The factor's text gets at least half of what the fixed columns leave, and never
        less than TEXT_LEAST while the others can give way; the layer, the reason and the
        whys share the rest. On a narrow page the whys (also in their tooltip and the menu)
        give way; narrower still, the accepted risk (the status says it, its tooltip gives
        the reason, the menu and the Language panel open it in a dialog)."""
        if self._user_columns:
            return
        header = self.horizontalHeader()
        em = self.em()
        fixed = sum(header.sectionSize(c) for c in (COL_NUMBER, COL_ACTIONS, COL_STATUS))
        room = self.viewport().width() - fixed
        self._fitting = True
        # Never narrower than its heading: "Accepted risk" was cut to "Accepted risl".
        least = {col: max(chars * em, self.heading_width(col)) for col, chars, _ in SHARES}
        try:
            self.setColumnHidden(COL_WHYS, room < 75 * em)
            risk = TEXT_LEAST * em + least[COL_LAYER] + least[COL_RISK]
            self.setColumnHidden(COL_RISK, room < risk)
            shares = [share for share in SHARES if not self.isColumnHidden(share[0])]
            each = max(min(room / 2, room - TEXT_LEAST * em), 0) / len(shares)
            for col, _chars, most in shares:
                self.setColumnWidth(
                    col, int(min(max(each, least[col]), max(most * em, least[col])))
                )
        finally:
            self._fitting = False

    def heading_width(self, column: int) -> int:
        """The width the column's heading needs, hidden or not (the header's sectionSizeHint
        is 0 for a hidden column, and the risk column hides on a narrow page)."""
        return int(self.horizontalHeader().sectionSizeFromContents(column).width())

    def _section_resized(self, *_: object) -> None:
        if not self._fitting and self.horizontalHeader().underMouse():
            self._user_columns = True
        # (LazyRowHeights sizes the rows in view again: wrapped text follows its new width.)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_columns()

    # ---- rows by factor -------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = self.selectionModel().selectedRows()
        return [int(i.data(ID_ROLE)) for i in sorted(rows, key=lambda i: i.row())]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def index_of(self, factor_id: int, column: int = COL_TEXT) -> QModelIndex:
        """The factor's cell in ``column``, as the view shows it (through the proxy)."""
        row = self.factors.row_of(factor_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.factors.index(row, column))

    def select_factor(self, factor_id: int, clear: bool = True, current: bool = True) -> bool:
        index = self.index_of(factor_id)
        if not index.isValid():
            return False
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if clear:
            flags |= QItemSelectionModel.SelectionFlag.Clear
        selection = self.selectionModel()
        selection.select(index, flags)
        if current:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.scrollTo(index)
        return True

    def sorted_by_number(self) -> Qt.SortOrder | None:
        """The sort order when the list is in the review's order (by #), else None."""
        header = self.horizontalHeader()
        return header.sortIndicatorOrder() if header.sortIndicatorSection() == COL_NUMBER else None
