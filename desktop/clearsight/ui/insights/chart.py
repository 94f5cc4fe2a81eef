"""A bar chart for the Insights page: stacked bars with their totals, large enough for a
projector, and every bar (or part of a bar) a way to the reviews it counts.

Click a bar part, or walk the bars with Left/Right and press Enter: ``chosen`` gives its
label and the ids it counts. Drawn with QPainter in the palette's colours plus one colour per
series, the same colours as the PDF report.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


@dataclass(frozen=True)
class Part:
    series: str  # the legend's name: a severity, a state
    value: float  # the bar's height for this part
    text: str  # what the part is, said when it is chosen
    ids: tuple[int, ...]  # the reviews behind it


@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[Part, ...]
    shown: str = ""  # the figure over the bar; default: the total

    @property
    def total(self) -> float:
        return sum(p.value for p in self.parts)


CENTRED_WRAPPED = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


class BarChart(QWidget):
    chosen = Signal(str, tuple)  # what was chosen, in words; the review ids it counts

    def __init__(self, title: str, colors: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.colors = colors
        self.bars: list[Bar] = []
        self.current = -1
        self._hits: list[tuple[QRectF, int, Part]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)  # the whole label of a bar, whose name under it is cut

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.current = -1
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        em = self.fontMetrics().height()
        return QSize(28 * em, 16 * em)

    # ---- choosing ----------------------------------------------------------------------
    def choose(self, index: int, part: Part | None = None) -> None:
        bar = self.bars[index]
        self.current = index
        self.update()
        if part is None:
            ids = tuple(dict.fromkeys(i for p in bar.parts for i in p.ids))
            text = f"{self.title}: {bar.label} ({bar.shown or _number(bar.total)})"
        else:
            ids = part.ids
            text = f"{self.title}: {bar.label}, {part.text}"
        self.chosen.emit(text, ids)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        for rect, index, part in self._hits:
            if rect.contains(event.position()):
                self.setFocus(Qt.FocusReason.MouseFocusReason)
                self.choose(index, part)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        for rect, index, part in self._hits:
            if rect.contains(event.position()):
                self.setToolTip(f"{self.bars[index].label}: {part.text} (click to list them)")
                return
        self.setToolTip("")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.bars:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            self.current = max(0, min(len(self.bars) - 1, self.current + step))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.choose(max(0, self.current))
        else:
            super().keyPressEvent(event)

    # ---- drawing -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        em = self.fontMetrics().height()
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(ink)
        painter.drawText(
            QRectF(0, 0, self.width(), em * 1.4), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(self.font())
        legend = self._has_legend()
        below = em * (2.6 + (1.4 if legend else 0))  # two lines of labels, then the legend
        area = QRectF(em * 0.5, em * 2.6, self.width() - em, self.height() - em * 2.6 - below)
        self._hits = []
        if not self.bars or area.height() < em:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "Nothing in this range")
            return
        top = max(b.total for b in self.bars) or 1.0
        slot = area.width() / len(self.bars)
        width = min(slot * 0.7, em * 4)
        for n, bar in enumerate(self.bars):
            x = area.left() + n * slot + (slot - width) / 2
            y = area.bottom()
            for part in bar.parts:
                height = area.height() * part.value / top
                rect = QRectF(x, y - height, width, height)
                painter.fillRect(rect, QColor(self.colors.get(part.series, "#1565c0")))
                if height > 0:
                    self._hits.append((rect, n, part))
                y -= height
            painter.setPen(ink)
            left = area.left() + n * slot
            over = QRectF(left, y - em * 1.3, slot, em * 1.2)
            painter.drawText(over, Qt.AlignmentFlag.AlignCenter, bar.shown or _number(bar.total))
            under = QRectF(left + 1, area.bottom() + em * 0.2, slot - 2, em * 2.4)
            painter.drawText(under, CENTRED_WRAPPED, self._fit(bar.label, under.width()))
            if n == self.current and self.hasFocus():
                pen = painter.pen()
                pen.setColor(palette.color(QPalette.ColorRole.Highlight))
                pen.setWidth(3)
                painter.setPen(pen)
                painter.drawRect(QRectF(x - 3, y - 3, width + 6, area.bottom() - y + 6))
        if legend:
            self._legend(painter, em)

    def _has_legend(self) -> bool:
        """Only where a bar is made of parts: a bar of one state is named under itself."""
        return any(len(b.parts) > 1 for b in self.bars)

    def _fit(self, label: str, width: float) -> str:
        """The label in two lines at most, each cut with an ellipsis when it is too wide."""
        metrics = self.fontMetrics()
        words = label.split()
        first = ""
        while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
            first = f"{first} {words.pop(0)}".strip()
        if not first:  # a word wider than the bar: its first letter ("M" for "Mar")
            if len(label.split()[0]) <= 3:
                return label[:1]
            return metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(width))
        rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, int(width))
        return f"{first}\n{rest}" if rest else first

    def _legend(self, painter: QPainter, em: float) -> None:
        series = list(dict.fromkeys(p.series for b in self.bars for p in b.parts))
        x, y = 0.0, self.height() - em * 1.4
        for name in series:
            painter.fillRect(
                QRectF(x, y + em * 0.2, em * 0.8, em * 0.8),
                QColor(self.colors.get(name, "#1565c0")),
            )
            text = name.replace("_", " ")
            painter.drawText(QPointF(x + em, y + em * 0.9), text)
            x += em * 1.6 + self.fontMetrics().horizontalAdvance(text)


def _number(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"
