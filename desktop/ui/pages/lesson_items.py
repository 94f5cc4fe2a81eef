"""How a lesson looks in its list: wrapped to the list's width, its language flags underlined;
and its editor, a text box whose flags show as the user types."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QListWidget,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from clearsight.ui.flags import ReviewFlags, tooltip_html
from clearsight.ui.highlighter import Span, flag_format, spans_in
from clearsight.ui.pages.base import EditorDelegate

ID_ROLE = Qt.ItemDataRole.UserRole
TEXT_MARGIN = 6  # between an item's edge and its text, left and right
ROW_PADDING = 4  # above and below the text


def lesson_place(index: QModelIndex | QPersistentModelIndex) -> str:
    return f"lesson:{index.data(ID_ROLE)}"


def text_layout(text: str, font: Any, width: float, spans: list[Span]) -> tuple[QTextLayout, float]:
    """``text`` wrapped at ``width`` with the flags' formats; and its height."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    ranges = []
    for span in spans:
        r = QTextLayout.FormatRange()
        r.start, r.length, r.format = (
            span.start,
            span.end - span.start,
            flag_format(span.finding.severity),
        )
        ranges.append(r)
    layout.setFormats(ranges)
    height = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


class LessonDelegate(EditorDelegate):
    """Paints each lesson with its flags, sized for the list's real width.

    QListView's own size hint for wrapped text is taken at another width than the one it
    paints with, which clipped the last line of long items; here one layout does both.
    """

    def __init__(self, session: Any, flags: ReviewFlags, view: QListWidget) -> None:
        super().__init__(session, view)
        self.flags = flags
        self._spans: dict[tuple[str, str], list[Span]] = {}
        flags.context_changed.connect(self._context_changed)

    def spans(self, index: QModelIndex | QPersistentModelIndex) -> list[Span]:
        text, place = str(index.data() or ""), lesson_place(index)
        spans = self._spans.get((place, text))
        if spans is None:
            if len(self._spans) > 1000:  # edited lessons leave their old texts behind
                self._spans.clear()
            spans = self._spans[(place, text)] = spans_in(self.flags, text, place, "lesson")
        return spans

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

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
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
        painter.setPen(option.palette.color(role))
        layout.draw(painter, QPointF(rect.topLeft()))
        painter.restore()

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        spans = self.spans(index) if index.isValid() else []
        if event.type() == QEvent.Type.ToolTip and spans:
            QToolTip.showText(event.globalPos(), tooltip_html([s.finding for s in spans]), view)
            return True
        return super().helpEvent(event, view, option, index)

    # ---- the editor -----------------------------------------------------------------------
    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setAccessibleName("Lesson")
        editor.setTabChangesFocus(True)
        editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor.document().setDocumentMargin(2)
        self.flags.attach(editor, lesson_place(index), "lesson")
        editor.textChanged.connect(lambda: self._fit(editor))
        return self.adopt(editor)

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802 (Qt's name)
        if not isinstance(editor, QPlainTextEdit):
            super().setEditorData(editor, index)
            return
        text = str(index.data() or "")
        if editor.toPlainText() != text:
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
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
        """Tall enough for all its lines: a long lesson grows over the items below it."""
        margin = editor.document().documentMargin()
        width = editor.width() - 2 * editor.frameWidth() - 2 * margin
        _, height = text_layout(editor.toPlainText() or " ", editor.font(), width, [])
        needed = math.ceil(height + 2 * margin) + 2 * editor.frameWidth() + 2
        if editor.height() < needed:
            editor.resize(editor.width(), needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A lesson is one paragraph: Enter saves it, as it did in the line editor. (The
        # stock filter leaves Enter to text boxes, for their new lines.)
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(watched, event)

    def _context_changed(self) -> None:
        self._spans.clear()
        view = self.parent()
        if isinstance(view, QListWidget):
            view.viewport().update()
