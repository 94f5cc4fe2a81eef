"""A review's 5 Whys trees: problems, answers ("why?" nodes), moves that keep it a tree.

A node's parent is another node of the same tree (or none: an answer to the problem), and a
move never puts a node under itself or its descendants, so cycles cannot be made. Deleting a
node deletes its answers too and returns a snapshot that ``restore_node`` puts back, with the
factor links it had.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clearsight.db.models import Factor, FactorWhyLink, Review, WhyNode, WhyTree
from clearsight.errors import UserError
from clearsight.review.ordering import close_gaps, place
from clearsight.services.flags import move_dismissals
from clearsight.services.part import Part

Snapshot = dict[str, Any]


class Whys(Part):
    # ---- trees ----------------------------------------------------------------------------
    def add_tree(self, review_id: int, problem: str, position: int | None = None) -> int:
        with self._tx() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise UserError(f"There is no review {review_id}.")
            tree = WhyTree(review_id=review_id, problem=problem.strip())
            s.add(tree)
            place(list(review.trees), tree, position)
            s.flush()
            return tree.id

    def set_tree_problem(self, tree_id: int, problem: str) -> None:
        with self._tx() as s:
            self._tree(s, tree_id).problem = problem.strip()

    def delete_tree(self, tree_id: int) -> Snapshot:
        with self._tx() as s:
            tree = self._tree(s, tree_id)
            roots = [n for n in tree.nodes if n.parent_id is None]
            snap = {
                "id": tree.id,
                "problem": tree.problem,
                "position": tree.position,
                "nodes": [self._snapshot(s, n) for n in sorted(roots, key=lambda n: n.position)],
            }
            s.delete(tree)
            return snap

    def restore_tree(self, review_id: int, snap: Snapshot) -> tuple[int, dict[int, int]]:
        """Puts a deleted tree back; returns its id and old node id -> new node id."""
        tree_id = self.add_tree(review_id, snap["problem"], snap["position"])
        ids: dict[int, int] = {}
        with self._tx() as s:
            for node in snap["nodes"]:
                self._rebuild(s, tree_id, None, node, ids)
            moves = {f"why:{old}": f"why:{new}" for old, new in ids.items()}
            moves[f"tree:{snap['id']}"] = f"tree:{tree_id}"
            move_dismissals(s, review_id, moves)
        return tree_id, ids

    # ---- nodes ----------------------------------------------------------------------------
    def add_node(
        self, tree_id: int, parent_id: int | None, text: str = "", position: int | None = None
    ) -> int:
        with self._tx() as s:
            tree = self._tree(s, tree_id)
            if parent_id is not None:
                self._node_in(s, parent_id, tree_id)
            node = WhyNode(tree_id=tree_id, parent_id=parent_id, text=text.strip())
            s.add(node)
            place([n for n in tree.nodes if n.parent_id == parent_id], node, position)
            s.flush()
            return node.id

    def set_node_text(self, node_id: int, text: str) -> None:
        with self._tx() as s:
            self._node(s, node_id).text = text.strip()

    def set_node_changeable(self, node_id: int, changeable: bool | None) -> None:
        with self._tx() as s:
            self._node(s, node_id).changeable = changeable

    def move_node(
        self, node_id: int, parent_id: int | None, position: int
    ) -> tuple[int | None, int]:
        """Moves a node (with its answers) under ``parent_id`` at ``position``.

        Returns where it was (parent, position) for undo. A node cannot go under itself or
        one of its own answers.
        """
        with self._tx() as s:
            node = self._node(s, node_id)
            old = (node.parent_id, node.position)
            if parent_id is not None:
                parent = self._node_in(s, parent_id, node.tree_id)
                ancestor: WhyNode | None = parent
                while ancestor is not None:
                    if ancestor.id == node.id:
                        raise UserError("A why cannot become an answer to its own answer.")
                    ancestor = ancestor.parent
            left = [n for n in self._siblings(s, node.tree_id, node.parent_id) if n is not node]
            node.parent_id = parent_id
            s.flush()
            place(self._siblings(s, node.tree_id, parent_id), node, position)
            if old[0] != parent_id:  # close the gap it left
                close_gaps(left)
            return old

    def delete_node(self, node_id: int) -> Snapshot:
        """Deletes the node and its answers; factors linked to them keep their text."""
        with self._tx() as s:
            node = self._node(s, node_id)
            snap = self._snapshot(s, node)
            snap["tree_id"], snap["parent_id"] = node.tree_id, node.parent_id
            siblings = [n for n in self._siblings(s, node.tree_id, node.parent_id) if n is not node]
            s.delete(node)
            close_gaps(siblings)
            return snap

    def restore_node(self, snap: Snapshot) -> dict[int, int]:
        """Puts a deleted node back where it was; returns old node id -> new node id."""
        ids: dict[int, int] = {}
        with self._tx() as s:
            tree = self._tree(s, snap["tree_id"])
            parent_id = snap["parent_id"]
            if parent_id is not None and s.get(WhyNode, parent_id) is None:
                parent_id = None  # its parent went too: come back as an answer to the problem
            new = self._rebuild(s, tree.id, parent_id, snap, ids)
            siblings = self._siblings(s, tree.id, parent_id)
            place(siblings, new, snap["position"])
            moves = {f"why:{old}": f"why:{new_id}" for old, new_id in ids.items()}
            move_dismissals(s, tree.review_id, moves)
        return ids

    # ---- helpers --------------------------------------------------------------------------
    def _snapshot(self, s: Session, node: WhyNode) -> Snapshot:
        links = s.scalars(select(FactorWhyLink.factor_id).where(FactorWhyLink.node_id == node.id))
        children = self._siblings(s, node.tree_id, node.id)
        return {
            "id": node.id,
            "text": node.text,
            "position": node.position,
            "changeable": node.changeable,
            "factor_ids": list(links),
            "children": [self._snapshot(s, c) for c in sorted(children, key=lambda c: c.position)],
        }

    def _rebuild(
        self, s: Session, tree_id: int, parent_id: int | None, snap: Snapshot, ids: dict[int, int]
    ) -> WhyNode:
        node = WhyNode(
            tree_id=tree_id,
            parent_id=parent_id,
            text=snap["text"],
            position=snap["position"],
            changeable=snap["changeable"],
        )
        s.add(node)
        s.flush()
        ids[snap["id"]] = node.id
        for factor_id in snap["factor_ids"]:
            if s.get(Factor, factor_id) is not None:  # the factor may have gone meanwhile
                s.add(FactorWhyLink(factor_id=factor_id, node_id=node.id))
        for child in snap["children"]:
            self._rebuild(s, tree_id, node.id, child, ids)
        return node

    @staticmethod
    def _siblings(s: Session, tree_id: int, parent_id: int | None) -> list[WhyNode]:
        query = select(WhyNode).where(WhyNode.tree_id == tree_id)
        query = query.where(
            WhyNode.parent_id.is_(None) if parent_id is None else WhyNode.parent_id == parent_id
        )
        return list(s.scalars(query))

    @staticmethod
    def _tree(s: Session, tree_id: int) -> WhyTree:
        tree = s.get(WhyTree, tree_id)
        if tree is None:
            raise UserError(f"There is no why tree {tree_id} (it may have been deleted).")
        return tree

    @staticmethod
    def _node(s: Session, node_id: int) -> WhyNode:
        node = s.get(WhyNode, node_id)
        if node is None:
            raise UserError(f"There is no why {node_id} (it may have been deleted).")
        return node

    def _node_in(self, s: Session, node_id: int, tree_id: int) -> WhyNode:
        node = self._node(s, node_id)
        if node.tree_id != tree_id:
            raise UserError("A why and its answer must be in the same tree.")
        return node
