"""A review's Swiss-cheese model: defense layers and the factors that are holes in them.

A new review starts with the layers most teams recognise; a factor lives in one layer (or
none yet), links to the whys that led to it and to the actions that close it, or is an
accepted risk with a reason.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clearsight.db.models import (
    ActionFactorLink,
    ActionItem,
    DefenseLayer,
    Factor,
    FactorWhyLink,
    Review,
    WhyNode,
)
from clearsight.errors import UserError
from clearsight.review.data import FactorData, LayerData
from clearsight.review.ordering import close_gaps, move, place
from clearsight.services.flags import move_dismissals
from clearsight.services.part import Part
from clearsight.services.read import factor_data, layer_data

DEFAULT_LAYERS = (
    "Code review",
    "Tests and staging",
    "Deploy and canary gate",
    "Monitoring and alerting",
    "Runbook and response",
)


def _name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise UserError("A defense layer needs a name.")
    return clean[:200]


class Factors(Part):
    # ---- layers ---------------------------------------------------------------------------
    def add_default_layers(self, review_id: int) -> None:
        with self._tx() as s:
            for position, name in enumerate(DEFAULT_LAYERS):
                s.add(DefenseLayer(review_id=review_id, name=name, position=position))

    def add_layer(self, review_id: int, name: str, position: int | None = None) -> int:
        with self._tx() as s:
            review = self._review_of(s, review_id)
            layer = DefenseLayer(review_id=review_id, name=_name(name))
            s.add(layer)
            place(list(review.layers), layer, position)
            s.flush()
            return layer.id

    def rename_layer(self, layer_id: int, name: str) -> None:
        with self._tx() as s:
            self._layer(s, layer_id).name = _name(name)

    def move_layer(self, layer_id: int, position: int) -> int:
        """Moves the layer to ``position``; returns where it was."""
        with self._tx() as s:
            layer = self._layer(s, layer_id)
            return move(self._review_of(s, layer.review_id).layers, layer, position)

    def delete_layer(self, layer_id: int) -> tuple[LayerData, list[int]]:
        """Deletes the layer; its factors stay, in no layer. Returns what undo needs."""
        with self._tx() as s:
            layer = self._layer(s, layer_id)
            data = layer_data(layer)
            factor_ids = list(s.scalars(select(Factor.id).where(Factor.layer_id == layer_id)))
            review = self._review_of(s, layer.review_id)
            rest = [x for x in review.layers if x is not layer]
            s.delete(layer)
            close_gaps(rest)
            return data, factor_ids

    def restore_layer(self, review_id: int, data: LayerData, factor_ids: list[int]) -> int:
        layer_id = self.add_layer(review_id, data.name, data.position)
        with self._tx() as s:
            for factor in s.scalars(select(Factor).where(Factor.id.in_(factor_ids))):
                factor.layer_id = layer_id
        return layer_id

    # ---- factors --------------------------------------------------------------------------
    def add_factor(
        self,
        review_id: int,
        text: str,
        layer_id: int | None = None,
        node_id: int | None = None,
        position: int | None = None,
    ) -> int:
        with self._tx() as s:
            review = self._review_of(s, review_id)
            if layer_id is not None:
                self._layer(s, layer_id)
            factor = Factor(review_id=review_id, text=text.strip(), layer_id=layer_id)
            s.add(factor)
            place(list(review.factors), factor, position)
            s.flush()
            if node_id is not None:
                self._link(s, factor, node_id)
            return factor.id

    def set_factor(self, factor_id: int, **changes: Any) -> dict[str, Any]:
        """Changes text, layer_id, accepted_risk or accepted_reason; returns the old values."""
        allowed = {"text", "layer_id", "accepted_risk", "accepted_reason"}
        unknown = set(changes) - allowed
        if unknown:
            raise UserError(f"A factor has no {', '.join(sorted(unknown))}.")
        with self._tx() as s:
            factor = self._factor(s, factor_id)
            if changes.get("layer_id") is not None:
                self._layer(s, changes["layer_id"])
            if (
                changes.get("accepted_risk")
                and not str(changes.get("accepted_reason", factor.accepted_reason)).strip()
            ):
                raise UserError("An accepted risk needs a reason: why will no action be taken?")
            old = {key: getattr(factor, key) for key in changes}
            for key, value in changes.items():
                setattr(factor, key, value.strip() if isinstance(value, str) else value)
            return old

    def move_factor(self, factor_id: int, position: int) -> int:
        """Moves the factor to ``position`` in the review's list; returns where it was."""
        with self._tx() as s:
            factor = self._factor(s, factor_id)
            return move(self._review_of(s, factor.review_id).factors, factor, position)

    def delete_factor(self, factor_id: int) -> FactorData:
        return self.delete_factors([factor_id])[0]

    def delete_factors(self, factor_ids: list[int]) -> list[FactorData]:
        """Deletes the factors in one transaction (all or none); returns them for undo, each
        with the position it had when it left (so restoring in this order puts them back)."""
        with self._tx() as s:
            gone = []
            for factor_id in factor_ids:
                factor = self._factor(s, factor_id)
                gone.append(factor_data(factor))
                review = self._review_of(s, factor.review_id)
                rest = [f for f in review.factors if f is not factor]
                s.delete(factor)
                s.flush()
                close_gaps(rest)
            return gone

    def restore_factor(self, review_id: int, data: FactorData) -> int:
        return self.restore_factors(review_id, [data])[0]

    def restore_factors(self, review_id: int, items: list[FactorData]) -> list[int]:
        """Puts deleted factors back in one transaction, in reverse order of deletion."""
        with self._tx() as s:
            review = self._review_of(s, review_id)
            ids: dict[int, int] = {}
            for data in reversed(items):
                ids[id(data)] = self._restore(s, review, data)
            return [ids[id(data)] for data in items]

    def _restore(self, s: Session, review: Review, data: FactorData) -> int:
        layer_id = data.layer_id if data.layer_id and s.get(DefenseLayer, data.layer_id) else None
        factor = Factor(
            review_id=review.id,
            text=data.text,
            layer_id=layer_id,
            accepted_risk=data.accepted_risk,
            accepted_reason=data.accepted_reason,
        )
        s.add(factor)
        place(list(review.factors), factor, data.position)
        s.flush()
        for node_id in data.node_ids:
            if s.get(WhyNode, node_id) is not None:
                self._link(s, factor, node_id)
        for action_id in data.action_ids:
            if s.get(ActionItem, action_id) is not None:
                s.add(ActionFactorLink(action_id=action_id, factor_id=factor.id))
        moves = {f"{kind}:{data.id}": f"{kind}:{factor.id}" for kind in ("factor", "risk")}
        move_dismissals(s, review.id, moves)
        return factor.id

    def link_node(self, factor_id: int, node_id: int) -> None:
        with self._tx() as s:
            self._link(s, self._factor(s, factor_id), node_id)

    def unlink_node(self, factor_id: int, node_id: int) -> None:
        with self._tx() as s:
            s.execute(
                delete(FactorWhyLink).where(
                    FactorWhyLink.factor_id == factor_id, FactorWhyLink.node_id == node_id
                )
            )

    # ---- helpers --------------------------------------------------------------------------
    def _link(self, s: Session, factor: Factor, node_id: int) -> None:
        node = s.get(WhyNode, node_id)
        if node is None:
            raise UserError(f"There is no why {node_id} (it may have been deleted).")
        exists = s.get(FactorWhyLink, (factor.id, node_id))
        if exists is None:
            s.add(FactorWhyLink(factor_id=factor.id, node_id=node_id))

    @staticmethod
    def _review_of(s: Session, review_id: int) -> Review:
        review = s.get(Review, review_id)
        if review is None:
            raise UserError(f"There is no review {review_id}.")
        return review

    @staticmethod
    def _layer(s: Session, layer_id: int) -> DefenseLayer:
        layer = s.get(DefenseLayer, layer_id)
        if layer is None:
            raise UserError(f"There is no defense layer {layer_id} (it may have been deleted).")
        return layer

    @staticmethod
    def _factor(s: Session, factor_id: int) -> Factor:
        factor = s.get(Factor, factor_id)
        if factor is None:
            raise UserError(f"There is no factor {factor_id} (it may have been deleted).")
        return factor
