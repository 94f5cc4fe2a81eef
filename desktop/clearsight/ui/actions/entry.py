"""The line under the action items that adds one: what will be done, and, when the item was
asked for from an open factor, that factor, shown beside the line until it is added."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QToolButton, QWidget

from clearsight.ui import style


class NewItemLine(QWidget):
    add_requested = Signal()  # Enter on the line, or Add

    def __init__(self) -> None:
        super().__init__()
        self.factor_id: int | None = None  # the factor the next added item closes
        self.entry = QLineEdit()
        self.entry.setAccessibleName("New action item")
        self.entry.returnPressed.connect(self.add_requested)
        self.for_factor = QToolButton()
        self.for_factor.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.for_factor.setToolTip("The new item closes this factor; click to unlink it")
        self.for_factor.clicked.connect(lambda: self.set_factor(None, None))
        self.for_factor.hide()
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self.add_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(style.SPACING)  # as the page's own rows
        row.addWidget(self.for_factor)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        self._due = ""  # a new item's date, once the review is loaded

    def set_factor(self, factor_id: int | None, label: str | None) -> None:
        """The next item closes factor ``factor_id`` (``label``: F1, F2…); None: no factor."""
        self.factor_id = factor_id
        self.for_factor.setText(f"Closes {label}  \u2715" if label else "")
        self.for_factor.setVisible(bool(label))
        self._show_hint()

    def set_due(self, due: str) -> None:
        """The date a new item gets, for the hint."""
        self._due = due
        self._show_hint()

    def _show_hint(self) -> None:
        if not self._due:
            return
        target = " for the factor at the left" if self.factor_id is not None else ""
        self.entry.setPlaceholderText(
            f"Add an item{target}: what will be done?   Enter adds it, due {self._due}"
        )
