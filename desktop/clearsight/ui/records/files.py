"""File > Import review and File > Verify a record: the CLI's `import` and `verify` in the window.

Both read a file that may be large (a PDF of a multi-day incident) and check signatures, so
they run as jobs off the window's thread, with the window's job bar showing progress. Verify
trusts the keys registered in this database: the team's own list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from clearsight.ui.work.job import Job
from clearsight.ui.work.process import in_process

if TYPE_CHECKING:
    from clearsight.record.verify import Verdict
    from clearsight.review.data import ReviewDetail
    from clearsight.services.records import Imported
    from clearsight.ui.shell.main_window import MainWindow

RECORDS = "Reviews and records (*.json *.md *.pdf);;All files (*)"


class RecordFiles:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.message: QMessageBox | None = None  # the last outcome shown, for tests

    def import_review(self, path: Path | None = None) -> Job | None:
        """Creates a review from a machine form, or a Markdown or PDF export, then opens it."""
        path = path or self._choose("Import a review")
        if path is None or not self._idle():
            return None
        service = self.window.service

        def read(_: object) -> Any:
            from clearsight.record.machine_import import load_file

            return load_file(path)

        def add(parsed: Any) -> Imported:
            return service.records.imported(parsed)

        def opened(done: Imported) -> tuple[Imported, ReviewDetail]:
            return done, service.reviews.get_review(done.id)  # read here, shown at once

        job = Job(
            f"Importing {path.name}",
            [("Reading the file", read), ("Adding it", add), ("Opening it", opened)],
        )
        job.succeeded.connect(self._imported)
        job.refused.connect(lambda text: self._tell("Not imported", text, warn=True))
        return self.window.job_bar.run(job)

    def verify(self, path: Path | None = None) -> Job | None:
        """Checks an exported record against its signatures and this team's registered keys."""
        path = path or self._choose("Verify a record")
        if path is None or not self._idle():
            return None
        service = self.window.service

        def trusted(_: object) -> Any:
            return service.keys.trusted()

        def check(keys: Any) -> Verdict:
            from clearsight.record.verify import verify_file

            if path.suffix.lower() == ".pdf":  # its pages are rendered again: seconds
                return in_process(verify_file, path, keys)
            return verify_file(path, keys)

        job = Job(
            f"Verifying {path.name}",
            [("Reading the team's keys", trusted), ("Checking the record", check)],
        )
        job.succeeded.connect(lambda verdict: self._verified(path, verdict))
        job.refused.connect(lambda text: self._tell("Not a record", text, warn=True))
        return self.window.job_bar.run(job)

    def _choose(self, title: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self.window, title, "", RECORDS)
        return Path(chosen) if chosen else None

    def _idle(self) -> bool:
        if self.window.job_bar.running:
            self._tell("Busy", "Wait for the work under way to finish (or cancel it).")
            return False
        return self.window.flush()

    def _imported(self, outcome: tuple[Imported, ReviewDetail]) -> None:
        done, detail = outcome
        self.window.refresh_reviews(done.id)
        if done.note:
            self._tell("Imported as a draft", f"Imported as a draft: {done.note}.", warn=True)
        self.window.opening.build(done.id, detail)

    def _verified(self, path: Path, verdict: Verdict) -> None:
        lines = [f"ok: {line}" for line in verdict.passed]
        lines += [f"FAILED: {line}" for line in verdict.failed]
        self._tell(
            "The record is intact" if verdict.ok else "Verification failed",
            f"{path.name}: {verdict.summary}.",
            warn=not verdict.ok,
            details="\n".join([f"digest {verdict.digest}", *lines]),
        )

    def _tell(self, title: str, text: str, warn: bool = False, details: str = "") -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        if details:
            box.setInformativeText(details)
        box.finished.connect(box.deleteLater)
        self.message = box
        box.open()
