"""The Qt half of start-up: the application object, the password prompt, the first window.

``clearsight.app`` (Qt-free) decides what happens; these functions do the Qt part of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from clearsight import APP_ID, APP_NAME, crash
from clearsight.errors import UserError
from clearsight.resources_access import resource
from clearsight.ui import theme
from clearsight.ui.shell.crash_dialog import CrashReporter
from clearsight.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from clearsight.services.root import Services


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resource("icons", f"{APP_ID}.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    # After the names are set: the theme is remembered in the settings they locate.
    theme.start_theme(app, QSettings())
    return app


class PasswordDialog(QDialog):
    def __init__(self, where: str, persistent: bool) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME}: database password")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("&Remember in the keyring")
        self.remember.setVisible(persistent)
        note = QLabel(
            "The password is stored in your system keyring, never in a file."
            if persistent
            else "No keyring is available on this system, so the password is kept for this "
            "session only and asked again next time."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Password for {where}:"))
        layout.addWidget(self.password)
        layout.addWidget(self.remember)
        layout.addWidget(note)
        layout.addWidget(buttons)


def ask_password(where: str, persistent: bool) -> tuple[str, bool] | None:
    """Asks for a database password: (password, remember it) or None when cancelled."""
    dialog = PasswordDialog(where, persistent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.password.text(), persistent and dialog.remember.isChecked()


def show_fatal(title: str, message: str) -> None:
    QMessageBox.critical(None, f"{APP_NAME}: {title}", message)


def run_main_window(
    app: QApplication, connect: Callable[[], Services], database: str | None = None
) -> int:
    """Shows the window, opens the database from the event loop, and runs until quit."""
    # Held here: Qt closes an unreferenced one.
    window = start_main_window(connect, app.exit, database)
    reporter = install_crash_reporter(window)
    try:
        code: int = app.exec()
    finally:
        reporter.uninstall()
    del window
    return code


def install_crash_reporter(window: MainWindow) -> CrashReporter:
    """From now on an exception nothing caught is shown, not lost: a bug in the crash dialog
    (and the log file in the data folder), a UserError in the window's banner."""
    reporter = CrashReporter(
        crash.start_log(crash.log_path()),
        lambda text: window.banner.show_message(text, can_retry=False),
        window,
    )
    reporter.install()
    return reporter


# What opening a review loads (review_view.py loads most pages only when it makes them).
WARM_PAGES = (
    "shell.review_view",
    "signoff.page",
    "factors.page",
    "actions.page",
    "actions.prior_page",
    "whys.page",
    "pages.ground_rules",
)


def warm_up() -> None:
    """Loads the review's pages and builds the blame detector, compiling all its patterns
    (a few tenths of a second; a lexicon alone compiles each at its first use), then keeps
    the garbage collector off what they made (see collector.py)."""
    import importlib

    from clearsight import collector
    from clearsight.language.detector import Detector

    for page in WARM_PAGES:
        importlib.import_module(f"clearsight.ui.{page}")
    Detector.default().compile_patterns()
    collector.tune()
    collector.freeze_long_lived()


def warm_up_for_reviews() -> None:
    """Runs warm_up on a thread of its own while the user looks at the list, so opening the
    first review waits for neither. Never needed: a review opened sooner does both itself."""
    import threading

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()


def start_main_window(
    connect: Callable[[], Services], failed: Callable[[int], None], database: str | None = None
) -> MainWindow:
    """Shows the window first, then opens the database once the event loop runs.

    Loading SQLAlchemy and opening the store take longer than showing a window, so the user
    sees Clearsight at once, with "Opening the database…" until ``connect`` returns. When it
    cannot open, the user is told why and ``failed`` gets exit code 2. The team's lexicon is
    put in use first; a bad one is reported in the banner and the shipped words are used.
    """
    window = MainWindow(None)
    window.show()
    # The list at once from a SQLite file at the current schema (no SQLAlchemy needed);
    # nothing for another database, which the list shows once it is open.
    from clearsight.db import light

    rows = light.list_reviews(light.sqlite_path(database))
    if rows:  # an empty list may yet get the demo review: "Opening…" until then
        window.show_early_list(rows)
    warm_up_for_reviews()

    def attach() -> None:
        from clearsight.ui.flags.language_settings import use_saved_lexicon

        # Before attach() reopens the last review, whose flags then use the team's words.
        notice = use_saved_lexicon()
        try:
            service = connect()
        except UserError as err:
            show_fatal("cannot open the database", str(err))
            window.close()
            failed(2)
            return
        except Exception:
            # A bug: the crash dialog shows it; the window says why it stays empty.
            window.banner.show_message(
                "Clearsight could not open the database because of a fault in Clearsight. "
                "Close it and open it again; if it happens again, please report the details.",
                can_retry=False,
            )
            raise
        window.attach(service)
        if notice:  # after attach(): opening a review clears the banner
            window.banner.show_message(notice, can_retry=False)

    QTimer.singleShot(0, attach)
    return window
