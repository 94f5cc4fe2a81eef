"""The Language panel beside the page: it steps aside where the window lacks the room for it
(the choice in the menu stays), comes back where there is room, and is never the reason a
window cannot be made narrower."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import PAGE_ROOM, ReviewView
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_themes import open_demo
from tests.gui.test_layout import check_pages


def span(widget: QWidget, window: MainWindow) -> tuple[int, int]:
    """Where ``widget`` starts and ends across the window, in its pixels."""
    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left, left + widget.width()


def assert_fits(qtbot: QtBot, window: MainWindow, view: ReviewView, width: int) -> None:
    """The window is ``width`` wide; the agenda, the page and the panel (where it shows) sit
    side by side within it; the page keeps the room it needs, on every page."""
    assert window.width() == width
    pages = span(view.pages, window)
    assert span(view.agenda, window)[1] <= pages[0]
    if view.language_visible():
        assert pages[1] <= span(view.language, window)[0]
        assert span(view.language, window)[1] <= width
    else:
        assert pages[1] <= width
    # Usable: no page squeezed below its least width, and lines of 60 characters at least
    # (PAGE_ROOM, 90, is what the panel leaves the page when both show).
    room = (PAGE_ROOM if view.language_visible() else 60) * view.fontMetrics().averageCharWidth()
    assert view.pages.width() >= max(view.pages.minimumSizeHint().width(), room)
    assert check_pages(qtbot, window, view, width) == []


def test_a_window_with_the_panel_narrows_to_1024(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    window = make_window(service)
    window.resize(1920, 1080)
    view = open_demo(window, service)
    qtbot.waitUntil(lambda: window.width() == 1920)
    assert view.language_visible()
    assert_fits(qtbot, window, view, 1920)
    # Dragged down to a meeting room's projector: the window gets there, and the panel
    # steps aside for the page (it used to hold the window at some 1,250 px).
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024 and not view.language_visible())
    assert window.language_action.isChecked()  # the choice in the menu stays
    assert_fits(qtbot, window, view, 1024)
    assert window.minimumWidth() <= 1024
    window.resize(1920, 1080)  # and back where there is room
    qtbot.waitUntil(view.language_visible)
    assert_fits(qtbot, window, view, 1920)


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


def test_asked_for_in_a_narrow_window_the_panel_shows_until_it_is_narrowed(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    """Ctrl+Shift+L where the panel stepped aside shows it (a key that did nothing visible
    would be pressed again, and hide it): the window makes room for the page beside it, and
    a window made narrower again gives the room back to the page."""
    window = make_window(service)
    window.resize(1024, 768)
    view = open_demo(window, service)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert not view.language_visible()
    window.language_action.trigger()
    qtbot.waitUntil(view.language_visible)
    assert window.language_action.isChecked()
    wide = window.width()
    assert wide >= 1024
    pages, panel = span(view.pages, window), span(view.language, window)
    assert pages[1] <= panel[0] and panel[1] <= wide
    assert view.pages.width() >= view.pages.minimumSizeHint().width()  # never squeezed
    assert check_pages(qtbot, window, view, wide) == []
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024 and not view.language_visible())
    assert_fits(qtbot, window, view, 1024)
    window.language_action.trigger()  # shown again, and hidden with the same key
    qtbot.waitUntil(view.language_visible)
    window.language_action.trigger()
    assert not view.language_visible() and not window.language_action.isChecked()


def test_the_reviews_list_gives_back_its_own_least_width(
    qtbot: QtBot, make_window: MakeWindow, service: Services
) -> None:
    window = make_window(service)
    window.resize(1920, 1080)
    view = open_demo(window, service)
    qtbot.waitUntil(view.language_visible)
    assert window.show_reviews()
    assert window.minimumWidth() == window.minimumSizeHint().width()
