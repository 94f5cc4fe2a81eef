"""The layer names above the Swiss-cheese diagram's slices: wrapped between words, and the
least scale at which every name fits its lines that way.

A name is never broken inside a word ("Configur-ation") nor cut ("canary g…"): the diagram
is drawn at least as large as its names need, and scrolls when the page is smaller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

from clearsight.drawing.swiss_layout import SLICE_GAP, SLICE_WIDTH

MIN_SCALE, MAX_SCALE = 0.5, 1.6  # below the least the diagram scrolls
NAME_LINES = 3
NAME_ROOM = SLICE_WIDTH + SLICE_GAP * 0.85  # a layer name's width at scale 1


def least_scale(names: list[str], font: QFont) -> float:
    """MIN_SCALE, or more where one of ``names`` needs it to fit NAME_LINES lines broken
    between words ("Deploy and / canary gate")."""
    metrics = QFontMetricsF(font)
    widest = max((metrics.horizontalAdvance(w) for n in names for w in n.split()), default=0)
    scale = max(MIN_SCALE, widest / NAME_ROOM)
    while scale < MAX_SCALE and any(
        len(wrap(n, font, NAME_ROOM * scale, most=NAME_LINES + 1)) > NAME_LINES for n in names
    ):
        scale *= 1.05
    return min(scale, MAX_SCALE)


def wrap(text: str, font: QFont, width: float, most: int = NAME_LINES) -> list[str]:
    """``text`` wrapped at word boundaries to ``width`` pixels; at most ``most`` lines, the
    last one cut with an ellipsis. A word is never broken: one wider than ``width`` (the
    diagram keeps a scale at which none is) ends in an ellipsis instead."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    metrics = QFontMetricsF(font)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    elide = Qt.TextElideMode.ElideRight
    return [metrics.elidedText(line, elide, width) for line in lines] or [""]
