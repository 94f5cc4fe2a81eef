"""The factors page's entry line: a new factor's words, and the layer it goes in. Alt+Up and
Alt+Down on the line choose the layer, so the keyboard never leaves it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from clearsight.review.data import LayerData

ENTRY_HINT = "A condition of the system that let this happen \u00b7 Enter adds it"


class FactorEntry(QWidget):
    layer_chosen = Signal(int)  # a layer chosen here (not "No layer yet")

    def __init__(self, route_undo_keys: Callable[[QWidget], None]) -> None:
        super().__init__()
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(ENTRY_HINT)
        self.entry.setAccessibleName("New contributing factor")
        route_undo_keys(self.entry)
        self.target = QComboBox()
        self.target.setAccessibleName("Layer for the new factor")
        self.target.activated.connect(lambda _: self._target_chosen())
        for key, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            action = QAction(self.entry)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, s=step: self._step_target(s))
            self.entry.addAction(action)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.entry, 1)
        into = QLabel("in &layer")
        into.setBuddy(self.target)
        row.addWidget(into)
        row.addWidget(self.target)

    def set_layers(self, layers: list[LayerData], chosen: int | None) -> None:
        self.target.clear()
        for layer in layers:
            self.target.addItem(layer.name, layer.id)
        self.target.addItem("No layer yet", None)
        at = self.target.findData(chosen) if chosen is not None else -1
        self.target.setCurrentIndex(at if at >= 0 else self.target.count() - 1)

    def layer_id(self) -> int | None:
        """The layer the next factor goes in; None: no layer yet."""
        layer_id = self.target.currentData()
        return int(layer_id) if layer_id is not None else None

    def show_layer(self, layer_id: int | None) -> None:
        """The layer chosen in the layers bar (None: none is, and the choice here stays)."""
        at = self.target.findData(layer_id) if layer_id is not None else -1
        if at >= 0:
            self.target.setCurrentIndex(at)

    def choose_no_layer(self) -> None:
        self.target.setCurrentIndex(self.target.count() - 1)

    def _target_chosen(self) -> None:
        layer_id = self.target.currentData()
        if layer_id is not None:
            self.layer_chosen.emit(layer_id)

    def _step_target(self, step: int) -> None:
        count = self.target.count()
        if count:
            self.target.setCurrentIndex((self.target.currentIndex() + step) % count)
            self._target_chosen()
