"""The drawn timeline strip: events as ticks, marks as flags, the impact window shaded.

The geometry comes from clearsight.timeline.strip (shared with the PDF export); this widget
only paints it, large enough to read from the back of a room. In a short window its flags are
drawn smaller (``set_scale``: their labels, rows and the room above them); the axis and its
times keep their size, so the times read as in the table under them.
"""

from __future__ import annotations

import math
from datetime import tzinfo

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from clearsight.review.data import EventData
from clearsight.timeline.marks import MARK_COLORS
from clearsight.timeline.strip import StripLayout, layout
from clearsight.ui import style

PAD = 16.0
AXIS_ROOM = 30.0  # below the axis: the time labels
LEVEL = 30.0  # height of one row of flags
# Rows of flags the strip has room for from the start: a trigger and its detection often sit
# close enough to need two. The strip grows past them when it must, and never shrinks back,
# so marking an event never moves the table under it.
MIN_LEVELS = 2
MIN_WIDTH_EMS = 24  # the least width, in average characters
SHADE = QColor(211, 47, 47, 45)  # the impact window: a light red wash over the axis


class TimelineStrip(QWidget):
    event_clicked = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Timeline strip")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.events: list[EventData] = []
        self.where: tzinfo | None = None
        self.flag_font = QFont(self.font())
        self.flag_font.setPointSizeF(style.PAGE_POINT_SIZE)
        self.flag_font.setBold(True)
        self._layout = StripLayout()
        self._levels = MIN_LEVELS
        self.scale = 1.0  # of the flags: see set_scale

    def set_events(self, events: list[EventData], where: tzinfo) -> None:
        self.events, self.where = list(events), where
        self._relayout()
        self.updateGeometry()
        self.update()

    def set_scale(self, scale: float) -> None:
        """Draw the flags at ``scale`` of their full size (1: for the back of the room)."""
        if abs(scale - self.scale) < 1e-6:
            return
        self.scale = scale
        self.flag_font.setPointSizeF(style.PAGE_POINT_SIZE * scale)
        self._relayout()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        flags = (PAD + LEVEL * self._levels + 16) * self.scale
        return QSize(600, math.ceil(flags + AXIS_ROOM))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As narrow as the page gets: the flags then stack in more rows. A width of its own
        # (it was 600 px) made opening a review widen a 1,280 px window and overlap at 1,024.
        return QSize(
            int(MIN_WIDTH_EMS * QFontMetricsF(self.font()).averageCharWidth()),
            self.sizeHint().height(),
        )

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        self._relayout()

    def _relayout(self) -> None:
        if self.where is None:
            return
        metrics = QFontMetricsF(self.flag_font)
        self._layout = layout(
            [(e.at, e.mark) for e in self.events],
            PAD,
            self.width() - PAD,
            lambda text: metrics.horizontalAdvance(text) + 12 * self.scale,
            self.where,
        )
        if self._layout.levels > self._levels:
            self._levels = self._layout.levels
            self.setFixedHeight(self.sizeHint().height())

    def _axis_y(self) -> float:
        return self.height() - AXIS_ROOM

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().windowText().color()
        quiet = style.quiet_color(self.palette())
        y = self._axis_y()
        strip = self._layout
        if not self.events:
            painter.setPen(quiet)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No events yet")
            return
        s = self.scale
        if strip.shade is not None:
            x0, x1 = strip.shade
            painter.fillRect(QRectF(x0, PAD * s / 2, max(2.0, x1 - x0), y - PAD * s / 2), SHADE)
        painter.setPen(QPen(text_color, 2))
        painter.drawLine(QPointF(PAD, y), QPointF(self.width() - PAD, y))
        painter.setPen(QPen(quiet, 1))
        for x, label in strip.axis:
            painter.drawLine(QPointF(x, y), QPointF(x, y + 5))
            painter.drawText(
                QRectF(x - 40, y + 6, 80, AXIS_ROOM - 6), Qt.AlignmentFlag.AlignHCenter, label
            )
        painter.setPen(QPen(text_color, 2))
        for x in strip.ticks:
            painter.drawLine(QPointF(x, y - 7), QPointF(x, y + 1))
        painter.setFont(self.flag_font)
        metrics = QFontMetricsF(self.flag_font)
        # Poles first, then the labels over them: a later flag's pole may pass behind an
        # earlier flag's label, never across its words.
        for flag in strip.flags:
            painter.setPen(QPen(QColor(MARK_COLORS[flag.mark]), 2))
            top = y - (12 + LEVEL * (flag.level + 1)) * s
            painter.drawLine(QPointF(flag.x, y), QPointF(flag.x, top))
        for flag in strip.flags:
            color = QColor(MARK_COLORS[flag.mark])
            top = y - (12 + LEVEL * (flag.level + 1)) * s
            width = metrics.horizontalAdvance(flag.label) + 12 * s
            left = flag.x - width if flag.leftward else flag.x
            box = QRectF(left, top, width, (LEVEL - 6) * s)
            painter.fillRect(box, color)
            painter.setPen(style.text_on(color))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, flag.label)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        x = event.position().x()
        near = [(abs(tx - x), n) for n, tx in enumerate(self._layout.ticks)]
        if near:
            distance, n = min(near)
            if distance <= 8:
                self.event_clicked.emit(self.events[n].id)
