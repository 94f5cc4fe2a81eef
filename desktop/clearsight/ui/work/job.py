"""Slow work off the window's thread: a job of named steps, with progress and Cancel.

Rendering a PDF of a big review, reading a file to import, verifying a record: each can take
seconds, and the window must keep answering meanwhile. A Job runs its steps one after the
other on a QThread; each step gets what the one before returned. Between steps it stops if
Cancel was pressed, so a job whose last step writes a file either writes it whole or not at
all. A UserError (a message for the user) ends the job with that message; any other error is a
bug and is raised again on the window's thread, where the crash dialog reports it.

Steps must not touch widgets: they get plain data and return plain data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from clearsight.errors import UserError

Step = tuple[str, Callable[[Any], Any]]  # what the user is told, and the work
# While a step computes, each call from Qt into Python on the window's thread (a timer, a
# paint of a delegate, a widget deleted) waits for the step to hand over the interpreter: up
# to Python's switch interval, 5 ms by default, so a repaint of twenty such calls took 100 ms.
# At 0.1 ms the window keeps answering; the step loses a few percent. (Steps that compute for
# seconds run in a child process instead: work/process.py.)
SWITCH_INTERVAL_S = 0.0001


class Job(QThread):
    stepped = Signal(int, str)  # the step starting (0-based) and what it does
    succeeded = Signal(object)  # what the last step returned
    refused = Signal(str)  # a message for the user: nothing more was done
    cancelled = Signal()

    def __init__(self, title: str, steps: Sequence[Step], parent: QObject | None = None) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self.title = title
        self.steps = list(steps)
        self._bug: BaseException | None = None
        self.finished.connect(self._report_bug)

    def run(self) -> None:  # on the worker thread
        value: Any = None
        for n, (what, step) in enumerate(self.steps):
            if self.isInterruptionRequested():
                self.cancelled.emit()
                return
            self.stepped.emit(n, what)
            try:
                value = step(value)
            except UserError as err:
                self.refused.emit(str(err))
                return
            except Exception as err:  # a bug: told on the window's thread (see _report_bug)
                self._bug = err
                return
        self.succeeded.emit(value)

    def cancel(self) -> None:
        """Stops before the next step; a step under way finishes first."""
        self.requestInterruption()

    def _report_bug(self) -> None:
        bug, self._bug = self._bug, None
        if bug is not None:
            raise bug


_DETACHED: set[Job] = set()
_WATCHING = False  # the app waits for them when it quits


def detached(job: Job) -> Job:
    """Starts ``job`` owned by no widget: kept until it ends, waited for when the app quits,
    so that closing what started it never destroys a thread that is still running."""
    from PySide6.QtCore import QCoreApplication

    global _WATCHING
    app = QCoreApplication.instance()
    if app is not None and not _WATCHING:
        app.aboutToQuit.connect(wait_for_detached)
        _WATCHING = True
    _DETACHED.add(job)
    job.finished.connect(lambda: _DETACHED.discard(job))
    job.start()
    return job


def wait_for_detached(ms: int = 30_000) -> None:
    for job in list(_DETACHED):
        job.cancel()
        job.wait(ms)


class OneAtATime(QObject):
    """Runs the job ``make`` returns, detached, one at a time. Asked again while one runs, it
    runs once more when that one ends, made afresh then, so the last request is the one that
    counts and requests never pile up (a lookup after each tag, a beat after each move). A
    child of the widget it works for: gone with it, it starts nothing more."""

    def __init__(self, make: Callable[[], Job], parent: QObject) -> None:
        super().__init__(parent)
        self._make = make
        self.job: Job | None = None
        self._again = False

    def run(self) -> Job | None:
        """The job started, or None when one runs already (this one comes after it)."""
        if self.job is not None:
            self._again = True
            return None
        self.job = detached(self._make())
        self.job.finished.connect(self._ended)
        return self.job

    def _ended(self) -> None:
        self.job = None
        if self._again:
            self._again = False
            self.run()
