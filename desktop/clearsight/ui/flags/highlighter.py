"""Underlines language findings in one QPlainTextEdit as the user types, block by block.

Qt hands ``highlightBlock`` only the blocks an edit touched, so a keystroke costs the
detector one paragraph. A sentence that runs over a line break is read as two; a rule that
looks at the whole text (the impact's "no figures") sees only its paragraph here, while the
Language panel reads the whole text as the CLI does.

Huge texts: pasting 1 MB makes Qt call ``highlightBlock`` for every new block before it
returns to the event loop: half a second of detector work on a fast machine, and the window
frozen meanwhile. So each pass (one edit, or one rehighlight) gets ``BUDGET_S`` of analysis;
blocks after that are left plain, remembered as a range (two QTextCursors, which follow later
edits), and analysed from a zero-timer in slices of the same budget, the visible blocks
first. Typing never comes near the budget. (tests/perf/test_flag_highlighting.py)
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip

from clearsight.language.findings import Finding
from clearsight.review.flags import DISMISS_REASONS, dismiss_text, tooltip_html
from clearsight.ui import style

if TYPE_CHECKING:
    from clearsight.ui.flags.review_flags import ReviewFlags

BUDGET_S = 0.05  # the longest the highlighter holds the event loop in one go


class Span(NamedTuple):
    """A finding's place in Qt's terms: UTF-16 offsets into the block's text."""

    start: int
    end: int
    finding: Finding
    snippet: str


def utf16_index(text: str, index: int) -> int:
    """Qt counts UTF-16 units: a character outside the BMP (most emoji) counts as two."""
    if text.isascii():
        return index
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


def select_span(edit: QPlainTextEdit, start: int, end: int, snippet: str) -> bool:
    """Select ``snippet``, found at ``start:end`` (Python offsets into the whole text) when
    the panel read it; if typing has moved it since, its nearest copy. Focuses ``edit``."""
    text = edit.toPlainText()
    if text[start:end] != snippet:
        copies, i = [], text.find(snippet) if snippet else -1
        while i >= 0:
            copies.append(i)
            i = text.find(snippet, i + 1)
        if not copies:
            return False
        start = min(copies, key=lambda c: abs(c - start))
        end = start + len(snippet)
    cursor = edit.textCursor()
    cursor.setPosition(utf16_index(text, start))
    cursor.setPosition(utf16_index(text, end), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
    edit.setFocus()
    return True


@functools.cache
def flag_format(severity: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if severity == "blame":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(style.BLAME_LINE))
        fmt.setBackground(QColor(*style.BLAME_FILL))
    else:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(style.CAUTION_LINE))
        fmt.setBackground(QColor(*style.CAUTION_FILL))
    return fmt


def spans_in(flags: ReviewFlags, text: str, place: str, field: str) -> list[Span]:
    """The open findings of one block, blame last so that it is painted over caution."""
    spans = [
        Span(utf16_index(text, f.start), utf16_index(text, f.end), f, text[f.start : f.end])
        for f in flags.findings_in(text, place, field)
    ]
    spans.sort(key=lambda s: (s.finding.severity == "blame", s.end - s.start))
    return spans


