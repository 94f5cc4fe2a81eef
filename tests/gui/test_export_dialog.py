"""File > Export: formats, secrets listed and redacted, atomic writes, verify on the result."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from clearsight.errors import UserError
from clearsight.record import export
from clearsight.record.markdown_export import extract_form as extract_markdown
from clearsight.record.pdf_export import extract_form
from clearsight.record.verify import verify_file
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.export.dialog import ExportDialog
from clearsight.ui.export.names import default_name
from clearsight.ui.shell.main_window import MainWindow

TOKEN = "ghp_" + "c" * 36


class Answers:
    """Stands in for QMessageBox.question: records what was asked, answers as told."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: object, title: str, text: str, *args: object) -> object:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def review(service: Services) -> int:
    rid = add_demo(service)
    summary = service.reviews.get_review(rid).summary
    service.reviews.set_field(
        rid, "summary", f"{summary} The token {TOKEN} was pasted in the channel."
    )
    return rid


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own: the test's database lives in tmp_path."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def dialog(window: MainWindow, review: int, qtbot: QtBot) -> ExportDialog:
    assert window.open_review(review)
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    window.export_action.trigger()
    found = window.findChildren(ExportDialog)
    assert len(found) == 1 and found[0].isVisible()
    dialog = found[0]
    assert dialog.scanning and not dialog.export_button.isEnabled()  # read off the thread
    with qtbot.waitSignal(dialog.scanned):
        pass
    assert dialog.export_button.isEnabled()
    return dialog


