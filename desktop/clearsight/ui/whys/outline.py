"""The 5 Whys outline: one row per why, indented under the why it answers.

Each row paints its text wrapped, with its language flags, and a quiet line under it: which
why it is, whether the team can change it (or whether the chain is still open), and which
contributing factors it feeds. Rows are edited in a text box whose flags show as the user
types; the keys that end an edit (Enter, Tab, Shift+Tab, Alt+Up/Down, Esc) are handed to the
page as a *step*, so typing a chain never needs the mouse.
"""

from __future__ import annotations

import math
import time
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.ui import style, theme
from clearsight.ui.editing.fields import DEBOUNCE_MS
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.flagged_text import (
    SpanCache,
    TextBoxDelegate,
    draw_item_background,
    grow_to_fit,
    show_flags_tip,
    text_box,
    text_layout,
)
from clearsight.ui.flags.highlighter import Span
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.whys.model import (
    DEPTH_ROLE,
    FACTORS_ROLE,
    KEY_ROLE,
    PENDING,
    PLACE_ROLE,
    STATUS_ROLE,
    WhyTreeModel,
)

Index = QModelIndex | QPersistentModelIndex
TEXT_MARGIN = 8
ROW_PADDING = 5
MIN_TEXT_WIDTH = 220  # a deep tree scrolls sideways rather than squeezing its text
INDENT = 22
PLACEHOLDERS = {PROBLEM: "The problem: what happened?", PENDING: "Why?"}


class FlagSpans(SpanCache):
    """The language flags of each why's text, remembered until the names or dismissals
    change. The outline and the drawing share one."""

    def __init__(self, flags: ReviewFlags) -> None:
        super().__init__(flags, "why", limit=5000)
        flags.context_changed.connect(self._spans.clear)


def status_color(kind: str, palette: QPalette) -> QColor | None:
    """The colour of a why's status: teal when the team can change it, amber while the chain
    is open; each light enough to read on a dark theme too."""
    if kind == "can":
        accent = QColor(style.ACCENT)
        return accent.lighter(150) if theme.is_dark(palette) else accent
    if kind == "open":
        return theme.warning_color(palette)
    return None


def status_line(index: Index) -> str:
    """'Why 3 · ✓ Team can change this · Factor 2 · Code review'."""
    depth = int(index.data(DEPTH_ROLE) or 0)
    parts = ["Problem" if depth == 0 else f"Why {depth}"]
    _, words = index.data(STATUS_ROLE) or ("", "")
    if words:
        parts.append(words)
    parts.extend(f"\u25c6 {label}" for label in index.data(FACTORS_ROLE) or [])
    return "   ".join(parts)


