"""The timeline's table of events: each event's text wrapped, its row as tall as its lines.

A multi-day incident has 2,000 events, and a row's height takes a text layout of its event:
sizing every row after each load (an edit reloads the page) and each new width of the text
column would hold up the page. So rows start one line tall, the scroll bar counts rows (a
row sized as it comes into view never moves the row at the top), and rows are sized when
they come into view or the keyboard goes to them. A new width sizes the rows in view again.

A row is never taller than the table shows (a row scrolls whole, so the rest could not be
seen): in a short window a long event shows the lines that fit, and the whole of it in its
tooltip.

In a narrow table (a 1,024 px window) a mark shows as a badge of its initials on its colour,
its label in the tooltip: the labels' column would take the room of a third of the events'
text and wrap most events onto one more line, so fewer of them would show at once.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QHelpEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from clearsight.review.flags import tooltip_html
from clearsight.timeline.marks import MARK_LABELS
from clearsight.ui.editing.lazy_rows import LazyRowHeights
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.flagged_text import (
    ROW_PADDING,
    TEXT_MARGIN,
    FlaggedTextDelegate,
    text_layout,
)
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.timeline.model import COL_MARK, COL_TEXT, COL_TIME, TimelineModel

Index = QModelIndex | QPersistentModelIndex
# The labels show while they leave the events' text this many average characters a line.
TEXT_CHARS = 48


def badge(label: str) -> str:
    """A mark's initials: "T" for "Trigger / fault start", "AC" for "All clear"."""
    return "".join(word[0] for word in label.split(" /")[0].split()).upper()


class MarkDelegate(QStyledItemDelegate):
    """A mark's label on its colour (the model's roles), or its badge when ``short``."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.short = False

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if self.short and option.text:
            option.text = badge(option.text)
            option.displayAlignment = Qt.AlignmentFlag.AlignCenter


class EventDelegate(FlaggedTextDelegate):
    """An event's text with its flags, wrapped at its column's width; the size hint comes from
    the same layout as the painting, so a row is as tall as the lines it shows."""

    def __init__(
        self,
        session: ReviewSession,
        flags: ReviewFlags,
        view: QTableView,
        place: Callable[[Index], str],
    ) -> None:
        super().__init__(session, flags, view, place, "timeline", "Event")
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        width = max(self.view.columnWidth(COL_TEXT) - 2 * TEXT_MARGIN, 40)
        _, height = text_layout(str(index.data() or ""), option.font, width, [])
        return QSize(width + 2 * TEXT_MARGIN, math.ceil(height) + 2 * ROW_PADDING)

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        # A row cut to the table's height: the whole text, and why its flags are flagged.
        tip = event.type() == QEvent.Type.ToolTip and index.isValid()
        if tip and self.sizeHint(option, index).height() > option.rect.height():
            findings = [s.finding for s in self.spans(index)]
            why = tooltip_html(findings) if findings else ""
            text = html.escape(str(index.data() or ""))
            QToolTip.showText(event.globalPos(), f"<qt><p>{text}</p>{why}</qt>", view)
            return True
        return super().helpEvent(event, view, option, index)


class EventTable(LazyRowHeights):
    def __init__(self, model: TimelineModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setWordWrap(True)
        self.start_lazy_rows()  # see the module's docstring
        self.timeline = model
        self.marks = MarkDelegate(self)
        self.setItemDelegateForColumn(COL_MARK, self.marks)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_MARK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.Fixed)  # see _fit_times

    def _fit_times(self) -> None:
        """The time column as wide as its widest time. A header sizing it to its contents
        asks a thousand rows each time the table is resized (a tenth of a second on a first
        visit); every time has one of two forms, with its date or without, and events are in
        time order, so the first and the last event hold the widest."""
        rows = self.model().rowCount()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegateForColumn(COL_TIME) or self.itemDelegate()
        ends = {0, rows - 1} if rows else set()
        widths = [delegate.sizeHint(option, self.model().index(r, COL_TIME)).width() for r in ends]
        width = max([self.horizontalHeader().sectionSizeHint(COL_TIME), *widths])
        if width != self.columnWidth(COL_TIME):
            self.setColumnWidth(COL_TIME, width)

    def _fit_marks(self) -> None:
        """The marks' column as wide as the review's widest mark, its label or, where the
        labels would leave the text too narrow a column, its badge. Measured from the marks
        themselves: a header sizing the column to its contents asks a thousand rows. Only
        while shown: reading the time column's width has the header measure it there and
        then, an extra pass over a thousand rows while the page is still being loaded."""
        if not self.isVisible():
            return
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        style = self.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)

        def widest(texts: set[str]) -> int:
            return math.ceil(max((metrics.horizontalAdvance(t) for t in texts), default=0))

        labels = {MARK_LABELS[e.mark] for e in self.timeline.events if e.mark}
        full = widest(labels) + margin
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        room = self.width() - 2 * self.frameWidth() - bar - self.columnWidth(COL_TIME) - full
        short = room < TEXT_CHARS * QFontMetricsF(self.font()).averageCharWidth()
        if short != self.marks.short:
            self.marks.short = short
            self.viewport().update()
        shown = widest({badge(label) for label in labels}) + margin if short else full
        width = max(shown, self.horizontalHeader().sectionSizeHint(COL_MARK))
        if width != self.columnWidth(COL_MARK):
            self.setColumnWidth(COL_MARK, width)

    def _column_resized(self, column: int, old: int, new: int) -> None:
        if column == COL_TEXT:
            super()._column_resized(column, old, new)
        elif column == COL_TIME and new != old:  # times with their dates: less room
            self._fit_marks()

    # ---- sizing (LazyRowHeights does the rows) -------------------------------------------
    def size_shown_rows(self) -> None:
        self._fit_times()  # a load may have crossed midnight, or a new zone
        self._fit_marks()  # a load may have set or cleared marks
        super().size_shown_rows()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit_times()
        self._fit_marks()  # before the first paint, which would show the other kind

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_marks()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_times()
            self._fit_marks()
