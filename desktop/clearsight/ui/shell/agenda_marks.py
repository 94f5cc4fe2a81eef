"""The agenda's marks: each phase's readiness (✓ ◐ ○) and, while the meeting runs, its time.

Drawn by an item delegate at the right of each agenda row, so the row's own text (its label
and count of language flags) stays the review view's business. The reason for a readiness is
the row's tooltip and its accessible description.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from clearsight.review.readiness import DONE, PARTIAL, TODO, Readiness
from clearsight.ui import style, theme

SYMBOLS = {DONE: "\u2713", PARTIAL: "\u25d0", TODO: "\u25cb"}  # ✓ ◐ ○
STATE_NAMES = {DONE: "Done", PARTIAL: "Partly done", TODO: "Not started"}
SAMPLE_TIME = "00:00/00"  # the widest time text, for the room the marks need
PAD = 12  # as the agenda's item padding
TIME_SCALE = 0.85  # the time is this much smaller than the row's text
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PhaseTime:
    used: str  # "3:10"
    box: int  # minutes
    over: bool

    @property
    def text(self) -> str:
        return f"{self.used}/{self.box}"


class AgendaMarks(QStyledItemDelegate):
    def __init__(self, agenda: QListWidget, key_role: int) -> None:
        super().__init__(agenda)
        self.agenda = agenda
        self.key_role = key_role
        self.readiness: dict[str, Readiness] = {}
        self.times: dict[str, PhaseTime] = {}
        # A narrow window: the rows keep their symbols and the times go (they are in each
        # row's tooltip and, for the phase on, in the meeting bar), so the page keeps its room.
        self.compact = False
        agenda.setItemDelegate(self)

    def room(self) -> int:
        """The width the marks take at the right of a row, as ``paint`` lays them out: the
        time (small, bold when over its box), a gap, the symbol, the row's padding."""
        metrics = self.agenda.fontMetrics()
        small = QFontMetrics(self.time_font(self.agenda.font(), over=True))
        symbol = metrics.horizontalAdvance(SYMBOLS[PARTIAL])
        if self.compact:
            return symbol + PAD
        return small.horizontalAdvance(SAMPLE_TIME) + symbol + 2 * PAD

    @staticmethod
    def time_font(font: QFont, over: bool) -> QFont:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * TIME_SCALE)
        small.setBold(over)
        return small

    def set_readiness(self, readiness: dict[str, Readiness]) -> None:
        self.readiness = dict(readiness)
        for row in range(self.agenda.count()):
            item = self.agenda.item(row)
            found = self.readiness.get(str(item.data(self.key_role)))
            if found is not None:
                text = f"{STATE_NAMES[found.state]}: {found.reason}"
                if item.data(Qt.ItemDataRole.AccessibleDescriptionRole) != text:
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, text)
        self.agenda.viewport().update()

    def set_times(self, times: dict[str, PhaseTime]) -> None:
        if times != self.times:
            self.times = dict(times)
            self.agenda.viewport().update()

    def marks(self, key: str) -> str:
        """What the row of ``key`` shows at its right: '◐' or '3:10/12  ◐'."""
        found = self.readiness.get(key)
        symbol = SYMBOLS[found.state] if found else ""
        spent = self.times.get(key)
        return f"{spent.text}  {symbol}".strip() if spent else symbol

    def tooltip(self, key: str, own: str = "") -> str:
        lines = []
        found = self.readiness.get(key)
        if found is not None:
            lines.append(f"{STATE_NAMES[found.state]}: {found.reason}")
        spent = self.times.get(key)
        if spent is not None:
            over = " (over its box)" if spent.over else ""
            lines.append(f"{spent.used} used of a {spent.box}-minute time box{over}")
        if own:
            lines.append(own)
        return "\n".join(lines)

    # ---- drawing --------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        key = index.data(self.key_role)
        found = self.readiness.get(str(key)) if key is not None else None
        if found is None:
            return
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = text if selected else style.quiet_color(palette)
        rect: QRect = option.rect.adjusted(0, 0, -PAD, 0)  # type: ignore[attr-defined]
        painter.save()
        font = QFont(option.font)  # type: ignore[attr-defined]
        painter.setFont(font)
        metrics = painter.fontMetrics()
        symbol = SYMBOLS[found.state]
        symbol_width = metrics.horizontalAdvance(SYMBOLS[PARTIAL])
        symbol_rect = QRect(rect.right() - symbol_width, rect.top(), symbol_width, rect.height())
        painter.setPen(quiet if found.state == TODO else text)
        painter.drawText(symbol_rect, Qt.AlignmentFlag.AlignCenter, symbol)
        spent = None if self.compact else self.times.get(str(key))
        if spent is not None:
            painter.setFont(self.time_font(font, spent.over))
            room = QRect(rect.left(), rect.top(), rect.width() - symbol_width - PAD, rect.height())
            colour: QColor = quiet
            if spent.over:
                colour = text if selected else theme.warning_color(palette)
            painter.setPen(colour)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(room, align, spent.text)
        painter.restore()

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        key = index.data(self.key_role) if index.isValid() else None
        if event.type() != QEvent.Type.ToolTip or key is None:
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(str(key), str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))
        if not text:
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), text, view)
        return True
