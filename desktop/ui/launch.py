"""The Qt half of start-up: the application object, the password prompt, the first window.

``clearsight.app`` (Qt-free) decides what happens; these functions do the Qt part of it.
"""

from __future__ import annotations

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

from clearsight import APP_ID, APP_NAME
from clearsight.resources_access import resource
from clearsight.review.service import ReviewService
from clearsight.ui.main_window import MainWindow


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_ID)
    icon = resource("icons", f"{APP_ID}.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
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


def show_main_window(app: QApplication, service: ReviewService) -> int:
    window = MainWindow(service)
    window.show()
    return app.exec()
