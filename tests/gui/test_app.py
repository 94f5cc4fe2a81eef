"""The composition root: the password provider, the first-run demo, start-up failures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from clearsight import APP_ID, app
from clearsight.review.service import ReviewService
from clearsight.secrets import Secrets, database_key
from clearsight.ui import launch

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


def test_the_demo_is_offered_once(service: ReviewService) -> None:
    app.offer_demo(service)
    assert service.count_reviews() == 1
    assert service.get_setting(app.DEMO_SETTING) is True
    app.offer_demo(service)
    assert service.count_reviews() == 1


def test_run_opens_the_store_and_shows_the_window(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, qapp: QApplication, app_names: None
) -> None:
    shown: list[int] = []

    def show(application: QApplication, service: ReviewService) -> int:
        assert application is qapp
        shown.append(service.count_reviews())
        return 0

    monkeypatch.setattr(launch, "show_main_window", show)
    assert app.run(str(db_path), []) == 0
    assert shown == [1]  # the demo review, on the first run


def test_a_database_that_cannot_be_opened_is_reported_with_exit_code_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: QApplication, app_names: None
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database")
    fatal: list[str] = []
    monkeypatch.setattr(launch, "show_fatal", lambda title, message: fatal.append(message))
    assert app.run(str(bad), []) == 2
    assert "not a Clearsight database" in fatal[0]
    assert bad.read_text() == "not a database"


def test_the_application_carries_the_app_id(qapp: QApplication, app_names: None) -> None:
    assert launch.create_application([]) is qapp
    assert qapp.applicationName() == "Clearsight"
    assert qapp.organizationName() == "Clearsight"
    assert QGuiApplication.desktopFileName() == APP_ID