def export_to(qtbot: QtBot, dialog: ExportDialog, path: Path) -> None:
    dialog.path_edit.setText(str(path))
    # Written, and the job over (its button enabled again): a PDF on a busy machine.
    with qtbot.waitSignals([dialog.exported, dialog.job_bar.ended], timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def test_export_is_only_offered_with_a_review_open(window: MainWindow, review: int) -> None:
    assert not window.export_action.isEnabled()
    assert window.export_review() is None
    assert window.open_review(review)
    assert window.export_action.isEnabled()


def test_the_default_file_name_and_folder(dialog: ExportDialog) -> None:
    assert default_name("INC-2041", "Checkout API returned errors", "md") == (
        "INC-2041-checkout-api.md"
    )
    assert default_name("", "Database failover took 40 minutes", "pdf") == "database-failover.pdf"
    assert dialog.path().name == "INC-2041-checkout-api.md"
    dialog.set_format("pdf")
    assert dialog.path().name == "INC-2041-checkout-api.pdf"


def test_markdown_and_pdf_redact_the_secret_and_verify(
    qtbot: QtBot, dialog: ExportDialog, service: Services, review: int, out: Path
) -> None:
    rows = dialog.secret_rows()
    assert [r[:2] for r in rows] == [["Summary", "GitHub token"]]
    assert "[GitHub token]" in rows[0][2]
    assert TOKEN not in str(rows)
    assert dialog.choice == "export"

    export_to(qtbot, dialog, out / "record.md")
    text = (out / "record.md").read_text()
    assert TOKEN not in text.replace("\\", "")  # Markdown escapes the underscore
    assert "redacted GitHub token" in text
    form = extract_markdown(text, "record.md")  # the machine form the file carries
    assert "[redacted GitHub token]" in form["review"]["summary"]
    verdict = verify_file(out / "record.md")
    assert verdict.ok, verdict.failed
    assert dialog.written == (out / "record.md", verdict.digest)
    assert str(out / "record.md") in dialog.result_text()
    assert verdict.digest in dialog.result_text()

    dialog.set_format("pdf")
    assert dialog.path() == out / "record.pdf"
    export_to(qtbot, dialog, dialog.path())
    data = (out / "record.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert TOKEN.encode() not in data
    assert "[redacted GitHub token]" in extract_form(data)["review"]["summary"]
    verdict = verify_file(out / "record.pdf")
    assert verdict.ok, verdict.failed
    assert verdict.digest in dialog.result_text()
    # Redacted in the files only: the review keeps what was typed.
    assert TOKEN in service.reviews.get_review(review).summary
    assert sorted(p.name for p in out.iterdir()) == ["record.md", "record.pdf"]


def test_redacting_in_the_review_itself_is_one_undo_step(
    qtbot: QtBot,
    window: MainWindow,
    dialog: ExportDialog,
    service: Services,
    review: int,
    out: Path,
) -> None:
    dialog.set_choice("review")
    export_to(qtbot, dialog, out / "record.json")
    assert TOKEN not in (out / "record.json").read_text()
    summary = service.reviews.get_review(review).summary
    assert TOKEN not in summary and "[redacted GitHub token]" in summary
    assert dialog.secret_rows() == []
    assert "redacted in the review" in dialog.result_text()
    view = window.review_view
    assert view is not None
    assert view.session.stack.undoText() == "Redact 1 secret in the review"
    assert view.undo()
    assert TOKEN in service.reviews.get_review(review).summary
    assert view.redo()
    assert TOKEN not in service.reviews.get_review(review).summary


def test_exporting_secrets_as_they_are_asks_first(
    qtbot: QtBot, dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch, out: Path
) -> None:
    answers = Answers(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", answers)
    dialog.set_choice("as_is")
    dialog.path_edit.setText(str(out / "record.md"))
    assert not dialog.export()
    assert answers.asked and "1 secret" in answers.asked[0]
    assert not (out / "record.md").exists()
    answers.answer = QMessageBox.StandardButton.Yes
    export_to(qtbot, dialog, out / "record.md")
    form = extract_markdown((out / "record.md").read_text(), "record.md")
    assert TOKEN in form["review"]["summary"]
    assert "written as it is" in dialog.result_text()


def test_a_failed_export_says_why_and_writes_nothing(
    qtbot: QtBot, dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch, out: Path
) -> None:
    dialog.path_edit.setText(str(out / "missing" / "record.md"))
    assert not dialog.export()
    assert "Not exported" in dialog.result_text() and "no such folder" in dialog.result_text()

    def broken(form: object, fmt: str) -> bytes:
        raise UserError("the PDF font is missing")

    monkeypatch.setattr(export, "render", broken)
    (out / "record.md").write_text("the earlier export")
    monkeypatch.setattr(QMessageBox, "question", Answers(QMessageBox.StandardButton.Yes))
    dialog.path_edit.setText(str(out / "record.md"))
    with qtbot.waitSignal(dialog.job_bar.ended):
        assert dialog.export()  # it starts; the render fails on the worker
    assert "the PDF font is missing" in dialog.result_text()
    assert dialog.export_button.isEnabled() and not dialog.job_bar.isVisible()
    # The earlier file is untouched and no temporary file is left behind.
    assert (out / "record.md").read_text() == "the earlier export"
    assert [p.name for p in out.iterdir()] == ["record.md"]
    assert dialog.written is None


def test_the_export_runs_off_the_window_thread_and_can_be_cancelled(
    qtbot: QtBot, dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch, out: Path
) -> None:
    started, release = threading.Event(), threading.Event()
    real = export.prepare

    def slow(form: dict[str, Any], allow_secrets: bool) -> Any:
        started.set()
        release.wait(10)  # the worker waits here; the window's thread must not
        return real(form, allow_secrets)

    monkeypatch.setattr(export, "prepare", slow)
    dialog.path_edit.setText(str(out / "record.md"))
    assert dialog.export()
    assert started.wait(10)
    # The window answers while the worker is busy: the bar shows, Export waits.
    assert dialog.job_bar.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: "Finding secrets" in dialog.job_bar.label.text())
    qtbot.mouseClick(dialog.job_bar.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.job_bar.ended):
        release.set()
    assert "cancelled; no file was written" in dialog.result_text()
    assert list(out.iterdir()) == [] and dialog.written is None
