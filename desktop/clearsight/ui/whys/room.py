"""The 5 Whys page's width, shared between the outline and the drawing beside it.

The outline is where the notetaker types, so it comes first: it gets the width its deepest
why needs to show whole lines (``WhyOutline.needed_width``), or half the page when that is
more, and the drawing the rest (fitted to it, it still shows the whole tree). Halves, as
before, in a wide window; in a 1,024 px one the outline's text would otherwise run past its
right edge. Once the user drags the handle, the split is theirs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from clearsight.ui.whys.outline import WhyOutline


class OutlineSplitter(QSplitter):
    def __init__(self, left: QWidget, outline: WhyOutline, drawing: QWidget) -> None:
        """``left``: the outline's side (the outline, with what shows under it)."""
        super().__init__(Qt.Orientation.Horizontal)
        self.outline = outline
        self.setChildrenCollapsible(False)
        self.addWidget(left)
        self.addWidget(drawing)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 1)
        self._user_split = False
        self.splitterMoved.connect(self._user_moved)  # only a drag: setSizes does not emit it
        self._later = QTimer(self)  # a reset and the rows inserted with it share out once
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.share)
        model = outline.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsMoved):
            signal.connect(lambda *_: self._later.start())  # a deeper why may need more room

    def _user_moved(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def share(self) -> None:
        if self._user_split or self.count() < 2:
            return
        room = self.width() - self.handleWidth()
        drawing = self.widget(1)
        if room <= 0 or not drawing.isVisibleTo(self):
            return
        least = drawing.minimumSizeHint().width()
        left = min(max(room // 2, self.outline.needed_width()), room - least)
        if left > 0 and self.sizes()[0] != left:
            self.setSizes([left, room - left])

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.share()
