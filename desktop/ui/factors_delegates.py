"""How the factor list paints and edits its cells.

A factor's text wraps in its cell with its language flags painted, and is edited in a text
box whose flags show as the user types (Enter saves, as on the entry line). The layer is
chosen from a list; the accepted risk's reason is typed in the same kind of text box.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from clearsight.ui.factors_model import COL_LAYER, COL_RISK, COL_TEXT, ID_ROLE, FactorsModel
from clearsight.ui.flags import ReviewFlags, tooltip_html
from clearsight.ui.highlighter import Span, spans_in
from clearsight.ui.pages.base import EditorDelegate
from clearsight.ui.pages.lesson_items import text_layout
from clearsight.ui.session import ReviewSession

ModelIndex = QModelIndex | QPersistentModelIndex
TEXT_MARGIN = 6  # between a cell's edge and its text, left and right
ROW_PADDING = 5  # above and below the text


def factor_place(index: ModelIndex) -> str:
    return f"factor:{index.data(ID_ROLE)}"


class FactorsDelegate(EditorDelegate):
    def __init__(
        self, session: ReviewSession, flags: ReviewFlags, model: FactorsModel, view: QTableView
    ) -> None:
        super().__init__(session, view)
        self.flags = flags
        self.model = model
        self.view = view
        self._spans: dict[tuple[str, str], list[Span]] = {}
        flags.context_changed.connect(self._context_changed)

    # ---- the factor's text, painted with its flags ----------------------------------------
    def spans(self, index: ModelIndex) -> list[Span]:
        text, place = str(index.data() or ""), factor_place(index)
        spans = self._spans.get((place, text))
        if spans is None:
            if len(self._spans) > 1000:  # edited factors leave their old texts behind
                self._spans.clear()
            spans = self._spans[(place, text)] = spans_in(self.flags, text, place, "factor")
        return spans

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
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        if widget is not None:  # background, selection and focus as the style draws them
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = option.rect.adjusted(TEXT_MARGIN, ROW_PADDING, -TEXT_MARGIN, -ROW_PADDING)
        layout, _ = text_layout(text, opt.font, rect.width(), self.spans(index))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(option.rect)
        painter.setPen(option.palette.color(role))
        layout.draw(painter, QPointF(rect.topLeft()))
        painter.restore()

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: ModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid() and index.column() == COL_TEXT:
            spans = self.spans(index)
            if spans:
                QToolTip.showText(event.globalPos(), tooltip_html([s.finding for s in spans]), view)
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
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            editor.document().setDocumentMargin(2)
            if col == COL_TEXT:
                editor.setAccessibleName("Contributing factor")
                self.flags.attach(editor, factor_place(index), "factor")
            else:
                editor.setAccessibleName("Why this risk is accepted")
                editor.setPlaceholderText("Why will no action be taken?")
                # The reason has no field of its own for the detector (None: every rule but
                # the field-specific ones), as in clearsight.review.flags.text_places.
                self.flags.attach(editor, f"risk:{index.data(ID_ROLE)}", None)  # type: ignore[arg-type]
            editor.textChanged.connect(lambda: self._fit(editor))
            return self.adopt(editor)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802 (Qt's name)
        if isinstance(editor, QComboBox):
            at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(at if at >= 0 else editor.count() - 1)
        elif isinstance(editor, QPlainTextEdit):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            if editor.toPlainText() != text:
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(  # noqa: N802 (Qt's name)
        self, editor: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> None:
        editor.setGeometry(option.rect)
        if isinstance(editor, QPlainTextEdit):
            self._fit(editor)

    def _fit(self, editor: QPlainTextEdit) -> None:
        """Tall enough for all its lines: a long factor grows over the rows below it."""
        margin = editor.document().documentMargin()
        width = editor.width() - 2 * editor.frameWidth() - 2 * margin
        _, height = text_layout(editor.toPlainText() or " ", editor.font(), width, [])
        needed = math.ceil(height + 2 * margin) + 2 * editor.frameWidth() + 2
        if editor.height() < needed:
            editor.resize(editor.width(), needed)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A factor is one paragraph: Enter saves it. (The stock filter leaves Enter to text
        # boxes, for their new lines.)
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._commit_and_close(watched)
                return True
        return super().eventFilter(watched, event)
