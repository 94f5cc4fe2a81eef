"""The drawn Swiss-cheese diagram: defense layers as slices, factors as holes, the arrow.

The geometry comes from clearsight.drawing.swiss_layout (shared with the PDF export); this
widget scales it to the room it has and paints it. Only the shapes scale: the names and the
hole labels keep a size the back of a room can read, and names wrap above their slice.

The arrow is painted first and the slices over it, each with its holes cut out, so the
incident is seen passing through the holes that lined up and stopped by a layer without one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from clearsight.drawing.swiss_layout import (
    NO_LAYER,
    TOP,
    Hole,
    Slice,
    SwissLayout,
    layout_swiss,
)
from clearsight.review.data import FactorData, LayerData
from clearsight.ui import style
from clearsight.ui.factors.names import MAX_SCALE, MIN_SCALE, NAME_ROOM, least_scale, wrap

# The cheese is mixed into the palette's window colour, so it tints a light or a dark base
# alike while staying opaque (the arrow goes behind it); the edge and the open holes' red are
# dark and saturated enough for a projector.
CHEESE = (246, 190, 50)
CHEESE_MIX = 0.7  # how much cheese in the mix
CHEESE_EDGE = (178, 128, 0)
ARROW_ALPHA = 215
ARROW_WIDTH = 6.0
LABEL_POINTS = style.PAGE_POINT_SIZE + 4  # "F3" in its hole
NAME_POINTS = style.PAGE_POINT_SIZE + 1  # the layer names above the slices
NOTE_POINTS = style.PAGE_POINT_SIZE - 1  # "open" under the label, when the hole has room


class SwissDiagram(QWidget):
    hole_clicked = Signal(int)  # factor id
    hole_activated = Signal(int)  # double-clicked: open the factor's text
    slice_clicked = Signal(int)  # layer id (NO_LAYER for the slice of factors in no layer)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Swiss cheese diagram")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layers: list[LayerData] = []
        self.factors: list[FactorData] = []
        self.layout_: SwissLayout = SwissLayout()
        self.selected_factor: int | None = None
        self.selected_layer: int | None = None
        self.label_font = QFont(self.font())
        self.label_font.setPointSizeF(LABEL_POINTS)
        self.label_font.setBold(True)
        self.name_font = QFont(self.font())
        self.name_font.setPointSizeF(NAME_POINTS)
        self.name_font.setBold(True)
        self.note_font = QFont(self.font())
        self.note_font.setPointSizeF(NOTE_POINTS)
        self.note_font.setBold(True)
        # Fitted to the widget's size: the scale, the left offset and the band of names.
        self.scale = 1.0
        self.left = self.top = 0.0
        self._least = MIN_SCALE
        self.band = TOP
        self._names: dict[int, list[str]] = {}
        self._factors: dict[int, FactorData] = {}

    # ---- data -----------------------------------------------------------------------------
    def set_review(self, layers: list[LayerData], factors: list[FactorData]) -> None:
        self.layers = sorted(layers, key=lambda x: x.position)
        self.factors = sorted(factors, key=lambda f: f.position)
        self._factors = {f.id: f for f in self.factors}
        self.layout_ = layout_swiss(self.layers, self.factors)
        self._least = least_scale([x.name for x in self.layout_.slices], self.name_font)
        self.setMinimumSize(self.natural_size(self._least))
        self._fit()
        self.updateGeometry()
        self.update()

    def select(self, factor_id: int | None = None, layer_id: int | None = None) -> None:
        if (factor_id, layer_id) != (self.selected_factor, self.selected_layer):
            self.selected_factor, self.selected_layer = factor_id, layer_id
            self.update()

    def hole_of(self, factor_id: int) -> Hole | None:
        return next((h for h in self.layout_.holes if h.factor_id == factor_id), None)

    def hole_center(self, factor_id: int) -> QPointF:
        """Where the hole of ``factor_id`` is drawn, in widget coordinates."""
        hole = self.hole_of(factor_id)
        assert hole is not None
        return self.to_widget(hole.cx, hole.cy)

    # ---- geometry -------------------------------------------------------------------------
    def to_widget(self, x: float, y: float) -> QPointF:
        return QPointF(self.left + x * self.scale, self.top + self.band + (y - TOP) * self.scale)

    def to_layout(self, point: QPointF) -> tuple[float, float]:
        y = (point.y() - self.top - self.band) / self.scale + TOP
        return (point.x() - self.left) / self.scale, y

    def natural_size(self, scale: float) -> QSize:
        lay = self.layout_
        if not lay.slices:
            return QSize(300, 120)
        band = self._name_band(scale)[1]
        return QSize(int(lay.width * scale) + 1, int(band + (lay.height - TOP) * scale) + 1)

    def least_scale(self) -> float:
        """The least scale the diagram is drawn at (worked out when the layers change)."""
        return self._least

    def scale_within(self, width: int, height: int, least: float | None = None) -> float:
        """The largest scale, within limits, at which the diagram fits ``width`` x ``height``
        (``least``: the least scale, by default ``least_scale()``)."""
        lay = self.layout_
        if not lay.slices:
            return 1.0
        least = self.least_scale() if least is None else least
        scale = min(MAX_SCALE, width / lay.width)
        for _ in range(3):  # the band of names grows as the slices narrow
            band = self._name_band(max(scale, 0.05))[1]
            scale = min(scale, (height - band) / (lay.height - TOP))
        return max(least, scale)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self.natural_size(1.0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.natural_size(self.least_scale())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._fit()

    def _fit(self) -> None:
        """The largest scale, within limits, at which the whole diagram fits the widget."""
        lay = self.layout_
        if not lay.slices:
            return
        self.scale = self.scale_within(self.width(), self.height())
        self._names, self.band = self._name_band(self.scale)
        self.left = max(0.0, (self.width() - lay.width * self.scale) / 2)
        # Centred down too: the list under it takes whole rows, and leaves what is over here.
        self.top = max(0.0, (self.height() - self.natural_size(self.scale).height()) / 2)

    def _name_band(self, scale: float) -> tuple[dict[int, list[str]], float]:
        metrics = QFontMetricsF(self.name_font)
        room = NAME_ROOM * scale
        names = {s.layer_id: wrap(s.name, self.name_font, room) for s in self.layout_.slices}
        lines = max((len(x) for x in names.values()), default=1)
        return names, lines * metrics.lineSpacing() + 12

    # ---- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.windowText().color()
        lay = self.layout_
        if not lay.slices:
            painter.setPen(style.quiet_color(palette))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "No defense layers yet: add one above.",
            )
            return
        if lay.arrow is not None:
            self._paint_arrow(painter, lay.arrow)
        for piece in lay.slices:
            self._paint_slice(painter, piece, text)
        for hole in lay.holes:
            self._paint_hole(painter, hole, text)

    def _paint_arrow(self, painter: QPainter, arrow: tuple[float, float, float, float]) -> None:
        start, end = self.to_widget(arrow[0], arrow[1]), self.to_widget(arrow[2], arrow[3])
        # The problem red of the theme: the light one's on a dark window, where it shows.
        color = QColor(style.problem_color(self.palette()))
        color.setAlpha(ARROW_ALPHA)
        head = 22.0
        painter.setPen(QPen(color, ARROW_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(start, QPointF(end.x() - head + 2, end.y()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(
            QPolygonF(
                [end, QPointF(end.x() - head, end.y() - 11), QPointF(end.x() - head, end.y() + 11)]
            )
        )

    def _paint_slice(self, painter: QPainter, piece: Slice, text: QColor) -> None:
        s = self.scale
        top_left = self.to_widget(piece.x, piece.y)
        rect = QRectF(top_left.x(), top_left.y(), piece.w * s, piece.h * s)
        path = QPainterPath()
        path.addRoundedRect(rect, 10 * s, 10 * s)
        for hole in self.layout_.holes:
            if rect.contains(self.to_widget(hole.cx, hole.cy)):
                path.addEllipse(self.to_widget(hole.cx, hole.cy), hole.rx * s, hole.ry * s)
        path.setFillRule(Qt.FillRule.OddEvenFill)  # the holes are cut out of the slice
        chosen = piece.layer_id == self.selected_layer and piece.layer_id != NO_LAYER
        # The chosen layer in the selection's colour: it reads on each theme's window.
        chosen_colour = self.palette().color(QPalette.ColorRole.Highlight)
        edge = chosen_colour if chosen else QColor(*CHEESE_EDGE)
        fill = cheese(self.palette().window().color(), piece.layer_id != NO_LAYER)
        pen = QPen(edge, 4.0 if chosen else 2.0)
        if piece.layer_id == NO_LAYER:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawPath(path)
        # The name above the slice, wrapped in the slice's room.
        painter.setFont(self.name_font)
        painter.setPen(chosen_colour if chosen else text)
        metrics = QFontMetricsF(self.name_font)
        lines = self._names.get(piece.layer_id, [piece.name])
        room = NAME_ROOM * s
        y = rect.top() - 8 - len(lines) * metrics.lineSpacing()
        for line in lines:
            box = QRectF(rect.center().x() - room / 2, y, room, metrics.lineSpacing())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, line)
            y += metrics.lineSpacing()

    def _paint_hole(self, painter: QPainter, hole: Hole, text: QColor) -> None:
        s = self.scale
        center = self.to_widget(hole.cx, hole.cy)
        rx, ry = hole.rx * s, hole.ry * s
        factor = self._factors.get(hole.factor_id)
        accepted = factor is not None and factor.accepted_risk and not factor.action_ids
        quiet = style.quiet_color(self.palette())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if hole.factor_id == self.selected_factor:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 5.0))
            painter.drawEllipse(center, rx + 6, ry + 6)
        if hole.open:
            pen = QPen(style.problem_color(self.palette()), 5.0)
        else:
            pen = QPen(quiet, 3.0 if accepted else 2.0)
            if accepted:
                pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawEllipse(center, rx, ry)
        # The label sits on a tag of the hole's colour: the arrow passes behind it.
        note = "open" if hole.open else ("accepted" if accepted else "")
        label_metrics = QFontMetricsF(self.label_font)
        note_metrics = QFontMetricsF(self.note_font)
        with_note = bool(note) and 2 * ry - 8 >= label_metrics.height() + note_metrics.height()
        height = label_metrics.height() + (note_metrics.height() if with_note else 0)
        top = center.y() - height / 2
        width = label_metrics.horizontalAdvance(hole.label) + 8
        tag = QRectF(center.x() - width / 2, top, width, label_metrics.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().window())
        painter.drawRoundedRect(tag, 4, 4)
        painter.setFont(self.label_font)
        painter.setPen(style.problem_color(self.palette()) if hole.open else text)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, hole.label)
        if with_note:
            width = note_metrics.horizontalAdvance(note) + 8
            box = QRectF(center.x() - width / 2, tag.bottom(), width, note_metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(box, 4, 4)
            painter.setFont(self.note_font)
            painter.setPen(style.problem_color(self.palette()) if hole.open else quiet)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, note)

    # ---- the mouse ------------------------------------------------------------------------
    def hole_at(self, point: QPointF) -> Hole | None:
        if not self.layout_.slices:
            return None
        return self.layout_.hole_at(*self.to_layout(point))

    def slice_at(self, point: QPointF) -> Slice | None:
        x, y = self.to_layout(point)
        for piece in self.layout_.slices:
            # The name above the slice counts as the slice.
            if piece.x <= x <= piece.x + piece.w and y <= piece.y + piece.h:
                return piece
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hole = self.hole_at(event.position())
        if hole is not None:
            self.hole_clicked.emit(hole.factor_id)
            return
        piece = self.slice_at(event.position())
        if piece is not None:
            self.slice_clicked.emit(piece.layer_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hole = self.hole_at(event.position())
        if hole is not None:
            self.hole_activated.emit(hole.factor_id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        over = self.hole_at(event.position()) or self.slice_at(event.position())
        if over is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def tooltip_at(self, point: QPointF) -> str:
        hole = self.hole_at(point)
        if hole is None:
            return ""
        factor = self._factors.get(hole.factor_id)
        if factor is None:
            return ""
        if factor.is_open:
            state = "Open: no action closes it and no one accepted it as a risk."
        elif factor.action_ids:
            state = "Closed by an action item."
        else:
            state = "Accepted as a risk."
        return f"{hole.label}: {factor.text}\n{state}"

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tip = self.tooltip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def cheese(window: QColor, solid: bool) -> QColor:
    """The slices' colour over ``window``; paler for the slice of factors in no layer."""
    mix = CHEESE_MIX if solid else CHEESE_MIX / 3
    r, g, b = (c / 255 for c in CHEESE)
    return QColor.fromRgbF(
        window.redF() * (1 - mix) + r * mix,
        window.greenF() * (1 - mix) + g * mix,
        window.blueF() * (1 - mix) + b * mix,
    )
