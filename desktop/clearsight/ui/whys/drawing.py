"""The drawn 5 Whys tree for the projector: boxes top-down, arrows from each why to its answers.

The geometry is clearsight.drawing.tree_layout's (Qt-free); this widget measures the wrapped
text, paints the boxes large enough to read from the back of a room, and tells which box was
clicked. In a ``TreeCanvas`` it scrolls, or shrinks (and grows) to fit the window.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clearsight.drawing.tree_layout import PROBLEM, V_GAP, Box, TreeLayout, layout_tree
from clearsight.review.data import WhyTreeData
from clearsight.ui import style
from clearsight.ui.flags.flagged_text import text_layout
from clearsight.ui.flags.highlighter import Span, flag_format
from clearsight.ui.whys import outline as whys_outline

BOX_WIDTH = 300.0
DRAW_POINT_SIZE = 14.0  # the why's words: read from the back of the room
LABEL_POINT_SIZE = 12.0  # "Why 3", the status and the factors
PAD = 10.0  # inside a box
MARGIN = 24.0  # around the drawing
MAX_FIT_SCALE = 2.0  # a small tree fitted to a big window grows, up to twice its size
# Fitted so small that its words could not be read (a 14 pt font at 0.2 is under 3 pt), a
# tree is drawn as its shape; the flags' marks show from where words are readable.
TEXT_MIN_SCALE = 0.2
FLAGS_MIN_SCALE = 0.4
STATUS_MARKS = {"can": "\u2713 can change", "cannot": "\u2717 cannot change", "open": "\u25cb open"}

SpansFor = Callable[[str, str], list[Span]]


@dataclasses.dataclass(frozen=True)
class BoxInfo:
    """What a box shows besides its text."""

    text: str
    place: str  # the language flags' place key
    status: str = ""  # "can", "cannot", "open" or ""
    factors: tuple[str, ...] = ()


class TreeDrawing(QWidget):
    box_clicked = Signal(int)  # PROBLEM or a node id

    def __init__(self, spans_for: SpansFor | None = None) -> None:
        super().__init__()
        self.setAccessibleName("5 Whys drawing")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.spans_for = spans_for
        self.text_font = QFont(self.font())
        self.text_font.setPointSizeF(DRAW_POINT_SIZE)
        self.problem_font = QFont(self.text_font)
        self.problem_font.setBold(True)
        self.label_font = QFont(self.font())
        self.label_font.setPointSizeF(LABEL_POINT_SIZE)
        self.label_font.setBold(True)
        self.layout_: TreeLayout = TreeLayout()
        self.info: dict[int, BoxInfo] = {}
        self.selected: int | None = None
        self.scale = 1.0
        self._texts: dict[int, tuple[QTextLayout, float]] = {}
        self._factors: dict[int, tuple[QTextLayout, float]] = {}  # "◆ Factor 2 · Code review"
        self._label_height = QFontMetricsF(self.label_font).height()

    # ---- content --------------------------------------------------------------------------
    def set_tree(self, tree: WhyTreeData | None, info: dict[int, BoxInfo]) -> None:
        """Lay out ``tree``; ``info`` gives each box's status and factors by key."""
        self.info = info
        self._texts = {}
        self._factors = {}
        if tree is None:
            self.layout_ = TreeLayout()
        else:
            width = BOX_WIDTH - 2 * PAD
            for key, box in info.items():
                font = self.problem_font if key == PROBLEM else self.text_font
                text = box.text or ("(the problem)" if key == PROBLEM else "(why?)")
                # The flags are drawn over the text at paint time: only the boxes in view ask
                # the detector, so a big tree lays out without waiting for it.
                self._texts[key] = text_layout(text, font, width, [])
                if box.factors:
                    # U+2028: a line break inside one QTextLayout paragraph.
                    lines = "\u2028".join(f"\u25c6 {f}" for f in box.factors)
                    self._factors[key] = text_layout(lines, self.label_font, width, [])
            # layout_tree measures boxes by their text; these boxes hold more than their text
            # (a label line, the factors), so each one is measured by its key instead.
            keyed = dataclasses.replace(
                tree,
                problem=str(PROBLEM),
                nodes=[dataclasses.replace(n, text=str(n.id)) for n in tree.nodes],
            )
            self.layout_ = layout_tree(keyed, self._measure, BOX_WIDTH)
        self._resize()
        self.update()

    def _measure(self, key_text: str, width: float) -> float:
        key = int(key_text)
        _, height = self._texts.get(key) or (None, 0.0)
        _, factors = self._factors.get(key) or (None, 0.0)
        return PAD * 2 + self._label_height + 4 + height + factors

    def content_size(self) -> QSize:
        return QSize(
            math.ceil(self.layout_.width + 2 * MARGIN), math.ceil(self.layout_.height + 2 * MARGIN)
        )

    def set_scale(self, scale: float) -> None:
        if abs(scale - self.scale) > 1e-6:
            self.scale = scale
            self._resize()
            self.update()

    def set_selected(self, key: int | None) -> None:
        if key != self.selected:
            self.selected = key
            self.update()

    def box_rect(self, key: int) -> QRectF | None:
        """Where ``key``'s box is, in widget coordinates."""
        box = self.layout_.box(key)
        if box is None:
            return None
        s = self.scale
        return QRectF((box.x + MARGIN) * s, (box.y + MARGIN) * s, box.w * s, box.h * s)

    def key_at(self, point: QPointF) -> int | None:
        x, y = point.x() / self.scale - MARGIN, point.y() / self.scale - MARGIN
        for box in self.layout_.boxes:
            if box.x <= x <= box.x + box.w and box.y <= y <= box.y + box.h:
                return box.key
        return None

    def _resize(self) -> None:
        size = self.content_size()
        self.setFixedSize(
            max(1, math.ceil(size.width() * self.scale)),
            max(1, math.ceil(size.height() * self.scale)),
        )

    # ---- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        if not self.layout_.boxes:
            return
        painter.scale(self.scale, self.scale)
        painter.translate(MARGIN, MARGIN)
        s = self.scale
        exposed = QRectF(event.rect())
        seen = QRectF(
            exposed.x() / s - MARGIN,
            exposed.y() / s - MARGIN,
            exposed.width() / s,
            exposed.height() / s,
        )
        boxes = {b.key: b for b in self.layout_.boxes}
        self._paint_arrows(painter, boxes, seen, style.quiet_color(palette))
        for box in self.layout_.boxes:
            if seen.intersects(QRectF(box.x, box.y, box.w, box.h)):
                self._paint_box(painter, box, palette)

    def _paint_arrows(
        self, painter: QPainter, boxes: dict[int, Box], seen: QRectF, color: QColor
    ) -> None:
        path = QPainterPath()
        heads = QPainterPath()
        for parent_key, child_key in self.layout_.edges:
            parent, child = boxes[parent_key], boxes[child_key]
            x0, y0 = parent.x + parent.w / 2, parent.y + parent.h
            x1, y1 = child.x + child.w / 2, child.y
            if not seen.intersects(QRectF(min(x0, x1) - 8, y0, abs(x1 - x0) + 16, y1 - y0 + 1)):
                continue
            mid = y1 - V_GAP / 2
            path.moveTo(x0, y0)
            path.lineTo(x0, mid)
            path.lineTo(x1, mid)
            path.lineTo(x1, y1 - 7)
            heads.moveTo(x1, y1)
            heads.lineTo(x1 - 6, y1 - 9)
            heads.lineTo(x1 + 6, y1 - 9)
            heads.closeSubpath()
        painter.setPen(QPen(color, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(heads)

    def _paint_box(self, painter: QPainter, box: Box, palette: QPalette) -> None:
        info = self.info.get(box.key, BoxInfo("", ""))
        rect = QRectF(box.x, box.y, box.w, box.h)
        text_color = palette.color(QPalette.ColorRole.Text)
        quiet = style.quiet_color(palette)
        is_problem = box.key == PROBLEM
        if is_problem:
            fill, ink = QColor(style.ACCENT), QColor("white")
        else:
            fill, ink = palette.color(QPalette.ColorRole.Base), text_color
        status_color = whys_outline.status_color(info.status, palette) or quiet
        pen = QPen(text_color, 1.5)
        if info.status == "can":
            pen = QPen(status_color, 3.5)
        elif info.status == "open":
            pen = QPen(status_color, 2.5, Qt.PenStyle.DashLine)
        if box.key == self.selected:  # a ring outside the box, in the selection colour
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-5, -5, 5, 5), 9, 9)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6, 6)
        if self.scale < TEXT_MIN_SCALE:  # a whole big tree in view: shape only, no words
            return
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        # The label line: which why this is, and what the team said about changing it.
        painter.setFont(self.label_font)
        label = "Problem" if is_problem else f"Why {box.depth}"
        painter.setPen(ink if is_problem else quiet)
        line = QRectF(inner.left(), inner.top(), inner.width(), self._label_height)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        mark = STATUS_MARKS.get(info.status)
        if mark:
            painter.setPen(status_color)
            painter.drawText(
                line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, mark
            )
        top = inner.top() + self._label_height + 4
        text = self._texts.get(box.key)
        if text is not None:
            layout, height = text
            painter.setPen(ink if info.text or is_problem else quiet)
            layout.draw(painter, QPointF(inner.left(), top), self._flag_ranges(info))
            top += height
        factors = self._factors.get(box.key)
        if factors is not None:
            painter.setPen(ink if is_problem else text_color)
            factors[0].draw(painter, QPointF(inner.left(), top))

    def _flag_ranges(self, info: BoxInfo) -> list[QTextLayout.FormatRange]:
        if self.spans_for is None or not info.text or self.scale < FLAGS_MIN_SCALE:
            return []
        ranges = []
        for span in self.spans_for(info.place, info.text):
            r = QTextLayout.FormatRange()
            r.start, r.length = span.start, span.end - span.start
            r.format = flag_format(span.finding.severity)
            ranges.append(r)
        return ranges

    # ---- the mouse ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        key = self.key_at(event.position())
        if key is not None:
            self.box_clicked.emit(key)


