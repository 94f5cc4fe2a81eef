"""The strip that shows a running job: what it is doing, how far along, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from clearsight.ui import style
from clearsight.ui.work.job import Job


class JobBar(QWidget):
    """Hidden until a job starts; hides again when it ends, however it ends."""

    ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop before the next step; nothing half-done is kept")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(style.SPACING)
        row.addWidget(self.label, 2)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.hide()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.isRunning()

    def run(self, job: Job) -> Job:
        """Shows ``job`` and starts it; one job at a time."""
        if self.running:
            raise RuntimeError("a job is already running here")
        self.job = job
        self.progress.setRange(0, len(job.steps))
        self.progress.setValue(0)
        self.label.setText(f"{job.title}\u2026")
        self.cancel_button.setEnabled(True)
        job.stepped.connect(self._stepped)
        job.finished.connect(self._ended)
        self.show()
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Stopping after this step\u2026")

    def stop(self, wait_ms: int = 30_000) -> None:
        """Cancel and wait for the job (a window that closes must not leave one running)."""
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.job.wait(wait_ms)

    def _stepped(self, n: int, what: str) -> None:
        self.progress.setValue(n)
        self.label.setText(f"{what}\u2026")

    def _ended(self) -> None:
        self.progress.setValue(self.progress.maximum())
        self.hide()
        self.ended.emit()
