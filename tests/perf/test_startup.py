"""Start-up: process start to the main window shown, with 200 reviews (goal: < 2x a bare window).

Run: pytest tests/perf -m perf -s
Each child is a fresh Python process; the clock runs in the parent from spawn to the child's
"shown" line, which the child prints from an event filter when its first QMainWindow is shown.
The baseline is a bare PySide6 QMainWindow started the same way; the two kinds of child take
turns so a busy machine slows both. Clearsight shows its window before it loads SQLAlchemy and
opens the database, so the time until the list holds the 200 reviews ("filled") is reported too:
a SQLite file at the current schema is listed with a light read before SQLAlchemy loads.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clearsight import preferences as prefs
from clearsight.db.store import open_store
from clearsight.services.root import Services

pytestmark = pytest.mark.perf
ROUNDS = 7

# Shared by both children: report the first QMainWindow shown, then leave at once (the
# teardown is not part of start-up).
_WATCH = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

def say(word):
    sys.stdout.write(word + "\\n")
    sys.stdout.flush()

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow):
            say("shown")
            if not FILL:
                os._exit(0)
        return False

app = QApplication(sys.argv)
watch = Watch()
app.installEventFilter(watch)
"""

_BARE = (
    "FILL = False\n"
    + _WATCH
    + """
window = QMainWindow()
window.resize(1200, 800)
window.show()
app.exec()
"""
)

_CLEARSIGHT = (
    "FILL = True\n"
    + _WATCH
    + """
from clearsight.app import run
from clearsight.ui.shell.review_list import ReviewListPage

set_reviews = ReviewListPage.set_reviews

def set_and_report(page, rows, select_id=None):
    set_reviews(page, rows, select_id)
    if page.model.rowCount() == 200:
        say("filled")
        os._exit(0)

ReviewListPage.set_reviews = set_and_report
run(sys.argv[1])
"""
)


def _seconds_to(words: list[str], code: str, args: list[str], env: dict[str, str]) -> list[float]:
    """Seconds from spawning the child to each of the lines it prints, in order."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    times = []
    for word in words:
        line = child.stdout.readline().strip()
        times.append(time.perf_counter() - start)
        if line != word:
            child.kill()
            _, err = child.communicate(timeout=60)
            raise AssertionError(f"expected {word!r}, got {line!r}: {err}")
    child.communicate(timeout=60)
    return times


def test_startup_ratio_to_bare_window(tmp_path: Path) -> None:
    database = str(tmp_path / "perf.sqlite3")
    store = open_store(database)
    service = Services(store)
    for n in range(200):
        service.reviews.create_review(f"Incident {n}: checkout errors after deploy", "SEV-3")
    service.settings.set(prefs.DEMO_OFFERED, True)
    store.close()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # As on a user's machine: Python keeps the compiled modules (pip compiles them when it
    # installs), so a start reads them instead of compiling some 40 modules again. One start
    # of each, not measured, writes them where a machine set to write none would not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _seconds_to(["shown"], _BARE, [], env)
    _seconds_to(["shown", "filled"], _CLEARSIGHT, [database], env)
    bare, shown, filled = [], [], []
    for _ in range(ROUNDS):
        bare += _seconds_to(["shown"], _BARE, [], env)
        app = _seconds_to(["shown", "filled"], _CLEARSIGHT, [database], env)
        shown.append(app[0])
        filled.append(app[1])
    bare_s, app_s, filled_s = (statistics.median(x) for x in (bare, shown, filled))
    print(
        f"\nstart-up, 200 reviews: main window shown median {app_s * 1000:.0f} ms, list filled "
        f"{filled_s * 1000:.0f} ms; bare PySide6 window {bare_s * 1000:.0f} ms; "
        f"ratio shown {app_s / bare_s:.2f}x, filled {filled_s / bare_s:.2f}x"
    )
    assert app_s / bare_s < 2
