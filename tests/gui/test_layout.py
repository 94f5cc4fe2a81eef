"""Layouts from 1,024 x 768 up, and at 200% (a doubled font): opening a review never widens the
window, nothing on a page reaches past what is shown of it, the agenda never overlaps the
page, layer names break between words, and lists show whole rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from clearsight.review.data import LayerData
from clearsight.services.root import Services
from clearsight.ui.factors.diagram import SwissDiagram
from clearsight.ui.factors.names import NAME_ROOM, wrap
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_themes import PAGES, open_demo


def scrolled(widget: QWidget, page: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area's viewport inside ``page``: it may reach past
    the page, the scroll area shows it in parts."""
    w = widget.parentWidget()
    while w is not None and w is not page:
        parent = w.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is w:
            return True
        w = parent
    return False


def overflowing(page: QWidget) -> list[str]:
    """The page's shown widgets that reach past its left or right edge."""
    found = []
    for w in page.findChildren(QWidget):
        if not w.isVisibleTo(page) or w.isWindow() or scrolled(w, page):
            continue
        left = w.mapTo(page, QPoint(0, 0)).x()
        if left < 0 or left + w.width() > page.width():
            what = w.accessibleName() or w.objectName() or type(w).__name__
            found.append(f"{what}: {left}..{left + w.width()} of {page.width()}")
    return found


def check_pages(qtbot: QtBot, window: MainWindow, view: ReviewView, width: int) -> list[str]:
    """Each page in turn: what grew, overflowed or overlapped."""
    problems = []
    for key in PAGES:
        page = view.show_page(key)
        qtbot.wait(1)
        if window.width() > width:
            problems.append(f"{key}: the window grew to {window.width()} px")
        right_of_page = page.mapTo(window, QPoint(page.width(), 0)).x()
        if right_of_page > window.width():
            problems.append(f"{key}: the page ends at {right_of_page} px, past the window")
        agenda_end = view.agenda.mapTo(window, QPoint(view.agenda.width(), 0)).x()
        if agenda_end > page.mapTo(window, QPoint(0, 0)).x():
            problems.append(f"{key}: the agenda overlaps the page")
        problems += [f"{key}: {line}" for line in overflowing(page)]
    return problems


def test_opening_a_review_never_widens_the_window(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    width = window.width()
    view = open_demo(window, service)
    assert check_pages(qtbot, window, view, width) == []


def test_the_check_sees_a_widget_past_the_page(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    page = view.show_page("lessons")
    wide = QWidget(page)
    wide.setGeometry(page.width() - 10, 0, 40, 10)
    wide.show()
    assert any("QWidget" in line for line in overflowing(page))


# Strict: once the review view and the timeline page leave the room, this passes and the
# marker must go.
@pytest.mark.xfail(
    strict=True,
    reason="at 1,024 px the review view needs 1,084: shell/review_view.py's heading is one "
    "unwrapped line (self.heading.setWordWrap(True)), and timeline/page.py's zone box is as "
    "wide as the longest zone name (setSizeAdjustPolicy(AdjustToMinimumContentsLengthWithIcon)"
    " and setMinimumContentsLength(14), set before addItems)",
)
def test_every_page_fits_1024_by_768(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    window = make_window(service)
    window.resize(1024, 768)
    qtbot.wait(1)
    view = open_demo(window, service)
    assert check_pages(qtbot, window, view, 1024) == []


@pytest.fixture
def doubled(qapp: QApplication) -> Iterator[None]:
    """200% scaling, as far as a layout can tell: every font twice its size."""
    font = QApplication.font()
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 2)
    QApplication.setFont(big)
    yield
    QApplication.setFont(font)


def test_at_200_percent_the_review_opens_without_growing(
    qtbot: QtBot, make_window: MakeWindow, service: Services, doubled: None
) -> None:
    window = make_window(service)
    window.resize(2560, 1600)  # a 1,280 x 800 window at 200%
    qtbot.wait(1)
    view = open_demo(window, service)
    assert check_pages(qtbot, window, view, 2560) == []


def test_the_language_panel_gives_way_in_a_narrow_window(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    window = make_window(service)
    window.resize(1024, 768)
    view = open_demo(window, service)
    assert not view.language_visible()
    assert window.language_action.isChecked()  # the choice in the menu stays
    window.resize(1900, 1000)
    assert view.language_visible()  # shown where there is room


def test_layer_names_break_between_words(qtbot: QtBot) -> None:
    diagram = SwissDiagram()
    qtbot.addWidget(diagram)
    font = diagram.name_font
    word = QFontMetricsF(font).horizontalAdvance("configuration")
    for width in (word * 0.7, word * 1.2, word * 3):
        lines = wrap("Service configuration", font, width)
        for line in lines:
            assert line in ("Service", "configuration", "Service configuration") or (
                line.endswith("\u2026")  # too narrow even for the word: cut, and says so
            ), (width, lines)
    # The diagram is never drawn so small that a word of a name must be cut.
    diagram.set_review([LayerData(1, "Service configuration", 0)], [])
    assert NAME_ROOM * diagram.least_scale() >= word


def test_the_factor_list_shows_whole_rows(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    page = view.show_page("factors")
    assert isinstance(page, FactorsPage)
    table = page.table

    def cut_row() -> int | None:
        """The row the list's bottom edge cuts through, if one."""
        bottom = table.viewport().height() - 1
        row = table.rowAt(bottom)
        end = table.rowViewportPosition(row) + table.rowHeight(row) - 1
        return row if row >= 0 and end > bottom else None

    # The rows take their heights, the page its size, and the room is shared out again.
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.fontMetrics().height() * 1.5)
    qtbot.waitUntil(lambda: not page.splitter._later.isActive() and cut_row() is None)
    assert table.rowAt(0) == 0  # a whole row at least


def test_every_attendee_shows(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    view = open_demo(window, service)
    page = view.show_page("details")
    qtbot.wait(1)
    for role, names in page.people.lists.items():
        shown = names.viewport().rect()
        for i in range(names.count()):
            rect = names.visualItemRect(names.item(i))
            assert shown.contains(rect), (role, names.item(i).text())


@pytest.mark.xfail(
    strict=True,
    reason="timeline/page.py cuts each event to one line (text_delegate.wrap = False, "
    "table.setWordWrap(False)); wrapping needs both True and the rows sized to their text "
    "(resizeRowsToContents after a load and a column resize, as factors/table.py does)",
)
def test_timeline_text_wraps(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    view = open_demo(window, service)
    long = " ".join(["Connections to the payment database queued behind the pool"] * 4)
    at = service.reviews.get_review(view.review_id).events[0].at
    service.timeline.add_event(view.review_id, at, long)
    view.session.reload()
    page = view.show_page("timeline")
    qtbot.wait(1)
    table = page.table
    row = next(r for r, e in enumerate(page.model.events) if e.text == long)
    assert table.fontMetrics().horizontalAdvance(long) > table.columnWidth(2)
    assert table.rowHeight(row) > table.fontMetrics().height() * 2
