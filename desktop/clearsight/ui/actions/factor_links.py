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
    QVBoxLayout,
    QWidget,
)

from clearsight.review.data import ReviewDetail
from clearsight.ui import style

PANEL_WIDTH = 280  # beside the table
BELOW_HEIGHT = 200  # under it


class OpenFactorsPanel(QFrame):
    create_requested = Signal(int)  # a factor id: add an item that closes it

    def __init__(self) -> None:
        super().__init__()
        self._beside = True
        self.buttons: dict[int, QPushButton] = {}
        self._labels: dict[int, str] = {}
        self.title = style.section_title("Not covered yet")
        self.hint = style.hint("No item closes these factors and no one accepted them as a risk.")
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(style.SPACING)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
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

    def set_beside(self, beside: bool) -> None:
        if beside:
            self.setMinimumWidth(PANEL_WIDTH)
            self.setMaximumWidth(PANEL_WIDTH)
            self.setMaximumHeight(16777215)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
        self._beside = beside
        self._fit_height()

    def _fit_height(self) -> None:
        """Under the table, no taller than its cards need (and at most BELOW_HEIGHT)."""
        if self._beside:
            return
        spacing = self.layout().spacing() if self.layout() is not None else 0
        width = max(self.width(), 200)
        needed = (
            self.title.heightForWidth(width)
            + self.hint.heightForWidth(width)
            + self._list.layout().totalHeightForWidth(width)
            + 2 * spacing
        )
        self.setMaximumHeight(min(BELOW_HEIGHT, needed))

    def label_of(self, factor_id: int) -> str | None:
        return self._labels.get(factor_id)
