"""The problem bar at the top of the window: non-modal, with Retry when retrying can help."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle

from clearsight.ui.style import ACCENT


class Banner(QFrame):
    retry_requested = Signal()
    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setStyleSheet(
            f"#banner {{ background: palette(alternate-base); border: 1px solid palette(mid);"
            f" border-left: 6px solid {ACCENT}; }}"
        )
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.retry_button = QPushButton("&Retry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.clicked.connect(self._dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(icon)
        row.addWidget(self.message, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    @property
    def text(self) -> str:
        """The message shown, or '' while the bar is hidden."""
        return "" if self.isHidden() else self.message.text()

    def show_message(self, text: str, can_retry: bool) -> None:
        self.message.setText(text)
        self.retry_button.setVisible(can_retry)
        self.show()

    def clear(self) -> None:
        self.message.clear()
        self.hide()

    def _dismiss(self) -> None:
        self.clear()
        self.dismissed.emit()