class WhyDelegate(TextBoxDelegate):
    """Paints a why with its flags and status line; edits it in a flagged text box."""

    step_requested = Signal(QWidget, str)  # (the editor, "sibling", "child", ...)
    autosave = Signal(QWidget)  # the editor's typing paused: save what it holds
    editor_closed = Signal()

    def __init__(
        self, session: ReviewSession, flags: ReviewFlags, spans: FlagSpans, view: WhyOutline
    ) -> None:
        super().__init__(session, view)
        self.flags, self.spans, self.view = flags, spans, view
        self._open: QPlainTextEdit | None = None
        self._sizes: dict[tuple[str, str, int, bool, float], QSize] = {}
        self.index = QPersistentModelIndex()  # the row being edited
        self.visit: int | None = None  # saves of one visit to a row merge into one step
        self._due = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pause)
        flags.context_changed.connect(lambda: view.viewport().update())

    def item_spans(self, index: Index) -> list[Span]:
        text = str(index.data() or "")
        return self.spans(str(index.data(PLACE_ROLE)), text) if text else []

    def _fonts(self, index: Index, base: QFont) -> tuple[QFont, QFont]:
        """The text's font (the problem's in bold) and the status line's (the view's own:
        quieter by colour, not by size, so the room can read it)."""
        font = QFont(base)
        if index.data(KEY_ROLE) == PROBLEM:
            font.setBold(True)
        return font, QFont(base)

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: Index
    ) -> QSize:
        width = self.view.text_width(int(index.data(DEPTH_ROLE) or 0))
        font, status_font = self._fonts(index, option.font)
        text, below = str(index.data() or "") or " ", status_line(index)
        # The view asks every row's size at each layout; a 500-why tree asks 1,000 times.
        key = (text, below, width, font.bold(), font.pointSizeF())
        size = self._sizes.get(key)
        if size is None:
            _, height = text_layout(text, font, width, [])
            _, under = text_layout(below, status_font, width, [])
            size = QSize(width + 2 * TEXT_MARGIN, math.ceil(height + under) + 3 * ROW_PADDING)
            if len(self._sizes) > 5000:
                self._sizes.clear()
            self._sizes[key] = size
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        _, opt = draw_item_background(self, painter, option, index)
        rect = option.rect.adjusted(TEXT_MARGIN, ROW_PADDING, -TEXT_MARGIN, -ROW_PADDING)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        font, status_font = self._fonts(index, opt.font)
        text = str(index.data() or "")
        painter.save()
        if text:
            layout, height = text_layout(text, font, rect.width(), self.item_spans(index))
            painter.setPen(palette.color(role))
        else:
            placeholder = PLACEHOLDERS.get(int(index.data(KEY_ROLE)), "(empty)")
            layout, height = text_layout(placeholder, font, rect.width(), [])
            painter.setPen(style.quiet_color(palette))
        layout.draw(painter, QPointF(rect.topLeft()))
        kind, _ = index.data(STATUS_ROLE) or ("", "")
        color = None if selected else status_color(kind, palette)
        below, _ = text_layout(status_line(index), status_font, rect.width(), [])
        painter.setPen(color or (palette.color(role) if selected else style.quiet_color(palette)))
        below.draw(painter, QPointF(rect.left(), rect.top() + height + ROW_PADDING))
        painter.restore()

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        spans = self.item_spans(index) if index.isValid() else []
        return show_flags_tip(event, view, spans) or super().helpEvent(event, view, option, index)

    # ---- the editor -----------------------------------------------------------------------
    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        key = int(index.data(KEY_ROLE))
        # Tab stays in the editor: it is the step to a child why (see editor_step).
        editor = text_box(
            parent,
            "Problem" if key == PROBLEM else "Why",
            PLACEHOLDERS.get(key, ""),
            tab_changes_focus=False,
            vertical_bar=False,
        )
        if key == PROBLEM:
            font = QFont(editor.font())
            font.setBold(True)
            editor.setFont(font)
        # The flags follow the row's place, so dismissals made while editing are remembered.
        self.flags.attach(editor, str(index.data(PLACE_ROLE)), "why")
        editor.textChanged.connect(lambda: grow_to_fit(editor))
        editor.textChanged.connect(self._typed)
        self._open = editor
        self.index = QPersistentModelIndex(index)
        self.visit = self.session.next_visit()
        return self.adopt(editor)

    def editing_key(self) -> int | None:
        return int(self.index.data(KEY_ROLE)) if self.index.isValid() else None

    def _typed(self) -> None:
        # Like ReviewFlags.schedule: a keystroke only moves the due time.
        self._due = time.monotonic() + DEBOUNCE_MS / 1000
        if not self._timer.isActive():
            self._timer.start(DEBOUNCE_MS)

    def _pause(self) -> None:
        left = self._due - time.monotonic()
        if left > 0.001:
            self._timer.start(int(left * 1000) + 1)
        elif self.open_editor is not None:
            self.autosave.emit(self.open_editor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = editor_step(event)
            if step is not None:
                if step != "newline":  # a why is one paragraph: Shift+Enter does nothing
                    self.step_requested.emit(watched, step)
                return True
        return super().eventFilter(watched, event)

    @property
    def open_editor(self) -> QPlainTextEdit | None:
        editor = self._open
        return editor if editor is not None and shiboken6.isValid(editor) else None

    def destroyEditor(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt's name)
        if editor is self._open:
            self._open = None
            self._timer.stop()
        super().destroyEditor(editor, index)
        self.editor_closed.emit()


def editor_step(event: QKeyEvent) -> str | None:
    """The step a key in the editor asks for, or None for a key the text box types."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = Qt.Key(event.key())
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        if mods == Qt.KeyboardModifier.NoModifier:
            return "sibling"
        return "newline" if mods == Qt.KeyboardModifier.ShiftModifier else None
    if key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
        return "child"
    if key == Qt.Key.Key_Backtab:
        return "outdent"
    if key == Qt.Key.Key_Escape and mods == Qt.KeyboardModifier.NoModifier:
        return "done"
    if mods == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        return "up" if key == Qt.Key.Key_Up else "down"
    return None


class WhyOutline(QTreeView):
    """The tree view: no header, every why unfolded, wide enough for deep chains."""

    def __init__(self, session: ReviewSession, flags: ReviewFlags, spans: FlagSpans) -> None:
        super().__init__()
        self.setAccessibleName("5 Whys outline")
        self.model_ = WhyTreeModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setIndentation(INDENT)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setExpandsOnDoubleClick(False)
        self.setAutoExpandDelay(-1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # F2 is the page's Edit action, which the context menu lists.
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.delegate = WhyDelegate(session, flags, spans, self)
        self.setItemDelegate(self.delegate)
        self._column_width = 0
        self.model_.modelReset.connect(self._fit_column)
        self.model_.rowsInserted.connect(self._fit_column)

    # ---- geometry -------------------------------------------------------------------------
    def text_width(self, depth: int) -> int:
        """The width a row's text wraps at: the column less the row's indentation."""
        return max(MIN_TEXT_WIDTH, self._column_width - INDENT * (depth + 1)) - 2 * TEXT_MARGIN

    def needed_width(self) -> int:
        """The outline's width that shows its deepest why's lines whole, frame and scroll
        bar included: any narrower, and the text runs past its right edge."""
        column = INDENT * (self.model_.max_depth() + 1) + MIN_TEXT_WIDTH
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return column + bar + 2 * self.frameWidth()

    def _fit_column(self, *_: object) -> None:
        deepest = self.model_.max_depth()
        needed = INDENT * (deepest + 1) + MIN_TEXT_WIDTH
        width = max(self.viewport().width(), needed)
        if width != self._column_width:
            self._column_width = width
            self.header().resizeSection(0, width)
            self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_column()
        if self.currentIndex().isValid():  # a prompt opening below must not hide the row
            self.scrollTo(self.currentIndex())

    # ---- keys and rows --------------------------------------------------------------------
    def current_key(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(KEY_ROLE)) if index.isValid() else None

    def select_key(self, key: int) -> bool:
        index = self.model_.index_of(key)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def editor(self) -> QPlainTextEdit | None:
        """The open editor, if any."""
        return self.delegate.open_editor

    def edit_key(self, key: int) -> QPlainTextEdit | None:
        """Open the editor on ``key``'s row and return it."""
        index = self.model_.index_of(key)
        if not index.isValid():
            return None
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)
        return self.delegate.open_editor

    def close_editor(self, editor: QWidget) -> None:
        """Close ``editor`` without saving (the page saves what it held)."""
        self.delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
