"""Action items: commitments with one named owner, a due date and a ticket, in order of
prevention value, each saying which factor it closes, so that nothing falls through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QPoint, QStringListModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.review.action_rows import action_rows
from clearsight.review.actions import (
    DEFAULT_WINDOWS,
    Windows,
    due_window,
    review_start,
)
from clearsight.review.data import PersonData, ReviewDetail
from clearsight.ui import style
from clearsight.ui.actions.commands import (
    AddAction,
    DeleteAction,
    MoveAction,
    SetAction,
)
from clearsight.ui.actions.counts import CountsBar
from clearsight.ui.actions.dates import DueMixin
from clearsight.ui.actions.delegates import ActionsDelegate
from clearsight.ui.actions.entry import NewItemLine
from clearsight.ui.actions.factor_links import PANEL_WIDTH, OpenFactorsPanel
from clearsight.ui.actions.fields import FieldsMixin
from clearsight.ui.actions.menu import add_table_actions, item_menu
from clearsight.ui.actions.model import COL_OWNER, COL_WHAT, ActionRow, ActionsModel
from clearsight.ui.actions.owner import OwnerMixin
from clearsight.ui.actions.prompt import Prompt
from clearsight.ui.actions.table import ActionsTable, notes_html
from clearsight.ui.actions.text import ItemTextEditor
from clearsight.ui.editing.commands import Ref
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.highlighter import select_span
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page, keeping_focus, tab_order

SIDE_BY_SIDE = 1250  # page width (px) from which the open factors sit beside the table
WIDE_TABLE = 1000  # table width (px) from which every column has room of its own


class ActionsPage(OwnerMixin, DueMixin, FieldsMixin, Page):
    key = "actions"

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__(
            session,
            "Action items",
            "Commitments, not wishes: one named person, a due date and a ticket per item, and "
            "the factor it closes. Enter adds an item; F2 or a double-click edits a cell.",
        )
        self.flags = flags
        self.detail: ReviewDetail | None = None
        self.people: list[PersonData] = []
        self.windows: Windows = dict(DEFAULT_WINDOWS)
        self.today: Callable[[], date] = date.today
        self._fresh: list[Ref] = []  # items added in this sitting: their date is still a draft

        self.people_model = QStringListModel(self)
        self.model = ActionsModel(self)
        self.model.edit_requested.connect(self._edit)
        self.model.move_requested.connect(self.move_to, Qt.ConnectionType.QueuedConnection)
        self.table = ActionsTable(
            self.model, self.fontMetrics().horizontalAdvance("In progress") + 30
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_notes())
        session.route_undo_keys(self.table)
        self.table_actions = add_table_actions(
            self.table,
            {
                "up": lambda: self.move_selected(-1),
                "down": lambda: self.move_selected(1),
                "done": lambda: self._status_of_selected("done"),
                "drop": lambda: self._status_of_selected("dropped"),
                "delete": self.delete_selected,
                "ticket": self.ask_ticket,
                "factors": self.ask_factors,
            },
        )
        self.delegate = ActionsDelegate(
            session, flags, self.table, self.people_model, self.owner_entered, self.factor_choices
        )
        self.table.setItemDelegate(self.delegate)
        self.prompt = Prompt(session.route_undo_keys)
        self.prompt.closed.connect(self._prompt_closed)
        self.model.edit_refused.connect(self.prompt.tell)

        self.counts_bar = CountsBar()
        self.counts_bar.windows_button.clicked.connect(self.edit_windows)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.open_factors = OpenFactorsPanel()
        self.open_factors.create_requested.connect(self.create_for_factor)

        self.new_item = NewItemLine()
        self.entry = self.new_item.entry
        self.new_item.add_requested.connect(self.add_from_entry)
        session.route_undo_keys(self.entry)

        # The open factors sit beside the table when the page is wide, under it when not.
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.setSpacing(style.SPACING)
        self.middle.addWidget(self.table, 1)
        self.middle.addWidget(self.open_factors)
        self.body.addWidget(self.counts_bar)
        self.body.addLayout(self.middle, 1)
        self.body.addWidget(self.notes)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.new_item)
        # A style sheet cuts a widget off from its parent's font.
        for widget in (self.counts_bar.too_many, self.prompt, self.open_factors):
            widget.setFont(self.font())
        # The entry line first, where an item is typed; then the items it adds to. Tab leaves
        # the table (the arrows go from cell to cell), so it is no trap.
        self.table.setTabKeyNavigation(False)
        tab_order(self, self.entry, self.new_item.add_button, self.new_item.for_factor, self.table)

    def first_focus(self) -> QWidget | None:
        return self.entry

    # ---- showing ----------------------------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        self.detail = detail
        try:
            self.windows = self.session.service.settings.get(prefs.DUE_WINDOWS)
            self.people = self.session.service.people.list_people()
        except UserError as err:
            self.session.report("actions", err, self.session.reload, unsaved=False)
        else:
            self.session.resolve("actions")
        self.people_model.setStringList([p.label for p in self.people])
        current = self.table.currentIndex()
        keep = None
        if current.isValid():
            keep = (self.model.rows[current.row()].action.id, current.column())
        with keeping_focus(self.table):  # Enter in a cell's editor saves, and reloads
            self.model.set_rows(action_rows(detail, self.today(), self.windows))
            if keep is not None:
                self.select_action(keep[0], keep[1])
        self.table.fit_columns()
        self._show_counts()
        self._show_notes()
        self.open_factors.set_factors(detail)
        self._arrange()
        factor = self.new_item.factor_id
        if factor is not None and factor not in {f.id for f in detail.factors}:
            self.set_for_factor(None)
        self.new_item.set_due(self.default_due().isoformat())

    def default_due(self) -> date:
        assert self.detail is not None
        meeting = self.detail.meeting_at.date() if self.detail.meeting_at else None
        start = review_start(meeting, self.today())
        return due_window(self.detail.severity, start, self.windows)

    def incomplete_count(self) -> int:
        return sum(1 for r in self.model.rows if r.incomplete)

    def _show_counts(self) -> None:
        self.counts_bar.show_rows(self.model.rows)
        if self.detail is not None:
            window = self.windows.get(self.detail.severity, DEFAULT_WINDOWS["SEV-4"])
            self.counts_bar.show_window(self.detail.severity, self.default_due(), window)

    def _show_notes(self) -> None:
        row = self._current_row()
        self.notes.setText(notes_html(row) if row is not None else "")
        self.notes.setVisible(bool(self.notes.text()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Fit the page's width: the open factors beside the table or under it, and in a
        narrow table the short columns' values in the line over each item's what."""
        inner = self.width() - 2 * style.MARGIN
        beside = inner >= SIDE_BY_SIDE
        self.middle.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        # Under the table, the open factors take up to a third of the page's height.
        self.open_factors.set_beside(beside, self.height() // 3)
        table = inner - (
            PANEL_WIDTH + style.SPACING if beside and self.open_factors.isVisibleTo(self) else 0
        )
        self.table.set_compact(table < WIDE_TABLE)

    # ---- selection ----------------------------------------------------------------------------
    def _current_row(self) -> ActionRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def select_action(self, action_id: int, column: int = COL_WHAT) -> bool:
        row = self.model.row_of(action_id)
        if row is None:
            return False
        index = self.model.index(row, column)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _row(self, action_id: int) -> ActionRow | None:
        row = self.model.row_of(action_id)
        return self.model.rows[row] if row is not None else None

    def _ref(self, action_id: int) -> Ref:
        return self.session.refs.get("action", action_id)

    # ---- adding, ordering, deleting --------------------------------------------------------
    def add_from_entry(self) -> bool:
        return self.add(self.entry.text())

    def add(self, what: str) -> bool:
        text = " ".join(what.split())
        if self.detail is None or not text:
            return False
        factor = self.new_item.factor_id
        factors = [] if factor is None else [self.session.refs.get("factor", factor)]
        command = AddAction(
            self.session.service,
            self.session.refs,
            self.detail.id,
            text,
            {"due": self.default_due(), "category": "prevention"},
            factors,
        )
        if not self.session.execute(command):
            return False
        assert command.ref is not None
        self._fresh.append(command.ref)
        self.entry.clear()
        self.set_for_factor(None)
        self.select_action(command.ref.id, COL_OWNER)
        return True

    def create_for_factor(self, factor_id: int) -> None:
        """The next item added closes this factor: the entry line says so and has the focus."""
        self.set_for_factor(factor_id)
        self.entry.setFocus()

    def set_for_factor(self, factor_id: int | None) -> None:
        label = self.open_factors.label_of(factor_id) if factor_id is not None else None
        self.new_item.set_factor(factor_id, label)

    def move_selected(self, delta: int) -> bool:
        row = self._current_row()
        if row is None:
            return False
        return self.move_to(row.action.id, row.action.position + delta)

    def move_to(self, action_id: int, position: int) -> bool:
        row = self._row(action_id)
        if row is None or not 0 <= position < len(self.model.rows):
            return False
        if position == self.model.row_of(action_id):
            return False
        column = self.table.currentIndex().column()
        command = MoveAction(
            self.session.service, self._ref(action_id), position, f"Move {row.label}"
        )
        if not self.session.execute(command):
            return False
        self.select_action(action_id, column if column >= 0 else COL_WHAT)
        return True

    def delete_selected(self) -> bool:
        row = self._current_row()
        if row is None:
            return False
        command = DeleteAction(
            self.session.service, self.session.refs, self._ref(row.action.id), row.label
        )
        return self.session.execute(command)

    # ---- editing cells ------------------------------------------------------------------------
    def _edit(self, action_id: int, field: str, value: Any) -> None:
        row = self._row(action_id)
        if row is None:
            return
        self.prompt.close_prompt()
        if field == "owner":
            self.owner_entered(action_id, str(value))
        elif field == "due":
            self.due_entered(action_id, str(value))
        elif field == "status":
            self.status_chosen(action_id, str(value))
        elif field == "factors":
            self.set_factors(action_id, [int(v) for v in value])
        elif field == "texts":
            self._set(action_id, dict(value), f"Edit {row.label}")
        else:
            verbs = {"category": "Set category of", "ticket": "Set ticket of"}
            self._set(action_id, {field: value}, f"{verbs.get(field, 'Edit')} {row.label}")

    def _set(self, action_id: int, changes: dict[str, Any], label: str, reason: str = "") -> bool:
        command = SetAction(self.session.service, self._ref(action_id), changes, label, reason)
        return self.session.execute(command)

    # ---- language flags -------------------------------------------------------------------------
    def live_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for row in self.model.rows:
            texts[f"action:{row.action.id}"] = row.action.what
            if row.action.verification:
                texts[f"verify:{row.action.id}"] = row.action.verification
        return texts

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        kind, _, number = place.partition(":")
        if kind not in ("action", "verify") or not number.isdigit():
            return False
        if not self.select_action(int(number), COL_WHAT):
            return False
        self.table.edit(self.table.currentIndex())
        editor = self.delegate.open_editor()
        if not isinstance(editor, ItemTextEditor):
            return False
        box = editor.what if kind == "action" else editor.verify
        return select_span(box, start, end, snippet)

    # ---- the menu -----------------------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        row = self._current_row()
        if row is None:
            return
        menu = item_menu(
            self,
            row,
            self.table_actions,
            lambda k: self._set(row.action.id, {"category": k}, f"Set category of {row.label}"),
        )
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _prompt_closed(self, had_focus: bool) -> None:
        if had_focus and self.isVisible():
            self.table.setFocus()
