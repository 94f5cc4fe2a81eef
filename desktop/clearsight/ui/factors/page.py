"""Contributing factors: the defense layers, the factors as holes in them, drawn and listed.

The diagram and the list show the same factors: clicking a hole selects its factor in the
list, selecting a factor rings its hole. The entry line adds a factor to the chosen layer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMenu, QPlainTextEdit, QVBoxLayout, QWidget

from clearsight.drawing.swiss_layout import NO_LAYER
from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.factors.commands import (
    ACTION,
    FACTOR,
    LAYER,
    WHY,
    AddFactor,
    DeleteFactors,
    LinkAction,
    LinkWhy,
    MoveFactor,
    SetFactor,
)
from clearsight.ui.factors.diagram import SwissDiagram
from clearsight.ui.factors.entry import FactorEntry
from clearsight.ui.factors.layers import LayersBar
from clearsight.ui.factors.menu import factor_menu
from clearsight.ui.factors.model import COL_RISK, COL_TEXT, ID_ROLE
from clearsight.ui.factors.room import RoomSplitter
from clearsight.ui.factors.seen_before import SeenBefore
from clearsight.ui.factors.table import FactorTable
from clearsight.ui.flags.highlighter import select_span
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page, keeping_focus, tab_order, tab_stop_when_filled

LEGEND = (
    '<span style="color:{open}"><b>Red ring, \u201copen\u201d</b></span>: no action '
    "closes the hole and no one accepted it as a risk. Dashed: accepted risk. The arrow is "
    "the incident, passing through the holes that lined up. Click a hole to find its factor."
)


class FactorsPage(Page):
    key = "factors"

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__(
            session,
            "Contributing factors",
            "Each defense is a slice, each factor a hole in it. Name a property of the "
            "system, specific enough to act on. Enter adds a factor to the layer beside the "
            "line; F2 edits, Del removes, right-click links whys and actions.",
        )
        self.flags = flags
        self.detail: ReviewDetail | None = None
        self.layers = LayersBar(session)
        self.layers.layer_chosen.connect(self._layer_chosen)
        self.layers.refused.connect(self._refused)
        self.layers.told.connect(self._tell)

        self.diagram = SwissDiagram()
        self.diagram.hole_clicked.connect(self._hole_clicked)
        self.diagram.hole_activated.connect(lambda fid: self.edit_factor(fid, COL_TEXT))
        self.diagram.slice_clicked.connect(self._slice_clicked)
        self.legend = legend = style.hint(LEGEND.format(open=style.problem_color().name()))
        legend.setTextFormat(Qt.TextFormat.RichText)

        self.table = FactorTable(session, flags)
        self.model, self.proxy = self.table.factors, self.table.proxy
        self.delegate = self.table.delegate
        self.model.edit_requested.connect(self.set_factor)
        self.model.edit_refused.connect(self._refused)
        self.model.accept_requested.connect(self.ask_reason)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.edit_action, self.delete_action, *_ = self._build_actions()
        tab_stop_when_filled(self.table)

        self.new_factor = FactorEntry(session.route_undo_keys)
        self.entry, self.target = self.new_factor.entry, self.new_factor.target
        self.entry.returnPressed.connect(self.add_from_entry)
        self.entry.textEdited.connect(lambda _: self.message.clear())
        self.new_factor.layer_chosen.connect(self.layers.choose)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.seen_before = SeenBefore(session)
        self.seen_before.open_factor.connect(self._open_earlier)

        listing = QWidget()
        list_column = QVBoxLayout(listing)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(self.table, 1)
        list_column.addWidget(self.new_factor)
        list_column.addWidget(self.message)
        list_column.addWidget(self.seen_before)
        self.splitter = RoomSplitter(self.diagram, legend, listing, self.table.em)
        self.body.addWidget(self.layers)
        self.body.addWidget(self.splitter, 1)
        # The entry line first, where a factor is typed, and the layer it goes in; then the
        # factors, the layers and the drawing.
        tab_order(
            self,
            self.entry,
            self.target,
            self.table,
            self.layers.list,
            self.layers.entry,
            self.splitter.scroll,
        )

    def first_focus(self) -> QWidget | None:
        return self.entry

    def _build_actions(self) -> list[QAction]:
        keys: list[tuple[str, Any, Any]] = [
            ("Edit", QKeySequence("F2"), self.edit_current),
            ("Delete factor", QKeySequence.StandardKey.Delete, self.delete_selected),
            ("Move up", QKeySequence("Alt+Up"), lambda: self.move_selected(-1)),
            ("Move down", QKeySequence("Alt+Down"), lambda: self.move_selected(1)),
        ]
        made = []
        for text, key, slot in keys:
            action = QAction(text, self.table)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
            made.append(action)
        return made

    # ---- showing --------------------------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        self.detail = detail
        with keeping_focus(self.table):  # an edited cell is saved, and reloads
            self.table.set_review(detail)
        self.diagram.set_review(detail.layers, detail.factors)
        self.layers.load(detail.layers)
        self.new_factor.set_layers(self.model.layers, self.layers.current_id())
        self._selection_changed()
        self.splitter.share_later()  # more holes may want more room

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.splitter.share_later()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.splitter.share_later()

    # ---- selection ------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def select_factor(self, factor_id: int) -> bool:
        return self.table.select_factor(factor_id)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.diagram.select(ids[0] if len(ids) == 1 else None, self.layers.current_id())
        self.seen_before.show_for(ids[0] if len(ids) == 1 else None)

    def _open_earlier(self, review_id: int, factor_id: int) -> None:
        """The link to an earlier review's factor: open that review at it (the window's
        search knows the way to any review's row)."""
        search = getattr(getattr(self.window(), "extras", None), "search", None)
        if search is not None:
            search.open_at(review_id, "factor", factor_id)

    def _hole_clicked(self, factor_id: int) -> None:
        if self.select_factor(factor_id):
            self.table.setFocus()

    def _slice_clicked(self, layer_id: int) -> None:
        if layer_id == NO_LAYER:
            self.new_factor.choose_no_layer()
        else:
            self.layers.choose(layer_id)

    def _layer_chosen(self, layer_id: int | None) -> None:
        self.new_factor.show_layer(layer_id)
        ids = self.selected_ids()
        self.diagram.select(ids[0] if len(ids) == 1 else None, layer_id)

    # ---- editing --------------------------------------------------------------------------
    def add_from_entry(self) -> bool:
        text = " ".join(self.entry.text().split())
        if not text or self.detail is None:
            return False
        s = self.session
        layer_id = self.new_factor.layer_id()
        layer = s.refs.get(LAYER, layer_id) if layer_id is not None else None
        command = AddFactor(s.service, s.refs, s.review_id, text, layer)
        if not s.execute(command):
            return False
        self.entry.clear()
        self.message.clear()
        assert command.ref is not None
        self.select_factor(command.ref.id)
        self.entry.setFocus()
        return True

    def _label(self, factor_id: int, changes: dict[str, Any]) -> str:
        n = f"F{self.model.number(factor_id)}"
        if "text" in changes:
            return f"Edit {n}"
        if "layer_id" in changes:
            return f"Move {n} to {self.model.layer_name(changes['layer_id'])}"
        if changes.get("accepted_risk") is True:
            return f"Accept {n} as a risk"
        if changes.get("accepted_risk") is False:
            return f"Take back the accepted risk of {n}"
        return f"Edit the accepted-risk reason of {n}"

    def set_factor(self, factor_id: int, changes: dict[str, Any]) -> bool:
        s = self.session
        label = self._label(factor_id, changes)
        if changes.get("layer_id") is not None:
            changes = {**changes, "layer_id": s.refs.get(LAYER, changes["layer_id"])}
        ref = s.refs.get(FACTOR, factor_id)
        if not s.execute(SetFactor(s.service, s.refs, ref, changes, label)):
            return False
        self.select_factor(ref.id)
        return True

    def accept_risk(self, factor_id: int, reason: str) -> bool:
        """Accept the factor as a risk; the service refuses an empty reason."""
        return self.set_factor(factor_id, {"accepted_risk": True, "accepted_reason": reason})

    def ask_reason(self, factor_id: int) -> Any:
        from clearsight.ui.factors.risk import AcceptRiskDialog

        factor = self.model.factor(factor_id)
        if factor is None:
            return None
        number = self.model.number(factor_id)
        dialog = AcceptRiskDialog(self.session, self.flags, factor, number, self)
        dialog.accepted.connect(lambda: self.accept_risk(factor_id, dialog.text()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_current(self) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        factor_id = int(index.data(ID_ROLE))
        column = index.column() if index.flags() & Qt.ItemFlag.ItemIsEditable else COL_TEXT
        return self.edit_factor(factor_id, column) is not None

    def edit_factor(self, factor_id: int, column: int) -> QWidget | None:
        """Open the editor of one cell of the factor; returns it."""
        index = self.table.index_of(factor_id, column)
        if not index.isValid():
            return None
        self.select_factor(factor_id)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return self.table.indexWidget(index) or self.table.focusWidget()

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        s = self.session
        # In list order, so that undo puts each back where it was (see DeleteFactors).
        ids.sort(key=lambda i: self.model.number(i))
        refs = [s.refs.get(FACTOR, i) for i in ids]
        return s.execute(DeleteFactors(s.service, s.refs, s.review_id, refs))

    def move_selected(self, step: int) -> bool:
        ids = self.selected_ids()
        if len(ids) != 1:
            return False
        order = self.table.sorted_by_number()
        if order is None:
            self._refused("Sort the list by # to change the factors' order.")
            return False
        if order == Qt.SortOrder.DescendingOrder:
            step = -step
        row = self.model.number(ids[0]) - 1
        to = row + step
        if not 0 <= to < len(self.model.factors):
            return False
        ref = self.session.refs.get(FACTOR, ids[0])
        if not self.session.execute(MoveFactor(self.session.service, ref, to)):
            return False
        self.select_factor(ref.id)
        return True

    def link_why(self, factor_id: int, node_id: int, link: bool) -> bool:
        s = self.session
        n = f"F{self.model.number(factor_id)}"
        label = f"Link {n} to a why" if link else f"Unlink {n} from a why"
        factor, node = s.refs.get(FACTOR, factor_id), s.refs.get(WHY, node_id)
        return s.execute(LinkWhy(s.service, factor, node, link, label))

    def link_action(self, factor_id: int, action_id: int, link: bool) -> bool:
        s = self.session
        n = f"F{self.model.number(factor_id)}"
        label = f"Close {n} by an action" if link else f"Unlink an action from {n}"
        factor, action = s.refs.get(FACTOR, factor_id), s.refs.get(ACTION, action_id)
        return s.execute(LinkAction(s.service, factor, action, link, label))

    def _tell(self, message: str) -> None:
        self.message.setText(message)
        self.message.setStyleSheet("")

    def _refused(self, message: str) -> None:
        self.message.setText(message)
        self.message.setStyleSheet(f"color: {style.problem_color(self.palette()).name()};")

    # ---- the context menu -----------------------------------------------------------------
    def menu_for(self, factor_id: int) -> QMenu:
        """Edit, layer, links to whys and actions, accepted risk and delete for one factor."""
        return factor_menu(self, factor_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            index = self.table.currentIndex()
            if not index.isValid():
                return
            pos = self.table.visualRect(index).center()
        factor_id = int(index.data(ID_ROLE))
        if factor_id not in self.selected_ids():
            self.select_factor(factor_id)
        menu = self.menu_for(factor_id)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ---- the Language panel ---------------------------------------------------------------
    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        kind, _, row = place.partition(":")
        if kind not in ("factor", "risk") or not row.isdigit():
            return False
        if kind == "risk" and self.table.isColumnHidden(COL_RISK):  # a narrow page
            self.select_factor(int(row))
            dialog = self.ask_reason(int(row))
            return dialog is not None and select_span(dialog.reason, start, end, snippet)
        editor = self.edit_factor(int(row), COL_TEXT if kind == "factor" else COL_RISK)
        return isinstance(editor, QPlainTextEdit) and select_span(editor, start, end, snippet)
