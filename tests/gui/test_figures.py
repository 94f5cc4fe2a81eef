"""Impact figures: label/value rows added, edited in their cells, removed, all undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.pages.figures import COL_LABEL, COL_VALUE, FiguresEditor
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.review_view import ReviewView


def figures(view: ReviewView) -> FiguresEditor:
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    return page.figures


def stored(service: Services, view: ReviewView) -> list[tuple[str, str]]:
    return [(f.label, f.value) for f in service.reviews.get_review(view.review_id).figures]


def test_add_edit_remove_and_undo_figures(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    editor = figures(view)
    qtbot.keyClicks(editor.new_label, "Peak error rate")
    qtbot.keyClicks(editor.new_value, "31 %")
    qtbot.keyClick(editor.new_value, Qt.Key.Key_Return)
    assert editor.new_label.text() == editor.new_value.text() == ""
    assert editor.add("Duration", "47 min")
    assert stored(service, view) == [("Peak error rate", "31 %"), ("Duration", "47 min")]
    assert editor.table.rowCount() == 2

    editor.table.item(0, COL_VALUE).setText("31 % of checkout requests")
    assert stored(service, view)[0] == ("Peak error rate", "31 % of checkout requests")

    editor.table.selectRow(0)
    assert editor.remove_selected()
    assert stored(service, view) == [("Duration", "47 min")]
    assert view.undo()  # the removal: the row comes back in its place
    assert stored(service, view) == [
        ("Peak error rate", "31 % of checkout requests"),
        ("Duration", "47 min"),
    ]
    assert editor.table.item(0, COL_LABEL).text() == "Peak error rate"
    assert view.undo()  # the edit, on the re-created row
    assert stored(service, view)[0] == ("Peak error rate", "31 %")
    assert editor.table.item(0, COL_VALUE).text() == "31 %"
    assert not view.session.problems()


def test_a_figure_needs_a_label(view: ReviewView, service: Services) -> None:
    editor = figures(view)
    assert not editor.add("  ", "12")
    assert stored(service, view) == []
