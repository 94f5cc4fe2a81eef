"""200% scaling for real, not a doubled font: the app runs in a child process whose Qt starts
with QT_SCALE_FACTOR=2 on a 3,840 x 2,160 offscreen screen (a 4K screen at 200%: 1,920 x 1,080
logical pixels). There every phase is visited at 1,920 x 1,080 and at 1,024 x 768 (logical),
with the checks test_layout.py makes at 1x: no window grows, nothing overlaps or reaches past
the page, and the lists show whole rows.

The scale factor and the screen must be set before QApplication exists, which in this test
process it already does; so the test runs this same file again under pytest in a child, whose
`python_functions` ini option collects the ``scaled_*`` functions below instead of the
``test_*`` ones. The offscreen platform reads its screens from a JSON file named by its
``configfile`` option (qtbase src/plugins/platforms/offscreen/qoffscreenintegration.cpp:
"screens" with "width", "height", "logicalDpi", "dpr").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.presenter.window import PresenterWindow
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.timeline.page import TimelinePage
from tests.gui.conftest import MakeWindow
from tests.gui.test_layout import check_pages, whole_rows
from tests.gui.test_layout_actions import cut_cards, whole_cards, with_open_factors
from tests.gui.test_layout_presenter import MARKS, shown_line

ROOT = Path(__file__).resolve().parents[2]
SCALE = 2
SCREEN = (3840, 2160)  # device pixels: 1,920 x 1,080 at 200%
SIZES = [(1920, 1080), (1024, 768)]  # logical window sizes


def test_every_phase_fits_at_200_percent(tmp_path: Path) -> None:
    width, height = SCREEN
    screen = {"name": "4k", "x": 0, "y": 0, "width": width, "height": height}
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1.0}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(SCALE),
    }
    pytest_args = ["-q", "-p", "no:cacheprovider", "-o", "python_functions=scaled_*"]
    here = str(Path(__file__).relative_to(ROOT))
    child = subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_args, "--basetemp", str(tmp_path / "c"), here],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = child.stdout[-6000:] + child.stderr[-2000:]
    assert child.returncode == 0, report
    assert f"{2 * len(SIZES) + 1} passed" in child.stdout, report


# ---- in the child, at 200% ------------------------------------------------------------------
def scaled_the_screen_is_4k_at_200_percent(qapp: QApplication) -> None:
    screen = QApplication.primaryScreen()
    assert screen.devicePixelRatio() == SCALE
    assert screen.size().toTuple() == (SCREEN[0] // SCALE, SCREEN[1] // SCALE)


def open_at(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    assert window.grab().width() == size[0] * SCALE  # painted at 200%, not laid out at it


@pytest.mark.parametrize("size", SIZES)
def scaled_every_phase_fits(
    qtbot: QtBot, make_window: MakeWindow, service: Services, size: tuple[int, int]
) -> None:
    window = make_window(service)
    open_at(qtbot, window, size)
    view, actions = with_open_factors(window, service)
    assert check_pages(qtbot, window, view, size[0]) == []
    assert whole_rows_everywhere(qtbot, view, size) == []
    panel = actions.open_factors
    view.show_page("actions")
    qtbot.waitUntil(lambda: whole_cards(panel) >= 1 and cut_cards(panel) == [])


@pytest.mark.parametrize("size", SIZES)
def scaled_the_projector_shows_the_clock_and_the_marks(
    qtbot: QtBot, make_window: MakeWindow, service: Services, size: tuple[int, int]
) -> None:
    window = make_window(service)
    open_at(qtbot, window, (1024, 768))
    view, _actions = with_open_factors(window, service)
    presenter = PresenterWindow(view, window.settings, window)
    presenter.resize(*size)
    presenter.show()
    qtbot.waitExposed(presenter)
    view.show_page("timeline")
    qtbot.waitUntil(lambda: "Trigger" in presenter.text())
    assert presenter.size().toTuple() == size
    assert presenter.phase_clock.text() and presenter.meeting_clock.text()
    right = presenter.phase_clock.mapTo(presenter, QPoint(presenter.phase_clock.width(), 0))
    assert right.x() <= size[0]
    assert shown_line(presenter, MARKS[0])
    presenter.close()


def whole_rows_everywhere(qtbot: QtBot, view: ReviewView, size: tuple[int, int]) -> list[str]:
    """The lists that show a row in part: the attendees, the factors, the timeline."""
    cut = []
    details = view.show_page("details")
    for role, names in details.people.lists.items():  # type: ignore[attr-defined]
        shown = names.viewport().rect()
        for i in range(names.count()):
            if not shown.contains(names.visualItemRect(names.item(i))):
                cut.append(f"attendees: {role}: {names.item(i).text()}")
    factors = view.show_page("factors")
    assert isinstance(factors, FactorsPage)
    table = factors.table
    qtbot.waitUntil(lambda: not factors.splitter._later.isActive())
    bottom = table.viewport().height() - 1
    row = table.rowAt(bottom)
    if row >= 0 and table.rowViewportPosition(row) + table.rowHeight(row) - 1 > bottom:
        cut.append(f"factors: row {row} cut at the bottom")
    if table.rowAt(0) != 0:
        cut.append("factors: no whole row")
    timeline = view.show_page("timeline")
    assert isinstance(timeline, TimelinePage)
    events = timeline.table
    qtbot.waitUntil(lambda: not events._later.isActive())
    least = 6 if size[1] < 1000 else 12  # as test_layout.py at 1x
    if whole_rows(events) < least:
        cut.append(f"timeline: {whole_rows(events)} whole rows, fewer than {least}")
    return cut
