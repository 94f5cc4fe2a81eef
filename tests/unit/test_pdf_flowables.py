"""The PDF's fast flowables give the pages reportlab's own Paragraph and LongTable give."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from clearsight.record.pdf_flowables import PagedTable, Para, Rows
from clearsight.record.pdf_style import STYLE, register, table

WIDTHS = [60.0, 433.0]


@pytest.fixture(autouse=True)
def fonts() -> None:
    register()  # as render_pdf does first: the styles name the app's fonts


def _pages(story: list[Flowable]) -> list[str]:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return [page.extract_text() for page in pypdf.PdfReader(out).pages]


def _head() -> list[Any]:
    return [Para("When", STYLE["th"]), Para("What happened", STYLE["th"])]


def _row(n: int, words: int = 6) -> list[Any]:
    return [f"{n:04d}", Para(f"row {n:04d} " + "word " * words, STYLE["cell"])]


def test_rows_land_on_the_pages_reportlab_s_own_table_puts_them() -> None:
    count = 400
    theirs = table([_head(), *(_row(n, n % 40) for n in range(count))], WIDTHS, long=True)
    ours = PagedTable(_head(), Rows(count, lambda n: _row(n, n % 40)), WIDTHS)
    intro = "A paragraph first, so the table starts part way down the page."
    expected = _pages([Paragraph(intro, STYLE["body"]), theirs])
    assert len(expected) > 5
    assert _pages([Para(intro, STYLE["body"]), ours]) == expected


def test_each_page_of_the_table_repeats_the_header_once() -> None:
    pages = _pages([PagedTable(_head(), Rows(300, _row), WIDTHS)])
    assert all(page.count("What happened") == 1 for page in pages)
    text = " ".join(pages)
    assert [text.index(f"row {n:04d}") for n in range(300)] == sorted(
        text.index(f"row {n:04d}") for n in range(300)
    )


def test_a_row_taller_than_a_page_is_cut_where_it_starts() -> None:
    def row(n: int) -> list[Any]:
        return _row(n, 2500 if n == 3 else 60)

    pages = _pages([PagedTable(_head(), Rows(12, row), WIDTHS)])
    starts = [[n for n in range(12) if f"row {n:04d}" in page] for page in pages]
    assert [n for page in starts for n in page] == list(range(12))  # each row starts once
    assert starts[0] == [0, 1, 2, 3] and starts[1] == []  # 3 runs on from page 1 to page 3
    assert all(page.count("What happened") == 1 for page in pages)


def test_a_row_that_fits_a_page_is_never_cut() -> None:
    # reportlab's own table cuts such a row at the foot of a page, under a second header.
    pages = _pages([PagedTable(_head(), Rows(60, lambda n: _row(n, 90)), WIDTHS)])
    assert len(pages) > 3
    for page in pages:  # what follows the header is a row's start, never the rest of one
        body = page.split("What happened\n", 1)[1]
        assert re.match(r"(\d{4})\nrow \1 ", body), body[:40]
        assert page.count("What happened") == 1


def test_plain_text_gets_the_fragments_the_parser_would_make() -> None:
    for text in ("Plain words", "  spaced   out\n text  ", "Ünïcödé 東京"):
        for style in (STYLE["cell"], STYLE["cell_bold"], STYLE["bullet"]):
            ours, theirs = Para(text, style), Paragraph(text, style)
            assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in theirs.frags]
            assert ours.wrap(100, 1000) == theirs.wrap(100, 1000)


def test_lines_are_broken_again_after_a_split_drops_them() -> None:
    para = Para("word " * 200, STYLE["cell"])
    width, height = para.wrap(200, 10_000)
    assert para.wrap(200, 10_000) == (width, height)
    assert para.split(200, 5) == []  # no room: reportlab drops the lines it broke
    assert para.wrap(200, 10_000) == (width, height)
    assert para.wrap(100, 10_000)[1] > height
