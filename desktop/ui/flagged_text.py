"""Item views whose texts carry language flags: painted with the flags underlined, a tooltip
with why and the better question, and an editor (a text box) whose flags show as one types.

Lessons, timeline events, why answers, factors and action items all use it; a subclass or the
``place`` function says which record field a row is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QKeyEvent, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from clearsight.ui.flags import ReviewFlags, tooltip_html
from clearsight.ui.highlighter import Span, flag_format, spans_in
from clearsight.ui.pages.base import EditorDelegate

TEXT_MARGIN = 6  # between an item's edge and its text, left and right
ROW_PADDING = 4  # above and below the text


def text_layout(
    text: str, font: Any, width: float, spans: list[Span], wrap: bool = True
) -> tuple[QTextLayout, float]:
    """``text`` wrapped at ``width`` with the flags' formats; and its height."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap else QTextOption.WrapMode.NoWrap
    )
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


Index = QModelIndex | QPersistentModelIndex


class FlaggedTextDelegate(EditorDelegate):
    """Paints a text column with its flags and edits it in a flagged text box.

    ``place(index)`` names the record field of a row ("event:12"); ``field`` is the detector's
    field for it. Enter saves the text (a row's text is one paragraph).
    """

    def __init__(
        self,
        session: Any,
        flags: ReviewFlags,
        view: QAbstractItemView,
        place: Callable[[Index], str],
        field: str,
        name: str = "Text",
    ) -> None:
        super().__init__(session, view)
        self.flags = flags
        self.place = place
        self.field = field
        self.name = name
        self.wrap = True  # False: one line per row (a table with fixed row heights)
        self._spans: dict[tuple[str, str], list[Span]] = {}
        flags.context_changed.connect(self._context_changed)

    def spans(self, index: Index) -> list[Span]:
        text, place = str(index.data() or ""), self.place(index)
        spans = self._spans.get((place, text))
        if spans is None:
            if len(self._spans) > 1000:  # edited texts leave their old versions behind
                self._spans.clear()
            spans = self._spans[(place, text)] = spans_in(self.flags, text, place, self.field)
        return spans

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
        layout, _ = text_layout(text, opt.font, rect.width(), self.spans(index), self.wrap)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(option.rect)  # a table row shows what fits; never over the next
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
        editor.setAccessibleName(self.name)
        editor.setTabChangesFocus(True)
        editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor.document().setDocumentMargin(2)
        self.flags.attach(editor, self.place(index), self.field)
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
        """Tall enough for all its lines: a long text grows over the items below it."""
        margin = editor.document().documentMargin()
        width = editor.width() - 2 * editor.frameWidth() - 2 * margin
        _, height = text_layout(editor.toPlainText() or " ", editor.font(), width, [])
        needed = math.ceil(height + 2 * margin) + 2 * editor.frameWidth() + 2
        if editor.height() < needed:
            editor.resize(editor.width(), needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A row's text is one paragraph: Enter saves it, as a line editor would. (The stock
        # filter leaves Enter to text boxes, for their new lines.)
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
        if isinstance(view, QAbstractItemView):
            view.viewport().update()
