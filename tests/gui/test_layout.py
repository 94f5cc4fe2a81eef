"""Layouts from 1,024 x 768 up, and with a doubled font (real 200% scaling: test_scaling.py):
opening a review never widens the window, nothing on a page reaches past what is shown of it,
the agenda never overlaps the page, layer names break between words, and lists show whole
rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QHelpEvent, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.review.data import LayerData
from clearsight.services.root import Services
from clearsight.ui.factors.diagram import SwissDiagram
from clearsight.ui.factors.names import NAME_ROOM, wrap
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.timeline.model import COL_MARK
from clearsight.ui.timeline.page import TimelinePage
from clearsight.ui.timeline.table import EventTable, badge
from clearsight.ui.whys.page import WhysPage
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_themes import PAGES, open_demo

WRAP = Qt.TextFlag.TextWordWrap.value


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


def test_a_narrow_window_gives_the_agendas_phase_times_to_the_page(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    window = make_window(service)
    window.resize(1024, 768)
    view = open_demo(window, service)
    view.meeting.start()
    view.meeting.update_display()
    narrow = view.agenda.width()
    assert view.meeting.marks.compact
    assert view.room.width() == view.agenda.width()  # the sidebar is one column
    key = view.current_key()
    if key in view.meeting.marks.times:  # the time stays a hover away
        assert "used of a" in view.meeting.marks.tooltip(key)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: not view.meeting.marks.compact)  # at the window's resize event
    assert view.agenda.width() > narrow + 60 and view.room.width() == view.agenda.width()


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


@pytest.mark.parametrize("size", [None, (1024, 768)])  # as opened, and a meeting room's
def test_the_factor_list_shows_whole_rows(
    qtbot: QtBot, window: MainWindow, service: Services, size: tuple[int, int] | None
) -> None:
    if size is not None:
        window.resize(*size)
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
    legend = page.legend  # and the diagram's legend above it, not cut short by the list
    assert legend.height() >= legend.heightForWidth(legend.width())


def test_every_attendee_shows(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    view = open_demo(window, service)
    page = view.show_page("details")
    qtbot.wait(1)
    for role, names in page.people.lists.items():
        shown = names.viewport().rect()
        for i in range(names.count()):
            rect = names.visualItemRect(names.item(i))
            assert shown.contains(rect), (role, names.item(i).text())


def test_timeline_text_wraps(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    view = open_demo(window, service)
    long = " ".join(["Connections to the payment database queued behind the pool"] * 4)
    at = service.reviews.get_review(view.review_id).events[0].at
    service.timeline.add_event(view.review_id, at, long)
    view.session.reload()
    page = view.show_page("timeline")
    table = page.table
    row = next(r for r, e in enumerate(page.model.events) if e.text == long)
    # Rows take their heights as they come into view (a review can have 2,000 events).
    page.select_event(page.model.events[row].id)
    qtbot.wait(1)
    metrics = table.fontMetrics()
    assert metrics.horizontalAdvance(long) > table.columnWidth(2)
    assert table.rowHeight(row) > metrics.height() * 2

    def whole(width: int) -> bool:
        """Whether the row is as tall as its text's lines at ``width``."""
        lines = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, long).height()
        return table.rowHeight(row) >= lines

    assert whole(table.columnWidth(2) - 12)
    # A wider column takes the text in fewer lines, and the row follows.
    before = table.rowHeight(row)
    window.resize(window.width() + 600, window.height())
    qtbot.waitUntil(lambda: table.rowHeight(row) < before)
    assert whole(table.columnWidth(2) - 12)


# The offscreen platform cannot raise a window; the tooltip asks it to.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_long_timeline_sizes_the_rows_it_shows(
    qtbot: QtBot, window: MainWindow, service: Services, review_id: int
) -> None:
    """A long timeline is not laid out whole at each load (a review can have 2,000 events):
    the rows in view take their heights, the others as they come into view; none is taller
    than the table shows."""
    start = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)
    # Long enough to be taller than the table of a 1,024 x 600 window, which the page lays
    # out with the events first (and their text column wider for the marks' badges).
    text = " ".join(["Connections to the payment database queued behind the pool"] * 8)
    items = [(f"k{n}", start + timedelta(seconds=n), f"{n}: {text}") for n in range(400)]
    service.timeline.import_events(review_id, items)
    assert window.open_review(review_id)
    assert window.review_view is not None
    page = window.review_view.show_page("timeline")
    table = page.table
    one_line = table.verticalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: table.rowHeight(0) > one_line)
    assert table.rowHeight(200) == one_line  # far out of view: not laid out yet
    page.select_event(page.model.events[200].id)
    qtbot.wait(1)
    top = table.rowViewportPosition(200)
    assert table.rowHeight(200) > one_line
    assert top >= 0 and top + table.rowHeight(200) <= table.viewport().height()
    # In a short window a row shows the lines that fit, never more than the table holds.
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: table.viewport().height() < table.sizeHintForRow(200))
    page.select_event(page.model.events[200].id)
    qtbot.wait(1)
    assert table.rowViewportPosition(200) == 0
    assert table.rowHeight(200) <= table.viewport().height()
    # The whole of a cut event shows in its tooltip.
    middle = table.visualRect(page.model.index(200, 2)).center()
    tip = QHelpEvent(QEvent.Type.ToolTip, middle, table.viewport().mapToGlobal(middle))
    QApplication.sendEvent(table.viewport(), tip)
    qtbot.waitUntil(QToolTip.isVisible)
    assert f"200: {text}" in QToolTip.text()
    QToolTip.hideText()


