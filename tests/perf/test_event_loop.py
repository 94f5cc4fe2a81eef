"""The window keeps answering while a big review is opened, exported, imported and verified:
the longest event-loop turn during each (goal: under 100 ms).

Run: pytest tests/perf -m perf -s -k event_loop
The review is ONE_X of tests/perf/big_review.py. A probe timer fires every 10 ms; the longest
gap between two of its ticks is the longest time the window could not answer a key or a click.
The baseline is the probe's longest gap while the window is idle for the same time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from pytestqt.qtbot import QtBot

from clearsight.record import export
from clearsight.services.root import Services
from clearsight.ui.export.dialog import ExportDialog
from clearsight.ui.shell.main_window import MainWindow
from tests.helpers.signing import sign_all
from tests.perf.big_review import ONE_X, review_form

pytestmark = pytest.mark.perf
GOAL_MS = 100.0


class Probe:
    """The longest gap between ticks of a 10 ms timer, while it runs."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.clock = QElapsedTimer()
        self.longest = 0
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.longest = max(self.longest, self.clock.restart())

    def __enter__(self) -> Probe:
        self.longest = 0
        self.clock.start()
        self.timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._tick()
        self.timer.stop()


def _longest(qtbot: QtBot, start: Callable[[], object], done: object) -> tuple[int, float]:
    begin = time.perf_counter()
    with Probe() as probe, qtbot.waitSignal(done, timeout=120_000):
        start()
    return probe.longest, time.perf_counter() - begin


def test_longest_turns_with_a_review_of_real_size(
    qtbot: QtBot, service: Services, tmp_path: Path, started_app: None
) -> None:
    review_id = service.records.import_review(review_form(**ONE_X), "the 1x review")
    sign_all(service, review_id)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(service, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with Probe() as idle:
        qtbot.wait(500)

    rows: list[tuple[str, int, float]] = []
    rows.append(
        (
            "open the review",
            *_longest(qtbot, lambda: window.open_review_soon(review_id), window.review_opened),
        )
    )
    begin = time.perf_counter()
    with Probe() as probe:
        qtbot.wait(3000)  # what the window does on its own once the review is open
    rows.append(("the 3 s after", probe.longest, time.perf_counter() - begin))

    view = window.review_view
    assert view is not None
    dialog = ExportDialog(view.session, window, settings)
    qtbot.addWidget(dialog)
    pdf = tmp_path / "record.pdf"
    if dialog.scanning:
        with qtbot.waitSignal(dialog.scanned):
            pass
    dialog.path_edit.setText(str(pdf))
    dialog.set_format("pdf")
    rows.append(("export to PDF", *_longest(qtbot, dialog.export, dialog.exported)))

    source = tmp_path / "review.json"
    source.write_bytes(export.render(service.records.export_review(review_id), "json"))
    files = window.record_files
    rows.append(
        ("import", *_longest(qtbot, lambda: files.import_review(source), window.review_opened))
    )
    rows.append(
        ("verify the PDF", *_longest(qtbot, lambda: files.verify(pdf), window.job_bar.ended))
    )

    print(f"\nlongest event-loop turn, 1x review (idle baseline {idle.longest} ms):")
    for what, longest, seconds in rows:
        print(
            f"  {what:<16} {longest:>6} ms longest turn, {seconds:.2f} s in all "
            f"(goal {GOAL_MS:.0f} ms)"
        )
