"""Beside the action items: the factors no item closes and no one accepted as a risk, each
with a button to add an item for it, so that nothing falls through."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.data import ReviewDetail
from clearsight.ui import style

PANEL_WIDTH = 280  # beside the table
BELOW_HEIGHT = 200  # under it, the least of the most height the page gives it


class OpenFactorsPanel(QFrame):
    create_requested = Signal(int)  # a factor id: add an item that closes it

    def __init__(self) -> None:
        super().__init__()
        self._beside = True
        self._room = BELOW_HEIGHT  # the most height under the table (set_beside)
        self.buttons: dict[int, QPushButton] = {}
        self._labels: dict[int, str] = {}
        self.title = style.section_title("Not covered yet")
        self.hint = style.hint("No item closes these factors and no one accepted them as a risk.")
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(style.SPACING)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.scroll, 1)
        self.set_beside(True)
        self.hide()

    def set_factors(self, detail: ReviewDetail) -> None:
        """Show the open factors; the panel hides when there are none."""
        layers = {x.id: x.name for x in detail.layers}
        self._labels = {f.id: f"F{n}" for n, f in enumerate(detail.factors, 1)}
        open_ = [f for f in detail.factors if f.is_open]
        shown = [f.id for f in open_]
        if shown == list(self.buttons) and all(
            self.buttons[f.id].property("text_shown") == f.text for f in open_
        ):
            self.setVisible(bool(open_))
            return
        while self._list_layout.count():
            item = self._list_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        for f in open_:
            label = self._labels[f.id]
            layer = layers.get(f.layer_id or -1)
            card = QWidget()
            bar = QFrame()  # a bar in the caution colour: open, not yet closed by anything
            bar.setFixedWidth(4)
            bar.setAutoFillBackground(True)
            palette = bar.palette()
            palette.setColor(QPalette.ColorRole.Window, QColor(style.CAUTION_LINE))
            bar.setPalette(palette)
            row = QHBoxLayout(card)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(bar)
            box = QVBoxLayout()
            box.setContentsMargins(6, 2, 0, 2)
            row.addLayout(box, 1)
            heading = QLabel(f"<b>{label}</b>" + (f" \u00b7 {layer}" if layer else ""))
            text = QLabel(f.text or "(no text yet)")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            button = QPushButton(f"Add an item for {label}")
            button.setProperty("text_shown", f.text)
            button.setToolTip("The next item added on the entry line closes this factor")
            button.clicked.connect(lambda _=False, fid=f.id: self.create_requested.emit(fid))
            box.addWidget(heading)
            box.addWidget(text)
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self._list_layout.addWidget(card)
            self.buttons[f.id] = button
        self._list_layout.addStretch(1)
        self.setVisible(bool(open_))
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_height()

    def set_beside(self, beside: bool, room: int = BELOW_HEIGHT) -> None:
        """Beside the table, or under it in at most ``room`` pixels of height."""
        if beside:
            self.setMinimumWidth(PANEL_WIDTH)
            self.setMaximumWidth(PANEL_WIDTH)
            self.setMinimumHeight(0)
            self.setMaximumHeight(16777215)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
        self._beside = beside
        self._room = max(room, BELOW_HEIGHT)
        self._fit_height()

    def cards(self) -> list[QWidget]:
        """The factors' cards, top to bottom."""
        items = (self._list_layout.itemAt(i) for i in range(self._list_layout.count()))
        return [w for w in (item.widget() for item in items if item) if w is not None]

    def _fit_height(self) -> None:
        """Under the table: as tall as the cards that fit ``_room`` whole, one at least, so
        the list never ends in a cut card (the others a scroll away)."""
        if self._beside:
            return
        spacing = self.layout().spacing() if self.layout() is not None else 0
        width = max(self.width(), 200)
        head = self.title.heightForWidth(width) + self.hint.heightForWidth(width) + 2 * spacing
        cards = self.cards()
        heights = [card.layout().totalHeightForWidth(width) for card in cards]
        if sum(heights) + self._list_layout.spacing() * (len(heights) - 1) > self._room - head:
            # Not all of them fit: the scroll bar takes its width from the cards.
            bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            heights = [card.layout().totalHeightForWidth(width - bar) for card in cards]
        shown = 0
        for height in heights:
            more = shown + (self._list_layout.spacing() if shown else 0) + height
            if shown and head + more > self._room:
                break
            shown = more
        self.setFixedHeight(head + shown)

    def label_of(self, factor_id: int) -> str | None:
        return self._labels.get(factor_id)
