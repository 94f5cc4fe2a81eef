"""The composition root: the password provider, the first-run demo, start-up failures."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from clearsight import APP_ID, app
from clearsight import preferences as prefs
from clearsight.db.store import open_store
from clearsight.secrets import Secrets, database_key
from clearsight.services.root import Services
from clearsight.ui import launch
from clearsight.ui.shell.main_window import MainWindow

URL = make_url("postgresql+psycopg://review@db.example.org:5433/clearsight")
KEY = database_key("review", "db.example.org", 5433, "clearsight")


@pytest.fixture
def app_names(qapp: QApplication) -> Iterator[None]:
    names = (qapp.applicationName(), qapp.organizationName(), QGuiApplication.desktopFileName())
    yield
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    QGuiApplication.setDesktopFileName(names[2])


class Prompt:
    def __init__(self, answer: tuple[str, bool] | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, bool]] = []

    def __call__(self, where: str, persistent: bool) -> tuple[str, bool] | None:
        self.asked.append((where, persistent))
        return self.answer


def test_a_password_in_the_keyring_is_used_without_asking() -> None:
    secrets = Secrets()
    secrets.set(KEY, "s3cret")
    prompt = Prompt(None)
    assert app.password_for(URL, secrets, prompt) == "s3cret"
    assert prompt.asked == []


def test_an_asked_password_is_remembered_only_when_the_user_says_so() -> None:
    secrets = Secrets()
    prompt = Prompt(("once", False))
    assert app.password_for(URL, secrets, prompt) == "once"
    assert prompt.asked == [("postgresql+psycopg://review@db.example.org:5433/clearsight", True)]
    assert secrets.get(KEY) is None
    assert app.password_for(URL, secrets, Prompt(("kept", True))) == "kept"
    assert secrets.get(KEY) == "kept"


def test_a_cancelled_prompt_gives_no_password() -> None:
    assert app.password_for(URL, Secrets(), Prompt(None)) is None


def test_the_demo_is_offered_once(service: Services) -> None:
    app.offer_demo(service)
    assert service.reviews.count_reviews() == 1
    assert service.settings.get(prefs.DEMO_OFFERED) is True
    app.offer_demo(service)
    assert service.reviews.count_reviews() == 1


def _run_without_exec(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, done: Callable[[MainWindow, list[int]], bool]
) -> list[MainWindow]:
    """app.run with the real start-up but pytest-qt's event loop instead of app.exec()."""
    windows: list[MainWindow] = []

    def run(
        application: QApplication, connect: Callable[[], Services], database: str | None
    ) -> int:
        codes: list[int] = []
        window = launch.start_main_window(connect, codes.append, database)
        windows.append(window)
        qtbot.addWidget(window)
        assert window.isVisible()  # shown before the database is open
        assert window.list_page.empty.text().startswith("Opening the database")
        assert not window.new_action.isEnabled()
        qtbot.waitUntil(lambda: done(window, codes))
        return codes[0] if codes else 0

    monkeypatch.setattr(launch, "run_main_window", run)
    return windows


def test_no_demo_is_added_to_a_database_that_holds_reviews(service: Services) -> None:
    service.reviews.create_review("Our own incident", "SEV-3")
    app.offer_demo(service)
    assert [r.title for r in service.reviews.list_reviews()] == ["Our own incident"]
    service.reviews.delete_review(service.reviews.list_reviews()[0].id)
    app.offer_demo(service)  # asked once only: an emptied database stays empty
    assert service.reviews.count_reviews() == 0


def test_run_shows_the_window_then_opens_the_store(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, db_path: Path, app_names: None
) -> None:
    windows = _run_without_exec(
        monkeypatch, qtbot, lambda window, codes: window.list_page.model.rowCount() == 1
    )
    assert app.run(str(db_path), []) == 0
    window = windows[0]
    assert window.list_page.model.review_at(0).title.startswith("Checkout")  # the demo
    assert window.new_action.isEnabled()
    # run() closed its store on the way out: the file can be opened and used again.
    store = open_store(str(db_path))
    assert Services(store).reviews.count_reviews() == 1
    store.close()


def test_a_database_that_cannot_be_opened_is_reported_with_exit_code_2(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path, app_names: None
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database")
    fatal: list[str] = []
    monkeypatch.setattr(launch, "show_fatal", lambda title, message: fatal.append(message))
    _run_without_exec(monkeypatch, qtbot, lambda window, codes: bool(codes))
    assert app.run(str(bad), []) == 2
    assert "not a Clearsight database" in fatal[0]
    assert bad.read_text() == "not a database"


def test_the_application_carries_the_app_id(qapp: QApplication, app_names: None) -> None:
    assert launch.create_application([]) is qapp
    assert qapp.applicationName() == "Clearsight"
    assert qapp.organizationName() == "Clearsight"
    assert QGuiApplication.desktopFileName() == APP_ID


def test_the_window_code_does_not_load_sqlalchemy_before_it_is_shown() -> None:
    # Start-up shows the window first (launch.run_main_window); SQLAlchemy costs more than the
    # window itself, so it must load only when the database is opened.
    code = (
        "import sys, clearsight.app, clearsight.ui.launch; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_the_real_start_up_keeps_its_window_open(tmp_path: Path) -> None:
    # The whole of app.run with app.exec(), in a child process: after the list is filled the
    # window must still be there on the next turn of the event loop (not collected, not quit).
    code = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from clearsight.app import run
from clearsight.ui.shell.main_window import MainWindow

attach = MainWindow.attach

def check():
    alive = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    print("alive" if alive and alive[0].isVisible() else "gone", flush=True)
    os._exit(0)

def attach_then_check(window, service):
    attach(window, service)
    QTimer.singleShot(0, check)

MainWindow.attach = attach_then_check
print("exit", run(sys.argv[1], ["clearsight"]), flush=True)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert out.stdout.strip() == "alive", out.stderr
