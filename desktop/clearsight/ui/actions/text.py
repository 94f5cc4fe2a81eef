"""An action item's two texts, in one cell: what will be done, and below it, quieter, how
we will know it is done. One column for both leaves room for the short columns on a projector.

Both are checked for vague and blaming words: painted with their flags underlined, and edited
in two flagged text boxes (Tab goes from one to the other, Enter saves both).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from clearsight.ui.flags.flagged_text import (
    lay_out,
    needed_height,
    show_text,
    text_box,
    text_layout,
)
from clearsight.ui.flags.highlighter import Span, utf16_index
from clearsight.ui.flags.review_flags import ReviewFlags

VERIFY_PREFIX = "Done when: "
NO_VERIFY = "How will we know it is done?"
GAP = 4  # between the two texts
META_SEPARATOR = "  \u00b7  "


def shifted(spans: list[Span], by: int) -> list[Span]:
    return [s._replace(start=s.start + by, end=s.end + by) for s in spans]


def verify_text(verification: str) -> str:
    return VERIFY_PREFIX + verification if verification else NO_VERIFY


def quiet_font(font: QFont, empty: bool) -> QFont:
    quiet = QFont(font)
    quiet.setItalic(empty)
    return quiet


Piece = tuple[str, QColor | None, bool]  # a part of the meta line: text, colour, bold


def meta_layout(pieces: list[Piece], font: QFont, width: float) -> tuple[QTextLayout, float]:
    """The line over the what: "Incomplete · Prevention · PAY-1412 · closes F3", each part in
    its own colour (None: the pen's)."""
    text, ranges = "", []
    for n, (part, colour, bold) in enumerate(pieces):
        if n:
            text += META_SEPARATOR
        fmt = QTextCharFormat()
        if colour is not None:
            fmt.setForeground(colour)
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        r = QTextLayout.FormatRange()
        r.start, r.length, r.format = (
            utf16_index(text, len(text)),
            utf16_index(part, len(part)),
            fmt,
        )
        ranges.append(r)
        text += part
    layout = QTextLayout(text, font)
    layout.setFormats(ranges)
    return layout, lay_out(layout, width)


def texts_height(
    font: QFont, width: float, what: str, verification: str, pieces: list[Piece]
) -> int:
    height = 0.0
    if pieces:
        _, height = meta_layout(pieces, font, width)
        height += GAP
    _, top = text_layout(what or " ", font, width, [])
    below = verify_text(verification)
    _, bottom = text_layout(below, quiet_font(font, not verification), width, [])
    return math.ceil(height + top + GAP + bottom)


def paint_texts(
    painter: QPainter,
    rect: QRect,
    font: QFont,
    colours: tuple[QColor, QColor],
    what: tuple[str, list[Span]],
    verification: tuple[str, list[Span]],
    pieces: list[Piece],
) -> None:
    """The meta line (if any), ``what`` in the text colour, the verification below it in the
    quiet one."""
    text, spans = what
    check, check_spans = verification
    painter.save()
    y = float(rect.top())
    if pieces:
        meta, meta_height = meta_layout(pieces, font, rect.width())
        painter.setPen(colours[1])
        meta.draw(painter, QPointF(rect.left(), y))
        y += meta_height + GAP
    layout, height = text_layout(text, font, rect.width(), spans)
    painter.setPen(colours[0])
    layout.draw(painter, QPointF(rect.left(), y))
    y += height + GAP
    lower, _ = text_layout(
        verify_text(check),
        quiet_font(font, not check),
        rect.width(),
        shifted(check_spans, len(VERIFY_PREFIX)) if check else [],
    )
    painter.setPen(colours[1])
    lower.draw(painter, QPointF(rect.left(), y))
    painter.restore()


class ItemTextEditor(QWidget):
    """The cell editor: two flagged text boxes that grow with their text."""

    def __init__(
        self,
        parent: QWidget,
        flags: ReviewFlags,
        action_id: int,
        route_undo: Callable[[QWidget], Any],
    ) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.what = self._box("What will be done", "Say what will be done, specifically")
        self.verify = self._box(
            "How we will know", NO_VERIFY + " (an alert fires, a test passes\u2026)"
        )
        for box in (self.what, self.verify):
            route_undo(box)
        flags.attach(self.what, f"action:{action_id}", "action")
        flags.attach(self.verify, f"verify:{action_id}", "verification")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GAP)
        layout.addWidget(self.what)
        layout.addWidget(self.verify)
        self.setFocusProxy(self.what)

    def _box(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = text_box(self, name, placeholder, vertical_bar=False)
        box.textChanged.connect(self.fit)
        return box

    def boxes(self) -> tuple[QPlainTextEdit, QPlainTextEdit]:
        return self.what, self.verify

    def set_texts(self, what: str, verification: str) -> None:
        show_text(self.what, what)
        show_text(self.verify, verification)
        self.fit()

    def texts(self) -> dict[str, str]:
        return {"what": self.what.toPlainText(), "verification": self.verify.toPlainText()}

    def fit(self) -> None:
        """Each box as tall as its lines, the editor as tall as both (over the rows below)."""
        total = 0
        for box in (self.what, self.verify):
            needed = needed_height(box, max(self.width(), 80))
            box.setFixedHeight(needed)
            total += needed
        total += GAP
        if self.height() != total:
            self.resize(self.width(), total)
