"""Screenshots of Clearsight on the demo review: every agenda phase, and the projector view.

    python packaging/screenshots.py                                    # offscreen, no display
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" python packaging/screenshots.py
    python packaging/screenshots.py --theme dark --out /tmp/shots      # another theme, folder

The demo review goes into a throwaway database; nothing of the user's is read or written
(the settings live in a temporary file too). The meeting clock runs on a made-up time source,
so the pictures show a meeting in progress. PNGs go to docs/screenshots/ by default.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WINDOW = (1600, 960)  # the facilitator's laptop
PROJECTOR = (1920, 1080)  # what the room sees


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def settle(app: object) -> None:
    """Let Qt lay out and paint (a few turns: some layouts finish in a second pass)."""
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    for _ in range(5):
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--theme", default="light", choices=["light", "dark", "contrast"])
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from clearsight import APP_NAME
    from clearsight.db.store import open_store
    from clearsight.services.demo import add_demo
    from clearsight.services.root import Services
    from clearsight.ui import theme
    from clearsight.ui.presenter.window import PresenterWindow
    from clearsight.ui.shell.main_window import MainWindow
    from clearsight.ui.shell.review_view import AGENDA

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    theme.apply_theme(app, args.theme)
    suffix = "" if args.theme == "light" else f"-{args.theme}"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "demo.sqlite3"))
        try:
            service = Services(store)
            review_id = add_demo(service)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(service, settings)
            window.resize(*WINDOW)
            window.show()
            window.open_review(review_id)
            view = window.review_view
            assert view is not None
            clock = FakeTime()
            view.meeting.set_time_source(clock)
            written = []
            for number, (key, _label) in enumerate(AGENDA):
                view.show_page(key)
                if key == "prior_actions":
                    view.meeting.start()
                clock.now += 60 * {"timeline": 9, "whys": 11}.get(key, 3)
                view.meeting.update_display()
                settle(app)
                path = out / f"phase-{number:02d}-{key}{suffix}.png"
                window.grab().save(str(path))
                written.append(path)
            presenter = PresenterWindow(view, settings, window)
            presenter.resize(*PROJECTOR)
            presenter.show()
            for key, _label in AGENDA[1:]:  # the meeting's phases
                view.show_page(key)
                view.meeting.update_display()
                settle(app)
                path = out / f"projector-{key}{suffix}.png"
                presenter.grab().save(str(path))
                written.append(path)
            presenter.close()
            window.close()
            settle(app)
        finally:
            store.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
