"""What every agenda page shares: a large title, a line of guidance, room to breathe."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget

from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession


class Page(QWidget):
    key = ""

    def __init__(self, session: ReviewSession, title: str, intro: str = "") -> None:
        super().__init__()
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.session = session
        self.title = title
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        self.body.setSpacing(style.SPACING)
        self.body.addWidget(style.page_title(title))
        if intro:
            self.body.addWidget(style.hint(intro))

    def load(self, detail: ReviewDetail) -> None:
        """Show the review as stored (widgets holding unsaved edits keep them)."""

    def live_texts(self) -> dict[str, str]:
        """The flagged texts as this page shows them now, by place key ("summary",
        "lesson:12"; see clearsight.review.flags.text_places)."""
        return {}

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        """Put the cursor on characters ``start:end`` of the text at ``place``; False when
        the text is not on this page."""
        return False


class EditorDelegate(QStyledItemDelegate):
    """An item delegate whose editors route undo keys to the review and can be flushed.

    ``flush`` hands the open editor's text to the view as if Enter had been pressed, so
    undo, page switches and closing never drop a half-finished cell edit.
    """

    def __init__(self, session: ReviewSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self._editor: QWidget | None = None
        session.add_flusher(self.flush)

    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        return self.adopt(super().createEditor(parent, option, index))

    def adopt(self, editor: QWidget) -> QWidget:
        """Make ``editor`` the open one: its undo keys go to the review, flush reaches it."""
        self.session.route_undo_keys(editor)
        self._editor = editor
        return editor

    def destroyEditor(  # noqa: N802
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if editor is self._editor:
            self._editor = None
        super().destroyEditor(editor, index)

    def flush(self) -> None:
        editor = self._editor
        if editor is not None and shiboken6.isValid(editor):
            self.commitData.emit(editor)
