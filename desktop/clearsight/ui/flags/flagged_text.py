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
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from clearsight.review.flags import tooltip_html
from clearsight.ui.flags.highlighter import Span, flag_format, spans_in
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import EditorDelegate

TEXT_MARGIN = 6  # between an item's edge and its text, left and right
ROW_PADDING = 4  # above and below the text


def text_layout(
    text: str, font: Any, width: float, spans: list[Span], wrap: bool = True
) -> tuple[QTextLayout, float]:
    """``text`` wrapped at ``width`` with the flags' formats; and its height."""
    layout = QTextLayout(text, font)
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
    return layout, lay_out(layout, width, wrap)


def lay_out(layout: QTextLayout, width: float, wrap: bool = True) -> float:
    """Breaks ``layout``'s text into lines ``width`` wide, one under the other; their height."""
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if wrap else QTextOption.WrapMode.NoWrap
    )
    layout.setTextOption(option)
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
    return height


Index = QModelIndex | QPersistentModelIndex


class SpanCache:
    """The language flags of texts by (place, text), remembered until ``clear``: finding
    them is too slow to repeat at every paint."""

    def __init__(self, flags: ReviewFlags, field: str, limit: int = 1000) -> None:
        self.flags, self.field, self.limit = flags, field, limit
        self._spans: dict[tuple[str, str], list[Span]] = {}

    def __call__(self, place: str, text: str) -> list[Span]:
        spans = self._spans.get((place, text))
        if spans is None:
            if len(self._spans) > self.limit:  # edited texts leave their old versions behind
                self._spans.clear()
            spans = self._spans[(place, text)] = spans_in(self.flags, text, place, self.field)
        return spans

    def clear(self) -> None:
        self._spans.clear()


def draw_item_background(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index: Index
) -> tuple[str, QStyleOptionViewItem]:
    """Draws the item without its text (background, selection and focus as the style draws
    them) and returns the text and the style option, for the caller to draw the text."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    text, opt.text = opt.text, ""
    widget = opt.widget
    if widget is not None:
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    return text, opt


def paint_flagged(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: Index,
    spans: list[Span],
    wrap: bool = True,
    padding: int = ROW_PADDING,
) -> None:
    """Paints an item's text with its flags underlined, ``padding`` above and below."""
    text, opt = draw_item_background(delegate, painter, option, index)
    rect = option.rect.adjusted(TEXT_MARGIN, padding, -TEXT_MARGIN, -padding)
    layout, _ = text_layout(text, opt.font, rect.width(), spans, wrap)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.save()
    painter.setClipRect(option.rect)  # a table row shows what fits; never over the next
    painter.setPen(option.palette.color(role))
    layout.draw(painter, QPointF(rect.topLeft()))
    painter.restore()


def show_flags_tip(event: QHelpEvent, view: QAbstractItemView, spans: list[Span]) -> bool:
    """Shows why the flags in an item are flagged as its tooltip; False when it has none."""
    if event.type() == QEvent.Type.ToolTip and spans:
        QToolTip.showText(event.globalPos(), tooltip_html([s.finding for s in spans]), view)
        return True
    return False


# ---- the editor: a text box over the item ---------------------------------------------------
def text_box(
    parent: QWidget,
    name: str,
    placeholder: str = "",
    tab_changes_focus: bool = True,
    vertical_bar: bool = True,
) -> QPlainTextEdit:
    """A text box for one item's text; it grows with its lines instead of scrolling sideways."""
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    if placeholder:
        box.setPlaceholderText(placeholder)
    if tab_changes_focus:
        box.setTabChangesFocus(True)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if not vertical_bar:
        box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.document().setDocumentMargin(2)
    return box


def show_text(box: QPlainTextEdit, text: str) -> None:
    """Puts ``text`` in ``box`` with the cursor at its end; a box that holds it already is left
    alone, so the cursor stays where the user put it."""
    if box.toPlainText() != text:
        box.setPlainText(text)
        box.moveCursor(box.textCursor().MoveOperation.End)


def needed_height(box: QPlainTextEdit, width: float) -> int:
    """How tall ``box`` must be, at ``width``, to show all its lines."""
    margin = box.document().documentMargin()
    inner = width - 2 * box.frameWidth() - 2 * margin
    _, height = text_layout(box.toPlainText() or " ", box.font(), inner, [])
    return math.ceil(height + 2 * margin) + 2 * box.frameWidth() + 2


def grow_to_fit(box: QPlainTextEdit) -> None:
    """Tall enough for all its lines: a long text grows over the items below it."""
    needed = needed_height(box, box.width())
    if box.height() < needed:
        box.resize(box.width(), needed)


def is_enter(watched: QObject, event: QEvent) -> bool:
    """Enter pressed in a text box (the stock delegate filter leaves it to the box, for its
    new lines)."""
    if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
        assert isinstance(event, QKeyEvent)
        return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    return False


class TextBoxDelegate(EditorDelegate):
    """Moves an item's text in and out of a text box editor, grown to fit its lines."""

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802 (Qt's name)
        if isinstance(editor, QPlainTextEdit):
            show_text(editor, str(index.data() or ""))
        else:
            super().setEditorData(editor, index)

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
            grow_to_fit(editor)


class FlaggedTextDelegate(TextBoxDelegate):
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
        self._spans = SpanCache(flags, field)
        flags.context_changed.connect(self._context_changed)

    def spans(self, index: Index) -> list[Span]:
        return self._spans(self.place(index), str(index.data() or ""))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        paint_flagged(self, painter, option, index, self.spans(index), self.wrap)

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        spans = self.spans(index) if index.isValid() else []
        return show_flags_tip(event, view, spans) or super().helpEvent(event, view, option, index)

    # ---- the editor -----------------------------------------------------------------------
    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        editor = text_box(parent, self.name)
        self.flags.attach(editor, self.place(index), self.field)
        editor.textChanged.connect(lambda: grow_to_fit(editor))
        return self.adopt(editor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A row's text is one paragraph: Enter saves it, as a line editor would.
        if is_enter(watched, event):
            assert isinstance(watched, QPlainTextEdit)
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)

    def _context_changed(self) -> None:
        self._spans.clear()
        view = self.parent()
        if isinstance(view, QAbstractItemView):
            view.viewport().update()
