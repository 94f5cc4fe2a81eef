"""Rows as tall as their text, sized where the user looks: the action items of a big review."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.actions.model import COL_WHAT
from clearsight.ui.actions.page import ActionsPage
from clearsight.ui.shell.main_window import MainWindow
from tests.gui.helpers_themes import open_demo

LONG = " ".join(["Add a canary stage that holds the pool-size change for ten minutes"] * 3)


def test_only_rows_in_view_are_sized_and_scrolling_sizes_the_rest(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    for n in range(120):
        service.actions.add_action(view.review_id, f"{n}: {LONG}")
    view.session.reload()
    page = view.show_page("actions")
    assert isinstance(page, ActionsPage)
    table = page.table
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.fontMetrics().height() * 2)
    one_line = table.verticalHeader().defaultSectionSize()
    rows = table.model().rowCount()
    middle = rows // 2
    assert table.rowHeight(middle) == one_line  # out of view: not laid out
    assert table.fontMetrics().horizontalAdvance(LONG) > table.columnWidth(COL_WHAT)
    table.scrollTo(table.model().index(middle, COL_WHAT))
    assert table.rowHeight(middle) > one_line  # the keyboard went there: sized first
    assert table.rowHeight(middle) <= table.viewport().height()
    # The short columns are as wide as their widest text, measured once per distinct text.
    labels = {table.model().index(r, 0).data() for r in range(rows)}
    assert len(labels) == rows  # each label differs: A1, A2, ...
    widest = max(table.fontMetrics().horizontalAdvance(str(t)) for t in labels if t is not None)
    assert table.columnWidth(0) >= widest
