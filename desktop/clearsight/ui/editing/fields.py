"""Bindings between an edit widget and one stored value, saving through the session.

Text is saved ``DEBOUNCE_MS`` after the last keystroke, and at once when the field loses
focus, when Enter is pressed in a line, and whenever the session flushes (page switch, undo,
redo, close). A choice is saved when it is made. A value that could not be saved stays in
the widget: reloading the review never overwrites an unsaved edit.

Undo takes typing back in steps, as an editor does: the saves of one run of typing merge into
one step (SetText merges commands of one ``visit``), and a run ends when the field is left,
when typing pauses for more than ``PAUSE_S``, and at the end of a paragraph.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.data import TOUCHES
from clearsight.review.rules import instant_text
from clearsight.review.text_merge import merge
from clearsight.ui.editing.commands import SetField, SetText
from clearsight.ui.editing.session import Retryable, ReviewSession

DEBOUNCE_MS = 600
PAUSE_S = 1.0  # typing resumed after a longer pause is a new undo step
PARAGRAPH_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def normalise_instant(text: str) -> str:
    """Typed text as ``instant_text`` writes it; ValueError when it is not a time."""
    return instant_text(rules.parse_instant(text)) if text.strip() else ""


class TextField(QObject):
    """A QLineEdit or QPlainTextEdit whose text is saved automatically."""

    committed = Signal(str)

    def __init__(
        self,
        session: ReviewSession,
        widget: QLineEdit | QPlainTextEdit,
        label: str,
        write: Callable[[str], None],
        *,
        debounce: bool = True,
        normalise: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(widget)
        self.session = session
        self.widget = widget
        self.label = label  # names the undo step: "Edit summary"
        self._write = write
        self._normalise = normalise
        self._debounce = debounce
        self.saved = ""  # the text the database holds
        self._loading = False
        self.conflict: str | None = None  # their text, while the user chooses (settle)
        self._retrying = False
        self._visit = session.next_visit()
        self.clock: Callable[[], float] = time.monotonic  # tests put a fake one here
        self._last_key = -math.inf  # when the last character was typed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.commit)
        # Named for the others in the room (ui/shell/room.py): "Bob typing" on this box.
        widget.setProperty("clearsight_field", label.removeprefix("Edit "))
        widget.installEventFilter(self)
        session.route_undo_keys(widget)
        session.add_flusher(self.commit)
        if isinstance(widget, QPlainTextEdit):
            # The review's stack is the one undo; the widget's own would fight it.
            widget.setUndoRedoEnabled(False)
            # Tab and Shift+Tab leave a text box as they leave a line: a tab typed into a
            # summary is never meant, and the keyboard would be stuck in the box.
            widget.setTabChangesFocus(True)
        else:
            widget.returnPressed.connect(self.commit)
        widget.textChanged.connect(self._edited)

    def text(self) -> str:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    @property
    def dirty(self) -> bool:
        return self.text() != self.saved

    @property
    def pending(self) -> bool:
        """True while a debounced save is waiting for its timer."""
        return self._timer.isActive()

    def load(self, value: str) -> None:
        """Show the stored ``value``. An edit not saved yet stays: when someone else changed
        the field meanwhile, their edit is merged into it where the two touch different
        words; where they touch the same ones the user chooses which text to keep
        (``settle``), and nothing is saved over theirs until then."""
        if self.dirty and value != self.saved:
            merged = merge(self.saved, self.text(), value)
            self.saved = value
            if merged is None:
                self.conflict = value
                self.session.conflict.emit(self)
                self._report_conflict()
            elif merged != self.text():
                self._set_text(merged, keep_cursor=True)
            return
        if self.dirty:
            return  # the unsaved edit is already based on this value
        self.saved = value
        self.conflict = None
        if self.text() != value:
            self._set_text(value, keep_cursor=self.widget.hasFocus())
            self._visit = self.session.next_visit()

    def settle(self, keep: str) -> bool:
        """Ends a conflict: ``keep`` is "mine" (saved over theirs, which the step's undo
        brings back) or "theirs" (the typing is dropped). False when the save failed."""
        if self.conflict is None:
            return True
        theirs, self.conflict = self.conflict, None
        self.session.resolve(("conflict", self))
        if keep == "theirs":
            self._set_text(theirs, keep_cursor=self.widget.hasFocus())
            self._visit = self.session.next_visit()
            self.session.resolve(self)
            return True
        return self.commit()

    def _report_conflict(self) -> None:
        what = self.label.removeprefix("Edit ")
        self.session.report(
            ("conflict", self),
            Retryable(
                f"{what[:1].upper()}{what[1:]}: {self.session.last_writer} changed the same "
                "words while you typed. Choose which text to keep; yours is not saved until then."
            ),
            lambda: self.session.conflict.emit(self),
            unsaved=True,
        )

    def commit(self) -> bool:
        """Save the widget's text now if it changed; False when the save failed."""
        self._timer.stop()
        text = self.text()
        if self.session.closed:
            return True
        if self.conflict is not None:
            return False  # nothing goes over theirs before the user has chosen
        if text == self.saved:
            self.session.resolve(self)
            return True
        if self._normalise is not None:
            try:
                text = self._normalise(text)
            except ValueError as err:
                what = self.label.removeprefix("Edit ")
                problem = UserError(f"{what[:1].upper()}{what[1:]}: {err}")
                self.session.report(self, problem, None, unsaved=True)
                return False
            if text == self.saved:  # the same time, typed another way
                self._set_text(text)
                self.session.resolve(self)
                return True
        # Text fields are the review's own fields, which every read takes anyway.
        command = SetText(
            self.label, self, self.saved, text, self._write, self._visit, TOUCHES["review"]
        )
        based_on = self.saved
        saved = self.session.execute(
            command, key=self, retry=self.commit, unsaved=True, on_stale=self._stale
        )
        if not saved:
            return False
        if self.saved != based_on:
            return True  # refused, merged with theirs and saved by _stale: that text stands
        self.saved = text
        if self.text() != text:
            self._set_text(text)
        self.committed.emit(text)
        return True

    def _stale(self, err: UserError) -> bool:
        """The save was refused: someone else saved this field after this window last read
        it. Their text has just been read and merged into the typing (``load``); the merge
        is saved once, or waits for the user's choice when the two touched the same words."""
        if self._retrying:  # refused again at once: say so, and keep the typing for Retry
            self.session.report(self, err, self.commit, unsaved=True)
            return False
        if self.conflict is not None:
            return False  # the user chooses first (settle)
        self._retrying = True
        try:
            return self.commit()
        finally:
            self._retrying = False

    def _set_text(self, text: str, keep_cursor: bool = False) -> None:
        """``keep_cursor``: another person's edit arrives while this one types; the cursor
        stays by the same words (moved by what was added or removed before it)."""
        w = self.widget
        at = w.textCursor().position() if isinstance(w, QPlainTextEdit) else w.cursorPosition()
        before = self.text()
        self._loading = True
        try:
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(text)
            else:
                w.setText(text)
                w.setCursorPosition(0)
        finally:
            self._loading = False
        if keep_cursor:
            same = len(os.path.commonprefix([before, text]))
            at = at if at <= same else max(same, at + len(text) - len(before))
            at = min(at, len(text))
            if isinstance(w, QPlainTextEdit):
                cursor = w.textCursor()
                cursor.setPosition(at)
                w.setTextCursor(cursor)
            else:
                w.setCursorPosition(at)

    def _edited(self, *_: Any) -> None:
        if not self._loading and self._debounce:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._ctrl_tab(event) or self._escape(event):
                return True
            self._typed(event)
        elif event.type() == QEvent.Type.FocusIn:
            self._visit = self.session.next_visit()
        elif event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False

    def _ctrl_tab(self, event: QKeyEvent) -> bool:
        """Ctrl+Tab (Ctrl+Shift+Tab) leaves a text box too, as it leaves the 5 Whys outline,
        rather than doing nothing."""
        w = self.widget
        mods = event.modifiers()
        if (
            not isinstance(w, QPlainTextEdit)
            or event.key() not in TAB_KEYS
            or not mods & Qt.KeyboardModifier.ControlModifier
            or mods & Qt.KeyboardModifier.AltModifier
        ):
            return False
        if event.key() == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier:
            w.focusPreviousChild()
        else:
            w.focusNextChild()
        return True

    def _escape(self, event: QKeyEvent) -> bool:
        """Esc in a text box: done with it. What is typed is saved and the keyboard goes to
        the agenda, where the arrows choose the next phase (as Esc leaves the 5 Whys outline);
        nothing typed afterwards lands in a box the user thought they had left."""
        w = self.widget
        if (
            not isinstance(w, QPlainTextEdit)
            or event.key() != Qt.Key.Key_Escape
            or event.modifiers() != Qt.KeyboardModifier.NoModifier
        ):
            return False
        agenda = w.window().findChild(QWidget, "agenda")
        if agenda is None or not agenda.isVisible():
            return False
        self.commit()
        agenda.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _typed(self, event: QKeyEvent) -> None:
        """Before a typed key reaches the widget: after a pause, or at the end of a paragraph,
        what is there so far is saved as its own undo step and a new one begins."""
        if not event.text() or event.modifiers() & COMMAND_KEYS:
            return
        now, last = self.clock(), self._last_key
        self._last_key = now
        paragraph = isinstance(self.widget, QPlainTextEdit) and event.key() in PARAGRAPH_KEYS
        if paragraph or now - last > PAUSE_S:
            self.new_step()

    def new_step(self) -> None:
        """Save what the field holds; what is typed next is another undo step."""
        if self.commit():
            self._visit = self.session.next_visit()


