"""The Language panel: every open flag of the review, each with its why and its question.

Clicking (or Enter on) a flag asks the review view to show it in its field; the context menu
dismisses it. The list follows ``ReviewFlags.found``.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.flags import DISMISS_REASONS, OpenFinding, dismiss_text, tooltip_html
from clearsight.ui import style
from clearsight.ui.flags.flagged_text import draw_item_background
from clearsight.ui.flags.review_flags import FAMILY_LABELS, ReviewFlags

FINDING_ROLE = Qt.ItemDataRole.UserRole
BAR = 6  # the coloured bar at an item's left edge: red for blame, amber for caution
PAD = 8
# More rows than anyone reads in a meeting; laying out 2,400 rows of a 1 MB paste took 0.3 s.
MAX_ROWS = 200


def finding_html(item: OpenFinding, quiet: QColor) -> str:
    f = item.finding
    kind = FAMILY_LABELS.get(f.family, f.family)
    return (
        f"<b>{html.escape(item.place.label)}</b> \u00b7 {kind}: "
        f"\u201c{html.escape(item.snippet)}\u201d"
        f"<br><span style='color:{quiet.name()}'>{html.escape(f.why)}</span>"
        f"<br><b>{html.escape(f.question)}</b>"
    )


class FindingsModel(QAbstractListModel):
    """The open findings as rows; set_rows replaces them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[OpenFinding] = []

    def set_rows(self, rows: list[OpenFinding]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        item = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.place.label}: \u201c{item.snippet}\u201d. {item.finding.question}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html([item.finding])
        if role == FINDING_ROLE:
            return item
        return None


class FindingDelegate(QStyledItemDelegate):
    """Paints a finding as three wrapped lines: where and what, why, and the question."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> Any:
        palette = option.palette
        if option.state & QStyle.StateFlag.State_Selected:
            quiet = palette.color(QPalette.ColorRole.HighlightedText)  # grey on blue is unread
        else:
            quiet = style.quiet_color(palette)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        item = index.data(FINDING_ROLE)
        doc.setHtml(finding_html(item, quiet) if item is not None else "")
        doc.setTextWidth(max(width - BAR - 3 * PAD, 80))
        return doc

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else 300
        doc = self._document(option, QModelIndex(index), width)
        return QSize(width, int(doc.size().height()) + 2 * PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        draw_item_background(self, painter, option, index)
        rect: QRect = option.rect
        item = index.data(FINDING_ROLE)
        blame = item is not None and item.finding.severity == "blame"
        painter.save()
        painter.fillRect(
            QRect(rect.left() + 2, rect.top() + PAD // 2, BAR, rect.height() - PAD),
            QColor(style.BLAME_LINE if blame else style.CAUTION_LINE),
        )
        doc = self._document(option, QModelIndex(index), rect.width())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.translate(rect.left() + BAR + 2 * PAD, rect.top() + PAD)
        painter.setPen(option.palette.color(role))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class LanguagePanel(QWidget):
    """The review's open flags; ``chosen`` carries the OpenFinding to show."""

    chosen = Signal(object)

    def __init__(self, flags: ReviewFlags) -> None:
        super().__init__()
        self.flags = flags
        self.setObjectName("language_panel")
        self.title = style.section_title("Language")
        self.status = style.hint("")
        self.model = FindingsModel(self)
        self.list = QListView()
        self.list.setAccessibleName("Language flags")
        self.list.setModel(self.model)
        self.list.setItemDelegate(FindingDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.clicked.connect(self._chosen)
        self.list.activated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, style.MARGIN, style.SPACING, style.SPACING)
        layout.setSpacing(style.SPACING // 2)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        flags.findings_changed.connect(self.show_findings)
        self.show_findings()

    def show_findings(self) -> None:
        current = self.current()
        found = self.flags.found
        self.model.set_rows(found[:MAX_ROWS])
        count = len(found)
        text = f"{count:,} open flag{'s' if count > 1 else ''}" if count else "No open flags."
        if count > MAX_ROWS:
            text += f"; the first {MAX_ROWS} are listed"
        self.status.setText(text)
        if current is not None:
            for row, item in enumerate(self.model.rows):
                if _same(item, current):
                    self.list.setCurrentIndex(self.model.index(row))
                    break

    def current(self) -> OpenFinding | None:
        index = self.list.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def choose(self, row: int) -> None:
        """Select row ``row`` and show its flag in its field, as a click does."""
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self._chosen(index)

    def menu_for(self, row: int) -> QMenu:
        menu = QMenu(self)
        item = self.model.rows[row]
        for reason in DISMISS_REASONS:
            action = QAction(dismiss_text(reason), menu)
            action.triggered.connect(
                lambda _=False, r=reason: self.flags.dismiss(  # type: ignore[misc]
                    item.place.place, item.finding.rule_id, item.snippet, r
                )
            )
            menu.addAction(action)
        return menu

    def _chosen(self, index: QModelIndex) -> None:
        item = index.data(FINDING_ROLE)
        if item is not None:
            self.chosen.emit(item)

    def _context_menu(self, point: QPoint) -> None:
        index = self.list.indexAt(point)
        if not index.isValid():
            return
        menu = self.menu_for(index.row())
        menu.exec(self.list.viewport().mapToGlobal(point))
        menu.deleteLater()


def _same(a: OpenFinding, b: OpenFinding) -> bool:
    return (a.place.place, a.finding.rule_id, a.snippet) == (
        b.place.place,
        b.finding.rule_id,
        b.snippet,
    )
