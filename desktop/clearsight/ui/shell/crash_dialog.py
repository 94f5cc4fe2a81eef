"""When Clearsight itself fails: the crash dialog, and the hooks that catch what no code did.

An exception that escapes a slot is otherwise printed by PySide6 to a terminal nobody reads,
and the window carries on as if nothing happened. ``CrashReporter`` takes over
``sys.excepthook`` and ``threading.excepthook`` while the window runs: a bug is logged with its
traceback and shown in a ``CrashDialog`` (once per distinct bug, see ``crash.Sightings``); a
``UserError`` that nothing caught is only a message for the user. What is Qt-free of this
lives in ``clearsight.crash``.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from clearsight import APP_NAME, crash
from clearsight.ui import style

if TYPE_CHECKING:  # logging.handlers loads only when a log is started (start-up time)
    from logging.handlers import RotatingFileHandler


class CrashDialog(QDialog):
    """Says plainly that the fault is Clearsight's, that saved work is safe, and shows the
    details to copy into a report."""

    def __init__(self, report: str, log: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: something went wrong")
        style.at_least(self, style.BASE_POINT_SIZE)
        self.report = report
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        sign = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        icon.setPixmap(sign.pixmap(size, size))
        title = style.section_title(f"Something went wrong in {APP_NAME}.")
        body = QLabel(
            f"This is a fault in {APP_NAME}, not something you did. Your saved work is safe: "
            "every edit is saved as you type it. You can carry on working; if the window "
            f"behaves oddly, close {APP_NAME} and open it again."
        )
        body.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(style.SPACING)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(body)
        top.addLayout(words, 1)

        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setAccessibleName("Details of the error")
        self.details.setMinimumSize(640, 220)
        self.log_note = QLabel(
            f"The details are also kept in the log file:<br><b>{_escaped(log)}</b>"
            if log is not None
            else "The details could not be written to a log file; copy them from here."
        )
        self.log_note.setWordWrap(True)
        self.log_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_note = style.hint("")
        self.more_note.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(style.SPACING)
        layout.addWidget(QLabel("If you report it, please include these details:"))
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_note)
        layout.addWidget(self.more_note)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText("&Copied")

    def set_more(self, count: int) -> None:
        """``count`` more errors happened while this dialog was open."""
        noun = "error" if count == 1 else "errors"
        self.more_note.setText(f"{count} more {noun} happened since; they are in the log file.")
        self.more_note.show()


def _escaped(path: Path) -> str:
    return str(path).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CrashReporter(QObject):
    """Installs the exception hooks for the window's lifetime and shows what they catch.

    ``tell_user`` shows a UserError's message (the window's banner). The log handler (from
    ``crash.start_log``, or None when there is no log file) is closed by ``uninstall``.
    """

    # The exception, and its crash.Sighting (None for a UserError). A signal, so that an
    # exception raised in another thread is shown from the GUI thread.
    arrived = Signal(object, object)

    def __init__(
        self,
        log: RotatingFileHandler | None,
        tell_user: Callable[[str], object],
        window: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.log = log
        self.log_path = Path(log.baseFilename) if log is not None else None
        self.sightings = crash.Sightings()
        self.dialog: CrashDialog | None = None
        self._tell_user = tell_user
        self._window = window
        self._previous: tuple[object, object] | None = None
        self.arrived.connect(self._show)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Puts back the hooks found by ``install`` and closes the log file."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None
        if self.log is not None:
            crash.stop_log(self.log)
            self.log = None

    def _sys_hook(
        self,
        kind: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.catch(exc if exc is not None else kind(), tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # a thread asking to end, as threading treats it
            return
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        self.catch(exc, args.exc_traceback)

    def catch(self, exc: BaseException, tb: TracebackType | None = None) -> None:
        """Logs and shows one uncaught exception. Never raises: an excepthook that fails
        would bury the very error it was handed."""
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        try:
            if not isinstance(exc, Exception):  # KeyboardInterrupt: as Python would
                sys.__excepthook__(type(exc), exc, exc.__traceback__)
                return
            if not crash.is_bug(exc):
                crash.log.warning("nothing caught it; shown to the user: %s", exc)
                self.arrived.emit(exc, None)
                return
            sighting = self.sightings.arrive(exc)
            crash.log_bug(exc, sighting.times)
            self.arrived.emit(exc, sighting)
        except BaseException:  # the last resort: print both, raise nothing
            _print_last_resort(exc)

    def _show(self, exc: BaseException, sighting: crash.Sighting | None) -> None:
        try:
            if sighting is None:
                self._tell_user(str(exc))
            elif sighting.counted and self.dialog is not None:
                self.dialog.set_more(self.sightings.more)
            elif sighting.show:
                self._open_dialog(exc)
        except Exception:
            self.sightings.window_closed()
            _print_last_resort(exc)

    def _open_dialog(self, exc: BaseException) -> None:
        about = {"Qt": qVersion(), "PySide6": PySide6.__version__}
        dialog = CrashDialog(crash.report(exc, about), self.log_path, self._window)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        if self.sightings.more:  # counted from another thread before this ran
            dialog.set_more(self.sightings.more)
        dialog.show()  # not modal: the window stays usable, and no nested event loop runs here

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.sightings.window_closed()


def _print_last_resort(exc: BaseException) -> None:
    try:
        traceback.print_exception(exc, file=sys.stderr)
        print("... and then the crash report itself failed:", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
    except BaseException:  # stderr itself may be gone
        pass
