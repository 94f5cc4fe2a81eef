"""Opening a review keeps the window answering: read on a worker, built a page a turn."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import AGENDA


def test_a_review_chosen_in_the_list_is_built_a_page_a_turn_then_shown(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    review = add_demo(service)
    turns: list[int] = []
    window.opening._next.timeout.connect(lambda: turns.append(len(turns)))
    with qtbot.waitSignal(window.review_opened) as opened:
        assert window.open_review_soon(review) is not None  # a job: read off the thread
        assert window.review_view is None
    assert opened.args == [review]
    view = window.review_view
    assert view is not None and view.review_id == review
    # Details was built with the view; each other page in a turn of its own.
    assert len(turns) == len(AGENDA) - 1
    assert view.pages.count() == len(AGENDA) and view.current_key() == "details"
    assert window.opening.view is None


def test_a_review_opened_at_once_drops_the_one_being_built(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    first, second = add_demo(service), add_demo(service)
    assert window.open_review_soon(first) is not None
    # Waited for by what the read's end does, not by the job's signal: connected after the
    # job started, that wait could miss a read that ended first.
    qtbot.waitUntil(lambda: window.opening.view is not None)  # being built
    assert window.open_review(second)  # say, from the search dialog
    assert window.opening.view is None and not window.opening._next.isActive()
    view = window.review_view
    assert view is not None and view.review_id == second


def test_a_closed_review_is_taken_apart_in_turns_even_as_the_window_closes(
    qtbot: QtBot, window: MainWindow, service: Services, tmp_path: Path
) -> None:
    assert window.open_review(add_demo(service))
    view = window.review_view
    assert view is not None
    with qtbot.waitSignal(view.destroyed, timeout=10_000):  # its pages first, a turn each
        assert window.show_reviews()
        assert view.isHidden()
    # A window of its own, deleted here before the pieces of its last review are all gone.
    other = MainWindow(service, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert other.open_review(add_demo(service))
    assert other.show_reviews()
    with qtbot.waitSignal(other.destroyed):
        other.deleteLater()
    with qtbot.waitSignal(window.review_opened):  # and the turns after break nothing
        window.open_review_soon(add_demo(service))
