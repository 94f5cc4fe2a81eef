"""The projector at a meeting room's 1,024 x 768 and at 1,920 x 1,080: the window keeps its
size, the clock shows, and the timeline's marked events come first, under a strip that
leaves them the room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.presenter.parts import STRIP_SHARE
from clearsight.ui.presenter.window import PresenterWindow
from clearsight.ui.shell.main_window import MainWindow
from tests.gui.helpers_themes import open_demo

MARKS = ("Trigger / fault start", "Detected", "Acknowledged", "Escalated", "Mitigated")


def shown_line(presenter: PresenterWindow, text: str) -> bool:
    """Whether the line with ``text`` shows whole in the presenter's body."""
    cursor = presenter.body.document().find(text)
    if cursor.isNull():
        return False
    rect = presenter.body.cursorRect(cursor)
    return rect.top() >= 0 and rect.bottom() <= presenter.body.viewport().height()


@pytest.mark.parametrize(("size", "everything"), [((1024, 768), False), ((1920, 1080), True)])
def test_the_projector_shows_the_clock_and_the_marked_events_first(
    qtbot: QtBot,
    window: MainWindow,
    service: Services,
    size: tuple[int, int],
    everything: bool,
) -> None:
    view = open_demo(window, service)
    presenter = PresenterWindow(view, window.settings, window)
    presenter.resize(*size)
    presenter.show()
    qtbot.waitExposed(presenter)
    view.show_page("timeline")
    qtbot.waitUntil(lambda: presenter.strip.isVisible() and "Trigger" in presenter.text())
    assert presenter.size().toTuple() == size  # a long review title wraps, never widens it
    for clock in (presenter.phase_clock, presenter.meeting_clock):
        right = clock.mapTo(presenter, QPoint(clock.width(), 0)).x()
        assert clock.isVisible() and clock.text() and right <= size[0]
    strip = presenter.strip
    assert strip.height() <= size[1] * STRIP_SHARE or strip.scale == 1.0
    text = presenter.text()
    places = [text.index(mark) for mark in MARKS]
    assert places == sorted(places) and places[-1] < text.index("earlier event")
    assert shown_line(presenter, MARKS[0])  # the room sees where the story starts
    if everything:  # and on a full HD projector, the whole story to All clear
        assert presenter.body.verticalScrollBar().maximum() == 0
        assert all(shown_line(presenter, mark) for mark in (*MARKS, "All clear"))
    presenter.close()
