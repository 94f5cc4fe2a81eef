"""How a lesson looks in its list: wrapped to the list's width, its language flags underlined;
and its editor, a text box whose flags show as the user types (see ui/flags/flagged_text.py)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QListWidget, QStyleOptionViewItem

from clearsight.ui.flags.flagged_text import (
    ROW_PADDING,
    TEXT_MARGIN,
    FlaggedTextDelegate,
    text_layout,
)
from clearsight.ui.flags.review_flags import ReviewFlags

ID_ROLE = Qt.ItemDataRole.UserRole


def lesson_place(index: QModelIndex | QPersistentModelIndex) -> str:
    return f"lesson:{index.data(ID_ROLE)}"


class LessonDelegate(FlaggedTextDelegate):
    """Each lesson with its flags, sized for the list's real width.

    QListView's own size hint for wrapped text is taken at another width than the one it
    paints with, which clipped the last line of long items; here one layout does both.
    """

    def __init__(self, session: Any, flags: ReviewFlags, view: QListWidget) -> None:
        super().__init__(session, flags, view, lesson_place, "lesson", "Lesson")

    def _text_width(self) -> int:
        view = self.parent()
        assert isinstance(view, QListWidget)
        return max(view.viewport().width() - 2 * view.spacing() - 16, 80) - 2 * TEXT_MARGIN

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._text_width()
        _, height = text_layout(str(index.data() or ""), option.font, width, [])
        return QSize(width + 2 * TEXT_MARGIN, math.ceil(height) + 2 * ROW_PADDING)
