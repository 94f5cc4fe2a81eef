"""The 5 Whys outline's model: the problem on top, each answer under the why it answers.

A thin model over one ``WhyTreeData``: it renders rows and turns an edit into
``edit_requested``; the page decides what to store. One row may be *pending*: an answer being
typed that is not stored yet (it is stored when its text is committed, so an abandoned entry
leaves nothing behind).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.review.data import FactorData, LayerData, WhyNodeData, WhyTreeData

Index = QModelIndex | QPersistentModelIndex
PENDING = 2**31 - 1  # the pending row's key: no stored id comes near it, and Qt's int holds it

KEY_ROLE = Qt.ItemDataRole.UserRole
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # (kind, words): kind "can", "cannot", "open" or ""
FACTORS_ROLE = Qt.ItemDataRole.UserRole + 3  # ["Factor 2 · Tests and staging", ...]
PLACE_ROLE = Qt.ItemDataRole.UserRole + 4  # the language flags' place key: "why:12", "tree:3"

CAN = "\u2713 Team can change this"
CANNOT = "\u2717 Team cannot change this"
CANNOT_OPEN = "\u2717 Team cannot change this: ask why again"
OPEN = "\u25cb Open: ask why again, or can the team change this?"
STATUS_TIPS = {
    "can": "A condition the team can change: a good place for a chain to end.",
    "cannot": "The team cannot change this, so the chain goes on below it.",
    "open": (
        "An open end. A chain ends at a condition the team can change, not at a person: "
        "ask why once more (Tab), or answer \u201cIs this something the team can change?\u201d "
        "(Ctrl+Shift+C)."
    ),
}


@dataclass(frozen=True)
class Pending:
    parent: int  # PROBLEM or a node id
    position: int  # among the parent's answers
    origin: int  # the row to go back to when the entry is abandoned
    text: str = ""


class WhyTreeModel(QAbstractItemModel):
    edit_requested = Signal(int, str)  # (key: PROBLEM, a node id or PENDING; the new text)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tree: WhyTreeData | None = None
        self.pending: Pending | None = None
        self._nodes: dict[int, WhyNodeData] = {}
        self._kids: dict[int, list[int]] = {}  # stored answers, in order
        self._rows: dict[int, list[int]] = {}  # what the view shows: with the pending row
        self._parent: dict[int, int | None] = {}
        self._depth: dict[int, int] = {}
        self._factors: dict[int, list[str]] = {}

    # ---- loading --------------------------------------------------------------------------
    def set_tree(
        self,
        tree: WhyTreeData | None,
        factors: list[FactorData] = (),  # type: ignore[assignment]
        layers: list[LayerData] = (),  # type: ignore[assignment]
    ) -> bool:
        """Show ``tree``; True when the rows changed (the view was reset), False when only
        texts and marks did (open editors stay open)."""
        kids: dict[int, list[int]] = {PROBLEM: []}
        nodes: dict[int, WhyNodeData] = {}
        if tree is not None:
            for node in sorted(tree.nodes, key=lambda n: n.position):
                nodes[node.id] = node
                kids.setdefault(node.id, [])
                parent = node.parent_id if node.parent_id is not None else PROBLEM
                kids.setdefault(parent, []).append(node.id)
        layer_names = {x.id: x.name for x in layers}
        labels: dict[int, list[str]] = {}
        for number, factor in enumerate(factors, 1):
            layer = layer_names.get(factor.layer_id) if factor.layer_id else None
            label = f"Factor {number} \u00b7 {layer}" if layer else f"Factor {number}"
            for node_id in factor.node_ids:
                labels.setdefault(node_id, []).append(label)
        same_rows = (
            self.tree is not None
            and tree is not None
            and self.tree.id == tree.id
            and kids == self._kids
        )
        if same_rows:
            assert tree is not None
            before = (self.tree, self._nodes, self._factors)
            self.tree, self._nodes, self._factors = tree, nodes, labels
            self._changed_rows(before)
            return False
        stored = self._stored_pending(tree, kids)
        if stored is not None:
            # The answer being typed was saved: its row becomes the stored why in place,
            # so its editor stays open and the typing goes on.
            self.layoutAboutToBeChanged.emit()
            old = self.index_of(PENDING)
            self.tree, self._nodes, self._kids, self._factors = tree, nodes, kids, labels
            self.pending = None
            self._index_rows()
            self.changePersistentIndex(old, self.index_of(stored))
            self.layoutChanged.emit()
            return False
        self.beginResetModel()
        self.tree, self._nodes, self._kids, self._factors = tree, nodes, kids, labels
        self.pending = None
        self._index_rows()
        self.endResetModel()
        return True

    def _stored_pending(self, tree: WhyTreeData | None, kids: dict[int, list[int]]) -> int | None:
        """The id of the new why in ``kids`` that is the pending row, saved; else None."""
        p = self.pending
        if p is None or tree is None or self.tree is None or tree.id != self.tree.id:
            return None
        new = [key for key in kids if key != PROBLEM and key not in self._kids]
        if len(new) != 1 or kids[new[0]]:
            return None
        expected = {key: list(rows) for key, rows in self._kids.items()}
        expected.setdefault(p.parent, []).insert(p.position, new[0])
        expected[new[0]] = []
        return new[0] if expected == kids else None

    def _changed_rows(
        self, before: tuple[Any, dict[int, WhyNodeData], dict[int, list[str]]]
    ) -> None:
        old_tree, old_nodes, old_factors = before
        changed = [
            key
            for key in self._nodes
            if self._nodes[key] != old_nodes.get(key)
            or self._factors.get(key) != old_factors.get(key)
        ]
        if old_tree is None or old_tree.problem != self.tree.problem:  # type: ignore[union-attr]
            changed.append(PROBLEM)
        for key in changed:
            index = self.index_of(key)
            self.dataChanged.emit(index, index)

    def _index_rows(self) -> None:
        rows = {key: list(kids) for key, kids in self._kids.items()}
        p = self.pending
        if p is not None:
            rows.setdefault(p.parent, []).insert(p.position, PENDING)
            rows[PENDING] = []
        self._rows = rows
        self._parent = {PROBLEM: None}
        self._depth = {PROBLEM: 0}
        stack = [PROBLEM]
        while stack:
            key = stack.pop()
            for kid in rows[key]:
                self._parent[kid] = key
                self._depth[kid] = self._depth[key] + 1
                stack.append(kid)

    # ---- the pending row ------------------------------------------------------------------
    def add_pending(self, parent: int, position: int, origin: int, text: str = "") -> QModelIndex:
        """A row for an answer being typed, at ``position`` among ``parent``'s answers."""
        self.remove_pending()
        position = max(0, min(position, len(self._kids.get(parent, []))))
        self.beginInsertRows(self.index_of(parent), position, position)
        self.pending = Pending(parent, position, origin, text)
        self._index_rows()
        self.endInsertRows()
        return self.index_of(PENDING)

    def remove_pending(self) -> Pending | None:
        pending = self.pending
        if pending is None:
            return None
        self.beginRemoveRows(self.index_of(pending.parent), pending.position, pending.position)
        self.pending = None
        self._index_rows()
        self.endRemoveRows()
        return pending

    # ---- questions the page asks ----------------------------------------------------------
    def index_of(self, key: int) -> QModelIndex:
        parent = self._parent.get(key, -1)
        if parent == -1 or self.tree is None:
            return QModelIndex()
        if parent is None:
            return self.createIndex(0, 0, PROBLEM)
        return self.createIndex(self._rows[parent].index(key), 0, key)

    def node(self, key: int) -> WhyNodeData | None:
        return self._nodes.get(key)

    def answers(self, key: int) -> list[int]:
        """The stored answers to ``key`` (PROBLEM or a node id), in order."""
        return list(self._kids.get(key, []))

    def parent_of(self, key: int) -> int | None:
        """PROBLEM or a node id; None for the problem itself."""
        return self._parent.get(key)

    def depth(self, key: int) -> int:
        return self._depth.get(key, 0)

    def max_depth(self) -> int:
        return max(self._depth.values(), default=0)

    def text(self, key: int) -> str:
        if key == PROBLEM:
            return self.tree.problem if self.tree is not None else ""
        if key == PENDING:
            return self.pending.text if self.pending is not None else ""
        node = self._nodes.get(key)
        return node.text if node is not None else ""

    def place(self, key: int) -> str:
        if key == PROBLEM:
            return f"tree:{self.tree.id}" if self.tree is not None else ""
        return "why:new" if key == PENDING else f"why:{key}"

    def status(self, key: int) -> tuple[str, str]:
        node = self._nodes.get(key)
        if node is None:
            return "", ""
        leaf = not self._kids.get(key)
        if node.changeable:
            return "can", CAN
        if leaf:
            return "open", CANNOT_OPEN if node.changeable is False else OPEN
        return ("cannot", CANNOT) if node.changeable is False else ("", "")

    def factors_of(self, key: int) -> list[str]:
        return list(self._factors.get(key, []))

    def row_keys(self) -> list[int]:
        """Every row's key, top to bottom as the outline shows them."""
        order, stack = [], [PROBLEM] if self.tree is not None else []
        while stack:
            key = stack.pop()
            order.append(key)
            stack.extend(reversed(self._rows.get(key, [])))
        return order

    # ---- Qt's model interface -------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0 or self.tree is None:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(0, 0, PROBLEM) if row == 0 else QModelIndex()
        kids = self._rows.get(parent.internalId(), [])
        return self.createIndex(row, 0, kids[row]) if row < len(kids) else QModelIndex()

    def parent(self, index: Index) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._parent.get(index.internalId())
        return QModelIndex() if parent is None else self.index_of(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if self.tree is None:
            return 0
        if not parent.isValid():
            return 1
        return len(self._rows.get(parent.internalId(), []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = index.internalId()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(key)
        if role == KEY_ROLE:
            return key
        if role == DEPTH_ROLE:
            return self.depth(key)
        if role == STATUS_ROLE:
            return self.status(key)
        if role == FACTORS_ROLE:
            return self.factors_of(key)
        if role == PLACE_ROLE:
            return self.place(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return STATUS_TIPS.get(self.status(key)[0])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [self.text(key) or ("New answer" if key == PENDING else "Empty")]
            parts.append(self.status(key)[1])
            parts.extend(self.factors_of(key))
            label = "Problem" if key == PROBLEM else f"Why {self.depth(key)}"
            return f"{label}: " + ". ".join(p for p in parts if p)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.edit_requested.emit(index.internalId(), str(value))
        return True
