"""The factors page's room, shared between the Swiss cheese diagram (with its legend) and the
list of factors: stacked or side by side, whichever shows the diagram larger, and the diagram
given what it needs at that size, up to a little over half the page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clearsight.ui import style
from clearsight.ui.factors.diagram import SwissDiagram

# The most of the page the diagram takes, beside the list or above it.
BESIDE, ABOVE = 0.5, 0.55
LIST_WIDTH = 60  # the least width of the list beside the diagram, in average characters
LEAST_ROWS = 2  # factors the list shows under the diagram, where there is room


class RoomSplitter(QSplitter):
    def __init__(
        self, diagram: SwissDiagram, legend: QLabel, listing: QWidget, em: Callable[[], float]
    ) -> None:
        """``em``: the list's average character width, in pixels."""
        super().__init__(Qt.Orientation.Vertical)
        self.diagram = diagram
        self.legend = legend
        self._em = em
        self.scroll = QScrollArea()
        self.scroll.setWidget(diagram)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Swiss cheese diagram")
        drawing = QWidget()
        drawing_column = QVBoxLayout(drawing)
        drawing_column.setContentsMargins(0, 0, 0, 0)
        drawing_column.addWidget(self.scroll, 1)
        drawing_column.addWidget(legend)
        self.setChildrenCollapsible(False)
        self.addWidget(drawing)
        self.addWidget(listing)
        self.listing = listing
        # Room the page gains goes to the list until the room is shared out again.
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self._user_split = False  # the user dragged the splitter: leave it where it is
        self.splitterMoved.connect(lambda *_: self._user_moved())
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.share_room)
        # The rows take their heights after a load (their texts wrap): share out again then.
        table = listing.findChild(QAbstractItemView)
        if isinstance(table, QTableView):
            table.verticalHeader().sectionResized.connect(lambda *_: self.share_later())

    def share_later(self) -> None:
        """Once the events waiting now are handled: sizes settle in them."""
        self._later.start()

    def _user_moved(self) -> None:
        self._user_split = True

    def share_room(self) -> None:
        """Once the user drags the splitter, only a change of orientation shares the room
        again."""
        if not self.isVisible():
            return
        width, height = self.width(), self.height()
        beside = self.diagram.scale_within(int(width * BESIDE), height, least=0.0)
        above = self.diagram.scale_within(width, int(height * ABOVE), least=0.0)
        # Beside only when clearly larger: stacked, the list has the page's whole width.
        wide = beside > above * 1.25 and width * (1 - BESIDE) >= LIST_WIDTH * self._em()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.orientation() != orientation:
            self.setOrientation(orientation)
            self._user_split = False
        if self._user_split:
            return
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        if orientation == Qt.Orientation.Vertical:
            total = height - self.handleWidth()  # what the two parts share
            natural = self.diagram.natural_size(self.diagram.scale_within(width - bar, height))
            want = natural.height() + self.legend.heightForWidth(width) + 2 * style.SPACING
            first = min(want, int(total * ABOVE))
            first = total - self.whole_rows(total - first)
        else:
            total = width
            natural = self.diagram.natural_size(self.diagram.scale_within(width, height))
            first = min(natural.width() + bar + 4, int(total * BESIDE))
        self.setSizes([first, total - first])

    def whole_rows(self, room: int) -> int:
        """The list's part of the splitter, from ``room``: two of its rows where the diagram
        keeps its least scale beside them, one at the least (the diagram scrolls then); cut
        to whole rows counted from the top row in view, as a row cut in half reads as
        another factor. What is left over goes to the diagram, which is drawn to fit."""
        table = self.listing.findChild(QAbstractItemView)
        if table is None or table.model().rowCount() == 0 or not self.listing.height():
            return room
        layout = self.listing.layout()
        if layout is not None:
            layout.activate()  # the list's own sizes, after the splitter's last move
        chrome = self.listing.height() - table.viewport().height()  # header, frame, entry
        top = max(0, table.rowAt(0))
        heights = [table.rowHeight(r) for r in range(top, table.model().rowCount())]
        total = self.height() - self.handleWidth()
        least = self.diagram.natural_size(self.diagram.least_scale()).height()
        keeps_scale = total - (least + self.legend.height())
        keeps_any = total - self.widget(0).minimumSizeHint().height()
        two, one = chrome + sum(heights[:LEAST_ROWS]), chrome + heights[0]
        room = max(room, min(two, keeps_scale), min(one, keeps_any))
        rows = 0
        for height in heights:
            if rows + height > room - chrome:
                break
            rows += height
        return chrome + rows if rows else room
