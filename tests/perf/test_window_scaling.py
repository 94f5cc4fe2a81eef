"""Opening a big review in the window and the first visit to each phase: at 1x (goal: under
100 ms a phase) and how both grow from 1x to 4x (goal: a growth exponent of at most 1.1).

Run: pytest tests/perf -m perf -s -k window_scaling
The reviews are 1x and 4x of tests/perf/big_review.py's real incident (2,000 and 8,000 events
and so on). "Open" is what the window does with a review already read on a worker: the view
built (a page a turn when opened from the list, all at once here) and shown, laid out and
painted. A first visit is the page loaded, laid out and painted. Each figure is the median of
three rounds in which the two sizes take turns. The exponent is log(t4/t1)/log(4); a phase
whose cost does not depend on the review's size shows about 0.
"""

from __future__ import annotations

import math
import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import AGENDA
from tests.perf.big_review import review_form

pytestmark = pytest.mark.perf
SCALES = (1, 4)
ROUNDS = 3
GOAL_MS = 100.0


def _round(
    qtbot: QtBot, service: Services, review_id: int, settings: QSettings
) -> dict[str, float]:
    """Seconds to open the review and to visit each phase for the first time."""
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    detail = service.reviews.get_review(review_id)  # on a worker in the app
    times = {}
    start = time.perf_counter()
    assert window.open_review(review_id, detail)
    view = window.review_view
    assert view is not None
    window.grab()  # laid out and painted
    times["open"] = time.perf_counter() - start
    for key, _ in AGENDA[1:]:
        start = time.perf_counter()
        page = view.show_page(key)
        page.grab()
        times[key] = time.perf_counter() - start
    window.show_reviews()
    window.close()
    return times


def test_opening_and_first_visits_grow_linearly(
    qtbot: QtBot, service: Services, tmp_path: Path, started_app: None
) -> None:
    ids = {s: service.records.import_review(review_form(scale=s), f"{s}x") for s in SCALES}
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runs: dict[int, list[dict[str, float]]] = {s: [] for s in SCALES}
    for _ in range(ROUNDS):
        for scale, review_id in ids.items():
            runs[scale].append(_round(qtbot, service, review_id, settings))
    print(f"\n{'':22}{'1x':>9}{'4x':>9}{'exponent':>10}   (goal at 1x: phases < {GOAL_MS:.0f} ms)")
    for name in runs[1][0]:
        one, four = (statistics.median(r[name] for r in runs[s]) for s in SCALES)
        exponent = math.log(max(four, 1e-6) / max(one, 1e-6)) / math.log(SCALES[1] / SCALES[0])
        print(f"{name:22}{one * 1000:7.0f}ms{four * 1000:7.0f}ms{exponent:10.2f}")
