"""Bugs, as opposed to problems the user can fix (house style 5): which is which, the report
a user can copy, the log file it goes to, and when a bug deserves a window of its own.

Qt-free, so that the window's crash dialog (``clearsight.ui.shell.crash_dialog``, installed by
``clearsight.ui.launch``) and the CLI share it, and so that it is unit-tested and type-checked.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clearsight import APP_NAME, __version__
from clearsight.errors import UserError

# The window imports this module at start-up; what only a log or a report needs loads then.
if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

LOG_NAME = "clearsight.log"
# About 1 MB a file and three old copies: a bug repeating in a loop cannot fill the disk.
LOG_BYTES = 1_000_000
LOG_COPIES = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("clearsight.crash")

# The type of an error and the place it was raised: what makes two errors "the same one".
Signature = tuple[str, str, int]


def is_bug(exc: BaseException) -> bool:
    """A UserError carries a message meant for the user; anything else is a fault of ours."""
    return not isinstance(exc, UserError)


def data_folder() -> Path:
    """The user's data folder: the default database lives here too (store.default_sqlite_path)."""
    import platformdirs  # loaded only when a log is wanted

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return data_folder() / LOG_NAME


def start_log(path: Path) -> RotatingFileHandler | None:
    """Writes Clearsight's log records to ``path`` as well, rotating it by size.

    Returns the handler (for ``stop_log``), the same one when called again for the same path,
    or None when the folder cannot be written: the bug is then still shown, only not kept.
    """
    from logging.handlers import RotatingFileHandler

    logger = logging.getLogger("clearsight")
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(path.parent, os.W_OK):
        return None
    # delay: the file is made on the first record, so a session without trouble leaves none.
    handler = RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_COPIES, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger.addHandler(handler)
    return handler


def stop_log(handler: logging.Handler) -> None:
    logging.getLogger("clearsight").removeHandler(handler)
    handler.close()


def summary(exc: BaseException) -> str:
    """One line naming the error, e.g. ``ValueError: no such column``."""
    return traceback.format_exception_only(exc)[-1].strip()


def report(exc: BaseException, about: Mapping[str, str] | None = None) -> str:
    """What a user can paste into a bug report: the versions, then the traceback.

    ``about`` adds lines such as the Qt version, which this Qt-free module cannot know.
    """
    import platform

    head = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        *(f"{name} {value}" for name, value in (about or {}).items()),
    ]
    return "\n".join(head) + "\n\n" + "".join(traceback.format_exception(exc)).rstrip() + "\n"


def signature(exc: BaseException) -> Signature:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return (type(exc).__qualname__, "", 0)
    return (type(exc).__qualname__, frames[-1].filename, frames[-1].lineno or 0)


def log_bug(exc: BaseException, times: int, only_to: logging.Handler | None = None) -> None:
    """The traceback the first time; a single line for each repeat, so the log stays readable.

    The record goes wherever Clearsight's log records go, or with ``only_to`` to that handler
    alone: the CLI writes the log file but keeps the traceback off the console unless -v.
    """
    args: tuple[object, ...]
    if times == 1:
        text, args = "a bug in %s: %s", (APP_NAME, summary(exc))
        info = (type(exc), exc, exc.__traceback__)
    else:
        text, args, info = "the same bug again (%d times so far): %s", (times, summary(exc)), None
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, text, args, info)
    if only_to is None:
        log.handle(record)
    else:
        only_to.handle(record)


@dataclass(frozen=True)
class Sighting:
    times: int  # how often this bug has been seen in this session, this time included
    show: bool  # open a window for it
    counted: bool  # a window is open already: this one is only counted (``Sightings.more``)


class Sightings:
    """The bugs seen in this session, and whether a window about one is open.

    A slot that fails on every tick of a timer must not open a window on every tick: each
    distinct bug opens a window the first time it happens, and while a window is open any
    further bug is counted instead, for the window to say "and N more". Called from any
    thread (``threading.excepthook``), hence the lock.
    """

    def __init__(self) -> None:
        self._times: dict[Signature, int] = {}
        self._showing = False
        self._lock = threading.Lock()
        self.more = 0

    def arrive(self, exc: BaseException) -> Sighting:
        key = signature(exc)
        with self._lock:
            times = self._times.get(key, 0) + 1
            self._times[key] = times
            if self._showing:
                self.more += 1
                return Sighting(times, show=False, counted=True)
            if times == 1:
                self._showing = True
                self.more = 0
                return Sighting(times, show=True, counted=False)
            return Sighting(times, show=False, counted=False)

    def window_closed(self) -> None:
        with self._lock:
            self._showing = False


def bug_message(exc: BaseException, path: Path | None) -> str:
    """What the CLI prints for a bug instead of a bare traceback."""
    where = (
        f"The details are in {path}; please include them when you report it."
        if path is not None
        else "Please report it, with the output of the same command run with -v."
    )
    what = f"Something went wrong inside {APP_NAME} (a bug, not your input): {summary(exc)}"
    return f"{what}\n{where}"