class TreeCanvas(QScrollArea):
    """The drawing in a scroll area; ``set_fit`` scales it to the window instead."""

    def __init__(self, drawing: TreeDrawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.fit = False
        self.setWidget(drawing)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_fit(self, fit: bool) -> None:
        self.fit = fit
        self.refit()

    def refit(self) -> None:
        if not self.fit:
            self.drawing.set_scale(1.0)
            return
        size, room = self.drawing.content_size(), self.viewport().size()
        if min(size.width(), size.height(), room.width(), room.height()) < 10:
            return  # not laid out yet: the resize that follows fits it
        scale = min(room.width() / size.width(), room.height() / size.height(), MAX_FIT_SCALE)
        self.drawing.set_scale(max(scale, 0.01))

    def show_key(self, key: int | None) -> None:
        """Select ``key``'s box and, when it is not all in view, scroll it to the middle."""
        self.drawing.set_selected(key)
        rect = self.drawing.box_rect(key) if key is not None else None
        if rect is None or self.fit:
            return
        room = self.viewport().size()
        bars = self.horizontalScrollBar(), self.verticalScrollBar()
        seen = QRectF(bars[0].value(), bars[1].value(), room.width(), room.height())
        if seen.contains(rect):
            return
        centre = rect.center()
        # A box taller than the window shows its top rather than its middle.
        y = centre.y() - room.height() / 2 if rect.height() < room.height() else rect.top() - 8
        bars[0].setValue(int(centre.x() - room.width() / 2))
        bars[1].setValue(int(y))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.fit:
            self.refit()
        else:  # the box scrolled to before the canvas had its size may be out of view now
            self.show_key(self.drawing.selected)


class DrawingPanel(QWidget):
    """The drawing with its heading and the "Fit to window" switch, on from the start: the
    whole tree shows beside the outline whatever the window's size (a tree at full size is
    wider than half a 1,920 px window, and a 1,024 px one showed a corner of it, blank)."""

    def __init__(self, spans_for: SpansFor | None = None) -> None:
        super().__init__()
        self.drawing = TreeDrawing(spans_for)
        self.canvas = TreeCanvas(self.drawing)
        self.canvas.setAccessibleName("5 Whys drawing")
        self.fit_box = QCheckBox("Fit to &window")
        self.fit_box.setToolTip("Shrink or grow the drawing to fit (Ctrl+Shift+W)")
        self.fit_box.toggled.connect(self.canvas.set_fit)
        self.fit_box.setChecked(True)
        self.title = style.section_title("Drawn for the room")
        self.header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.header.addWidget(self.title)
        self.header.addStretch(1)
        self.header.addWidget(self.fit_box)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.header)
        column.addWidget(self.canvas, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # The switch under the heading where the two do not fit side by side: the heading
        # would wrap onto three lines and take the drawing's room.
        title = self.title.fontMetrics().horizontalAdvance(self.title.text())
        beside = title + self.header.spacing() + self.fit_box.sizeHint().width()
        direction = QBoxLayout.Direction
        wanted = direction.LeftToRight if beside <= self.width() else direction.TopToBottom
        if self.header.direction() != wanted:
            self.header.setDirection(wanted)
