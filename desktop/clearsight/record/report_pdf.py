"""`clearsight report` as a PDF: the house look (record/pdf_style.py), a chart over each
section's tables, A4 pages numbered "Page N of M".

The same figures give the same bytes (reportlab's invariant mode, the date taken from the
figures' "as of"), so a report kept in a wiki can be made again and compared.
"""

from __future__ import annotations

import io
from datetime import UTC
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from clearsight.record.pdf_canvas import NumberedCanvas, a4_document
from clearsight.record.pdf_flowables import Para
from clearsight.record.pdf_style import STYLE, markup, register, table
from clearsight.record.report_charts import (
    ACTION_COLORS,
    RECORD_COLORS,
    resolve_chart,
    severity_chart,
    states_chart,
)
from clearsight.record.report_tables import Section, Table, heading, sections
from clearsight.review.insight_data import Figures

NUMBER = ParagraphStyle("number", parent=STYLE["cell"], alignment=TA_RIGHT)
TH_NUMBER = ParagraphStyle("th_number", parent=STYLE["th"], alignment=TA_RIGHT)


def render_report_pdf(figures: Figures) -> bytes:
    register()
    title, line = heading(figures)
    out = io.BytesIO()
    doc = a4_document(out, title, 4 * mm, subject="Insights across postmortem reviews")
    width = doc.width
    story: list[Flowable] = [
        Para("INSIGHTS ACROSS REVIEWS", STYLE["kicker"]),
        Para(markup(title), STYLE["title"]),
        Para(markup(line), STYLE["body"]),
    ]
    for section in sections(figures):
        story += _section(section, figures, width)
    story.append(
        Para(
            "Every number counts reviews that can be listed: <b>clearsight report</b> with "
            "<b>--json</b> prints the review ids behind each one.",
            STYLE["note"],
        )
    )
    stamp = figures.now.astimezone(UTC).strftime("D:%Y%m%d%H%M%S+00'00'")

    def canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        return NumberedCanvas(*args, footer=f"Clearsight \u00b7 {title}", stamp=stamp, **kwargs)

    doc.build(story, canvasmaker=canvas)
    return out.getvalue()


def _section(section: Section, f: Figures, width: float) -> list[Flowable]:
    head: list[Flowable] = [
        Para(markup(section.title), STYLE["h2"]),
        Para(markup(section.intro), STYLE["body"]),
    ]
    chart = _chart(section.key, f, width)
    if chart is not None:
        head += [Spacer(1, 4), chart, Spacer(1, 8)]
    out: list[Flowable] = [KeepTogether(head)]  # a heading never ends a page alone
    for t in section.tables:
        title = [Para(markup(t.title), STYLE["h3"])] if t.title else []
        if not t.rows:
            out += [*title, Para("None.", STYLE["none"])]
        elif len(t.rows) <= 8:
            out.append(KeepTogether([*title, _table(t, width)]))
        else:  # a long table runs over pages, its header repeated
            out += [*title, _table(t, width)]
        out.append(Spacer(1, 6))
    out += [Para(markup(note), STYLE["note"]) for note in section.notes]
    return out


def _chart(key: str, f: Figures, width: float) -> Flowable | None:
    if not f.review_ids:
        return None
    if key == "severity":
        return severity_chart(f, width)
    if key == "times":
        return resolve_chart(f, width)
    if key == "actions" and any(b.count for b in f.actions.values()):
        return states_chart(f.actions, ACTION_COLORS, width)
    if key == "record":
        return states_chart(f.record, RECORD_COLORS, width)
    return None


def _table(t: Table, width: float) -> Flowable:
    cells = [
        [
            Para(markup(h), TH_NUMBER if n >= t.numeric else STYLE["th"])
            for n, h in enumerate(t.head)
        ]
    ]
    cells += [
        [Para(markup(c), NUMBER if n >= t.numeric else STYLE["cell"]) for n, c in enumerate(row)]
        for row in t.rows
    ]
    first = t.first if len(t.head) > 4 else 0.5
    if t.numeric >= len(t.head):  # a list of reviews: the title takes what is left
        widths = [46.0, 50.0, 62.0, 36.0]
        widths.append(width - sum(widths))
    else:
        rest = (width * (1 - first)) / (len(t.head) - 1)
        widths = [width * first] + [rest] * (len(t.head) - 1)
    made = table(cells, widths, long=len(t.rows) > 40)
    if t.rows and t.rows[-1][0] == "Total":
        made.setStyle([("BACKGROUND", (0, -1), (-1, -1), HexColor("#f1f3f4"))])
    return made
