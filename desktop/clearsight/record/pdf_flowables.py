"""The two flowables that keep a long PDF record fast: ``Para`` and ``PagedTable``.

Measured on a review of 2,000 events and 300 actions (tests/perf/test_scaling.py), the time
went to reportlab measuring the same cells again and again: a long table re-measured and
copied its whole remainder on every page (quadratic in the rows), and a paragraph broke its
lines anew on every wrap. Both produce the pages reportlab would; only the work is less.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from clearsight.record.pdf_style import table

# The lowest a table row can be: one 10 pt line and 3 pt of padding above and below.
MIN_ROW = 16.0
TALLEST = A4[1]  # no frame of the record is taller than its page


class Para(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A Paragraph that reads plain text without the markup parser and breaks its lines
    once per width.

    Most cells are plain text (``markup`` leaves text without ``<`` or ``&`` as it is), and
    the parser makes of that one fragment in the style's font: made here by copying the
    style's own. reportlab's Paragraph breaks its lines again on every wrap, and a table
    cell is wrapped to measure its row, again when the table splits at a page end and again
    to draw it, while the lines depend on the width alone. A split (which makes new
    paragraphs, or drops the lines when nothing fits) leaves other lines behind, so lines
    are reused only while they are the ones this width made.
    """

    _wrapped: tuple[float, object, tuple[float, float]] | None = None

    def __init__(
        self, text: str | None, style: ParagraphStyle, frags: Any = None, **kw: Any
    ) -> None:
        if frags is None and text and "<" not in text and "&" not in text:
            clean = cleanBlockQuotedText(text)
            if clean:
                frags = [_plain_frag(style).clone(text=clean)]
                textTransformFrags(frags, style)
        super().__init__(text, style, frags=frags, **kw)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.__dict__.get("blPara")
        if lines is not None and self._wrapped is not None:
            width, made, known = self._wrapped
            if width == availWidth and made is lines:
                return known
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.__dict__.get("blPara"), size)
        return size


_PLAIN_FRAGS: weakref.WeakKeyDictionary[ParagraphStyle, Any] = weakref.WeakKeyDictionary()


def _plain_frag(style: ParagraphStyle) -> Any:
    """What reportlab's parser makes of plain text in ``style``, its text left to fill in."""
    frag = _PLAIN_FRAGS.get(style)
    if frag is None:
        _, frags, _ = ParaParser().parse("x", style)
        frag = _PLAIN_FRAGS[style] = frags[0]
    return frag


class Rows:
    """A long table's rows, each made when a page first needs it and let go once drawn, so
    a long record never holds all its cells (nor makes the garbage collector walk them)."""

    def __init__(
        self,
        count: int,
        cells: Callable[[int], list[Any]],
        styles: dict[int, list[tuple[Any, ...]]] | None = None,
    ) -> None:
        self.count, self.cells = count, cells
        self.styles = styles or {}  # row i's own commands, written for row 0
        self._made: dict[int, list[Any]] = {}
        self._low = 0
        self.measured = (0, 0.0)  # rows measured so far and their height, to guess a page

    def take(self, first: int, stop: int) -> list[list[Any]]:
        for gone in range(self._low, first):
            self._made.pop(gone, None)
        self._low = max(self._low, first)
        out = []
        for i in range(first, stop):
            row = self._made.get(i)
            if row is None:
                row = self._made[i] = self.cells(i)
            out.append(row)
        return out

    def guess(self, space: float) -> int:
        """How many rows to measure to fill ``space``: a quarter more than the rows so far
        suggest; as many as the lowest rows would need until there are some."""
        count, height = self.measured
        low = height / count if count else MIN_ROW
        return int(space / low * (1.25 if count else 1)) + 2


