"""Another person's window, in a process of its own: the app's main window on DATABASE with
REVIEW open, printing the review's impact text each time the window shows a new read of it.

    QT_QPA_PLATFORM=offscreen python -m tests.helpers.window_follower DATABASE REVIEW

Used by tests/perf/test_live_latency.py to time how soon a window sees another client's write.
PGPASSWORD gives a PostgreSQL password.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from clearsight.db.store import open_store
from clearsight.review.data import ReviewDetail
from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow


def main(database: str, review: int) -> int:
    app = QApplication([])
    password = os.environ.get("PGPASSWORD")
    service = Services(open_store(database, password_provider=lambda _url: password))
    folder = tempfile.mkdtemp()
    window = MainWindow(service, QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    if not window.open_review(review) or window.review_view is None:
        return 1

    def shown(detail: ReviewDetail) -> None:
        print(detail.impact, flush=True)

    window.review_view.session.loaded.connect(shown)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
