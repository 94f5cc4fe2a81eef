"""Editing a 5 Whys outline by keyboard: what each key does to the tree, as undoable steps.

Typing in a row is saved as it pauses and when the row is left; a new answer is stored only
once it has words. Enter adds the next answer, Tab asks why of the current one, Shift+Tab
moves it up a level, Alt+Up/Down reorder, Del removes it with its answers, Esc stops typing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.ui.whys.commands import (
    AddNode,
    DeleteNode,
    MoveNode,
    SetChangeable,
    SetNodeText,
    SetProblem,
)
from clearsight.ui.whys.model import PENDING, WhyTreeModel
from clearsight.ui.whys.prompt import AUTO_DEPTH

if TYPE_CHECKING:
    from clearsight.ui.editing.session import ReviewSession
    from clearsight.ui.whys.outline import WhyOutline
    from clearsight.ui.whys.page import WhysPage


def clean(text: str) -> str:
    """A why is one paragraph: pasted line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


class WhyEditing:
    """The page's outline editing; the page owns the widgets, this decides the steps."""

    def __init__(self, page: WhysPage) -> None:
        self.page = page
        outline = page.outline
        page.model.edit_requested.connect(self._edit_requested)
        outline.delegate.step_requested.connect(self.editor_step)
        outline.delegate.autosave.connect(self._autosave)
        outline.delegate.editor_closed.connect(self._editor_closed)
        page.prompt.answered.connect(self.set_changeable)

    @property
    def model(self) -> WhyTreeModel:
        return self.page.model

    @property
    def outline(self) -> WhyOutline:
        return self.page.outline

    @property
    def session(self) -> ReviewSession:
        return self.page.session

    # ---- typing ---------------------------------------------------------------------------
    def commit_text(self, key: int, text: str) -> int | None:
        """Save ``text`` as ``key``'s (PROBLEM, a why, or PENDING: the answer being typed);
        returns the row's key (a new why's id), or None when there was nothing to save or
        the save failed."""
        text, s, tree = clean(text), self.session, self.page.tree_ref
        visit = self.outline.delegate.visit
        if tree is None:
            return None
        if key == PENDING:
            pending = self.model.pending
            if pending is None or not text:
                return None  # an empty answer is dropped when its editor closes
            parent = None if pending.parent == PROBLEM else s.refs.get("why", pending.parent)
            add = AddNode(s.service, s.refs, tree, parent, text, pending.position, visit)
            if not s.execute(add):
                return None
            assert add.ref is not None
            self._maybe_ask(add.ref.id)
            return add.ref.id
        if key == PROBLEM:
            old = self.model.text(PROBLEM)
            if text != old and not s.execute(SetProblem(s.service, tree, old, text, visit)):
                return None
            return PROBLEM
        node = self.model.node(key)
        if node is None:
            return None
        if text and text != node.text:
            ref = s.refs.get("why", key)
            if not s.execute(SetNodeText(s.service, ref, node.text, text, visit)):
                return None
            self._maybe_ask(key)
        return key

    def _edit_requested(self, key: int, text: str) -> None:
        """An editor was closed by the mouse or flushed: save, and go nowhere."""
        self.commit_text(key, text)

    def _editor_closed(self) -> None:
        # Removing the row now would pull it from under the view, which is still closing the
        # editor (Qt then warns of an editor that does not belong to it): a moment later.
        QTimer.singleShot(0, self.page, self._drop_abandoned)

    def _drop_abandoned(self) -> None:
        """An answer whose editor closed while it was still empty leaves nothing behind."""
        pending = self.model.pending
        delegate = self.outline.delegate
        if pending is None or (delegate.open_editor and delegate.editing_key() == PENDING):
            return
        was_current = self.outline.current_key() == PENDING
        self.model.remove_pending()
        if was_current:
            self.outline.select_key(pending.origin)

    def _autosave(self, editor: QWidget) -> None:
        key = self.outline.delegate.editing_key()
        if key is not None and isinstance(editor, QPlainTextEdit):
            self.commit_text(key, editor.toPlainText())

    def editor_step(self, editor: QWidget, step: str) -> None:
        assert isinstance(editor, QPlainTextEdit)
        key = self.outline.delegate.editing_key()
        if key is None:
            return
        raw = editor.toPlainText()
        text = clean(raw)
        if key == PENDING:
            pending = self.model.pending
            assert pending is not None
            if step == "outdent" or (step == "child" and not text):
                place = self._pending_moved(step)
                if place is None:
                    self.page.say(
                        "This is already an answer to the problem."
                        if step == "outdent"
                        else "Write the answer first: Tab then asks why of it."
                    )
                    return
                self.outline.close_editor(editor)
                self.model.add_pending(*place, pending.origin, raw)
                self.outline.edit_key(PENDING)
                return
            if not text:  # an answer left empty is dropped; Enter on it ends a run
                self.outline.close_editor(editor)
                self.model.remove_pending()
                self.focus(pending.origin)
                return
        # Esc stops editing and keeps the words: they may be saved already (typing is saved
        # as it pauses), and Ctrl+Z takes them back like any other change.
        new_key = self.commit_text(key, text)
        if new_key is None:
            return  # the save failed: the banner says why, the editor keeps the text
        self.outline.close_editor(editor)
        self.focus(new_key)
        if step == "sibling":
            self.add_sibling()
        elif step == "child":
            self.add_child()
        elif step == "outdent":
            self.outdent()
        elif step in ("up", "down"):
            self.move(-1 if step == "up" else 1)

    def _pending_moved(self, step: str) -> tuple[int, int] | None:
        """Where the answer being typed goes on Shift+Tab (up a level) or on Tab while it is
        still empty (under the answer above it)."""
        p = self.model.pending
        assert p is not None
        if step == "outdent":
            grand = self.model.parent_of(p.parent)
            if p.parent == PROBLEM or grand is None:
                return None
            return grand, self.model.answers(grand).index(p.parent) + 1
        if p.position == 0:
            return None
        above = self.model.answers(p.parent)[p.position - 1]
        return above, len(self.model.answers(above))

    def focus(self, key: int) -> None:
        self.outline.select_key(key)
        self.outline.setFocus()

    # ---- structure ------------------------------------------------------------------------
    def _open_pending(self, parent: int, position: int) -> QPlainTextEdit | None:
        origin = self.outline.current_key()
        self.model.add_pending(parent, position, origin if origin is not None else parent)
        self.outline.expand(self.model.index_of(parent))
        return self.outline.edit_key(PENDING)

    def add_sibling(self) -> QPlainTextEdit | None:
        if self.page.locked():
            return None
        key = self.outline.current_key()
        if key is None or key == PENDING:
            return None
        if key == PROBLEM:  # the problem has no siblings: Enter asks the first why
            return self.add_child()
        parent = self.model.parent_of(key)
        assert parent is not None
        return self._open_pending(parent, self.model.answers(parent).index(key) + 1)

    def add_child(self) -> QPlainTextEdit | None:
        if self.page.locked():
            return None
        key = self.outline.current_key()
        if key is None or key == PENDING:
            return None
        return self._open_pending(key, len(self.model.answers(key)))

    def edit_current(self) -> QPlainTextEdit | None:
        if self.page.locked():
            return None
        key = self.outline.current_key()
        return self.outline.edit_key(key) if key is not None else None

    def outdent(self) -> bool:
        if self.page.locked():
            return False
        key = self.outline.current_key()
        parent = self.model.parent_of(key) if key is not None else None
        if key is None or parent is None or parent == PROBLEM:
            self.page.say("This is already an answer to the problem.")
            return False
        grand = self.model.parent_of(parent)
        position = self.model.answers(grand).index(parent) + 1 if grand is not None else 0
        return self._move_to(key, grand, position, "Move why up a level")

    def move(self, by: int) -> bool:
        if self.page.locked():
            return False
        self.finish_editing()
        key = self.outline.current_key()
        parent = self.model.parent_of(key) if key is not None else None
        if key is None or parent is None:
            return False
        row = self.model.answers(parent).index(key)
        if not 0 <= row + by < len(self.model.answers(parent)):
            return False
        return self._move_to(key, parent, row + by, "Move why up" if by < 0 else "Move why down")

    def _move_to(self, key: int, parent: int | None, position: int, label: str) -> bool:
        s = self.session
        ref = s.refs.get("why", key)
        to = s.refs.get("why", parent) if parent not in (None, PROBLEM) else None
        if not s.execute(MoveNode(s.service, s.refs, ref, to, position, label)):
            return False
        self.focus(ref.id)
        self.page.say("")
        return True

    def delete_current(self) -> bool:
        if self.page.locked():
            return False
        key = self.outline.current_key()
        if key is None or key == PENDING:
            return False
        if key == PROBLEM:
            self.page.say("The problem stays while the tree does: Delete tree removes both.")
            return False
        parent = self.model.parent_of(key)
        assert parent is not None
        siblings = self.model.answers(parent)
        row = siblings.index(key)
        rest = siblings[:row] + siblings[row + 1 :]
        after = rest[min(row, len(rest) - 1)] if rest else parent
        s = self.session
        if not s.execute(DeleteNode(s.service, s.refs, s.refs.get("why", key))):
            return False
        self.page.prompt.forget(key)
        self.focus(after)
        self.page.say("")
        return True

    def finish_editing(self) -> None:
        editor = self.outline.editor()
        if editor is not None:
            self.editor_step(editor, "commit")

    # ---- can the team change it? ----------------------------------------------------------
    def _maybe_ask(self, key: int) -> None:
        node = self.model.node(key)
        depth = self.model.depth(key)
        if node is None or depth < AUTO_DEPTH or node.changeable is not None:
            return
        if not self.model.answers(key):
            self.page.prompt.ask(key, node.text, depth, None, focus=False)

    def ask_changeable(self) -> bool:
        if self.page.locked():
            return False
        self.finish_editing()
        key = self.outline.current_key()
        node = self.model.node(key) if key is not None else None
        if node is None:
            self.page.say("Choose a why first: the question is asked of an answer.")
            return False
        self.page.prompt.ask(
            node.id, node.text, self.model.depth(node.id), node.changeable, focus=True
        )
        return True

    def set_changeable(self, key: int, can_change: bool | None) -> bool:
        node = self.model.node(key)
        if node is None:
            return False
        s = self.session
        ref = s.refs.get("why", key)
        command = SetChangeable(s.service, ref, node.changeable, can_change)
        if node.changeable != can_change and not s.execute(command):
            return False
        self.focus(ref.id)
        if can_change is False and not self.model.answers(ref.id):
            self.add_child()  # "ask why again", at once
        return True
