"""An exception nothing caught: a bug opens the crash dialog and is logged, a user error is
shown in the banner, and neither is lost in a terminal."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clearsight import crash
from clearsight.errors import StoreError
from clearsight.ui import launch
from clearsight.ui.shell.crash_dialog import CrashDialog, CrashReporter
from clearsight.ui.shell.main_window import MainWindow


def _fail_in_a_slot() -> None:
    raise ValueError("the tree has no root")


def _fail_elsewhere() -> None:
    raise KeyError("factor 7")


def _locked() -> None:
    raise StoreError("reviews.sqlite3 is locked by another program. Your edit is kept.")


@pytest.fixture
def reporter(window: MainWindow) -> Iterator[CrashReporter]:
    """The hooks as the real start-up installs them, taken out again after the test."""
    before = (sys.excepthook, threading.excepthook)
    installed = launch.install_crash_reporter(window)
    assert sys.excepthook != before[0]
    yield installed
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    if installed.dialog is not None:
        installed.dialog.close()


def _dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]


def _log_text() -> str:
    path = crash.log_path()
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_bug_in_a_slot_opens_the_dialog_and_is_logged(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter
) -> None:
    QTimer.singleShot(0, _fail_in_a_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None and dialog.parent() is window
    details = dialog.details.toPlainText()
    assert "in _fail_in_a_slot" in details
    assert details.rstrip().endswith("ValueError: the tree has no root")
    assert dialog.details.isReadOnly()
    assert str(crash.log_path()) in dialog.log_note.text()
    assert "not something you did" in _all_text(dialog)
    assert "saved work is safe" in _all_text(dialog)
    assert not window.banner.isVisible()

    log = _log_text()
    assert "ERROR clearsight.crash: a bug in Clearsight: ValueError: the tree has no root" in log
    assert "in _fail_in_a_slot" in log


def _all_text(dialog: CrashDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_copy_details_puts_the_report_on_the_clipboard(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    QTimer.singleShot(0, _fail_in_a_slot)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    reporter.dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied == reporter.dialog.details.toPlainText()
    assert "in _fail_in_a_slot" in copied


def test_a_storm_of_bugs_opens_one_dialog_that_counts_the_rest(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    for fail in (_fail_in_a_slot, _fail_in_a_slot, _fail_elsewhere, _fail_in_a_slot):
        QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: reporter.sightings.more == 3)
    assert len(_dialogs()) == 1
    dialog = reporter.dialog
    assert dialog is not None
    assert "ValueError: the tree has no root" in dialog.details.toPlainText()
    assert dialog.more_note.isVisible()
    assert dialog.more_note.text().startswith("3 more errors happened since")
    assert _log_text().count("Traceback") == 2  # one per distinct bug; repeats are a line each

    # Closed, a bug already shown stays quiet; a new one opens a new dialog.
    dialog.close_button.click()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    QTimer.singleShot(0, _fail_in_a_slot)
    QTimer.singleShot(0, lambda: _fail_with(TypeError("a third kind")))
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    assert "TypeError: a third kind" in reporter.dialog.details.toPlainText()
    assert not reporter.dialog.more_note.isVisible()


def _fail_with(err: Exception) -> None:
    raise err


def test_a_bug_in_another_thread_is_shown_from_the_window(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    worker = threading.Thread(target=_fail_elsewhere, name="export")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    assert "KeyError: 'factor 7'" in reporter.dialog.details.toPlainText()
    assert "in _fail_elsewhere" in _log_text()


def test_a_store_error_nothing_caught_is_a_plain_message(
    qtbot: QtBot, window: MainWindow, reporter: CrashReporter
) -> None:
    QTimer.singleShot(0, _locked)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert window.banner.text == (
        "reviews.sqlite3 is locked by another program. Your edit is kept."
    )
    assert reporter.dialog is None and _dialogs() == []
    assert "Traceback" not in _log_text()


def test_the_hook_never_raises_even_when_showing_fails(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_banner(text: str) -> None:
        raise RuntimeError("the banner is gone")

    reporter = CrashReporter(None, broken_banner)
    try:
        _locked()
    except StoreError as err:
        reporter.catch(err)  # must return normally
    err = capsys.readouterr().err
    assert "StoreError: reviews.sqlite3 is locked" in err
    assert "RuntimeError: the banner is gone" in err


def test_without_a_log_file_the_dialog_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CrashDialog("Clearsight 0.1.0\n\nTraceback ...", None)
    qtbot.addWidget(dialog)
    assert "could not be written to a log file" in dialog.log_note.text()
    dialog.set_more(1)
    assert dialog.more_note.text().startswith("1 more error happened")


def test_a_bug_while_opening_the_database_is_shown_and_explained(qtbot: QtBot) -> None:
    def connect() -> None:
        raise RuntimeError("migration step forgot a column")

    codes: list[int] = []
    window = launch.start_main_window(connect, codes.append)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    installed = launch.install_crash_reporter(window)
    try:
        qtbot.waitUntil(lambda: bool(_dialogs()))
        assert "migration step forgot a column" in _dialogs()[0].details.toPlainText()
        assert "fault in Clearsight" in window.banner.text
        assert codes == []  # the window stays, with the reason, not "Opening the database..."
    finally:
        installed.uninstall()
        for dialog in _dialogs():
            dialog.close()
