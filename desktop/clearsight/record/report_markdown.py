"""`clearsight report` as Markdown: the report's sections as GitHub-flavoured tables."""

from __future__ import annotations

from clearsight.record.markdown_text import block, cell, inline, table
from clearsight.record.report_tables import heading, sections
from clearsight.review.insight_data import Figures


def render_report_markdown(figures: Figures) -> str:
    title, line = heading(figures)
    out = [f"# {inline(title)}", inline(line)]
    for section in sections(figures):
        out += [f"## {inline(section.title)}", block(section.intro)]
        for t in section.tables:
            if t.title:
                out.append(f"### {inline(t.title)}")
            if not t.rows:
                out.append("None.")
                continue
            # A cell's line breaks (median, spread, count) become <br> in cell().
            out.append(table([cell(h) for h in t.head], [[cell(c) for c in r] for r in t.rows]))
        out += [block(note) for note in section.notes]
    out.append(
        block(
            "Every number here counts reviews that can be listed: the same command with "
            "--json prints the review ids (and action item and factor ids) behind each one."
        )
    )
    return "\n\n".join(out) + "\n"
