"""The factor list's model: one row per contributing factor, F1, F2... in the review's order.

It shows what the review holds and turns edits into requests (``edit_requested``); the page
makes the undo commands. Sorting is left to a QSortFilterProxyModel reading ``SORT_ROLE``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from clearsight.review.data import ActionData, FactorData, LayerData, WhyTreeData
from clearsight.ui import style
from clearsight.ui.editing.table_model import HeaderTableModel

COL_NUMBER, COL_TEXT, COL_LAYER, COL_WHYS, COL_ACTIONS, COL_RISK, COL_STATUS = range(7)
HEADERS = ("#", "Contributing factor", "Layer", "From the whys", "Closed by", "Accepted risk")
HEADERS = (*HEADERS, "Status")
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LAYER_ROLE = Qt.ItemDataRole.UserRole + 2  # the factor's layer id (None: no layer yet)
Index = QModelIndex | QPersistentModelIndex
TIE = 1_000_000  # more rows than any review has: rank * TIE + row sorts by rank, then row

NO_LAYER_TEXT = "No layer yet"
RISK_REASON_NEEDED = "An accepted risk needs a reason: why will no action be taken?"


def status_text(factor: FactorData) -> str:
    if factor.is_open:
        return "Open"
    return "Closed" if factor.action_ids else "Accepted risk"


class FactorsModel(HeaderTableModel):
    headers = HEADERS

    # (factor id, {field: value}): text, layer_id, accepted_risk, accepted_reason.
    edit_requested = Signal(int, dict)
    edit_refused = Signal(str)
    accept_requested = Signal(int)  # ticked as accepted risk, with no reason yet: ask for one

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.factors: list[FactorData] = []
        self.layers: list[LayerData] = []
        self._layer_names: dict[int, str] = {}
        self._layer_order: dict[int, int] = {}
        self._why_texts: dict[int, str] = {}
        self._action_numbers: dict[int, int] = {}
        self._action_texts: dict[int, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_review(
        self,
        factors: list[FactorData],
        layers: list[LayerData],
        trees: list[WhyTreeData],
        actions: list[ActionData],
    ) -> None:
        self.beginResetModel()
        self.factors = sorted(factors, key=lambda f: f.position)
        self.layers = sorted(layers, key=lambda x: x.position)
        self._layer_names = {x.id: x.name for x in self.layers}
        self._layer_order = {x.id: n for n, x in enumerate(self.layers)}
        self._why_texts = {n.id: n.text for t in trees for n in t.nodes}
        ordered = sorted(actions, key=lambda a: a.position)
        self._action_numbers = {a.id: n for n, a in enumerate(ordered, 1)}
        self._action_texts = {a.id: a.what for a in ordered}
        self.endResetModel()

    # ---- lookups --------------------------------------------------------------------------
    def row_of(self, factor_id: int) -> int | None:
        return next((i for i, f in enumerate(self.factors) if f.id == factor_id), None)

    def factor(self, factor_id: int) -> FactorData | None:
        row = self.row_of(factor_id)
        return None if row is None else self.factors[row]

    def number(self, factor_id: int) -> int:
        row = self.row_of(factor_id)
        return 0 if row is None else row + 1

    def layer_name(self, layer_id: int | None) -> str:
        if layer_id is None:
            return NO_LAYER_TEXT
        return self._layer_names.get(layer_id, NO_LAYER_TEXT)

    def why_texts(self, factor: FactorData) -> list[str]:
        return [self._why_texts[n] for n in factor.node_ids if n in self._why_texts]

    def action_labels(self, factor: FactorData) -> list[str]:
        """The actions closing the factor by their number in the action list: A2, A4."""
        numbers = sorted(
            self._action_numbers[a] for a in factor.action_ids if a in self._action_numbers
        )
        return [f"A{n}" for n in numbers]

    # ---- Qt -------------------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self.factors)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        col = index.column()
        if col in (COL_TEXT, COL_LAYER, COL_RISK):
            base |= Qt.ItemFlag.ItemIsEditable
        if col == COL_RISK:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.factors[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return f.id
        if role == LAYER_ROLE:
            return f.layer_id
        if role == SORT_ROLE:
            return self._sort_key(f, index.row(), col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(f, index.row(), col)
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_LAYER:
                return f.layer_id
            if col == COL_RISK:
                return f.accepted_reason
            return self._display(f, index.row(), col)
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_RISK:
            return Qt.CheckState.Checked if f.accepted_risk else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(f, col)
        if col == COL_STATUS and f.is_open:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(style.problem_color())
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.FontRole and (
            col == COL_NUMBER or (col == COL_STATUS and f.is_open)
        ):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_STATUS:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, f: FactorData, row: int, col: int) -> str:
        if col == COL_NUMBER:
            return f"F{row + 1}"
        if col == COL_TEXT:
            return f.text
        if col == COL_LAYER:
            return self.layer_name(f.layer_id)
        if col == COL_WHYS:
            return "; ".join(self.why_texts(f))
        if col == COL_ACTIONS:
            return ", ".join(self.action_labels(f))
        if col == COL_RISK:
            return f.accepted_reason if f.accepted_risk else ""
        return status_text(f)

    def _sort_key(self, f: FactorData, row: int, col: int) -> int | str:
        """A plain int or str: the proxy compares them itself (it cannot compare tuples).
        Ties keep the list's order."""
        if col == COL_LAYER:  # in the layers' order, factors in no layer last
            rank = self._layer_order.get(f.layer_id or -1, len(self.layers))
            return rank * TIE + row
        if col == COL_STATUS:
            return {"Open": 0, "Accepted risk": 1, "Closed": 2}[status_text(f)] * TIE + row
        if col == COL_RISK:
            return (0 if f.accepted_risk else TIE) + row
        if col == COL_ACTIONS:  # A2 before A10; the open ones (no action) last
            numbers = [int(label[1:]) for label in self.action_labels(f)]
            key = "".join(f"{n:06d}" for n in numbers)
            return f"{0 if numbers else 1}{key}\u0000{row:06d}"
        if col in (COL_TEXT, COL_WHYS):  # the empty ones last
            text = self._display(f, row, col)
            return f"{0 if text else 1}{text.casefold()}\u0000{row:06d}"
        return row

    def _tooltip(self, f: FactorData, col: int) -> str | None:
        if col == COL_LAYER:
            return self.layer_name(f.layer_id)
        if col == COL_WHYS:
            texts = self.why_texts(f)
            return "\n".join(f"\u2022 {t}" for t in texts) if texts else None
        if col == COL_ACTIONS:
            numbered = sorted(
                (self._action_numbers[a], self._action_texts[a])
                for a in f.action_ids
                if a in self._action_numbers
            )
            return "\n".join(f"A{n}: {what}" for n, what in numbered) or None
        if col == COL_RISK and f.accepted_risk:
            return f.accepted_reason
        if col == COL_STATUS and f.is_open:
            return "No action closes this factor and no one accepted it as a risk."
        if col == COL_STATUS and f.accepted_risk:  # the reason, where its column gave way
            return f"Accepted risk: {f.accepted_reason}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        f = self.factors[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_RISK:
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            if ticked == f.accepted_risk:
                return False
            if ticked and not f.accepted_reason.strip():
                self.accept_requested.emit(f.id)
            else:
                self.edit_requested.emit(f.id, {"accepted_risk": ticked})
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if col == COL_TEXT:
            text = " ".join(str(value).split())
            if not text:
                self.edit_refused.emit("A factor needs a text: Del removes one.")
                return False
            if text != f.text:
                self.edit_requested.emit(f.id, {"text": text})
            return True
        if col == COL_LAYER:
            if value != f.layer_id:
                self.edit_requested.emit(f.id, {"layer_id": value})
            return True
        if col == COL_RISK:
            reason = " ".join(str(value).split())
            if not reason:
                if f.accepted_risk:
                    self.edit_refused.emit(
                        f"{RISK_REASON_NEEDED} Untick \u201cAccepted risk\u201d to take it back."
                    )
                    return False
                return True
            if not f.accepted_risk:  # a reason typed in is the acceptance
                self.edit_requested.emit(f.id, {"accepted_risk": True, "accepted_reason": reason})
            elif reason != f.accepted_reason:
                self.edit_requested.emit(f.id, {"accepted_reason": reason})
            return True
        return False
