"""The factors page's room, shared between the Swiss cheese diagram (with its legend) and the
list of factors: stacked or side by side, whichever shows the diagram larger, and the diagram
given what it needs at that size, up to a little over half the page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from clearsight.ui import style
from clearsight.ui.factors.diagram import SwissDiagram

# The most of the page the diagram takes, beside the list or above it.
BESIDE, ABOVE = 0.5, 0.55
LIST_WIDTH = 60  # the least width of the list beside the diagram, in average characters


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
        # Room the page gains goes to the list until the room is shared out again.
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self._user_split = False  # the user dragged the splitter: leave it where it is
        self.splitterMoved.connect(lambda *_: self._user_moved())
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.share_room)

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
            total = height
            natural = self.diagram.natural_size(self.diagram.scale_within(width - bar, height))
            want = natural.height() + self.legend.heightForWidth(width) + 2 * style.SPACING
            first = min(want, int(total * ABOVE))
        else:
            total = width
            natural = self.diagram.natural_size(self.diagram.scale_within(width, height))
            first = min(natural.width() + bar + 4, int(total * BESIDE))
        self.setSizes([first, total - first])
