"""The language flags of an open review: what the highlighters, the panel and the agenda show.

One ``ReviewFlags`` per open review knows the review's names and dismissals (from the last
load), asks the detector about one text for a highlighter, keeps the review's open findings
for the Language panel and the agenda counts (computed again shortly after edits), and
dismisses a finding through an undoable command.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from clearsight.language.detector import Detector
from clearsight.language.findings import Finding
from clearsight.review.data import DismissalData, ReviewDetail
from clearsight.review.flag_memory import RememberedAnalysis
from clearsight.review.flags import (
    OpenFinding,
    counts_by_phase,
    is_dismissed,
    open_findings,
    review_names,
    text_places,
    with_texts,
)
from clearsight.ui.editing.commands import DismissFlag
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.highlighter import FlagHighlighter
from clearsight.ui.work.job import Job, detached

REFRESH_MS = 400  # the panel and the counts follow typing this long after it pauses
# New text is analysed for the panel in slices this long, with a turn of the event loop
# between them, so that a 1 MB paste never freezes the window.
SLICE_S = 0.05
FAMILY_LABELS = {"blame": "Blame", "vague": "Vague"}


class ReviewFlags(QObject):
    context_changed = Signal()  # names or dismissals changed: highlighters read their text again
    findings_changed = Signal()  # ``found`` was computed again and differs

    def __init__(
        self,
        session: ReviewSession,
        live_texts: Callable[[], dict[str, str]],
        detector: Detector | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.detector = detector if detector is not None else Detector.default()
        self.names: tuple[str, ...] = ()
        self.dismissals: tuple[DismissalData, ...] = ()
        self.found: list[OpenFinding] = []
        self._live_texts = live_texts
        self._memory = RememberedAnalysis(self.detector)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._due_now)
        self._due = 0.0
        self._lock = threading.Lock()
        self._job: Job | None = None
        self._job_due = 0.0
        self._again = False
        session.loaded.connect(self.load)
        # Text and lesson edits are saved without a reload; each save moves the stack.
        session.stack.indexChanged.connect(self.schedule)

    # ---- what a highlighter asks ------------------------------------------------------------
    def findings_in(self, text: str, place: str, field: str) -> list[Finding]:
        """The findings in ``text`` at ``place`` that no one dismissed."""
        return [
            f
            for f in self.detector.analyse(text, self.names, field)
            if not is_dismissed(place, f.rule_id, text[f.start : f.end], self.dismissals)
        ]

    def attach(self, edit: QPlainTextEdit, place: str, field: str) -> FlagHighlighter:
        """Underline the findings in ``edit`` as the user types, with tooltips and a menu."""
        edit.textChanged.connect(self.schedule)
        return FlagHighlighter(edit, self, place, field)

    # ---- the review's open findings ---------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        names, dismissals = review_names(detail), tuple(detail.dismissals)
        if (names, dismissals) != (self.names, self.dismissals):
            if names != self.names:
                with self._lock:
                    self._memory.forget()
            self.names, self.dismissals = names, dismissals
            self.context_changed.emit()
        self.schedule()

    def use_detector(self, detector: Detector) -> None:
        """Flag with ``detector`` from now on (the team's words changed): every text is read
        again, by the highlighters and delegates at once and by the panel shortly after."""
        self.detector = detector
        with self._lock:
            self._memory = RememberedAnalysis(detector)
        self.context_changed.emit()
        self.schedule()

    def schedule(self, *_: object) -> None:
        """Refresh ``REFRESH_MS`` after the last call.

        A keystroke only moves the due time. Restarting the timer would be one more Qt call
        per keystroke, and PySide6 6.12.0 on Python 3.11 drops a reference to None on every
        Qt call that returns nothing; the interpreter aborts when the count reaches zero.
        """
        self._due = time.monotonic() + REFRESH_MS / 1000
        if not self._timer.isActive():
            self._timer.start(REFRESH_MS)

    def _due_now(self) -> None:
        left = self._due - time.monotonic()
        if left > 0.001:
            self._timer.start(int(left * 1000) + 1)
        else:
            self._refresh_in_background()

    @property
    def pending(self) -> bool:
        """True while a refresh is due or under way."""
        return self._timer.isActive() or self._job is not None

    # ---- off the window's thread -------------------------------------------------------------
    def _refresh_in_background(self) -> None:
        """The timer's refresh: a big review's analysis takes longer than a frame, so it runs
        as a job; what the user typed meanwhile starts another one when it ends."""
        detail = self.session.detail
        if detail is None or self.session.closed:
            return
        if self._job is not None:
            self._again = True
            return
        texts, names, due = self._live_texts(), self.names, self._due
        self._job = detached(
            Job(
                "Checking the language",
                [("Finding flags", lambda _: self._find(detail, texts, names))],
            )
        )
        self._job_due = due
        self._job.succeeded.connect(self._found)
        self._job.finished.connect(self._job_ended)

    def _find(
        self,
        detail: ReviewDetail,
        texts: dict[str, str],
        names: tuple[str, ...],
        seconds: float = math.inf,
    ) -> list[OpenFinding] | None:
        """The open findings of ``detail`` with ``texts`` on screen, or None when analysing
        new text took longer than ``seconds`` (what was done is remembered). On the worker
        or the window's thread: the lock keeps the shared memory to one at a time."""
        live = with_texts(detail, texts)
        with self._lock:
            if not self._memory.warm(
                [(p.text, p.field) for p in text_places(live)], names, seconds
            ):
                return None
            self._memory.begin()
            # RememberedAnalysis answers analyse() as the detector does.
            found = open_findings(self._memory, live)  # type: ignore[arg-type]
            self._memory.end()
            return found

    def _found(self, found: list[OpenFinding] | None) -> None:
        if found is None or self._due != self._job_due or self.session.closed:
            return  # typed, loaded or closed since: the next refresh answers for now
        self._show(found)

    def _job_ended(self) -> None:
        self._job = None
        if self._again or self._due != self._job_due:
            self._again = False
            self.schedule()

    def refresh(self) -> bool:
        """Compute the open findings from the texts on screen; False when new text was
        left for the next turn of the event loop (``SLICE_S``)."""
        self._timer.stop()
        detail = self.session.detail
        if detail is None or self.session.closed:
            return True
        found = self._find(detail, self._live_texts(), self.names, SLICE_S)
        if found is None:
            self._timer.start(0)
            return False
        self._show(found)
        return True

    def _show(self, found: list[OpenFinding]) -> None:
        # Compared without the texts: comparing a 1 MB text per finding took 0.2 s.
        changed = _shown(found) != _shown(self.found)
        self.found = found
        if changed:
            self.findings_changed.emit()

    def counts(self) -> dict[str, int]:
        return counts_by_phase(self.found)

    # ---- dismissing -------------------------------------------------------------------------
    def dismiss(self, place: str, rule_id: str, snippet: str, reason: str) -> bool:
        session = self.session
        # Typing still waiting for its save goes on the stack first, so that Ctrl+Z right
        # after dismissing brings the flag back rather than taking the typing away.
        session.flush()
        kind, _, row = place.partition(":")
        where = session.refs.get(kind, int(row)) if row.isdigit() else place
        command = DismissFlag(session.service, session.review_id, where, rule_id, snippet, reason)
        return session.execute(command)


def _shown(found: list[OpenFinding]) -> list[tuple[object, ...]]:
    """What the panel and the agenda show of each finding."""
    return [(x.place.place, x.place.label, x.finding, x.snippet) for x in found]
