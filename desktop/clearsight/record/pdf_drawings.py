"""The two pictures of the PDF record: the timeline strip and the Swiss-cheese diagram.

Both draw the Qt-free geometry the window uses (clearsight.timeline.strip and
clearsight.drawing.swiss_layout), so the printed record shows what the meeting saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from reportlab.graphics.shapes import Drawing, Ellipse, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from clearsight.drawing.swiss_layout import SLICE_GAP, SLICE_WIDTH, TOP, Slice, layout_swiss
from clearsight.record.pdf_style import BOLD, REGULAR, font_for
from clearsight.review.data import FactorData, LayerData
from clearsight.timeline.marks import MARK_COLORS
from clearsight.timeline.strip import layout

INK = HexColor("#202124")
MUTED = HexColor("#5f6368")
IMPACT = HexColor("#fbe3e1")
CHEESE = HexColor("#f6d776")
CHEESE_EDGE = HexColor("#c9a227")
OPEN_HOLE = HexColor("#b3261e")

FLAG_SIZE = 7.0  # font size of a mark's flag
FLAG_PAD = 3.0
FLAG_H = 10.0
LEVEL_H = 13.0
AXIS_Y = 14.0
NAME_SIZE = 7.5
NAME_LEADING = 9.0


def _text(x: float, y: float, text: str, size: float, color: Color, **style: Any) -> String:
    return String(x, y, text, fontSize=size, fillColor=color, **{"fontName": REGULAR, **style})


def timeline_strip(events: Sequence[tuple[datetime, str | None]], width: float) -> Drawing | None:
    """Ticks per event, a coloured flag per mark and the impact window shaded, in UTC."""
    if not events:
        return None

    def measure(label: str) -> float:
        return float(stringWidth(label, BOLD, FLAG_SIZE)) + 2 * FLAG_PAD

    pad = 8.0
    lay = layout(events, pad, width - pad, measure, UTC, min_label_gap=48.0)
    top = AXIS_Y + 9.0 + max(lay.levels, 1) * LEVEL_H
    drawing = Drawing(width, top + 2.0)
    add = drawing.add
    if lay.shade:
        x0, x1 = lay.shade
        add(Rect(x0, AXIS_Y, x1 - x0, top - AXIS_Y, fillColor=IMPACT, strokeColor=None))
    add(Line(pad, AXIS_Y, width - pad, AXIS_Y, strokeColor=MUTED, strokeWidth=0.8))
    for x in lay.ticks:
        add(Line(x, AXIS_Y, x, AXIS_Y + 5.0, strokeColor=MUTED, strokeWidth=0.5))
    for x, label in lay.axis:
        add(Line(x, AXIS_Y - 2.5, x, AXIS_Y, strokeColor=MUTED, strokeWidth=0.5))
        add(_text(x, AXIS_Y - 10.0, label, 6.5, MUTED, textAnchor="middle"))
    flags = [
        (f, AXIS_Y + 9.0 + f.level * LEVEL_H, HexColor(MARK_COLORS.get(f.mark, "#37474f")))
        for f in lay.flags
    ]
    # Every pole before any label: a pole rising past a lower flag goes behind its label.
    for flag, y, color in flags:
        add(Line(flag.x, AXIS_Y, flag.x, y + FLAG_H, strokeColor=color, strokeWidth=1.0))
    for flag, y, color in flags:
        box = measure(flag.label)
        left = flag.x - box if flag.leftward else flag.x
        add(Rect(left, y, box, FLAG_H, fillColor=color, strokeColor=None))
        add(_text(left + FLAG_PAD, y + 2.6, flag.label, FLAG_SIZE, white, fontName=BOLD))
    return drawing


def swiss_diagram(
    layers: list[LayerData], factors: list[FactorData], width: float, max_height: float
) -> Drawing | None:
    """Slices side by side, holes labelled F1, F2... and the arrow through the first holes.

    The layout is scaled to the page, but its text is not: names and labels keep a size a
    printed page can be read at, and names wrap above their slice instead.
    """
    lay = layout_swiss(layers, factors)
    if not lay.slices:
        return None
    body = lay.height - TOP  # the slices and the bottom margin; the names get their own band
    scale = min(width / lay.width, 1.0)
    names, band = _names(lay.slices, scale)
    if band + body * scale > max_height:
        scale = max(0.05, (max_height - band) / body)
        names, band = _names(lay.slices, scale)
    height = band + body * scale
    drawing = Drawing(lay.width * scale, height)
    drawing.hAlign = "CENTER"
    add = drawing.add

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, height - band - (y - TOP) * scale

    for piece in lay.slices:
        x, y = at(piece.x, piece.y + piece.h)
        w, h, r = piece.w * scale, piece.h * scale, 6 * scale
        add(Rect(x, y, w, h, rx=r, ry=r, fillColor=CHEESE, strokeColor=CHEESE_EDGE))
        for i, line in enumerate(names[piece.layer_id]):
            font = font_for(line, bold=True)
            y = height - NAME_LEADING * (i + 1) + 1.5
            add(_text(x + w / 2, y, line, NAME_SIZE, INK, fontName=font, textAnchor="middle"))
    size = max(4.0, min(8.0, 30.0 * scale * 0.7))
    line_y = lay.arrow[1] if lay.arrow else None
    for hole in lay.holes:
        cx, cy = at(hole.cx, hole.cy)
        edge, stroke = (OPEN_HOLE, 1.4) if hole.open else (MUTED, 0.7)
        rx, ry = hole.rx * scale, hole.ry * scale
        add(Ellipse(cx, cy, rx, ry, fillColor=white, strokeColor=edge, strokeWidth=stroke))
        # On the arrow's line the label sits just above it, so the arrow does not strike it.
        base = cy + 1.5 if hole.cy == line_y else cy - size / 3
        add(_text(cx, base, hole.label, size, edge, fontName=BOLD, textAnchor="middle"))
    if lay.arrow:
        _arrow(drawing, *at(lay.arrow[0], lay.arrow[1]), *at(lay.arrow[2], lay.arrow[3]))
    return drawing


def _names(slices: Sequence[Slice], scale: float) -> tuple[dict[int, list[str]], float]:
    room = (SLICE_WIDTH + SLICE_GAP * 0.8) * scale
    names = {piece.layer_id: _wrap(piece.name, room) for piece in slices}
    return names, max(len(lines) for lines in names.values()) * NAME_LEADING + 4.0


def _arrow(drawing: Drawing, x0: float, y0: float, x1: float, y1: float) -> None:
    color = Color(0.55, 0.1, 0.08, alpha=0.85)
    drawing.add(Line(x0, y0, x1 - 6.0, y1, strokeColor=color, strokeWidth=1.6))
    drawing.add(
        Polygon([x1, y1, x1 - 8.0, y1 + 3.5, x1 - 8.0, y1 - 3.5], fillColor=color, strokeColor=None)
    )


def _wrap(text: str, width: float, most: int = 3) -> list[str]:
    """Greedy word wrap to ``width`` points, at most ``most`` lines, cut with an ellipsis."""
    font = font_for(text, bold=True)
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(trial, font, NAME_SIZE) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [_cut(line, font, width) for line in lines] or [""]


def _cut(line: str, font: str, width: float) -> str:
    if stringWidth(line, font, NAME_SIZE) <= width:
        return line
    while len(line) > 1 and stringWidth(line + "\u2026", font, NAME_SIZE) > width:
        line = line[:-1]
    return line.rstrip() + "\u2026"
