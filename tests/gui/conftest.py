"""GUI fixtures: a main window on the test's store, closed (and so flushed) at teardown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from clearsight.db.store import Store
from clearsight.errors import StoreError
from clearsight.review.data import LessonData
from clearsight.services.reviews import Reviews
from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView

MakeWindow = Callable[[Services], MainWindow]


class FlakyReviews(Reviews):
    """Reviews whose next ``fail_next`` writes raise StoreError, as a locked database would."""

    fail_next = 0

    def _maybe_fail(self) -> None:
        if self.fail_next > 0:
            self.fail_next -= 1
            raise StoreError("The database is locked by another program. Your edit is kept.")

    def set_field(self, *args: Any, **kwargs: Any) -> None:
        self._maybe_fail()
        super().set_field(*args, **kwargs)

    def add_lesson(self, *args: Any, **kwargs: Any) -> int:
        self._maybe_fail()
        return super().add_lesson(*args, **kwargs)

    def delete_lesson(self, lesson_id: int) -> LessonData:
        self._maybe_fail()
        return super().delete_lesson(lesson_id)

    def add_participant(self, review_id: int, person_id: int, role: str) -> None:
        self._maybe_fail()
        super().add_participant(review_id, person_id, role)


class FlakyService(Services):
    """Services whose review writes fail ``fail_next`` times (see FlakyReviews)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.reviews = self.flaky = FlakyReviews(store)

    @property
    def fail_next(self) -> int:
        return self.flaky.fail_next

    @fail_next.setter
    def fail_next(self, value: int) -> None:
        self.flaky.fail_next = value


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot: QtBot, settings: QSettings) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(service: Services) -> MainWindow:
        window = MainWindow(service, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: MakeWindow, service: Services) -> MainWindow:
    return make_window(service)


@pytest.fixture
def review_id(service: Services) -> int:
    return service.reviews.create_review("Checkout API unavailable", "SEV-2")


@pytest.fixture
def view(window: MainWindow, review_id: int) -> ReviewView:
    assert window.open_review(review_id)
    assert window.review_view is not None
    return window.review_view


@pytest.fixture
def flaky(store: Store) -> FlakyService:
    return FlakyService(store)
