"""What the notetaker types, seen before it is saved: the presenter listens to the
``textChanged`` of each text widget in the review view, and of each cell editor as it takes
the focus (they are made when editing starts)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

_WATCH = "clearsight_presenter_watch"  # a text widget's property: the presenter watching it
_tokens = itertools.count(1)


class TypingWatch(QObject):
    def __init__(
        self,
        view: QWidget,
        pages: QWidget,
        typed: Callable[..., None],
        parent: QObject | None = None,
    ) -> None:
        """``typed`` is called on each change of a text under ``view``; the ones on its
        ``pages`` are watched at once, the others once they take the focus."""
        super().__init__(parent)
        self._view = view
        self._typed = typed
        # Each presenter watches a widget once, however often it takes the focus.
        self._token = next(_tokens)
        for widget in pages.findChildren(QWidget):
            self._watch(widget)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def stop(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)

    def _watch(self, widget: QWidget) -> None:
        if not isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            return
        if widget.property(_WATCH) == self._token or not self._view.isAncestorOf(widget):
            return
        widget.setProperty(_WATCH, self._token)
        widget.textChanged.connect(self._typed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self._watch(new)
