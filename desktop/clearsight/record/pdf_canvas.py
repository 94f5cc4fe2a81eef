"""A canvas that holds its pages back until the end, so each footer can say "Page N of M":
the review record's and the Insights report's. The footer's drawing is the same for both, op
for op, so a record exported before this module was shared renders to the same bytes."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from clearsight.record.pdf_style import BOLD, REGULAR

MARGIN = 18 * mm
FOOTER_Y = 10 * mm


def a4_document(out: Any, title: str, footer_room: float, **info: Any) -> SimpleDocTemplate:
    """An A4 document in the house margins, the same bytes for the same content (invariant,
    compressed), with room above the footer; ``info``: its subject, keywords..."""
    return SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + footer_room,
        title=title,
        author="Clearsight",
        creator="Clearsight",
        invariant=1,
        pageCompression=1,
        lang="en",
        **info,
    )


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """``footer``: the text at the left of every page's foot; ``stamp``: the PDF date."""

    def __init__(self, *args: Any, footer: str, stamp: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.footer = footer
        self.pages: list[dict[str, Any]] = []
        # Invariant mode alone still follows the clock or SOURCE_DATE_EPOCH for the date.
        self.setDateFormatter(lambda *_: stamp)

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self.pages)
        for state in self.pages:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        self.before_save()
        super().save()

    def before_save(self) -> None:
        """What a document adds once every page is out (the record: its attachment)."""

    def last_page_note(self) -> str:
        """A small line under the last page's footer ("" for none)."""
        return ""

    def _footer(self, total: int) -> None:
        width = A4[0]
        self.saveState()
        self.setStrokeColorRGB(0.75, 0.75, 0.75)
        self.setLineWidth(0.5)
        self.line(MARGIN, FOOTER_Y + 9, width - MARGIN, FOOTER_Y + 9)
        self.setFillColorRGB(0.37, 0.39, 0.41)
        self.setFont(REGULAR, 7.5)
        self.drawString(MARGIN, FOOTER_Y, self.footer)
        self.setFont(BOLD, 7.5)
        self.drawRightString(width - MARGIN, FOOTER_Y, f"Page {self._pageNumber} of {total}")
        note = self.last_page_note() if self._pageNumber == total else ""
        if note:
            self.setFont(REGULAR, 6.5)
            self.drawString(MARGIN, FOOTER_Y - 9, note)
        self.restoreState()
