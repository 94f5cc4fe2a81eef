"""File > Export: the record as Markdown, PDF or JSON, with the secrets it holds dealt with.

Secrets are listed by field, kind and a little masked context, never the secret itself. The
default redacts them in the file only; the facilitator may instead remove them from the review
for good (an undo step like any edit) or, after saying so twice, export them as they are.
The file is written whole or not at all (``record.export.write_atomically``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clearsight import preferences as prefs
from clearsight.record import export
from clearsight.record.canonical import digest_of
from clearsight.record.redact import Secret, find_secrets
from clearsight.ui import style
from clearsight.ui.editing.prefs import UserPrefs
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.export.commands import RedactInReview
from clearsight.ui.export.keyed_radios import KeyedRadios
from clearsight.ui.export.names import FILTERS, FORMATS, default_name
from clearsight.ui.export.secrets import SecretsSection
from clearsight.ui.work.bar import JobBar
from clearsight.ui.work.job import Job
from clearsight.ui.work.process import in_process


class ExportDialog(QDialog):
    exported = Signal(str, str)  # path, digest
    scanned = Signal(int)  # the review was read and its secrets listed: how many

    def __init__(
        self,
        session: ReviewSession,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings if settings is not None else QSettings()
        self.prefs = UserPrefs(self.settings)
        self.setWindowTitle("Export the record")
        style.at_least(self, style.BASE_POINT_SIZE)
        detail = session.detail
        self.final = detail is not None and detail.status == "final"
        self._incident = detail.incident_id if detail else ""
        self._title = detail.title if detail else ""
        self.secrets: list[Secret] = []
        self.written: tuple[Path, str] | None = None  # the last file written and its digest

        self.formats = KeyedRadios(self, "md")
        format_box = QVBoxLayout()
        chosen = self.prefs.get(prefs.EXPORT_FORMAT)
        for n, (fmt, label, _) in enumerate(FORMATS):
            first = n == 0 and chosen not in FILTERS
            format_box.addWidget(self.formats.add(fmt, label, fmt == chosen or first))
        self.formats.idToggled.connect(self._format_toggled)
        self.path_edit = QLineEdit(
            str(self._folder() / default_name(self._incident, self._title, self.format))
        )
        self.path_edit.setAccessibleName("Export to file")
        self.path_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 56))
        self.browse_button = QPushButton("&Browse\u2026")
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.setVerticalSpacing(style.SPACING)
        form.addRow("Format:", format_box)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)

        self.found = SecretsSection(self.final)

        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            "E&xport", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(style.SPACING)
        layout.addLayout(form)
        layout.addSpacing(style.SPACING)
        layout.addWidget(self.found, 1)
        layout.addWidget(self.outcome)
        self.job_bar = JobBar()
        layout.addWidget(self.job_bar)
        layout.addWidget(self.buttons)
        self.scanning = False
        self.find_secrets()
        self.resize(self.fontMetrics().horizontalAdvance("x" * 100), self.sizeHint().height())

    # ---- state ------------------------------------------------------------------------------
    @property
    def format(self) -> str:
        return self.formats.key()

    def set_format(self, fmt: str) -> None:
        self.formats.set_key(fmt)

    @property
    def choice(self) -> str:
        return self.found.choice

    def set_choice(self, key: str) -> None:
        self.found.set_choice(key)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def _folder(self) -> Path:
        remembered = self.prefs.get(prefs.EXPORT_FOLDER)
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def find_secrets(self) -> Job:
        """Reads the review as stored and lists the secrets in it, off the window's thread (a
        multi-day incident takes a few tenths of a second); ``scanned`` tells when."""
        service, review_id = self.session.service, self.session.review_id
        job = Job(
            "Looking for secrets",
            [
                ("Reading the review", lambda _: service.records.export_review(review_id)),
                ("Looking for secrets", find_secrets),
            ],
            self,
        )
        job.succeeded.connect(self._show_secrets)
        job.refused.connect(self._error)
        job.finished.connect(self._scan_ended)
        self.scanning = True
        self.export_button.setEnabled(False)
        self.found.looking()
        return self.job_bar.run(job)

    def _scan_ended(self) -> None:
        self.scanning = False
        self.export_button.setEnabled(True)
        self.scanned.emit(len(self.secrets))

    def _show_secrets(self, secrets: list[Secret]) -> None:
        self.secrets = secrets
        self.found.show_secrets(secrets)

    # ---- choosing the file -----------------------------------------------------------------
    def _format_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        path = self.path()
        suffix = next(s for f, _, s in FORMATS if f == self.format)
        if path.suffix.lower() in {s for _, _, s in FORMATS}:
            self.path_edit.setText(str(path.with_suffix(suffix)))

    def browse(self) -> str:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export the record to", str(self.path()), FILTERS[self.format]
        )
        if chosen:
            self.path_edit.setText(chosen)
        return chosen

    # ---- writing ----------------------------------------------------------------------------
    def export(self) -> bool:
        """Starts writing the file as chosen (off the window's thread); False when it cannot
        start. ``exported`` and the path and digest shown say that it was written."""

        self.outcome.hide()
        if self.scanning:
            return self._error("still looking for secrets in the review: a moment.")
        path = self.path()
        if not self.path_edit.text().strip():
            return self._error("Choose a file to export to.")
        if not path.suffix:
            path = path.with_suffix(next(s for f, _, s in FORMATS if f == self.format))
        if path.is_dir():
            return self._error(f"{path} is a folder: add a file name.")
        if not path.parent.is_dir():
            return self._error(f"{path.parent}: no such folder")
        if not self._confirmed(path):
            return False
        session = self.session
        if not session.flush():  # typing still waiting to be saved belongs in the record
            return self._error(
                "Some edits are not saved yet (see the message at the top of the window): "
                "retry them, then export."
            )
        # Those listed when the dialog opened; the file's own step below redacts any added
        # since (unless the user chose to keep them as they are).
        secrets = self.secrets
        choice = self.choice if secrets else "export"
        if choice == "review":
            command = RedactInReview(session.service, session.review_id, secrets)
            if not session.execute(command, key="export-redact"):
                problems = session.problems()
                return self._error(problems[-1].message if problems else "Could not redact.")
            session.resolve("export-redact")
            self._show_secrets([])  # redacted where they were
        fmt = self.format
        service, review_id = session.service, session.review_id
        found = len(secrets)

        def read(_: object) -> dict[str, object]:
            return service.records.export_review(review_id)

        def prepared(form: dict[str, object]) -> tuple[dict[str, object], str]:
            nonlocal found
            out, listed = export.prepare(form, allow_secrets=choice == "as_is")
            found = len(listed) or found
            return out, digest_of(out)

        def written(ready: tuple[dict[str, object], str]) -> str:
            out, digest = ready
            # A PDF takes seconds of pure Python: in a process of its own (work/process.py).
            data = in_process(export.render, out, fmt) if fmt == "pdf" else None
            # The user named the file, and agreed to replace it if it was there (_confirmed).
            export.write_atomically(
                path, lambda: data if data is not None else export.render(out, fmt), overwrite=True
            )
            return digest

        what = {"md": "Markdown", "pdf": "PDF", "json": "JSON"}[fmt]
        job = Job(
            f"Exporting {path.name}",
            [
                ("Reading the review", read),
                ("Finding secrets", prepared),
                (f"Rendering the {what} and writing it", written),
            ],
            self,
        )
        job.succeeded.connect(lambda digest: self._written(path, digest, fmt, choice, found))
        job.refused.connect(self._error)
        job.cancelled.connect(lambda: self._error("cancelled; no file was written."))
        job.finished.connect(lambda: self.export_button.setEnabled(True))
        self.export_button.setEnabled(False)
        self.job_bar.run(job)
        return True

    def _written(self, path: Path, digest: str, fmt: str, choice: str, secrets: int) -> None:
        self.written = (path, digest)
        self.prefs.set(prefs.EXPORT_FOLDER, str(path.parent))
        self.prefs.set(prefs.EXPORT_FORMAT, fmt)
        self._report(path, digest, choice, secrets)
        self.exported.emit(str(path), digest)

    def done(self, result: int) -> None:
        self.job_bar.stop()  # a closing dialog waits for its file: written whole or not at all
        super().done(result)

    def _confirmed(self, path: Path) -> bool:
        if self.secrets and self.choice == "as_is":
            n = len(self.secrets)
            answer = QMessageBox.question(
                self,
                "Export secrets",
                f"Write {n} secret{'s' if n != 1 else ''} into the file as they are?\n\n"
                "Anyone who reads the record, or a copy of it, can use them.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if path.exists() and (self.written is None or self.written[0] != path):
            answer = QMessageBox.question(
                self,
                "Replace the file",
                f"{path.name} already exists in {path.parent}. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            return answer == QMessageBox.StandardButton.Yes
        return True

    def _report(self, path: Path, digest: str, choice: str, secrets: int) -> None:
        n = f"{secrets} secret{'s' if secrets != 1 else ''}"
        them = "them" if secrets != 1 else "it"
        done = {
            "export": f"{n} redacted in the file; the review keeps {them}.",
            "review": f"{n} redacted in the review, and so in the file.",
            "as_is": f"{n} written as {'they are' if secrets != 1 else 'it is'}.",
        }[choice]
        lines = [f"Written to {path}", f"Record digest (SHA-256): {digest}"]
        if secrets:
            lines.append(done)
        self.outcome.setText("\n".join(lines))
        self.outcome.setPalette(self.palette())
        self.outcome.show()

    def _error(self, text: str) -> bool:
        self.outcome.setText(f"Not exported: {text}")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(style.BLAME_LINE))
        self.outcome.setPalette(palette)
        self.outcome.show()
        return False

    def result_text(self) -> str:
        return "" if self.outcome.isHidden() else self.outcome.text()

    def secret_rows(self) -> list[list[str]]:
        return self.found.rows()
