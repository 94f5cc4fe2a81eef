"""5 Whys: from the problem, ask why until the answer is a condition the team can change.

One tab per tree (a problem statement each). The outline takes the notetaker's typing: Enter
adds the next answer, Tab asks why of the current one, Shift+Tab moves it up a level,
Alt+Up/Down reorder, Del removes, F2 edits. Beside it, the tree drawn for the room.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.review.data import ReviewDetail, WhyTreeData
from clearsight.ui import style
from clearsight.ui.editing.commands import Ref
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.highlighter import select_span
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page, tab_order
from clearsight.ui.whys.commands import AddTree, DeleteTree
from clearsight.ui.whys.drawing import BoxInfo, DrawingPanel
from clearsight.ui.whys.editing import WhyEditing
from clearsight.ui.whys.factor_menu import FactorMenu
from clearsight.ui.whys.model import PENDING
from clearsight.ui.whys.outline import FlagSpans, WhyOutline
from clearsight.ui.whys.prompt import ChangeablePrompt
from clearsight.ui.whys.room import OutlineSplitter
from clearsight.ui.whys.shortcuts import KEYS, WhyShortcuts
from clearsight.ui.whys.tree_tabs import TreeTabs

LOCKED = "This review is signed off: reopen it on the Sign-off page to change its whys."
EMPTY = (
    "No why trees yet. Type the problem to start one (or Ctrl+Shift+N); then Tab asks why, "
    "and Tab again asks why of that answer. One tree per problem: a review can have several."
)
COMMAND_KEYS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def set_text_color(label: QLabel, color: QColor | None) -> None:
    """``label``'s text in ``color``; None: the theme's text colour."""
    palette = QPalette()  # no role set: the others still follow the theme
    if color is not None:
        palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)


class StartArea(QWidget):
    """The page before its first tree. It takes the keyboard when the page is entered, and
    the first character typed starts a tree whose problem it begins: nothing typed is lost."""

    def __init__(self, start: Callable[[QKeyEvent], object]) -> None:
        super().__init__()
        self._start = start
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("No why trees yet: type the problem to start one")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & COMMAND_KEYS:
            self._start(event)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.hasFocus():  # it looks like a page, not a field: show that it listens
            painter = QPainter(self)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))


class WhysPage(Page):
    key = "whys"
    factor_menu_shown = Signal(QMenu)  # Ctrl+Shift+F opened the factor menu

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__(
            session,
            "5 Whys",
            "Ask why until the answer is a process, tool or condition the team can change, "
            "never a person. Each answer can be a contributing factor.",
        )
        self.flags = flags
        self.detail: ReviewDetail | None = None
        self.tree_ref: Ref | None = None
        self._deleted_tree: Ref | None = None  # shown again when an undo brings it back
        self._tree_row = 0
        self._collapsed: set[int] = set()
        self.spans = FlagSpans(flags)

        self.trees = TreeTabs()
        self.tabs, self.new_button = self.trees.tabs, self.trees.new_button
        self.trees.chosen.connect(self.show_tree)
        self.tabs.tabBarDoubleClicked.connect(lambda _: self.edit_problem())
        self.new_button.clicked.connect(self.new_tree)
        self.trees.delete_button.clicked.connect(self.delete_tree)

        self.outline = WhyOutline(session, flags, self.spans)
        self.model = self.outline.model_
        self.outline.selectionModel().currentChanged.connect(self._current_changed)
        # A message about the last step ("Factor 2 made...") goes with the next step.
        session.stack.indexChanged.connect(lambda _index: self.say(""))
        self.outline.collapsed.connect(lambda i: self._collapsed.add(self._key(i)))
        self.outline.expanded.connect(lambda i: self._collapsed.discard(self._key(i)))
        session.route_undo_keys(self.outline)
        self.empty = StartArea(self._start_by_typing)
        self.start_button = QPushButton("Start a why tree")
        self.start_button.clicked.connect(self.new_tree)
        empty_text = QLabel(EMPTY)
        empty_text.setWordWrap(True)
        empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_column = QVBoxLayout(self.empty)
        empty_column.addStretch(1)
        empty_column.addWidget(empty_text)
        empty_column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_column.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.outline)
        self.prompt = ChangeablePrompt()
        self.prompt.closed.connect(self.outline.setFocus)
        self.reframe = QLabel()
        self.reframe.setWordWrap(True)
        self.reframe.setTextFormat(Qt.TextFormat.PlainText)
        # Colours by palette, not style sheet: a style sheet cuts a label off from the page's
        # projector-sized font.
        set_text_color(self.reframe, QColor(style.BLAME_LINE))
        self.reframe.hide()
        self.keys = style.hint(KEYS)
        self.keys.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.factor_menu = FactorMenu(self)
        self.editing = WhyEditing(self)

        self.drawn = DrawingPanel(self.spans)
        self.drawing, self.canvas, self.fit_box = (
            self.drawn.drawing,
            self.drawn.canvas,
            self.drawn.fit_box,
        )
        self.drawing.box_clicked.connect(self._box_clicked)
        flags.context_changed.connect(self._redraw)
        self.shortcuts = WhyShortcuts(
            self,
            self.outline,
            self.editing,
            self.factor_menu,
            show_factor_menu=self.show_factor_menu,
            new_tree=self.new_tree,
            step_tree=self.trees.step,
            toggle_fit=self.fit_box.toggle,
        )
        self._arrange()
        tab_order(
            self, self.empty, self.outline, self.tabs, self.new_button, self.trees.delete_button
        )

    def first_focus(self) -> QWidget | None:
        """The outline; before the first tree, the place where typing starts one."""
        return self.outline if self.model.tree is not None else self.empty

    def _start_by_typing(self, event: QKeyEvent) -> None:
        if not self.new_tree():
            return
        editor = self.outline.editor()
        if editor is not None:  # the key that started the tree is the problem's first
            key = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(editor, key)

    def _arrange(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack, 1)
        column.addWidget(self.reframe)
        column.addWidget(self.prompt)
        column.addWidget(self.message)
        self.splitter = OutlineSplitter(left, self.outline, self.drawn)
        self.body.addWidget(self.trees)
        self.body.addWidget(self.splitter, 1)
        self.body.addWidget(self.keys)

    # ---- showing --------------------------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        self.detail = detail
        trees = detail.trees
        tree = None
        back = self._deleted_tree
        if back is not None and any(t.id == back.id for t in trees):
            self.tree_ref, self._deleted_tree = back, None  # undo brought it back: show it
        if self.tree_ref is not None:
            tree = next((t for t in trees if t.id == self.tree_ref.id), None)
        if tree is None and trees:
            tree = trees[min(self._tree_row, len(trees) - 1)]
        self.tree_ref = self.session.refs.get("tree", tree.id) if tree is not None else None
        self._tree_row = trees.index(tree) if tree is not None else 0
        self.trees.set_trees(trees, self._tree_row if tree is not None else None)
        self._show_tree(tree)

    def _show_tree(self, tree: WhyTreeData | None) -> None:
        detail = self.detail
        current = self.outline.current_key()
        focus = QApplication.focusWidget()
        had_focus = focus is not None and (
            focus is self.outline or self.outline.isAncestorOf(focus)
        )
        factors, layers = (detail.factors, detail.layers) if detail else ([], [])
        if self.model.set_tree(tree, factors, layers):
            self.outline.expandAll()
            for key in list(self._collapsed):
                index = self.model.index_of(key)
                if index.isValid():
                    self.outline.collapse(index)
                else:
                    self._collapsed.discard(key)
            if current is None or not self.outline.select_key(current):
                self.outline.select_key(PROBLEM)
            if had_focus:  # the reset took the editor away: the keyboard stays in the outline
                self.outline.setFocus()
        self.stack.setCurrentWidget(self.outline if tree is not None else self.empty)
        self.trees.delete_button.setEnabled(tree is not None)
        self.drawn.setVisible(tree is not None)
        if self.prompt.key is not None:
            node = self.model.node(self.prompt.key)
            if node is None or self.model.answers(node.id):
                self.prompt.forget(self.prompt.key)
        self._redraw()
        self._show_current()

    def _redraw(self) -> None:
        tree = self.model.tree
        info = {}
        if tree is not None:
            for key in [PROBLEM, *(n.id for n in tree.nodes)]:
                status, _ = self.model.status(key)
                factors = tuple(self.model.factors_of(key))
                info[key] = BoxInfo(self.model.text(key), self.model.place(key), status, factors)
        self.drawing.set_tree(tree, info)
        self.canvas.refit()
        self.canvas.show_key(self.outline.current_key())

    def _show_current(self) -> None:
        """Under the outline: the questions the current why's flags ask."""
        key = self.outline.current_key()
        text = self.model.text(key) if key is not None else ""
        spans = self.spans(self.model.place(key), text) if key is not None and text else []
        questions = list(dict.fromkeys(s.finding.question for s in spans))
        self.reframe.setText("\n".join(f"\u2691 Ask instead: {q}" for q in questions))
        self.reframe.setVisible(bool(questions))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.say("")  # a message was about the why the user has left
        self.canvas.show_key(self._key(current) if current.isValid() else None)
        self._show_current()

    def _key(self, index: QModelIndex) -> int:
        return int(index.internalId())

    def locked(self) -> bool:
        """True for a signed-off review: it is read, not changed (the service refuses)."""
        if self.detail is None or self.detail.status != "final":
            return False
        self.say(LOCKED, problem=True)
        return True

    def say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        set_text_color(self.message, style.problem_color(self.palette()) if problem else None)
        self.message.setVisible(bool(text))

    # ---- trees ----------------------------------------------------------------------------
    def new_tree(self) -> bool:
        if self.locked():
            return False
        self.session.flush()
        s = self.session
        command = AddTree(s.service, s.refs, s.review_id)
        if not s.execute(command):
            return False
        self.tree_ref, self._deleted_tree = command.ref, None
        s.reload()
        self.edit_problem()
        return True

    def edit_problem(self) -> QPlainTextEdit | None:
        if self.model.tree is None or self.locked():
            return None
        self.outline.setFocus()
        return self.outline.edit_key(PROBLEM)

    def delete_tree(self) -> bool:
        if self.locked():
            return False
        if self.tree_ref is None:
            return False
        self.session.flush()
        s = self.session
        ref = self.tree_ref
        if not s.execute(DeleteTree(s.service, s.refs, s.review_id, ref)):
            return False
        self._deleted_tree = ref
        self.say("Tree deleted. Undo (Ctrl+Z) brings it back with its whys.")
        return True

    def show_tree(self, row: int) -> None:
        if self.detail is None or not 0 <= row < len(self.detail.trees):
            return
        self.session.flush()
        self._tree_row = row
        tree = self.detail.trees[row]
        self.tree_ref = self.session.refs.get("tree", tree.id)
        self.load(self.detail)

    # ---- factors --------------------------------------------------------------------------
    def show_factor_menu(self) -> None:
        if self.locked():
            return
        self.editing.finish_editing()
        key = self.outline.current_key()
        if key is None or self.model.node(key) is None:
            self.say("Choose a why first: a factor is made from an answer.")
            return
        index = self.model.index_of(key)
        rect = self.outline.visualRect(index)
        menu = self.factor_menu.build(key)
        menu.popup(self.outline.viewport().mapToGlobal(rect.bottomLeft()))
        self.factor_menu_shown.emit(menu)

    # ---- the mouse ------------------------------------------------------------------------
    def _box_clicked(self, key: int) -> None:
        self.editing.finish_editing()
        self.editing.focus(key)

    # ---- the Language panel ---------------------------------------------------------------
    def live_texts(self) -> dict[str, str]:
        editor, key = self.outline.editor(), self.outline.delegate.editing_key()
        if editor is None or key is None or key == PENDING:
            return {}
        return {self.model.place(key): editor.toPlainText()}

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        kind, _, row = place.partition(":")
        if kind not in ("why", "tree") or not row.isdigit() or self.detail is None:
            return False
        number = int(row)
        for n, tree in enumerate(self.detail.trees):
            if (kind == "tree" and tree.id == number) or any(x.id == number for x in tree.nodes):
                self.tabs.setCurrentIndex(n)
                self.outline.setFocus()
                editor = self.outline.edit_key(PROBLEM if kind == "tree" else number)
                return editor is not None and select_span(editor, start, end, snippet)
        return False
