"""Undo commands for 5 Whys trees: each calls the review service (see commands.py).

Trees and nodes are named through Refs ("tree", "why"): deleting a node deletes its answers,
and undo re-creates them all with new ids, so every Ref in the deleted part is re-pointed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from clearsight.review.data import TOUCHES
from clearsight.ui.editing.commands import Ref, RefTable, ServiceCommand

if TYPE_CHECKING:
    from clearsight.services.root import Services

# Text typed in one visit to a why (or a problem) is saved as it is typed; the saves of one
# visit merge into one step, and into the step that made the why (or the tree) when it was new.
WHY_TEXT_ID = 1501
PROBLEM_TEXT_ID = 1502


def snapshot_ids(nodes: list[dict[str, Any]]) -> Iterator[int]:
    """The node ids in a snapshot of deleted nodes (``delete_node``/``delete_tree``)."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield int(node["id"])
        stack.extend(node["children"])


class WhysCommand(ServiceCommand):
    """An edit of the 5 Whys: what it may change in the review is read again after it."""

    touches = TOUCHES["whys"]


class _Removal:
    """Forgets the Refs of deleted nodes and re-points them when undo re-creates the nodes."""

    def __init__(self, refs: RefTable) -> None:
        self.refs = refs
        self.gone: dict[int, Ref] = {}

    def forget(self, nodes: list[dict[str, Any]]) -> None:
        self.gone = {}
        for node_id in snapshot_ids(nodes):
            ref = self.gone[node_id] = self.refs.get("why", node_id)
            self.refs.forget(ref)

    def rebind(self, new_ids: dict[int, int]) -> None:
        for old, new in new_ids.items():
            ref = self.gone.get(old)
            if ref is not None:
                self.refs.rebind(ref, new)


# ---- trees ------------------------------------------------------------------------------------
class AddTree(WhysCommand):
    def __init__(
        self, service: Services, refs: RefTable, review_id: int, problem: str = ""
    ) -> None:
        super().__init__("New why tree")
        self.service, self.refs, self.review_id, self.problem = service, refs, review_id, problem
        self.ref: Ref | None = None
        self.position: int | None = None
        self.visit: int | None = None  # the visit whose typing named the problem

    def apply(self) -> None:
        new_id = self.service.whys.add_tree(self.review_id, self.problem, self.position)
        if self.ref is None:
            self.ref = self.refs.get("tree", new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.position = self.service.whys.delete_tree(self.ref.id)["position"]
        self.refs.forget(self.ref)

    def id(self) -> int:
        return PROBLEM_TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        # Naming the problem right after making the tree: undo takes both away at once.
        if not isinstance(other, SetProblem) or other.ref is not self.ref:
            return False
        if self.visit is None:
            self.visit = other.visit
        if other.visit != self.visit:
            return False
        self.problem = other.new
        return True


class TextEdit(WhysCommand):
    """An edit of a tree's problem or of a why's text. The saves of one visit merge into one
    step, keyed by the Ref so that a why re-created by undo still merges."""

    label = ""
    text_id = 0

    def __init__(
        self, service: Services, ref: Ref, old: str, new: str, visit: int | None = None
    ) -> None:
        super().__init__(self.label)
        self.service, self.ref, self.old, self.new, self.visit = service, ref, old, new, visit

    def write(self, text: str) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        self.write(self.new)

    def revert(self) -> None:
        self.write(self.old)

    def id(self) -> int:
        return self.text_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, type(self)) or other.ref is not self.ref:
            return False
        if self.visit is None or other.visit != self.visit:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed and typed back: nothing to undo
        return True


class SetProblem(TextEdit):
    label, text_id = "Edit problem statement", PROBLEM_TEXT_ID

    def write(self, text: str) -> None:
        self.service.whys.set_tree_problem(self.ref.id, text)


class DeleteTree(WhysCommand):
    def __init__(self, service: Services, refs: RefTable, review_id: int, ref: Ref) -> None:
        super().__init__("Delete why tree")
        self.service, self.refs, self.review_id, self.ref = service, refs, review_id, ref
        self.snapshot: dict[str, Any] | None = None
        self.removal = _Removal(refs)

    def apply(self) -> None:
        self.snapshot = self.service.whys.delete_tree(self.ref.id)
        self.removal.forget(self.snapshot["nodes"])
        self.refs.forget(self.ref)

    def revert(self) -> None:
        assert self.snapshot is not None
        tree_id, ids = self.service.whys.restore_tree(self.review_id, self.snapshot)
        self.refs.rebind(self.ref, tree_id)
        self.removal.rebind(ids)


