"""Screenshots of Clearsight on the demo review: every agenda phase in every theme and at two
window sizes, and the projector view.

    python packaging/screenshots.py                                    # offscreen, no display
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" python packaging/screenshots.py
    python packaging/screenshots.py --themes dark --sizes 1024x768 --out /tmp/shots
    python packaging/screenshots.py --scale 2 --sizes 1920x1080 --out /tmp/shots  # 200%

Names say what is shown: phase-04-timeline-dark-1024.png is the timeline phase in the dark
theme in a 1,024 x 768 window; projector-whys-contrast.png the 5 Whys on the projector in high
contrast. The themes are switched live, one after the other, as a user would in View > Theme.

The demo review goes into a throwaway database; nothing of the user's is read or written
(the settings live in a temporary file too). The meeting clock runs on a made-up time source,
so the pictures show a meeting in progress. PNGs go to docs/screenshots/ by default. A
window that had to grow past its size to fit a page is reported (and fails with exit code 1):
the layouts are meant to work from 1,024 x 768 up.

With --scale 2 Qt draws at 200% (QT_SCALE_FACTOR, set before Qt starts): the sizes stay the
window's logical size, the PNGs have twice the pixels and are named ...-1920@2x.png. On the
offscreen platform the screen is made as large as the largest window at that scale (its
``configfile`` option); under Xvfb, give -screen a size that large.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from clearsight.services.root import Services

THEMES = ("light", "dark", "contrast")
SIZES = ("1024x768", "1920x1080")  # a meeting room's projector, and a full HD screen
PROJECTOR = (1920, 1080)  # what the room sees
# The clock moves this many minutes on each phase, so the agenda shows a meeting under way
# (the timeline and the 5 Whys over their boxes).
MINUTES = {"timeline": 9, "whys": 11}


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def settle(app: QApplication) -> None:
    """Let Qt lay out and paint (a few turns: some layouts finish in a second pass)."""
    for _ in range(5):
        app.processEvents()


def size_of(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def shoot_phases(
    app: QApplication,
    service: Services,
    review_id: int,
    settings: QSettings,
    out: Path,
    name: str,
    size: tuple[int, int],
    projector: bool,
    suffix: str = "",
) -> tuple[list[Path], list[str]]:
    """Every phase in a window of ``size``; with ``projector``, the projector view too.
    Returns the files written and what grew past its size."""
    from PySide6.QtWidgets import QApplication

    from clearsight.ui.presenter.window import PresenterWindow
    from clearsight.ui.shell.main_window import MainWindow
    from clearsight.ui.shell.review_view import AGENDA

    assert isinstance(app, QApplication)
    written: list[Path] = []
    grew: list[str] = []
    window = MainWindow(service, settings)
    window.resize(*size)
    window.show()
    window.open_review(review_id)
    view = window.review_view
    assert view is not None
    clock = FakeTime()
    view.meeting.set_time_source(clock)
    for number, (key, _label) in enumerate(AGENDA):
        view.show_page(key)
        if key == "prior_actions":
            view.meeting.start()
        clock.now += 60 * MINUTES.get(key, 3)
        view.meeting.update_display()
        settle(app)
        if window.width() > size[0]:
            grew.append(f"{key} ({name}): the window grew to {window.width()} px")
        path = out / f"phase-{number:02d}-{key}-{name}-{size[0]}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    if projector:
        presenter = PresenterWindow(view, settings, window)
        presenter.resize(*PROJECTOR)
        presenter.show()
        for key, _label in AGENDA[1:]:  # the meeting's phases
            view.show_page(key)
            view.meeting.update_display()
            settle(app)
            path = out / f"projector-{key}-{name}{suffix}.png"
            presenter.grab().save(str(path))
            written.append(path)
        presenter.close()
    window.close()
    settle(app)
    return written, grew


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--themes", nargs="+", default=list(THEMES), choices=THEMES)
    parser.add_argument(
        "--sizes", nargs="+", default=list(SIZES), help="window sizes, WIDTHxHEIGHT"
    )
    parser.add_argument(
        "--large-themes",
        nargs="+",
        default=[THEMES[0]],
        choices=THEMES,
        help="the themes also shot at sizes over 1,024 px wide (by default light only: the "
        "dark and high-contrast ones would take docs/screenshots past 15 MB)",
    )
    parser.add_argument(
        "--scale", type=int, default=1, choices=(1, 2, 3), help="2: at 200%% scaling"
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.scale != 1:
            scale_screen(Path(tmp), args.scale, [size_of(t) for t in args.sizes] + [PROJECTOR])
        return shoot(args, out, Path(tmp))


def scale_screen(tmp: Path, scale: int, sizes: list[tuple[int, int]]) -> None:
    """Qt at ``scale`` times, on an offscreen screen that holds the largest window at it."""
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return  # a real (or Xvfb) screen has the size it has
    width = max(w for w, _ in sizes) * scale
    height = max(h for _, h in sizes) * scale
    screen = {"name": "large", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1.0}
    config = tmp / "screens.json"
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def shoot(args: argparse.Namespace, out: Path, tmp: Path) -> int:
    """Every theme and size of ``args``, into ``out``; the demo's database in ``tmp``."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from clearsight import APP_NAME
    from clearsight.db.store import open_store
    from clearsight.services.demo import add_demo
    from clearsight.services.root import Services
    from clearsight.ui import theme

    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    suffix = f"@{args.scale}x" if args.scale != 1 else ""
    written: list[Path] = []
    grew: list[str] = []
    store = open_store(str(tmp / "demo.sqlite3"))
    try:
        service = Services(store)
        review_id = add_demo(service)
        settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
        for name in args.themes:
            theme.apply_theme(app, name)  # live, over the windows of the theme before
            for text in args.sizes:
                size = size_of(text)
                if size[0] > 1024 and name not in args.large_themes:
                    continue
                files, grown = shoot_phases(
                    app,
                    service,
                    review_id,
                    settings,
                    out,
                    name,
                    size,
                    projector=text == args.sizes[0],
                    suffix=suffix,
                )
                written += files
                grew += grown
    finally:
        store.close()
    for path in written:
        print(path)
    for line in grew:
        print(f"grew: {line}", file=sys.stderr)
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
