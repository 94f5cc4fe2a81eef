"""The Insights page: figures for a range drawn as bars, worked out off the window's thread,
and every bar a list of the reviews it counts, a double-click from opening one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.insights.chart import BarChart
from clearsight.ui.insights.dialog import InsightsDialog
from clearsight.ui.shell.main_window import MainWindow


def _dialog(qtbot: QtBot, window: MainWindow) -> InsightsDialog:
    with qtbot.waitSignal(window.extras.insights_action.triggered):
        window.extras.insights_action.trigger()
    dialog = window.extras.dialogs.insights_dialog
    assert dialog is not None and dialog.job is not None
    qtbot.waitUntil(lambda: dialog.figures is not None)  # the worker's figures arrived
    return dialog


def _refreshed(qtbot: QtBot, dialog: InsightsDialog) -> None:
    """Work the figures out again and wait for the job's end. A wait on the job's own signal
    could miss it: a quick job finishes before a wait begun after refresh() is connected.
    The Show button, disabled by refresh(), comes back once the job's results are shown."""
    dialog.refresh()
    qtbot.waitUntil(dialog.show_button.isEnabled)


def test_bars_list_the_reviews_they_count_and_open_them(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    demo = add_demo(service)
    start = service.reviews.get_review(demo).incident_start
    assert start is not None
    other = service.reviews.create_review("Search cluster out of disk", "SEV-3")
    service.reviews.set_field(other, "incident_start", start)
    dialog = _dialog(qtbot, window)
    assert dialog.figures is not None and set(dialog.figures.review_ids) == {demo, other}
    assert "2 reviews" in dialog.summary.text()
    severity = next(c for c, _ in dialog.charts if c.title == "Reviews by severity")
    [bar] = [b for b in severity.bars if b.parts]  # one month, both reviews
    assert {p.series for p in bar.parts} == {"SEV-2", "SEV-3"}
    severity.setFocus()
    severity.current = severity.bars.index(bar) - 1
    qtbot.keyClick(severity, Qt.Key.Key_Right)
    qtbot.keyClick(severity, Qt.Key.Key_Return)  # the keyboard chooses a bar too
    listed = {dialog.reviews.item(i).data(Qt.ItemDataRole.UserRole + 1)
              for i in range(dialog.reviews.count())}  # fmt: skip
    assert listed == {demo, other} and "2 reviews" in dialog.behind.text()
    sev3 = next(p for p in bar.parts if p.series == "SEV-3")
    severity.choose(severity.bars.index(bar), sev3)  # a part of a bar: only its reviews
    assert dialog.reviews.count() == 1
    dialog.reviews.itemActivated.emit(dialog.reviews.item(0))
    assert window.review_view is not None and window.review_view.review_id == other
    trend = dialog.trend_chart
    assert trend.title == "Median hours to resolve" and any(b.parts[0].ids for b in trend.bars)
    dialog.trend.setCurrentIndex(dialog.trend.findData("record"))
    dialog.trend.activated.emit(dialog.trend.currentIndex())
    assert trend.title == "Median days to signed-off record"
    actions = next(c for c, _ in dialog.charts if c.title == "Action items")
    assert sum(b.total for b in actions.bars) == len(service.reviews.get_review(demo).actions)


def test_a_range_with_nothing_says_so(qtbot: QtBot, window: MainWindow, service: Services) -> None:
    add_demo(service)
    dialog = _dialog(qtbot, window)
    dialog.since.setDate(QDate(2001, 1, 1))
    dialog.until.setDate(QDate(2001, 12, 31))
    _refreshed(qtbot, dialog)
    assert dialog.figures is not None and dialog.figures.review_ids == ()
    assert "0 reviews" in dialog.summary.text()
    layers = dialog.findChildren(BarChart)[-1]
    assert layers.bars == []
    dialog.until.setDate(QDate(2000, 1, 1))  # before the start: said, nothing drawn
    _refreshed(qtbot, dialog)
    assert "after" in dialog.summary.text() or "before" in dialog.summary.text()