def whole_rows(table: EventTable) -> int:
    """The rows the table shows whole, top to bottom."""
    shown = table.viewport().height()
    tops = (table.rowViewportPosition(r) for r in range(table.model().rowCount()))
    return sum(1 for r, top in enumerate(tops) if top >= 0 and top + table.rowHeight(r) <= shown)


@pytest.mark.parametrize(
    ("size", "rows", "short"), [((1024, 768), 6, True), ((1920, 1080), 12, False)]
)
def test_the_timeline_shows_several_events_at_once(
    qtbot: QtBot,
    make_window: MakeWindow,
    service: Services,
    size: tuple[int, int],
    rows: int,
    short: bool,
) -> None:
    """A facilitator sees several events at once: a short window folds the guidance, draws
    the strip's flags smaller and shows marks as badges; a tall one lays the page out in
    full."""
    window = make_window(service)
    window.resize(*size)
    qtbot.wait(1)
    page = open_demo(window, service).show_page("timeline")
    assert isinstance(page, TimelinePage)
    table = page.table
    one_line = table.verticalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: table.rowHeight(0) > one_line)  # rows sized as they show
    qtbot.waitUntil(lambda: not table._later.isActive())
    assert window.size().toTuple() == size
    assert whole_rows(table) >= rows
    assert (page.room.short, page.intro.folded, table.marks.short) == (short, short, short)
    assert page.intro.toolTip() == (page.intro.full if short else "")
    strip = page.strip
    assert strip.scale < 1 if short else strip.scale == 1
    assert strip.height() >= strip.sizeHint().height()  # every row of flags has its room
    assert {f.label for f in strip._layout.flags} >= {"Trigger", "Detected", "Mitigated"}
    # A badge says which mark it is, and its tooltip says it in full.
    trigger = next(r for r, e in enumerate(page.model.events) if e.mark == "trigger")
    index = page.model.index(trigger, COL_MARK)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Trigger / fault start"
    assert (badge("Trigger / fault start"), badge("All clear")) == ("T", "AC")
    assert page.entry_message.isHidden()  # nothing to say: no line kept for it


def test_the_whys_outline_and_drawing_share_1024_by_768(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    """The outline's text shows whole (it wraps inside the outline, never past its edge) and
    the drawing beside it shows the whole tree, fitted to its room."""
    window = make_window(service)
    window.resize(1024, 768)
    qtbot.wait(1)
    page = open_demo(window, service).show_page("whys")
    assert isinstance(page, WhysPage)
    outline, canvas, drawing = page.outline, page.canvas, page.drawing
    qtbot.waitUntil(lambda: not page.splitter._later.isActive())
    qtbot.wait(1)
    assert outline.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    shown = outline.viewport().rect()
    keys = outline.model_.row_keys()
    assert len(keys) > 5
    for key in keys:
        rect = outline.visualRect(outline.model_.index_of(key))
        assert rect.left() >= 0 and rect.right() <= shown.right(), (key, rect, shown)
    # The drawing: fitted, all of it in view, and painted.
    assert page.fit_box.isChecked()
    room = canvas.viewport().rect()
    assert room.width() > 150 and room.height() > 150
    assert room.contains(QRect(drawing.pos(), drawing.size()))
    problem = drawing.box_rect(PROBLEM)
    assert problem is not None and problem.width() > 20
    image = canvas.viewport().grab().toImage()
    base = drawing.palette().color(QPalette.ColorRole.Base)
    inked = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y) != base
    )
    assert inked > image.width() * image.height() // 4 // 50  # boxes and arrows: 2 % or more