class ChoiceField(QObject):
    """A QComboBox for one review field; each choice is saved at once as one undo step."""

    def __init__(
        self,
        session: ReviewSession,
        combo: QComboBox,
        field: str,
        label: str,
        choices: list[tuple[str, str]],
        ask_reason: Callable[[str, str], str | None] | None = None,
    ) -> None:
        """``ask_reason(old, new)`` is asked before a change that needs one (a lowered
        severity): it returns the reason, "" when none is needed, or None to cancel."""
        super().__init__(combo)
        self.session, self.combo, self.field, self.label = session, combo, field, label
        self.ask_reason = ask_reason
        self.saved = ""
        self.pending = False  # the combo shows a choice that could not be saved yet
        for value, text in choices:
            combo.addItem(text, value)
        combo.activated.connect(self._chosen)

    def value(self) -> str:
        return str(self.combo.currentData())

    def load(self, value: str) -> None:
        self.saved = value
        if not self.pending:
            self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def choose(self, value: str) -> bool:
        """Select ``value`` as the user would."""
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(index)
        return self._chosen(index)

    def _chosen(self, index: int) -> bool:
        new = self.combo.itemData(index)
        if new == self.saved:
            self.pending = False
            self.session.resolve(self)
            return True
        reason = self.ask_reason(self.saved, new) if self.ask_reason else ""
        if reason is None:  # the user cancelled: show what is stored
            self.combo.setCurrentIndex(max(0, self.combo.findData(self.saved)))
            return False
        svc, rid = self.session.service, self.session.review_id
        text = f"Set {self.label} to {self.combo.itemText(index)}"
        command = SetField(svc, rid, self.field, self.saved, new, text, reason)
        self.pending = True
        return self.session.execute(command, key=self, on_success=self._saved)

    def _saved(self) -> None:
        self.pending = False
