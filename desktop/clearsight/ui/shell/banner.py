"""The problem bar at the top of the window: non-modal, with Retry when retrying can help."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle

from clearsight.ui import style


class Banner(QFrame):
    retry_requested = Signal()
    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        # Drawn with the palette, not a style sheet: a style sheet cut the bar off from the
        # window's font (its message was the smallest text on screen) and kept the colours
        # of the theme it was polished in.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        style.at_least(self, style.PAGE_POINT_SIZE)  # a problem reads from the back of a room
        bar = QFrame()
        bar.setFixedWidth(6)
        bar.setAutoFillBackground(True)
        bar.setBackgroundRole(QPalette.ColorRole.Window)  # not the banner's, which it inherits
        palette = bar.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(style.ACCENT))
        bar.setPalette(palette)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setContentsMargins(0, style.SPACING * 2 // 3, 0, style.SPACING * 2 // 3)
        self.retry_button = QPushButton("&Retry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.clicked.connect(self._dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, style.SPACING, 0)
        row.addWidget(bar)
        row.addSpacing(style.SPACING // 2)
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
