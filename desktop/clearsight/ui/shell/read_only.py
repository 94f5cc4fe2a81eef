"""A signed-off review shown read-only: its editors stop taking input until it is reopened.

The service refuses every write to a final review; without this, each keystroke in a page
would become one more refused save in the problem banner. Each widget's own state is kept in
a dynamic property, so reopening gives back exactly what the page had set.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from clearsight.ui import style

_SAVED = "clearsight_read_only_saved"  # the widget's own state before it was locked
# A page marks a control that only changes the view (zoom, fit to window) or a team setting
# with this property set to True, and it stays usable in a final review.
EXEMPT = "clearsight_read_only_exempt"


def set_read_only(root: QWidget, locked: bool) -> None:
    """Lock (or give back) every editor under ``root``; scrolling and selecting still work.

    Check boxes and other toggles are left alone: they mostly switch a view, and a toggle
    that does write is refused by the service with one calm message.
    """
    for widget in root.findChildren(QWidget):
        if widget.property(EXEMPT) is True:
            continue
        if locked:
            _lock(widget)
        else:
            _unlock(widget)


def _lock(widget: QWidget) -> None:
    # Locked again after each load, since a page may have changed a state meanwhile; the
    # first saved state is the one given back.
    first = widget.property(_SAVED) is None
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        if first:
            widget.setProperty(_SAVED, widget.isReadOnly())
        widget.setReadOnly(True)
    elif isinstance(widget, QAbstractItemView):
        if first:
            widget.setProperty(_SAVED, int(widget.editTriggers().value))
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    elif isinstance(widget, QComboBox) or (
        isinstance(widget, QAbstractButton) and not widget.isCheckable()
    ):
        if first:
            widget.setProperty(_SAVED, widget.isEnabled())
        widget.setEnabled(False)


def _unlock(widget: QWidget) -> None:
    saved = widget.property(_SAVED)
    if saved is None:
        return
    widget.setProperty(_SAVED, None)
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        widget.setReadOnly(bool(saved))
    elif isinstance(widget, QAbstractItemView):
        widget.setEditTriggers(QAbstractItemView.EditTrigger(int(saved)))
    elif isinstance(widget, QAbstractButton | QComboBox):
        widget.setEnabled(bool(saved))


class ReadOnlyNotice(QFrame):
    """The calm line under a final review's title: why nothing can be typed, and the way back."""

    TEXT = "Signed off: this review is final and read-only. To change it, reopen it on Sign-off."
    WATCHING = (
        "Read-only: you follow this review as the others edit it, and nothing you do here "
        "changes it. View > Read-only turns editing back on."
    )

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("readOnlyNotice")
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setAutoFillBackground(True)
        palette = panel.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        panel.setPalette(palette)
        bar = QFrame()
        bar.setFixedWidth(6)
        bar.setAutoFillBackground(True)
        bar_palette = bar.palette()
        bar_palette.setColor(QPalette.ColorRole.Window, QColor(style.ACCENT))
        bar.setPalette(bar_palette)
        self.message = QLabel(self.TEXT)
        self.message.setWordWrap(True)
        self.go_button = QPushButton("Go to &Sign-off")
        row = QHBoxLayout(panel)
        row.setContentsMargins(0, 0, style.SPACING // 2, 0)
        row.setSpacing(style.SPACING)
        row.addWidget(bar)
        row.addWidget(self.message, 1)
        row.addWidget(self.go_button)
        outer = QHBoxLayout(self)  # in line with the page's margins
        outer.setContentsMargins(style.MARGIN, style.SPACING, style.MARGIN, 0)
        outer.addWidget(panel)
        self.hide()

    def show_for(self, final: bool, watching: bool) -> None:
        """Says why the pages are locked: a final review, or one opened only to follow."""
        self.message.setText(self.TEXT if final else self.WATCHING)
        self.go_button.setVisible(final)
        self.setVisible(final or watching)
