"""One open review's editing session: its undo stack, autosave flushing and save problems.

The flow of every edit: a page builds a command and calls ``execute``. The command runs once
against the service; only when that succeeded is it pushed on the stack (its first ``redo`` is
skipped). When it fails, the problem is kept and shown with a Retry, the widget keeps the
user's text, and nothing enters the stack. ``undo``/``redo`` first ``flush`` pending typing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from clearsight.db.write_base import StaleWrite, based_on
from clearsight.errors import StoreError, UserError
from clearsight.ui.editing.commands import Ref, RefTable, ServiceCommand, undo_step

if TYPE_CHECKING:  # at run time the service arrives as an argument; importing it loads SQLAlchemy
    from clearsight.review.data import ReviewDetail  # 20 ms of dataclasses, before the window
    from clearsight.services.root import Services

OFFLINE = "Offline - edits are kept and sent when the database is back."
READ_ONLY = "This review is open read-only: View > Read-only turns editing back on."
UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def undo_key(event: QKeyEvent) -> str | None:
    """'undo', 'redo' or None for a key event."""
    combo = event.keyCombination()
    seq = QKeySequence(combo.key() | combo.keyboardModifiers().value)
    if seq in UNDO_KEYS or event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if seq in REDO_KEYS or event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    return None


class UndoKeyFilter(QObject):
    """Sends Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y from text widgets to the review's undo stack.

    QLineEdit and QPlainTextEdit claim those keys through ShortcutOverride for their own
    undo, which knows nothing of the review. Accepting the override here (without letting the
    widget see it) makes Qt deliver a plain KeyPress, which this filter turns into the
    session's undo, so the keys do the same thing wherever the focus is.
    """

    def __init__(self, undo: Callable[[], Any], redo: Callable[[], Any], parent: QObject) -> None:
        super().__init__(parent)
        self._undo, self._redo = undo, redo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        which = undo_key(event)
        if which is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()
        elif which == "undo":
            self._undo()
        else:
            self._redo()
        return True


class Retryable(UserError):
    """A problem that trying again settles, though the store did not fail: an edit refused
    because another person changed the row first (Retry puts it over theirs), a choice still
    to make (Retry asks again)."""


@dataclass
class Problem:
    message: str
    retry: Callable[[], Any] | None
    unsaved: bool  # an edit of the user's is not in the database yet
    about: Subject | None = None  # what the failed edit was about, when it was a command

    @property
    def retryable(self) -> bool:
        return self.retry is not None


@dataclass(frozen=True)
class Subject:
    """What an edit is about: the kind of edit, the rows (Refs) it names and the fields it
    sets. A problem is kept under the command that failed, and each command is a new object;
    the subject lets a later command that saved the same thing clear the message."""

    kind: str
    rows: frozenset[object] = field(default_factory=frozenset)
    fields: frozenset[str] = field(default_factory=frozenset)

    def settles(self, problem: Subject) -> bool:
        """Whether this edit, saved, leaves ``problem`` nothing to be about: it saved the same
        fields of the same rows (a row made by it is new: a failed add names none), or it
        deleted a row the problem is about."""
        if self.kind.startswith("Delete") and self.rows & problem.rows:
            return True
        return (
            self.kind == problem.kind
            and self.fields == problem.fields
            and problem.rows <= self.rows
        )


def subject_of(key: object) -> Subject | None:
    """The subject of a command (None for any other key: a field, a page's name)."""
    if not isinstance(key, ServiceCommand):
        return None
    rows: set[object] = set()
    fields: set[str] = set()
    for name, value in vars(key).items():
        found = value if isinstance(value, list | tuple) else [value]
        rows.update(v for v in found if isinstance(v, Ref))
        if name == "key" and value is not None:  # a text field's own edit (SetText)
            rows.add(value)
    changes = getattr(key, "changes", None)
    if isinstance(changes, dict):
        fields.update(str(k) for k in changes)
    for name in ("field", "pref"):
        value = getattr(key, name, None)
        if value is not None:
            fields.add(str(getattr(value, "key", value)))
    return Subject(type(key).__name__, frozenset(rows), frozenset(fields))


class ReviewSession(QObject):
    loaded = Signal(object)  # ReviewDetail: pages show it
    problems_changed = Signal()
    # A text field whose typing overlaps another person's edit of the same words: the window
    # asks which to keep (fields.TextField.settle).
    conflict = Signal(object)

    def __init__(self, service: Services, review_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.review_id = review_id
        self.stack = QUndoStack(self)
        self.refs = RefTable()
        self.detail: ReviewDetail | None = None
        # Parts changed by edits that did not reload (text typed is on screen already): the
        # next read takes them too, so the detail never keeps an old text. None: all parts.
        self._unread: frozenset[str] | None = frozenset()
        self._flushers: list[Callable[[], Any]] = []
        self._problems: dict[object, Problem] = {}
        self._visits = itertools.count(1)
        self._keys = UndoKeyFilter(self.undo, self.redo, self)
        self.closed = False
        # Set by the change follower (follow.py): the newest change record this window has
        # read, on which every write is based, and a way to read what others wrote since.
        self.base: Callable[[], int | None] = lambda: None
        self.read_theirs: Callable[[], object] = lambda: None
        self.last_writer = "someone"  # who wrote the newest change read from another client
        self.read_only = False  # opened to follow only: nothing is written
        self.offline = False  # the database cannot be reached: edits are kept, not lost

    def close(self) -> None:
        """Stop saving: the review is being left, and the user chose to drop what failed."""
        self.closed = True

    # ---- wiring ---------------------------------------------------------------------------
    def route_undo_keys(self, widget: QWidget) -> None:
        widget.installEventFilter(self._keys)

    def add_flusher(self, flush: Callable[[], Any]) -> None:
        """``flush`` saves whatever its widget holds that is not saved yet."""
        self._flushers.append(flush)

    def next_visit(self) -> int:
        """A new number for a visit to a text field: commits of one visit merge into one step."""
        return next(self._visits)

    # ---- edits ----------------------------------------------------------------------------
    def execute(
        self,
        command: ServiceCommand,
        *,
        key: object = None,
        retry: Callable[[], Any] | None = None,
        on_success: Callable[[], Any] | None = None,
        unsaved: bool | None = None,
        on_stale: Callable[[StaleWrite], bool] | None = None,
    ) -> bool:
        """Run ``command`` against the service; push it on the undo stack only if it worked.

        On failure the problem is kept under ``key`` (default: the command). It counts as an
        unsaved edit when ``unsaved`` says so, by default when trying again could save it.
        The write is based on what this window has read: when another person changed the same
        row since, it is refused, their version is read and shown, and ``on_stale`` (a text
        field's merge) may settle it; otherwise Retry puts this edit over theirs.
        """
        if self.closed:
            return False
        if self.read_only:
            self.report("read-only", UserError(READ_ONLY), None, unsaved=False)
            return False
        key = command if key is None else key
        reload = command.reload_after_apply
        try:
            with based_on(self.base()):
                command.apply()
        except StaleWrite as err:
            self.read_theirs()
            if on_stale is not None:
                return on_stale(err)
            again = retry or (lambda: self.execute(command, key=key, on_success=on_success))
            shown = Retryable(f"{err}. Theirs is shown now; Retry puts yours over it.")
            self.report(key, shown, again, unsaved=False)
            return False
        except UserError as err:
            again = retry or (lambda: self.execute(command, key=key, on_success=on_success))
            if unsaved is None:
                unsaved = isinstance(err, StoreError) and err.retryable
            self.report(key, err, again, unsaved=unsaved)
            return False
        self.resolve(key)
        command.skip_next = True  # push() calls redo(): the service already did it
        self.stack.push(command)
        if on_success is not None:
            on_success()
        if reload:
            self.reload(command.touches)
        else:
            self._unread = _union(self._unread, command.touches)
        return True

    def flush(self) -> bool:
        """Save every pending edit now; False while some edit of the user's is still unsaved."""
        if self.closed:
            return True
        for flush in list(self._flushers):
            flush()
        return not self.has_unsaved()

    def undo(self) -> bool:
        return self._step(undo=True)

    def redo(self) -> bool:
        return self._step(undo=False)

    def _step(self, undo: bool) -> bool:
        name = "undo" if undo else "redo"
        if self.read_only:
            self.report("read-only", UserError(READ_ONLY), None, unsaved=False)
            return False
        if not self.flush():
            return False
        if not (self.stack.canUndo() if undo else self.stack.canRedo()):
            return True
        step = self.stack.command(self.stack.index() - 1 if undo else self.stack.index())
        with based_on(self.base()):
            error = undo_step(self.stack, undo)
        if isinstance(error, StaleWrite):
            self.read_theirs()
            what = "Undo" if undo else "Redo"
            error = UserError(f"{what} would overwrite a newer edit: {error}")
            self.report(name, error, None, unsaved=False)
            return False
        if error is not None:
            self.report(name, error, self.undo if undo else self.redo, unsaved=False)
            return False
        self.resolve(name)
        self.reload(step.touches if isinstance(step, ServiceCommand) else None)
        return True

    def current(self) -> ReviewDetail | None:
        """The review as stored, without telling the pages: the last read, with the lists
        saved since (typing does not reload) read again. Raises UserError."""
        if self._unread == frozenset() or self.detail is None:
            return self.detail
        base = self.detail if self._unread is not None else None  # None: everything unread
        return self.service.reviews.get_review(self.review_id, self._unread, base)

    def reload(self, parts: frozenset[str] | None = None) -> ReviewDetail | None:
        """Read the review again and show it; ``parts``: only the lists an edit changed
        (with those of the edits since the last read that did not reload)."""
        parts, self._unread = _union(parts, self._unread), frozenset()
        try:
            base = self.detail if parts is not None else None
            detail = self.service.reviews.get_review(self.review_id, parts, base)
        except UserError as err:
            self.report("load", err, self.reload, unsaved=False)
            return None
        self.resolve("load")
        self.detail = detail
        self.loaded.emit(detail)
        return detail

    # ---- problems -------------------------------------------------------------------------
    def report(
        self, key: object, err: UserError, retry: Callable[[], Any] | None, unsaved: bool
    ) -> None:
        if isinstance(err, StoreError) and not err.retryable:
            retry = None
        if not isinstance(err, StoreError | Retryable):
            retry = None  # a value the user must change: trying again cannot help
        about = subject_of(key)
        # One message per thing: an earlier failure about the same thing is replaced.
        for old in [k for k, p in self._problems.items() if k == key or _same(about, p.about)]:
            del self._problems[old]  # the newest goes last
        self._problems[key] = Problem(str(err), retry, unsaved, about)
        self.problems_changed.emit()

    def resolve(self, key: object) -> None:
        """``key`` saved (a field, a command, a page's load): its problem goes, and so does
        every problem about what a saved command has now saved or deleted."""
        about = subject_of(key)
        gone = [
            k
            for k, p in self._problems.items()
            if k == key or (about is not None and p.about is not None and about.settles(p.about))
        ]
        for k in gone:
            del self._problems[k]
        if gone:
            self.problems_changed.emit()

    def problems(self) -> list[Problem]:
        return list(self._problems.values())

    def has_unsaved(self) -> bool:
        return any(p.unsaved for p in self._problems.values())

    def dismiss(self) -> None:
        """Forget the problems that hold no unsaved edit (the others stay until saved)."""
        for key, problem in list(self._problems.items()):
            if not problem.unsaved:
                del self._problems[key]
        self.problems_changed.emit()

    def retry(self) -> None:
        """Try every kept edit again, oldest first (the order they were made in)."""
        for problem in list(self._problems.values()):
            if problem.retry is not None:
                problem.retry()

    def set_offline(self, offline: bool) -> None:
        """The database went away (or came back, when the edits kept meanwhile are sent)."""
        if offline == self.offline:
            return
        self.offline = offline
        if offline:
            self.report("offline", Retryable(OFFLINE), self.read_theirs, unsaved=False)
            return
        self.resolve("offline")
        self.retry()


def _same(a: Subject | None, b: Subject | None) -> bool:
    return a is not None and a == b


def _union(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    return None if a is None or b is None else a | b
