"""The small dialog that starts a review: a title and a severity."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.ui import style


class NewReviewDialog(QDialog):
    """Calls ``create(title, severity)`` on OK; stays open with the message if it fails."""

    def __init__(self, create: Callable[[str, str], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New review")
        style.at_least(self, style.BASE_POINT_SIZE)
        self._create = create
        self.review_id: int | None = None
        self.title = QLineEdit()
        self.title.setPlaceholderText("What failed, e.g. Checkout API unavailable in all regions")
        self.title.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.severity = QComboBox()
        self.severity.addItems(list(rules.SEVERITIES))
        self.severity.setCurrentText("SEV-3")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Severity:", self.severity)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self.review_id = self._create(self.title.text(), self.severity.currentText())
        except UserError as err:
            message = str(err)
            self.error.setText(message[:1].upper() + message[1:])
            self.error.show()
            self.title.setFocus()
            return
        super().accept()