class PagedTable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A long table laid out one page at a time, looking like one table with its header
    repeated on each page.

    reportlab's own split measures the rows that fit, then copies the whole remainder into a
    new table, with its styles, and measures that again on the next page: quadratic in the
    rows. Here each page measures a table of about the rows that fit, and gets a table of
    just those; the rest of the table starts again from ``rows``.
    """

    def __init__(
        self,
        head: list[Any],
        rows: Rows,
        widths: list[float],
        start: int = 0,
        lead: list[Any] | None = None,
    ) -> None:
        super().__init__()
        self.head, self.rows, self.widths = head, rows, widths
        self.start = start
        self.lead = lead  # what is left of row ``start`` when a page end cut through it
        self.hAlign = "LEFT"
        self._part: Table | None = None
        self._part_rows = 0
        self._wrapped_in: tuple[float, float] | None = None

    def _table(self, count: int) -> Table:
        first = self.start
        body = self.rows.take(first, first + count)
        if self.lead is not None:
            body[0] = self.lead
        made = table([self.head, *body], self.widths, long=True)
        shifted = [
            (cmd[0], (cmd[1][0], cmd[1][1] + n), (cmd[2][0], cmd[2][1] + n), *cmd[3:])
            for n, row in enumerate(range(first, first + count), 1)
            for cmd in self.rows.styles.get(row, ())
        ]
        if shifted:
            made.setStyle(shifted)
        return made

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Asked for its height with no page in sight (a KeepTogether asks so), "taller than
        # a page" is all that can matter, and the exact height would need every row made.
        space = min(availHeight, TALLEST)
        left = self.rows.count - self.start
        count = min(left, self.rows.guess(space))
        while True:
            part = self._table(count)
            # A LongTable stops measuring at the first row past the space.
            width, height = part.wrap(availWidth, space)
            if height > space or count == left:
                break
            count = min(left, count * 2)
        self._part, self._part_rows = part, count
        self._wrapped_in = (availWidth, availHeight)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._wrapped_in != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        assert self._part is not None
        heights = self._part._rowHeights  # the header's first; None past the first overflow
        used, fit = heights[0], 0
        for height in heights[1:]:
            if height is None or used + height > availHeight:
                break
            used, fit = used + height, fit + 1
        frame = getattr(self, "_frame", None)  # set by the frame that asks
        page = getattr(frame, "_aH", TALLEST)  # the height of an empty frame
        after = heights[fit + 1] if fit + 1 < len(heights) else None  # the row that does not fit
        if after is not None and heights[0] + after > page:
            # Taller than a page (a pasted log): it is cut, at the foot of this page.
            return self._cut(fit, availWidth, availHeight)
        if fit:
            # Where reportlab would split, without its measuring the part again to find it.
            count, total = self.rows.measured
            self.rows.measured = (count + fit, total + used - heights[0])
            if fit == self.rows.count - self.start:
                return [self._part]
            here = self._table(fit)
            return [here, PagedTable(self.head, self.rows, self.widths, self.start + fit)]
        if frame is not None and not getattr(frame, "_atTop", True):
            # The row fits on a page of its own: it starts the next one, rather than leave a
            # header and the row's top half at the foot of this one.
            return []
        return self._cut(0, availWidth, availHeight)

    def _cut(self, fit: int, availWidth: float, availHeight: float) -> list[Flowable]:
        """The ``fit`` rows that fit and the top of the next, cut at ``availHeight``; the
        rest of that row leads the next page."""
        part = self._table(fit + 1)
        part.splitByRow = 0  # cut through the row even though a split between rows fits
        pieces = part.split(availWidth, availHeight)
        for piece in pieces:
            piece.hAlign = self.hAlign  # reportlab's cut through a row drops it
        if len(pieces) < 2:
            return list(pieces)  # [] when not even the top of the row fits
        here, rest = pieces
        lead = list(rest._cellvalues[1])
        return [here, PagedTable(self.head, self.rows, self.widths, self.start + fit, lead)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        assert self._part is not None
        self._part.drawOn(canvas, x, y, _sW)
