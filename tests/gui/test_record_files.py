"""File > Import a review and File > Verify a record: off the window's thread, then told."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from clearsight.record import export
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow
from tests.helpers.signing import sign_all


def _run(qtbot: QtBot, window: MainWindow, start: object) -> None:
    with qtbot.waitSignal(window.job_bar.ended, timeout=30_000):
        assert callable(start) and start() is not None


def _write(path: Path, service: Services, review: int, fmt: str) -> Path:
    form = service.records.export_review(review)
    path.write_bytes(export.render(form, fmt))
    return path


def test_importing_a_review_opens_it(
    qtbot: QtBot, window: MainWindow, service: Services, tmp_path: Path
) -> None:
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    source = _write(tmp_path / "review.json", service, add_demo(service), "json")
    with qtbot.waitSignal(window.review_opened):  # built a page a turn, then shown
        _run(qtbot, window, lambda: window.record_files.import_review(source))
    assert len(service.reviews.list_reviews()) == 2
    assert window.review_view is not None and window.record_files.message is None


def test_a_bad_file_is_a_message_and_adds_nothing(
    qtbot: QtBot, window: MainWindow, service: Services, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "clearsight.review", "version": 1, "review": {}}))
    _run(qtbot, window, lambda: window.record_files.import_review(bad))
    box = window.record_files.message
    assert box is not None and box.windowTitle() == "Not imported"
    assert "review.title: missing" in box.text() and service.reviews.list_reviews() == []


def test_a_signed_record_verifies_against_the_team_keys_and_a_forged_one_does_not(
    qtbot: QtBot, window: MainWindow, service: Services, tmp_path: Path
) -> None:
    review = add_demo(service)
    sign_all(service, review)
    record = _write(tmp_path / "record.md", service, review, "md")
    _run(qtbot, window, lambda: window.record_files.verify(record))
    box = window.record_files.message
    assert box is not None and box.windowTitle() == "The record is intact"
    assert box.icon() == QMessageBox.Icon.Information
    assert box.informativeText().count("signed with a trusted key") == 2
    record.write_text(record.read_text().replace("eu-west", "us-east", 1))
    _run(qtbot, window, lambda: window.record_files.verify(record))
    box = window.record_files.message
    assert box is not None and box.windowTitle() == "Verification failed"
    assert "FAILED: the Markdown differs" in box.informativeText()


def test_a_forged_final_record_imports_as_a_draft_and_says_why(
    qtbot: QtBot, window: MainWindow, service: Services, tmp_path: Path
) -> None:
    review = add_demo(service)
    sign_all(service, review)
    form = service.records.export_review(review)
    form["review"]["signoffs"][0]["signature"] = "00" * 64
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(form))
    _run(qtbot, window, lambda: window.record_files.import_review(forged))
    box = window.record_files.message
    assert box is not None and box.windowTitle() == "Imported as a draft"
    assert "do not verify" in box.text()
    newest = max(r.id for r in service.reviews.list_reviews())
    assert service.reviews.get_review(newest).status == "draft"


def test_the_early_list_shows_before_the_database_opens_and_a_choice_waits_for_it(
    qtbot: QtBot, service: Services, settings: QSettings
) -> None:
    review = add_demo(service)
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_early_list(service.reviews.list_reviews())
    assert window.list_page.model.rowCount() == 1
    assert not window.new_action.isEnabled()  # nothing is written before the database opens
    assert not window.open_review(review)  # chosen early: it waits
    window.attach(service)
    assert window.review_view is not None and window.review_view.review_id == review
