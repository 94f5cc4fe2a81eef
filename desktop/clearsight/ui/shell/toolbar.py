"""The main window's toolbar: new, open, export; undo and redo; the meeting clock and the
presenter. It shows actions the window and its extras already have (menus and keys).

Its icons are drawn in the palette's text colour whenever they are painted, so they follow a
theme switch and read on a dark or black toolbar; the style's own icons are pictures drawn
for a light one (Fusion's arrows were dark grey on dark grey).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QToolBar

if TYPE_CHECKING:
    from clearsight.ui.shell.main_window import MainWindow

Draw = Callable[[QPainter, QRectF], None]


class GlyphIcon(QIconEngine):
    """An icon drawn with lines in the text colour of the application palette in use."""

    def __init__(self, draw: Draw) -> None:
        super().__init__()
        self._draw = draw

    def colour(self, mode: QIcon.Mode) -> QColor:
        palette = QApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        if mode == QIcon.Mode.Selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        return palette.color(QPalette.ColorRole.ButtonText)

    def paint(  # noqa: N802 (Qt's name)
        self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State
    ) -> None:
        side = min(rect.width(), rect.height())
        box = QRectF(rect.x(), rect.y(), side, side).adjusted(1.5, 1.5, -1.5, -1.5)
        box.moveCenter(QRectF(rect).center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.colour(mode)
        pen = QPen(colour, max(1.5, side / 11))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        self._draw(painter, box)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphIcon(self._draw)


def _at(box: QRectF, x: float, y: float) -> QPointF:
    """A point of ``box`` in its own units, 0..1 across and down."""
    return QPointF(box.left() + x * box.width(), box.top() + y * box.height())


def _lines(box: QRectF, *points: tuple[float, float], closed: bool = False) -> QPainterPath:
    path = QPainterPath(_at(box, *points[0]))
    for point in points[1:]:
        path.lineTo(_at(box, *point))
    if closed:
        path.closeSubpath()
    return path


def _new(p: QPainter, b: QRectF) -> None:
    p.drawPath(
        _lines(b, (0.2, 0.05), (0.6, 0.05), (0.85, 0.3), (0.85, 0.95), (0.2, 0.95), closed=True)
    )
    p.drawPath(_lines(b, (0.6, 0.05), (0.6, 0.3), (0.85, 0.3)))


def _open(p: QPainter, b: QRectF) -> None:
    p.drawPath(
        _lines(
            b,
            (0.05, 0.85),
            (0.05, 0.15),
            (0.38, 0.15),
            (0.48, 0.28),
            (0.95, 0.28),
            (0.95, 0.85),
            closed=True,
        )
    )
    p.drawLine(_at(b, 0.05, 0.42), _at(b, 0.95, 0.42))


def _export(p: QPainter, b: QRectF) -> None:
    p.drawPath(_lines(b, (0.1, 0.55), (0.1, 0.92), (0.9, 0.92), (0.9, 0.55)))
    p.drawLine(_at(b, 0.5, 0.68), _at(b, 0.5, 0.08))
    p.drawPath(_lines(b, (0.28, 0.3), (0.5, 0.08), (0.72, 0.3)))


def _undo(p: QPainter, b: QRectF, mirror: bool = False) -> None:
    p.save()
    if mirror:
        p.translate(b.center().x() * 2, 0)
        p.scale(-1, 1)
    path = QPainterPath(_at(b, 0.15, 0.4))
    path.cubicTo(_at(b, 0.45, 0.1), _at(b, 0.95, 0.25), _at(b, 0.85, 0.62))
    path.cubicTo(_at(b, 0.78, 0.85), _at(b, 0.55, 0.9), _at(b, 0.4, 0.88))
    p.drawPath(path)
    p.drawPath(_lines(b, (0.12, 0.12), (0.15, 0.42), (0.45, 0.45)))
    p.restore()


def _play(p: QPainter, b: QRectF) -> None:
    p.setBrush(p.pen().color())
    p.drawPath(_lines(b, (0.22, 0.1), (0.88, 0.5), (0.22, 0.9), closed=True))


def _pause(p: QPainter, b: QRectF) -> None:
    p.setBrush(p.pen().color())
    for left in (0.2, 0.6):
        p.drawRect(QRectF(_at(b, left, 0.12), _at(b, left + 0.2, 0.88)))


def _presenter(p: QPainter, b: QRectF) -> None:
    p.drawRect(QRectF(_at(b, 0.05, 0.12), _at(b, 0.95, 0.7)))
    p.drawLine(_at(b, 0.5, 0.7), _at(b, 0.5, 0.88))
    p.drawLine(_at(b, 0.28, 0.9), _at(b, 0.72, 0.9))


GLYPHS: dict[str, Draw] = {
    "new": _new,
    "open": _open,
    "export": _export,
    "undo": _undo,
    "redo": lambda p, b: _undo(p, b, mirror=True),
    "play": _play,
    "pause": _pause,
    "presenter": _presenter,
}


def glyph_icon(name: str) -> QIcon:
    """The toolbar's icon ``name`` (one of GLYPHS), in the palette's colours."""
    return QIcon(GlyphIcon(GLYPHS[name]))


def main_toolbar(window: MainWindow, open_action: QAction, *meeting: QAction) -> QToolBar:
    """Adds the toolbar to ``window``; ``meeting``: the actions at its end."""
    bar = QToolBar("Main toolbar")
    bar.setObjectName("mainToolbar")
    bar.setAccessibleName("Main toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    icons = {
        window.new_action: "new",
        open_action: "open",
        window.undo_action: "undo",
        window.redo_action: "redo",
    }
    # File > Export… (Ctrl+E) when the window has it; a later one goes in the same place.
    export = getattr(window, "export_action", None)
    if isinstance(export, QAction):
        icons[export] = "export"
    for action, name in icons.items():
        action.setIcon(glyph_icon(name))
    bar.addAction(window.new_action)
    bar.addAction(open_action)
    if isinstance(export, QAction):
        bar.addAction(export)
    bar.addSeparator()
    bar.addAction(window.undo_action)
    bar.addAction(window.redo_action)
    bar.addSeparator()
    bar.addActions(list(meeting))
    # The undo actions carry their step in the text ("Undo edit summary"); the toolbar
    # shows the short name and keeps the full one as the tooltip.
    for action in (window.undo_action, window.redo_action):
        button = bar.widgetForAction(action)
        if button is not None:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
