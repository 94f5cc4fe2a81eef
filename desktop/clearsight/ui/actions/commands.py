"""Undo commands for action items: each calls the review service (see commands.py).

Items are named through ``Ref``s of kind "action", so an item that an undo re-creates (with a
new id) is still found by later commands; factors go by refs of kind "factor" for the same
reason. ``SetAction`` also serves the prior-actions phase, where the item belongs to another
review: its id is just as good a name there.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from clearsight.review.data import TOUCHES, ActionData
from clearsight.ui.editing.commands import Ref, RefTable, ServiceCommand

if TYPE_CHECKING:
    from clearsight.services.root import Services


def _rebind_texts(refs: RefTable, old_id: int, new_id: int) -> None:
    """The verification text's flag place ("verify:<id>") follows its item to a new id."""
    refs.rebind(refs.get("verify", old_id), new_id)


class ActionsCommand(ServiceCommand):
    """An edit of action items: what it may change in the review is read again after it."""

    touches = TOUCHES["actions"]


class AddAction(ActionsCommand):
    def __init__(
        self,
        service: Services,
        refs: RefTable,
        review_id: int,
        what: str,
        fields: dict[str, Any],
        factors: list[Ref] | None = None,
    ) -> None:
        super().__init__("Add action item")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.what, self.fields = what, dict(fields)
        self.factors = list(factors or [])
        self.ref: Ref | None = None
        self.position: int | None = None

    def apply(self) -> None:
        new_id = self.service.actions.add_action(
            self.review_id,
            self.what,
            self.position,
            factor_ids=tuple(f.id for f in self.factors),
            **self.fields,
        )
        if self.ref is None:
            self.ref = self.refs.get("action", new_id)
        else:
            _rebind_texts(self.refs, self.ref.id, new_id)
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.position = self.service.actions.delete_action(self.ref.id).position
        self.refs.forget(self.ref)


class DeleteAction(ActionsCommand):
    def __init__(self, service: Services, refs: RefTable, ref: Ref, label: str) -> None:
        super().__init__(f"Delete action {label}")
        self.service, self.refs, self.ref = service, refs, ref
        self.data: ActionData | None = None
        self.factors: list[Ref] = []

    def apply(self) -> None:
        self.data = self.service.actions.delete_action(self.ref.id)
        self.factors = [self.refs.get("factor", f) for f in self.data.factor_ids]
        self.refs.forget(self.ref)

    def revert(self) -> None:
        assert self.data is not None
        # A factor an undo re-created since has a new id: its ref knows it.
        data = dataclasses.replace(self.data, factor_ids=tuple(f.id for f in self.factors))
        new_id = self.service.actions.restore_action(data)
        _rebind_texts(self.refs, self.ref.id, new_id)
        self.refs.rebind(self.ref, new_id)


class SetAction(ActionsCommand):
    """Changes fields of one item. A re-date or a status move goes to the item's history with
    ``reason``; the undo goes there too, with "Undo" as its reason."""

    def __init__(
        self,
        service: Services,
        ref: Ref,
        changes: dict[str, Any],
        label: str,
        reason: str = "",
    ) -> None:
        super().__init__(label)
        self.service, self.ref, self.changes, self.reason = service, ref, dict(changes), reason
        self.old: dict[str, Any] = {}

    def apply(self) -> None:
        self.old = self.service.actions.set_action(self.ref.id, self.reason, **self.changes)

    def revert(self) -> None:
        self.service.actions.set_action(self.ref.id, f"Undo: {self.text()}", **self.old)


class MoveAction(ActionsCommand):
    """Puts an item at another place in the list: the order is the order of prevention value."""

    def __init__(self, service: Services, ref: Ref, position: int, label: str) -> None:
        super().__init__(label)
        self.service, self.ref, self.position = service, ref, position
        self.old: int | None = None

    def apply(self) -> None:
        self.old = self.service.actions.move_action(self.ref.id, self.position)

    def revert(self) -> None:
        assert self.old is not None
        self.service.actions.move_action(self.ref.id, self.old)


class SetActionFactors(ActionsCommand):
    """Links an item to some factors and unlinks it from others, as one step."""

    def __init__(
        self,
        service: Services,
        ref: Ref,
        link: list[Ref],
        unlink: list[Ref],
        label: str,
    ) -> None:
        super().__init__(label)
        self.service, self.ref, self.link, self.unlink = service, ref, link, unlink

    def apply(self) -> None:
        for factor in self.link:
            self.service.actions.link_action_factor(self.ref.id, factor.id)
        for factor in self.unlink:
            self.service.actions.unlink_action_factor(self.ref.id, factor.id)

    def revert(self) -> None:
        for factor in self.unlink:
            self.service.actions.link_action_factor(self.ref.id, factor.id)
        for factor in self.link:
            self.service.actions.unlink_action_factor(self.ref.id, factor.id)
