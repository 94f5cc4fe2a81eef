"""The three lesson lists start at one height, even where a title wraps (at 1,024 x 768
"Where we got lucky" takes two lines)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.pages.lessons import LessonsPage
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_themes import open_demo


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_lesson_lists_start_level(
    qtbot: QtBot, make_window: MakeWindow, service: Services, size: tuple[int, int]
) -> None:
    window = make_window(service)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    page = open_demo(window, service).show_page("lessons")
    assert isinstance(page, LessonsPage)

    def tops() -> set[int]:
        return {x.list.mapTo(page, QPoint(0, 0)).y() for x in page.lists.values()}

    qtbot.waitUntil(lambda: len(tops()) == 1)
    for lessons in page.lists.values():  # each title shows whole
        title = lessons.title
        assert title.height() >= title.heightForWidth(title.width())