# ---- nodes ------------------------------------------------------------------------------------
class AddNode(WhysCommand):
    """A new answer to ``parent`` (None: to the problem) at ``position`` among its answers."""

    def __init__(
        self,
        service: Services,
        refs: RefTable,
        tree: Ref,
        parent: Ref | None,
        text: str,
        position: int | None,
        visit: int | None = None,
    ) -> None:
        super().__init__("Add why")
        self.service, self.refs, self.tree, self.parent = service, refs, tree, parent
        self.text, self.position, self.visit = text, position, visit
        self.ref: Ref | None = None

    def apply(self) -> None:
        parent_id = self.parent.id if self.parent is not None else None
        new_id = self.service.whys.add_node(self.tree.id, parent_id, self.text, self.position)
        if self.ref is None:
            self.ref = self.refs.get("why", new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.service.whys.delete_node(self.ref.id)
        self.refs.forget(self.ref)

    def id(self) -> int:
        return WHY_TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, SetNodeText) or other.ref is not self.ref:
            return False
        if self.visit is None or other.visit != self.visit:
            return False
        self.text = other.new
        return True


class SetNodeText(TextEdit):
    label, text_id = "Edit why", WHY_TEXT_ID

    def write(self, text: str) -> None:
        self.service.whys.set_node_text(self.ref.id, text)


class SetChangeable(WhysCommand):
    LABELS = {True: "Team can change this", False: "Team cannot change this", None: "Not asked"}

    def __init__(self, service: Services, ref: Ref, old: bool | None, new: bool | None) -> None:
        super().__init__(f"Mark why: {self.LABELS[new].lower()}")
        self.service, self.ref, self.old, self.new = service, ref, old, new

    def apply(self) -> None:
        self.service.whys.set_node_changeable(self.ref.id, self.new)

    def revert(self) -> None:
        self.service.whys.set_node_changeable(self.ref.id, self.old)


class MoveNode(WhysCommand):
    """Moves a node (with its answers) under ``parent`` at ``position``."""

    def __init__(
        self,
        service: Services,
        refs: RefTable,
        ref: Ref,
        parent: Ref | None,
        position: int,
        label: str,
    ) -> None:
        super().__init__(label)
        self.service, self.refs, self.ref, self.parent = service, refs, ref, parent
        self.position = position
        self.old: tuple[Ref | None, int] | None = None

    def apply(self) -> None:
        parent_id = self.parent.id if self.parent is not None else None
        old_parent, old_position = self.service.whys.move_node(
            self.ref.id, parent_id, self.position
        )
        ref = self.refs.get("why", old_parent) if old_parent is not None else None
        self.old = (ref, old_position)

    def revert(self) -> None:
        assert self.old is not None
        parent, position = self.old
        self.service.whys.move_node(self.ref.id, parent.id if parent else None, position)


class DeleteNode(WhysCommand):
    """Deletes a node and its answers; factors linked to them keep their text."""

    def __init__(self, service: Services, refs: RefTable, ref: Ref) -> None:
        super().__init__("Delete why")
        self.service, self.refs, self.ref = service, refs, ref
        self.snapshot: dict[str, Any] | None = None
        self.removal = _Removal(refs)

    def apply(self) -> None:
        self.snapshot = self.service.whys.delete_node(self.ref.id)
        self.removal.forget([self.snapshot])

    def revert(self) -> None:
        assert self.snapshot is not None
        self.removal.rebind(self.service.whys.restore_node(self.snapshot))


# ---- factors ----------------------------------------------------------------------------------
class MakeFactor(ServiceCommand):
    """A new contributing factor worded as the why, in a defense layer, linked to the why."""

    touches = TOUCHES["factors"]

    def __init__(
        self,
        service: Services,
        refs: RefTable,
        review_id: int,
        node: Ref,
        text: str,
        layer: Ref | None,
        layer_name: str,
    ) -> None:
        where = f" in {layer_name}" if layer is not None else ""
        super().__init__(f"Make why a contributing factor{where}")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.node, self.text, self.layer = node, text, layer
        self.ref: Ref | None = None
        self.position: int | None = None

    def apply(self) -> None:
        # Links made to the factor later (actions, other whys) are later on the stack, so
        # they are undone before this is, and a redo makes the factor as it was first made.
        layer_id = self.layer.id if self.layer is not None else None
        new_id = self.service.factors.add_factor(
            self.review_id, self.text, layer_id, node_id=self.node.id, position=self.position
        )
        if self.ref is None:
            self.ref = self.refs.get("factor", new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.position = self.service.factors.delete_factor(self.ref.id).position
        self.refs.forget(self.ref)


class LinkFactor(ServiceCommand):
    """Links a why to an existing factor (or, with ``link=False``, takes the link away)."""

    touches = TOUCHES["factors"]

    def __init__(
        self, service: Services, factor: Ref, node: Ref, number: int, link: bool = True
    ) -> None:
        super().__init__(f"Link why to factor {number}" if link else f"Unlink factor {number}")
        self.service, self.factor, self.node, self.link = service, factor, node, link

    def apply(self) -> None:
        self._set(self.link)

    def revert(self) -> None:
        self._set(not self.link)

    def _set(self, linked: bool) -> None:
        if linked:
            self.service.factors.link_node(self.factor.id, self.node.id)
        else:
            self.service.factors.unlink_node(self.factor.id, self.node.id)
