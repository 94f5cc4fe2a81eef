"""Undo commands for defense layers and contributing factors (see commands.py).

Layers, factors, why nodes and actions are all named through Refs: an undo re-creates a
deleted row with a new id, and a later command (a factor put in a layer that was deleted and
brought back) must still find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clearsight.review.data import TOUCHES, FactorData, LayerData
from clearsight.ui.editing.commands import Ref, RefTable, ServiceCommand

if TYPE_CHECKING:
    from clearsight.services.root import Services

# The RefTable kinds; "why" and "action" are the place-key prefixes the other pages use too.
LAYER, FACTOR, WHY, ACTION = "layer", "factor", "why", "action"


class FactorsCommand(ServiceCommand):
    """An edit of layers or factors: what it may change in the review is read again after it."""

    touches = TOUCHES["factors"]


# ---- layers -------------------------------------------------------------------------------
class AddLayer(FactorsCommand):
    def __init__(
        self,
        service: Services,
        refs: RefTable,
        review_id: int,
        name: str,
        position: int | None = None,
    ) -> None:
        super().__init__(f"Add layer \u201c{name}\u201d")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.name, self.position = name, position
        self.ref: Ref | None = None

    def apply(self) -> None:
        new_id = self.service.factors.add_layer(self.review_id, self.name, self.position)
        if self.ref is None:
            self.ref = self.refs.get(LAYER, new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        data, _ = self.service.factors.delete_layer(self.ref.id)
        self.position = data.position
        self.refs.forget(self.ref)


class RenameLayer(FactorsCommand):
    def __init__(self, service: Services, ref: Ref, old: str, new: str) -> None:
        super().__init__(f"Rename layer to \u201c{new}\u201d")
        self.service, self.ref, self.old, self.new = service, ref, old, new

    def apply(self) -> None:
        self.service.factors.rename_layer(self.ref.id, self.new)

    def revert(self) -> None:
        self.service.factors.rename_layer(self.ref.id, self.old)


class MoveLayer(FactorsCommand):
    def __init__(self, service: Services, ref: Ref, position: int, name: str) -> None:
        super().__init__(f"Move layer \u201c{name}\u201d")
        self.service, self.ref, self.position = service, ref, position
        self.old: int | None = None

    def apply(self) -> None:
        self.old = self.service.factors.move_layer(self.ref.id, self.position)

    def revert(self) -> None:
        assert self.old is not None
        self.service.factors.move_layer(self.ref.id, self.old)


class DeleteLayer(FactorsCommand):
    """Removes a layer; its factors stay, in no layer, and go back into it on undo."""

    def __init__(
        self, service: Services, refs: RefTable, review_id: int, ref: Ref, name: str
    ) -> None:
        super().__init__(f"Remove layer \u201c{name}\u201d")
        self.service, self.refs, self.review_id, self.ref = service, refs, review_id, ref
        self.data: LayerData | None = None
        self.factors: list[Ref] = []

    def apply(self) -> None:
        self.data, factor_ids = self.service.factors.delete_layer(self.ref.id)
        self.factors = [self.refs.get(FACTOR, i) for i in factor_ids]
        self.refs.forget(self.ref)

    def revert(self) -> None:
        assert self.data is not None
        ids = [r.id for r in self.factors]
        self.refs.rebind(
            self.ref, self.service.factors.restore_layer(self.review_id, self.data, ids)
        )


# ---- factors ------------------------------------------------------------------------------
class AddFactor(FactorsCommand):
    def __init__(
        self,
        service: Services,
        refs: RefTable,
        review_id: int,
        text: str,
        layer: Ref | None,
    ) -> None:
        super().__init__("Add contributing factor")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.text, self.layer = text, layer
        self.ref: Ref | None = None
        self.position: int | None = None

    def apply(self) -> None:
        layer_id = self.layer.id if self.layer is not None else None
        new_id = self.service.factors.add_factor(
            self.review_id, self.text, layer_id, position=self.position
        )
        if self.ref is None:
            self.ref = self.refs.get(FACTOR, new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.position = self.service.factors.delete_factor(self.ref.id).position
        self.refs.forget(self.ref)


class SetFactor(FactorsCommand):
    """Changes a factor's text, layer or accepted risk; one change is one step.

    ``changes`` name the layer by its Ref (or None), never by a raw id.
    """

    def __init__(
        self,
        service: Services,
        refs: RefTable,
        ref: Ref,
        changes: dict[str, Any],
        label: str,
    ) -> None:
        super().__init__(label)
        self.service, self.refs, self.ref, self.new = service, refs, ref, changes
        self.old: dict[str, Any] = {}

    def _ids(self, changes: dict[str, Any]) -> dict[str, Any]:
        out = dict(changes)
        if isinstance(out.get("layer_id"), Ref):
            out["layer_id"] = out["layer_id"].id
        return out

    def apply(self) -> None:
        old = self.service.factors.set_factor(self.ref.id, **self._ids(self.new))
        if old.get("layer_id") is not None:
            old["layer_id"] = self.refs.get(LAYER, old["layer_id"])
        self.old = old

    def revert(self) -> None:
        self.service.factors.set_factor(self.ref.id, **self._ids(self.old))


class MoveFactor(FactorsCommand):
    def __init__(self, service: Services, ref: Ref, position: int) -> None:
        super().__init__("Move contributing factor")
        self.service, self.ref, self.position = service, ref, position
        self.old: int | None = None

    def apply(self) -> None:
        self.old = self.service.factors.move_factor(self.ref.id, self.position)

    def revert(self) -> None:
        assert self.old is not None
        self.service.factors.move_factor(self.ref.id, self.old)


class DeleteFactors(FactorsCommand):
    def __init__(
        self, service: Services, refs: RefTable, review_id: int, targets: list[Ref]
    ) -> None:
        many = len(targets) > 1
        super().__init__(
            f"Delete {len(targets)} contributing factors" if many else "Delete contributing factor"
        )
        self.service, self.refs, self.review_id, self.targets = service, refs, review_id, targets
        self.data: list[FactorData] = []
        self.actions: list[list[Ref]] = []
        self.nodes: list[list[Ref]] = []

    def apply(self) -> None:
        # One transaction: either every selected factor goes, or none does.
        self.data = self.service.factors.delete_factors([ref.id for ref in self.targets])
        # The links go back by Ref: an action or a why deleted and brought back meanwhile has
        # a new id.
        self.actions = [[self.refs.get(ACTION, i) for i in d.action_ids] for d in self.data]
        self.nodes = [[self.refs.get(WHY, i) for i in d.node_ids] for d in self.data]
        for ref in self.targets:
            self.refs.forget(ref)

    def revert(self) -> None:
        now = []
        for data, actions, nodes in zip(self.data, self.actions, self.nodes, strict=True):
            layer_id = data.layer_id
            if layer_id is not None:
                layer_id = self.refs.get(LAYER, layer_id).id
            now.append(
                FactorData(
                    data.id,
                    layer_id,
                    data.text,
                    data.accepted_risk,
                    data.accepted_reason,
                    data.position,
                    tuple(r.id for r in nodes),
                    tuple(r.id for r in actions),
                )
            )
        new_ids = self.service.factors.restore_factors(self.review_id, now)
        for ref, new_id in zip(self.targets, new_ids, strict=True):
            self.refs.rebind(ref, new_id)


# ---- links --------------------------------------------------------------------------------
class _Link(FactorsCommand):
    """A link made (``link=True``) or taken away; undo does the other."""

    def __init__(self, label: str, link: bool) -> None:
        super().__init__(label)
        self.link = link

    def _set(self, link: bool) -> None:
        raise NotImplementedError

    def apply(self) -> None:
        self._set(self.link)

    def revert(self) -> None:
        self._set(not self.link)


class LinkWhy(_Link):
    """Links a factor to the why it came from (or unlinks it, ``link=False``)."""

    def __init__(self, service: Services, factor: Ref, node: Ref, link: bool, label: str) -> None:
        super().__init__(label, link)
        self.service, self.factor, self.node = service, factor, node

    def _set(self, link: bool) -> None:
        if link:
            self.service.factors.link_node(self.factor.id, self.node.id)
        else:
            self.service.factors.unlink_node(self.factor.id, self.node.id)


class LinkAction(_Link):
    """Records that an action item closes a factor (or no longer does, ``link=False``)."""

    def __init__(self, service: Services, factor: Ref, action: Ref, link: bool, label: str) -> None:
        super().__init__(label, link)
        self.service, self.factor, self.action = service, factor, action

    def _set(self, link: bool) -> None:
        if link:
            self.service.actions.link_action_factor(self.action.id, self.factor.id)
        else:
            self.service.actions.unlink_action_factor(self.action.id, self.factor.id)
