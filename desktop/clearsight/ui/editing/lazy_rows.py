"""Tables whose rows are as tall as their wrapped text, sized only where the user looks.

A big review has 2,000 timeline events and 300 action items. Sizing every row to its text
(QTableView.resizeRowsToContents) lays out every cell of every row: half a second on the
action items, after each load and each new column width. So rows start one line tall, the
scroll bar counts rows (a row sized as it comes into view never moves the row at the top), and
rows are sized when they come into view or the keyboard goes to them. A row is never taller
than the table shows (a row scrolls whole, so the rest could not be seen).

Derive from it instead of QTableView, and call ``start_lazy_rows()`` once the model is set.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QTableView

Index = QModelIndex | QPersistentModelIndex
PADDING = 4  # above and below a row's text, in pixels
EAGER_ROWS = 60  # up to this many rows, all are sized as soon as the table shows


class LazyRowHeights(QTableView):
    # A row no taller than the table; off where the page sizes the table to whole rows
    # itself (the factors page), which a cap would chase as the table's height changes.
    cap_rows = True

    def __init__(self) -> None:
        super().__init__()
        self._sized: set[int] = set()  # rows sized at the present column widths
        self._sizing = False
        self._later = QTimer(self)  # once the sizes of a resize or a load have settled
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.size_shown_rows)

    def start_lazy_rows(self) -> None:
        """Call once the model is set."""
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self._one_line_rows()
        model = self.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self.forget_row_heights)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalScrollBar().valueChanged.connect(lambda _: self.size_shown_rows())

    def _one_line_rows(self) -> None:
        """A row not sized yet is as tall as one line of text, as most rows are."""
        header = self.verticalHeader()
        header.setMinimumSectionSize(1)
        header.setDefaultSectionSize(self.fontMetrics().height() + 2 * PADDING)

    def forget_row_heights(self, *_: object) -> None:
        """Every row is sized again when it is next in view (its text or width changed)."""
        self._sized.clear()
        self._later.start()

    def _column_resized(self, column: int, old: int, new: int) -> None:
        if new != old:
            self.forget_row_heights()

    def size_rows(self, first: int, last: int) -> None:
        """Rows ``first`` to ``last`` as tall as their text, those not sized already."""
        if self._sizing:
            return
        self._sizing = True
        try:
            most = self.tallest_row() if self.cap_rows else 1 << 30
            for row in range(max(first, 0), min(last, self.model().rowCount() - 1) + 1):
                if row not in self._sized and not self.isRowHidden(row):
                    self._sized.add(row)
                    self.setRowHeight(row, min(self.sizeHintForRow(row), most))
        finally:
            self._sizing = False

    def tallest_row(self) -> int:
        """The whole lines of text the table shows at once, as a row's height."""
        line = QFontMetricsF(self.font()).height()
        lines = max(int((self.viewport().height() - 2 * PADDING) // line), 1)
        return math.ceil(lines * line) + 2 * PADDING

    def size_shown_rows(self) -> None:
        """The rows in view, and the last screenful: the scroll bar's range counts the rows
        that fit on the last page, which it reads from their heights."""
        rows = self.model().rowCount()
        if not rows or not self.isVisible():
            return
        if rows <= EAGER_ROWS:  # a usual review: every row at once costs a few milliseconds
            self.size_rows(0, rows - 1)
            return
        row = max(self.rowAt(0), 0)
        while row < rows and self.rowViewportPosition(row) < self.viewport().height():
            self.size_rows(row, row)
            row += 1
        height, last = 0, rows - 1
        while last >= 0 and height < self.viewport().height():
            self.size_rows(last, last)
            height += self.rowHeight(last)
            last -= 1

    def scrollTo(  # noqa: N802 (Qt's name)
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        # The rows around the one to show are sized first, so it lands whole in view.
        if index.isValid():
            reach = self.viewport().height() // max(self.verticalHeader().defaultSectionSize(), 1)
            self.size_rows(index.row() - reach, index.row() + reach)
        super().scrollTo(index, hint)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._later.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.cap_rows and event.size().height() != event.oldSize().height():
            self.forget_row_heights()  # rows may be cut to another height
        self._later.start()  # more rows in view, or a new width

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._one_line_rows()
            self.forget_row_heights()


def fit_to_texts(table: QTableView, columns: tuple[int, ...]) -> None:
    """Each of ``columns`` as wide as its widest cell. Qt's ResizeToContents asks every cell
    of every row (a tenth of a second for a few hundred rows, on each load); most cells repeat
    a text (a category, an owner, a status). So the delegate measures one cell per font, for
    its margins, and each distinct text is measured by its font's metrics alone."""
    model = table.model()
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    delegate = table.itemDelegate()
    header = table.horizontalHeader()
    font_role = Qt.ItemDataRole.FontRole
    for col in columns:
        if table.isColumnHidden(col):
            continue
        by_font: dict[object, tuple[int, set[str]]] = {}  # font: a row in it, its texts
        for row in range(model.rowCount()):
            index = model.index(row, col)
            font = index.data(font_role)
            by_font.setdefault(font, (row, set()))[1].add(str(index.data() or ""))
        widths = [header.sectionSizeHint(col)]
        for font, (row, texts) in by_font.items():
            index = model.index(row, col)
            metrics = QFontMetricsF(font if isinstance(font, QFont) else option.font)
            margins = delegate.sizeHint(option, index).width() - metrics.horizontalAdvance(
                str(index.data() or "")
            )
            widths.append(math.ceil(max(map(metrics.horizontalAdvance, texts)) + margins))
        header.resizeSection(col, max(widths))
