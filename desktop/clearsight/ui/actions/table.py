"""The action items table as a view (columns, dragging, wrapped rows, the narrow layout) and
the lines about it: the counts over it, and the selected item's notes under it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from clearsight.ui import style
from clearsight.ui.actions.model import (
    COL_CATEGORY,
    COL_DUE,
    COL_FACTORS,
    COL_LABEL,
    COL_OWNER,
    COL_STATUS,
    COL_TICKET,
    COL_VERIFY,
    COL_WHAT,
    WARNING_COLOR,
    ActionRow,
    ActionsModel,
)
from clearsight.ui.editing.lazy_rows import LazyRowHeights, fit_to_texts

# In a narrow table these columns give their room to the what; their values move to the line
# over it (see text.py and the model's META_ROLE).
COMPACT_HIDES = (COL_CATEGORY, COL_TICKET, COL_FACTORS)
FITTED = (COL_LABEL, COL_CATEGORY, COL_OWNER, COL_DUE, COL_TICKET, COL_FACTORS)
SEPARATOR = "&nbsp;&nbsp;\u00b7&nbsp;&nbsp;"


class ActionsTable(LazyRowHeights):
    def __init__(self, model: ActionsModel, status_width: int) -> None:
        super().__init__()
        self.setModel(model)
        self.start_lazy_rows()
        self.setAccessibleName("Action items")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        # Dragging an item orders the list (the model asks the page to move it).
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col in FITTED:  # fit_columns() sizes them to their texts
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_STATUS, status_width)
        self.setColumnHidden(COL_VERIFY, True)  # shown under the what (see text.py)
        self.setWordWrap(True)

    def fit_columns(self) -> None:
        fit_to_texts(self, FITTED)

    def set_compact(self, compact: bool) -> None:
        if compact != self.isColumnHidden(COMPACT_HIDES[0]):
            for col in COMPACT_HIDES:
                self.setColumnHidden(col, compact)
            self.fit_columns()
            self.forget_row_heights()


def counts_html(rows: list[ActionRow]) -> str:
    """'6 items · 1 incomplete (…) · 2 to check' over the table."""
    live = [r for r in rows if r.action.status != "dropped"]
    parts = [f"<b>{len(live)}</b> item{'s' if len(live) != 1 else ''}"]
    if len(rows) > len(live):
        parts.append(f"{len(rows) - len(live)} dropped")
    incomplete = sum(1 for r in rows if r.incomplete)
    if incomplete:
        parts.append(
            f"<b style='color:{style.problem_color().name()}'>{incomplete} incomplete</b> "
            "(no owner, no date or no what)"
        )
    warned = sum(1 for r in live if r.flags and not r.incomplete)
    if warned:
        parts.append(f"<span style='color:{WARNING_COLOR}'>{warned} to check</span>")
    return SEPARATOR.join(parts)


def notes_html(row: ActionRow) -> str:
    """What to fix on the selected item, under the table where the room can read it."""
    if not row.flags:
        return ""
    parts = [
        f"<span style='color:{style.problem_color().name() if f.blocking else WARNING_COLOR}'>"
        f"{html.escape(f.message)}</span>"
        for f in row.flags
    ]
    return f"<b>{row.label}</b>&nbsp;&nbsp;" + SEPARATOR.join(parts)