class FlagHighlighter(QSyntaxHighlighter):
    """The flags of one text field (``place`` as dismissals name it, ``field`` as the detector
    knows it): underlines, a tooltip with the question, and Dismiss entries in the menu."""

    def __init__(self, edit: QPlainTextEdit, flags: ReviewFlags, place: str, field: str) -> None:
        super().__init__(edit)  # a QPlainTextEdit parent does not attach its document
        self.edit, self.flags, self.place, self.field = edit, flags, place, field
        self._pass_start: float | None = None
        self._pending: tuple[QTextCursor, QTextCursor] | None = None
        self._visible_first = False
        self._forced = False  # analyse the block whatever the budget says
        self._pass_end = QTimer(self)
        self._pass_end.setSingleShot(True)
        self._pass_end.setInterval(0)
        self._pass_end.timeout.connect(self._end_pass)
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self._continue)
        document = edit.document()
        # Connected before setDocument, so it runs before QSyntaxHighlighter's own slot for
        # the same signal (Qt calls slots in connection order): every edit gets a full budget.
        document.contentsChange.connect(self._new_pass)
        self.setDocument(document)
        flags.context_changed.connect(self.refresh)
        edit.viewport().installEventFilter(self)
        edit.installEventFilter(self)  # the keyboard's menu key goes to the editor itself

    # ---- highlighting ---------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if not self._forced and self._over_budget():
            self._defer(self.currentBlock())
            return
        for span in spans_in(self.flags, text, self.place, self.field):
            self.setFormat(span.start, span.end - span.start, flag_format(span.finding.severity))

    def refresh(self) -> None:
        """Read the whole text again (the names or the dismissals changed)."""
        self._new_pass()
        self.rehighlight()

    @property
    def busy(self) -> bool:
        """True while blocks of a huge edit still wait to be analysed."""
        return self._pending is not None

    def _new_pass(self, *_: object) -> None:
        self._pass_start = time.perf_counter()
        if not self._pass_end.isActive():  # one Qt call fewer per keystroke (see schedule())
            self._pass_end.start()

    def _end_pass(self) -> None:
        self._pass_start = None

    def _over_budget(self) -> bool:
        if self._pass_start is None:
            self._new_pass()
            return False
        return time.perf_counter() - self._pass_start > BUDGET_S

    def _defer(self, block: QTextBlock) -> None:
        position = block.position()
        if self._pending is None:
            start, end = QTextCursor(self.document()), QTextCursor(self.document())
            start.setKeepPositionOnInsert(True)  # text typed before the range joins it
            start.setPosition(position)
            end.setPosition(position)
            self._pending = (start, end)
            self._visible_first = True
        else:
            start, end = self._pending
            start.setPosition(min(start.position(), position))
            end.setPosition(max(end.position(), position))
        self._more.start()

    def _continue(self) -> None:
        if self._pending is None:
            return
        start, end = self._pending
        first, last = start.position(), end.position()
        self._pending = None
        self._new_pass()
        if self._visible_first:
            self._visible_first = False
            for block in self._visible_blocks():
                if first <= block.position() <= last:
                    self._analyse(block)
        block = self.document().findBlock(first)
        done = 0
        while block.isValid() and block.position() <= last:
            if done and self._over_budget():  # each slice gets at least one block done
                self._defer(block)
                self._defer(self.document().findBlock(last))
                self._visible_first = False
                return
            self._analyse(block)
            done += 1
            block = block.next()

    def _analyse(self, block: QTextBlock) -> None:
        self._forced = True
        try:
            self.rehighlightBlock(block)
        finally:
            self._forced = False

    def _visible_blocks(self) -> list[QTextBlock]:
        edit = self.edit
        block = edit.cursorForPosition(QPoint(0, 0)).block()
        bottom = edit.cursorForPosition(QPoint(0, edit.viewport().height())).block()
        blocks = []
        while block.isValid() and block.blockNumber() <= bottom.blockNumber():
            blocks.append(block)
            block = block.next()
        return blocks

    # ---- what is under the mouse ----------------------------------------------------------
    def spans_at(self, position: int) -> list[Span]:
        """The findings covering the character at ``position``, the one shown on top first."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return []
        offset = position - block.position()
        found = [
            s
            for s in spans_in(self.flags, block.text(), self.place, self.field)
            if s.start <= offset < s.end
        ]
        return found[::-1]

    def position_at(self, point: QPoint) -> int:
        """The document position of the character under ``point`` (viewport coordinates)."""
        cursor = self.edit.cursorForPosition(point)
        rect = self.edit.cursorRect(cursor)
        if abs(point.y() - rect.center().y()) > rect.height():
            return -1  # below the text's last line
        # cursorForPosition gives the nearest gap between characters; the character under
        # the point lies after the gap when the point is right of it.
        return cursor.position() if point.x() >= rect.x() else cursor.position() - 1

    def tooltip_at(self, position: int) -> str:
        spans = self.spans_at(position)
        return tooltip_html([s.finding for s in spans]) if spans else ""

    def menu_at(self, point: QPoint, position: int) -> QMenu:
        """The editor's context menu, led by Dismiss entries when a flag is at ``position``."""
        menu = self.edit.createStandardContextMenu(point)
        spans = self.spans_at(position)
        if spans:
            top = spans[0]
            first = menu.actions()[0] if menu.actions() else None
            for reason in DISMISS_REASONS:
                action = QAction(dismiss_text(reason), menu)
                action.triggered.connect(
                    lambda _=False, r=reason, s=top: self.dismiss(s, r)  # type: ignore[misc]
                )
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        return menu

    def dismiss(self, span: Span, reason: str) -> bool:
        return self.flags.dismiss(self.place, span.finding.rule_id, span.snippet, reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.ToolTip, QEvent.Type.ContextMenu):
            return False  # first, and touching no widget: this also sees the editor's teardown
        viewport = self.edit.viewport()
        if kind == QEvent.Type.ToolTip and watched is viewport:
            assert isinstance(event, QHelpEvent)
            text = self.tooltip_at(self.position_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, viewport)
            else:
                QToolTip.hideText()
            return True
        if kind == QEvent.Type.ContextMenu:
            assert isinstance(event, QContextMenuEvent)
            by_mouse = event.reason() == QContextMenuEvent.Reason.Mouse
            if by_mouse and watched is viewport:
                point, position = event.pos(), self.position_at(event.pos())
            elif not by_mouse:
                cursor = self.edit.textCursor()
                point = self.edit.cursorRect(cursor).center()
                position = cursor.position()
            else:
                return False
            menu = self.menu_at(point, position)
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False
