"""The list of search hits: each one its review, where in it, and the matched words in bold."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

if TYPE_CHECKING:  # the window loads this before the store
    from clearsight.services.search import Hit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
PART_NAMES = {
    "title": "Title",
    "summary": "Summary",
    "impact": "Impact",
    "figure": "Impact figure",
    "event": "Timeline",
    "problem": "5 Whys problem",
    "why": "5 Whys",
    "factor": "Contributing factor",
    "action": "Action item",
    "lesson": "Lesson",
}
Index = QModelIndex | QPersistentModelIndex


def hit_html(hit: Hit, with_review: bool) -> str:
    """Two lines: the review (or only the part, inside one review) and the snippet, whose
    matched words are bold. Drawn from the marks, not from brackets: a review's own text may
    hold brackets."""
    out, at = [], 0
    for begin, stop in hit.marks:
        out += [html.escape(hit.snippet[at:begin]), "<b>", html.escape(hit.snippet[begin:stop])]
        out.append("</b>")
        at = stop
    out.append(html.escape(hit.snippet[at:]))
    return f"<div><b>{html.escape(_head(hit, with_review))}</b></div><div>{''.join(out)}</div>"


def hit_text(hit: Hit, with_review: bool) -> str:
    """The same for screen readers and tests: plain text."""
    return f"{_head(hit, with_review)}\n{hit.snippet}"


def _head(hit: Hit, with_review: bool) -> str:
    """Where the hit is: its part, after its review (severity, title and day, as two reviews
    may share a title) when the search is across reviews."""
    where = PART_NAMES.get(hit.part, hit.part)
    if not with_review:
        return where
    day = f" \u00b7 {hit.incident_start:%Y-%m-%d}" if hit.incident_start else ""
    return f"[{hit.severity}] {hit.title}{day} \u00b7 {where}"


class HitDelegate(QStyledItemDelegate):
    """Draws an item's HTML (its ``Qt.UserRole`` + 2), wrapped to the list's width."""

    HTML_ROLE = Qt.ItemDataRole.UserRole + 2

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(self.HTML_ROLE) or ""))
        doc.setTextWidth(max(100, option.rect.width() - 12))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_free = QStyleOptionViewItem(option)
        text_free.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_free, painter, option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + 6, rect.top() + 4)
        painter.setClipRect(QRectF(0, 0, rect.width() - 12, rect.height() - 8))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 8)


def item_data(hit: Hit, with_review: bool) -> dict[int, Any]:
    return {
        int(Qt.ItemDataRole.DisplayRole): hit_text(hit, with_review),
        int(HIT_ROLE): hit,
        int(HitDelegate.HTML_ROLE): hit_html(hit, with_review),
    }
