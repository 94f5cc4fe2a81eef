"""The action items table: rows worked out from the review (``action_rows``), and a thin model
that shows them and turns edits into requests for the page.

What makes an item a commitment is decided in clearsight.review.actions; here the rules'
flags become colours, tooltips and an "incomplete" mark.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from clearsight.review.action_rows import (
    CATEGORY_LABELS,
    INCOMPLETE,
    ActionRow,
    status_text,
)
from clearsight.review.actions import is_incomplete
from clearsight.review.data import ActionData
from clearsight.ui import style
from clearsight.ui.editing.table_model import HeaderTableModel

(
    COL_LABEL,
    COL_WHAT,
    COL_CATEGORY,
    COL_OWNER,
    COL_DUE,
    COL_TICKET,
    COL_VERIFY,
    COL_FACTORS,
    COL_STATUS,
) = range(9)
HEADERS = (
    "",
    "What will be done \u00b7 how we will know",
    "Category",
    "Owner",
    "Due",
    "Ticket",
    "How we will know",
    "Closes",
    "Status",
)
# The item's field each column shows (the rules' Flag.field names, where there is one).
FIELDS = {
    COL_WHAT: "what",
    COL_CATEGORY: "category",
    COL_OWNER: "owner",
    COL_DUE: "due",
    COL_TICKET: "ticket",
    COL_VERIFY: "verification",
    COL_FACTORS: "factors",
    COL_STATUS: "status",
}
ID_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # "incomplete", "warning", "ok" or "closed"
# The line over an item's what: [(the column it stands for, or None; text; "blocking",
# "warning" or "quiet")]. The view shows a part when its column is hidden (a narrow window).
META_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-clearsight-action"
WARNING_COLOR = style.CAUTION_LINE

Index = QModelIndex | QPersistentModelIndex


class ActionsModel(HeaderTableModel):
    headers = HEADERS

    # (action id, field, value): the page turns an edit into an undo command, or a question.
    edit_requested = Signal(int, str, object)
    edit_refused = Signal(str)
    # (action id, new position): dropped after a drag; the page moves the item.
    move_requested = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ActionRow] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    def set_rows(self, rows: list[ActionRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, action_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.action.id == action_id), None)

    def row_count(self) -> int:
        return len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled  # between rows
        base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() != COL_LABEL:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # ---- showing ----------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row.action, col)
        if role == ID_ROLE:
            return row.action.id
        if role == STATE_ROLE:
            return row.state
        if role == META_ROLE:
            return self._meta(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            found = row.flags_for(FIELDS.get(col, ""))
            if found:
                fill = style.BLAME_FILL if is_incomplete(found) else style.CAUTION_FILL
                return QBrush(QColor(*fill))
            return None
        if role == Qt.ItemDataRole.FontRole:
            if row.action.status == "dropped" and col == COL_WHAT:
                return self._struck
            if col == COL_LABEL or (col == COL_OWNER and row.action.owner is None):
                return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    @staticmethod
    def _display(row: ActionRow, col: int) -> str:
        a = row.action
        if col == COL_LABEL:
            return row.label
        if col == COL_WHAT:
            return a.what
        if col == COL_CATEGORY:
            return CATEGORY_LABELS.get(a.category, a.category)
        if col == COL_OWNER:
            return a.owner.name if a.owner else "who?"
        if col == COL_DUE:
            return a.due.isoformat() if a.due else "when?"
        if col == COL_TICKET:
            return a.ticket
        if col == COL_VERIFY:
            return a.verification
        if col == COL_FACTORS:
            return ", ".join(label for label, _ in row.factors)
        return status_text(a)

    @staticmethod
    def _meta(row: ActionRow) -> list[tuple[int | None, str, str]]:
        a = row.action
        parts: list[tuple[int | None, str, str]] = []
        if row.incomplete:
            parts.append((None, INCOMPLETE.capitalize(), "blocking"))
        parts.append((COL_CATEGORY, CATEGORY_LABELS.get(a.category, a.category), "quiet"))
        warned = "warning" if row.flags_for("ticket") else "quiet"
        parts.append((COL_TICKET, a.ticket or "no ticket", warned))
        closes = ", ".join(label for label, _ in row.factors)
        parts.append((COL_FACTORS, f"closes {closes}" if closes else "closes no factor", "quiet"))
        return parts

    @staticmethod
    def _edit_value(a: ActionData, col: int) -> Any:
        if col == COL_WHAT:
            return a.what
        if col == COL_CATEGORY:
            return a.category
        if col == COL_OWNER:
            return a.owner.label if a.owner else ""
        if col == COL_DUE:
            return a.due.isoformat() if a.due else ""
        if col == COL_TICKET:
            return a.ticket
        if col == COL_VERIFY:
            return a.verification
        if col == COL_FACTORS:
            return list(a.factor_ids)
        if col == COL_STATUS:
            return a.status
        return None

    @staticmethod
    def _tooltip(row: ActionRow, col: int) -> str | None:
        if col == COL_LABEL:
            notes = [f.message for f in row.flags]
            return "\n".join(notes) if notes else f"{row.label}: nothing to fix"
        lines = [f.message for f in row.flags_for(FIELDS.get(col, ""))]
        a = row.action
        if col == COL_OWNER and a.owner is not None:
            lines.insert(0, a.owner.label + (f" <{a.owner.email}>" if a.owner.email else ""))
        if col == COL_FACTORS:
            lines = [f"{label}: {text}" for label, text in row.factors] or [
                "Which factors does this item close? (double-click or F2)"
            ]
        if col == COL_STATUS and (a.evidence or a.status_reason):
            lines.append(status_text(a))
        if col == COL_WHAT:
            lines[:0] = [a.what] + ([f"Done when: {a.verification}"] if a.verification else [])
            lines += [f.message for f in row.flags_for("verification")]
        if col == COL_VERIFY and a.verification:
            lines.insert(0, a.verification)
        return "\n".join(lines) or None

    @staticmethod
    def _foreground(row: ActionRow, col: int) -> QBrush | None:
        a = row.action
        if col == COL_LABEL and row.incomplete:
            return QBrush(style.problem_color())
        missing = (col == COL_OWNER and a.owner is None) or (col == COL_DUE and a.due is None)
        if missing and a.status != "dropped":
            return QBrush(style.problem_color())
        return None

    # ---- editing ----------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = index.column()
        if col not in FIELDS or index.row() >= len(self.rows):
            return False
        a = self.rows[index.row()].action
        if col == COL_FACTORS:
            chosen = sorted({int(v) for v in value})
            if chosen != sorted(a.factor_ids):
                self.edit_requested.emit(a.id, "factors", chosen)
            return True
        if isinstance(value, dict):  # the item's two texts, edited together
            return self._set_texts(a, value)
        text = " ".join(str(value).split()) if col != COL_OWNER else str(value).strip()
        if col == COL_WHAT and not text:
            self.edit_refused.emit("An action item needs a what: say what will be done.")
            return False
        if text != str(self._edit_value(a, col)):
            self.edit_requested.emit(a.id, FIELDS[col], text)
        return True

    def _set_texts(self, a: ActionData, texts: dict[str, Any]) -> bool:
        clean = {k: " ".join(str(v).split()) for k, v in texts.items()}
        if "what" in clean and not clean["what"]:
            self.edit_refused.emit("An action item needs a what: say what will be done.")
            return False
        old = {"what": a.what, "verification": a.verification}
        changed = {k: v for k, v in clean.items() if k in old and v != old[k]}
        if changed:
            self.edit_requested.emit(a.id, "texts", changed)
        return True

    # ---- dragging to order by prevention value -----------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME_TYPE, QByteArray(str(self.rows[rows[0]].action.id).encode()))
        return data

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Asks the page to move the dragged item; the view's own row moving is not used
        (removeRows stays the base class's no-op), since the stored order is what counts."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            action_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return False
        source = self.row_of(action_id)
        if source is None:
            return False
        if row < 0 and parent.isValid():  # dropped on an item: take its place
            position = parent.row()
        else:  # dropped between rows (or below the last): the gap's place, once it is gone
            target = row if row >= 0 else len(self.rows)
            position = target - 1 if target > source else target
        if position != source:
            self.move_requested.emit(action_id, position)
        return True
