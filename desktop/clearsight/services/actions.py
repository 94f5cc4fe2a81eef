"""A review's action items: commitments with one owner, a due date and a history.

Re-dating an item, or moving it to done or dropped, is kept in the review's change history
with the reason given; done needs evidence and dropped needs a reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from clearsight.db.models import (
    ActionFactorLink,
    ActionItem,
    Change,
    Factor,
    Person,
    Review,
)
from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.actions import owner_refusal
from clearsight.review.data import OPEN_STATUSES, ActionData, ChangeData, OpenAction
from clearsight.review.ordering import close_gaps, move, place
from clearsight.services.flags import move_dismissals
from clearsight.services.part import Part
from clearsight.services.read import action_data

FIELDS = {
    "what",
    "category",
    "owner_id",
    "due",
    "ticket",
    "verification",
    "status",
    "status_reason",
    "evidence",
}
HISTORY = ("due", "status", "owner_id")


def _clean(s: Session, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - FIELDS
    if unknown:
        raise UserError(f"An action item has no {', '.join(sorted(unknown))}.")
    out = dict(changes)
    try:
        if "category" in out:
            out["category"] = rules.parse_choice(
                out["category"], rules.ACTION_CATEGORIES, "category"
            )
        if "status" in out:
            out["status"] = rules.parse_choice(out["status"], rules.ACTION_STATUSES, "status")
        if isinstance(out.get("due"), str):
            out["due"] = rules.parse_date(out["due"]) if out["due"].strip() else None
    except ValueError as err:
        raise UserError(str(err)) from err
    for key in ("what", "ticket", "verification", "status_reason", "evidence"):
        if key in out:
            out[key] = str(out[key]).strip()
    if out.get("owner_id") is not None:
        person = s.get(Person, out["owner_id"])
        if person is None:
            raise UserError(f"There is no person {out['owner_id']}.")
        refusal = owner_refusal(person.name) or (
            owner_refusal("@" + person.handle) if person.handle else None
        )
        if refusal:
            raise UserError(refusal)
    return out


class Actions(Part):
    def add_action(
        self,
        review_id: int,
        what: str = "",
        position: int | None = None,
        factor_ids: tuple[int, ...] = (),
        **fields: Any,
    ) -> int:
        """Adds an item (closing ``factor_ids``) in one transaction."""
        with self._tx() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise UserError(f"There is no review {review_id}.")
            values = _clean(s, {"what": what, **fields})
            item = ActionItem(review_id=review_id, **values)
            s.add(item)
            place(list(review.actions), item, position)
            s.flush()
            for factor_id in factor_ids:
                if s.get(Factor, factor_id) is None:
                    raise UserError(f"There is no factor {factor_id} (it may have been deleted).")
                s.add(ActionFactorLink(action_id=item.id, factor_id=factor_id))
            return item.id

    def set_action(self, action_id: int, reason: str = "", **changes: Any) -> dict[str, Any]:
        """Changes fields of an item; returns the old values (for undo).

        A new due date replacing one, and a status move, are kept in the history with
        ``reason``. Done needs evidence; dropped needs a reason.
        """
        with self._tx() as s:
            item = self._action(s, action_id)
            values = _clean(s, changes)
            status = values.get("status", item.status)
            evidence = values.get("evidence", item.evidence)
            why = values.get("status_reason", item.status_reason) or reason.strip()
            if "status" in values and status == "done" and not evidence:
                raise UserError("Done needs evidence: a link or a line that shows it is done.")
            if "status" in values and status == "dropped" and not why:
                raise UserError("Dropping an item needs a reason.")
            if status == "dropped" and "status_reason" not in values:
                values["status_reason"] = why
            old = {key: getattr(item, key) for key in values}
            for key in HISTORY:
                if key in values and values[key] != old[key] and (key != "due" or old[key]):
                    s.add(
                        Change(
                            review_id=item.review_id,
                            entity=f"action:{item.id}",
                            field=key,
                            old="" if old[key] is None else str(old[key]),
                            new="" if values[key] is None else str(values[key]),
                            reason=reason.strip(),
                        )
                    )
            for key, value in values.items():
                setattr(item, key, value)
            return old

    def delete_action(self, action_id: int) -> ActionData:
        with self._tx() as s:
            item = self._action(s, action_id)
            data = action_data(item)
            review = s.get(Review, item.review_id)
            assert review is not None
            rest = [a for a in review.actions if a is not item]
            s.delete(item)
            close_gaps(rest)
            return data

    def restore_action(self, data: ActionData) -> int:
        """Puts a deleted item back with the factor links that still have a factor."""
        with self._tx() as s:
            alive = tuple(f for f in data.factor_ids if s.get(Factor, f) is not None)
        new_id = self.add_action(
            data.review_id,
            data.what,
            data.position,
            factor_ids=alive,
            category=data.category,
            owner_id=data.owner.id if data.owner else None,
            due=data.due,
            ticket=data.ticket,
            verification=data.verification,
            status=data.status,
            status_reason=data.status_reason,
            evidence=data.evidence,
        )
        with self._tx() as s:
            moves = {f"{k}:{data.id}": f"{k}:{new_id}" for k in ("action", "verify")}
            move_dismissals(s, data.review_id, moves)
        return new_id

    def move_action(self, action_id: int, position: int) -> int:
        with self._tx() as s:
            item = self._action(s, action_id)
            review = s.get(Review, item.review_id)
            assert review is not None
            return move(review.actions, item, position)

    def link_action_factor(self, action_id: int, factor_id: int) -> None:
        with self._tx() as s:
            self._action(s, action_id)
            if s.get(Factor, factor_id) is None:
                raise UserError(f"There is no factor {factor_id}.")
            if s.get(ActionFactorLink, (action_id, factor_id)) is None:
                s.add(ActionFactorLink(action_id=action_id, factor_id=factor_id))

    def unlink_action_factor(self, action_id: int, factor_id: int) -> None:
        with self._tx() as s:
            link = s.get(ActionFactorLink, (action_id, factor_id))
            if link is not None:
                s.delete(link)

    def all_actions(self, exclude_review: int | None = None) -> list[OpenAction]:
        """Every action item of every review (but ``exclude_review``), with context."""
        with self._tx() as s:
            query = (
                select(ActionItem)
                .join(Review)
                .order_by(ActionItem.due, ActionItem.id)
                # Loaded with the items, not one query per item and relation.
                .options(selectinload(ActionItem.factors))
            )
            if exclude_review is not None:
                query = query.where(ActionItem.review_id != exclude_review)
            items = list(s.scalars(query))
            # The items' own history, as plain rows: a review's whole change history as
            # mapped objects took longer than the items themselves.
            history: dict[str, list[ChangeData]] = {}
            columns = (Change.at, Change.entity, Change.field, Change.old, Change.new)
            changes = (
                select(*columns, Change.reason)
                .where(Change.review_id.in_({item.review_id for item in items}))
                .where(Change.entity.startswith("action:"))
                .order_by(Change.id)
            )
            for row in s.execute(changes) if items else ():
                history.setdefault(row.entity, []).append(ChangeData(*row))
            out = []
            for item in items:
                review = s.get(Review, item.review_id)
                assert review is not None
                out.append(
                    OpenAction(
                        action_data(item),
                        review.title,
                        review.severity,
                        tuple(f.text for f in item.factors),
                        tuple(history.get(f"action:{item.id}", ())),
                    )
                )
            return out

    def count_overdue(self, exclude_review: int, today: date) -> int:
        """How many open items of the other reviews are past their due date: one count, for
        the agenda's mark on prior actions (the page itself reads them all)."""
        with self._tx() as s:
            query = select(func.count(ActionItem.id)).where(
                ActionItem.review_id != exclude_review,
                ActionItem.status.in_(OPEN_STATUSES),
                ActionItem.due.is_not(None),
                ActionItem.due < today,
            )
            return int(s.scalar(query) or 0)

    def prior_open_actions(self, review_id: int, today: date) -> list[OpenAction]:
        """Open items of the other reviews: overdue first, then by due date."""
        items = [x for x in self.all_actions(exclude_review=review_id) if x.action.is_open]
        return sorted(
            items,
            key=lambda x: (not x.overdue(today), x.action.due or date.max, x.action.id),
        )

    @staticmethod
    def _action(s: Session, action_id: int) -> ActionItem:
        item = s.get(ActionItem, action_id)
        if item is None:
            raise UserError(f"There is no action item {action_id} (it may have been deleted).")
        return item
