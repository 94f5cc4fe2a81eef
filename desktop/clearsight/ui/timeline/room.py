"""How the timeline page shares a short window's height (a 1,024 x 768 laptop or projector).

In a tall window the page is laid out in full: its guidance wrapped, the strip large enough
for the back of the room. In a short one the events' table comes first, since a facilitator
must see several events at once: the guidance folds to one line (the whole of it in its
tooltip), the strip's flags are drawn smaller, the page's margins and spacing are halved, and
the durations under the table are set closer (``short``), so they wrap onto fewer lines.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel

from clearsight.ui import style
from clearsight.ui.timeline.strip import TimelineStrip

# A page less than this many lines of its text tall is short: at the page's 12 points, the
# page of a 1,024 x 768 or 1,280 x 800 window is 34 or 37 lines, of a 1,440 x 900 one 42
# (where the page in full shows six events) and of a 1,920 x 1,080 one 52.
SHORT_LINES = 42
SHORT_STRIP_SCALE = 0.7  # the strip's flags in a short window: their labels at 8.4 points


class FoldingHint(QLabel):
    """A page's guidance (as style.hint): wrapped, or folded to one line that ends in an
    ellipsis where it is cut, the whole of it in the tooltip."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.full = text
        self.folded = False
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)

    def fold(self, folded: bool) -> None:
        if folded == self.folded:
            return
        self.folded = folded
        self.setWordWrap(not folded)
        self.setToolTip(self.full if folded else "")
        self.setAccessibleName(self.full if folded else "")  # read whole, as when unfolded
        self._show_text()
        self.updateGeometry()

    def _show_text(self) -> None:
        if not self.folded:
            self.setText(self.full)
            return
        elide = Qt.TextElideMode.ElideRight
        self.setText(self.fontMetrics().elidedText(self.full, elide, self.contentsRect().width()))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # Folded, its size is one line whatever its text: the text follows the width, so a
        # size from the text would have the layout widen it to fit the text it cut.
        if self.folded:
            metrics = QFontMetrics(self.font())
            return QSize(metrics.averageCharWidth() * 20, metrics.height())
        return super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint() if self.folded else super().minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.folded and event.size().width() != event.oldSize().width():
            self._show_text()


class PageRoom:
    """Lays the page out in full or short, by its height (``fit``, from its resize)."""

    def __init__(self, body: QBoxLayout, intro: FoldingHint, strip: TimelineStrip) -> None:
        self.body, self.intro, self.strip = body, intro, strip
        self.short = False

    def fit(self, height: int) -> bool:
        """Lay the page out for ``height``; True when that changed between full and short."""
        short = height < SHORT_LINES * QFontMetrics(self.intro.font()).lineSpacing()
        if short == self.short:
            return False
        self.short = short
        self.intro.fold(short)
        self.strip.set_scale(SHORT_STRIP_SCALE if short else 1.0)
        side, gap = style.MARGIN, style.SPACING
        if short:
            self.body.setContentsMargins(side, side // 2, side, side // 2)
            self.body.setSpacing(gap // 2)
        else:
            self.body.setContentsMargins(side, side, side, side)
            self.body.setSpacing(gap)
        return True
