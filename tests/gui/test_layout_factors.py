"""The factor list's headings show whole at 1,024 x 768 and at 1,920 x 1,080: a column that
must give way hides ("Accepted risk": the status says it), it is never cut to "Accepted risl"."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.factors.model import COL_TEXT
from clearsight.ui.factors.page import FactorsPage
from tests.gui.conftest import MakeWindow
from tests.gui.helpers_themes import open_demo


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080)])
def test_every_heading_of_the_factor_list_shows_whole(
    qtbot: QtBot, make_window: MakeWindow, service: Services, size: tuple[int, int]
) -> None:
    window = make_window(service)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    page = open_demo(window, service).show_page("factors")
    assert isinstance(page, FactorsPage)
    table = page.table
    qtbot.waitUntil(lambda: not page.splitter._later.isActive())
    model = table.model()
    shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    assert len(shown) >= 4
    for column in shown:
        if column != COL_TEXT:  # the text takes the rest, and wraps
            assert table.columnWidth(column) >= table.heading_width(column), column
