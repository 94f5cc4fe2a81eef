"""How the factor list paints and edits its cells.

A factor's text wraps in its cell with its language flags painted, and is edited in a text
box whose flags show as the user types (Enter saves, as on the entry line). The layer is
chosen from a list; the accepted risk's reason is typed in the same kind of text box.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.factors.model import COL_LAYER, COL_RISK, COL_TEXT, ID_ROLE, FactorsModel
from clearsight.ui.flags.flagged_text import (
    SpanCache,
    TextBoxDelegate,
    grow_to_fit,
    is_enter,
    paint_flagged,
    show_flags_tip,
    show_text,
    text_box,
    text_layout,
)
from clearsight.ui.flags.highlighter import Span
from clearsight.ui.flags.review_flags import ReviewFlags

ModelIndex = QModelIndex | QPersistentModelIndex
TEXT_MARGIN = 6  # between a cell's edge and its text, left and right
ROW_PADDING = 5  # above and below the text


def factor_place(index: ModelIndex) -> str:
    return f"factor:{index.data(ID_ROLE)}"


class FactorsDelegate(TextBoxDelegate):
    def __init__(
        self, session: ReviewSession, flags: ReviewFlags, model: FactorsModel, view: QTableView
    ) -> None:
        super().__init__(session, view)
        self.flags = flags
        self.model = model
        self.view = view
        self._spans = SpanCache(flags, "factor")
        flags.context_changed.connect(self._context_changed)

    # ---- the factor's text, painted with its flags ----------------------------------------
    def spans(self, index: ModelIndex) -> list[Span]:
        return self._spans(factor_place(index), str(index.data() or ""))

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        if index.column() != COL_TEXT:
            hint = super().sizeHint(option, index)
            return QSize(hint.width(), hint.height() + 2 * ROW_PADDING)
        width = max(self.view.columnWidth(COL_TEXT) - 2 * TEXT_MARGIN, 40)
        _, height = text_layout(str(index.data() or ""), option.font, width, [])
        return QSize(width + 2 * TEXT_MARGIN, math.ceil(height) + 2 * ROW_PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.column() != COL_TEXT:
            super().paint(painter, option, index)
            return
        paint_flagged(self, painter, option, index, self.spans(index), padding=ROW_PADDING)

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: ModelIndex,
    ) -> bool:
        if (
            index.isValid()
            and index.column() == COL_TEXT
            and show_flags_tip(event, view, self.spans(index))
        ):
            return True
        return super().helpEvent(event, view, option, index)

    def _context_changed(self) -> None:
        self._spans.clear()
        self.view.viewport().update()

    # ---- editors --------------------------------------------------------------------------
    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        col = index.column()
        if col == COL_LAYER:
            combo = QComboBox(parent)
            combo.setAccessibleName("Layer")
            for layer in self.model.layers:
                combo.addItem(layer.name, layer.id)
            combo.addItem("No layer yet", None)
            # A choice made with the mouse or Enter is saved at once.
            combo.activated.connect(lambda _: self._commit_and_close(combo))
            return self.adopt(combo)
        if col in (COL_TEXT, COL_RISK):
            if col == COL_TEXT:
                editor = text_box(parent, "Contributing factor")
                self.flags.attach(editor, factor_place(index), "factor")
            else:
                editor = text_box(
                    parent, "Why this risk is accepted", "Why will no action be taken?"
                )
                # The reason has no field of its own for the detector (None: every rule but
                # the field-specific ones), as in clearsight.review.flags.text_places.
                self.flags.attach(editor, f"risk:{index.data(ID_ROLE)}", None)  # type: ignore[arg-type]
            editor.textChanged.connect(lambda: grow_to_fit(editor))
            return self.adopt(editor)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802 (Qt's name)
        if isinstance(editor, QComboBox):
            at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(at if at >= 0 else editor.count() - 1)
        elif isinstance(editor, QPlainTextEdit):
            show_text(editor, str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A factor is one paragraph: Enter saves it.
        if is_enter(watched, event):
            assert isinstance(watched, QPlainTextEdit)
            self._commit_and_close(watched)
            return True
        return super().eventFilter(watched, event)
