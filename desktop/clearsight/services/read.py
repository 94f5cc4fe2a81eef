"""The read model of a review, built from the store in one go: ``ReviewDetail`` and its rows.

The window, the sign-off gate, redaction and export all read this one model. Every list of the
review is loaded with one query per kind (selectinload), never one query per row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from clearsight.db.models import (
    ActionItem,
    Change,
    DefenseLayer,
    Factor,
    Participant,
    Person,
    Review,
    SignOff,
    TimelineEvent,
    WhyNode,
    WhyTree,
)
from clearsight.errors import UserError
from clearsight.review.data import (
    ActionData,
    ChangeData,
    DismissalData,
    EventData,
    FactorData,
    FigureData,
    LayerData,
    LessonData,
    ParticipantData,
    PersonData,
    ReviewDetail,
    SignOffData,
    WhyNodeData,
    WhyTreeData,
)

# Each list of a ReviewDetail: how to load it with the review (one SELECT per relationship)
# and how to build it. A reload after an edit reads the parts that edit may change.
_PARTS: dict[str, tuple[tuple[Any, ...], Callable[[Review], list[Any]]]] = {
    "participants": (
        (selectinload(Review.participants).joinedload(Participant.person),),
        lambda r: [ParticipantData(person_data(p.person), p.role) for p in r.participants],
    ),
    "figures": (
        (selectinload(Review.figures),),
        lambda r: [FigureData(f.id, f.label, f.value, f.position) for f in r.figures],
    ),
    "lessons": (
        (selectinload(Review.lessons),),
        lambda r: [LessonData(x.id, x.kind, x.text, x.position) for x in r.lessons],
    ),
    "events": ((), lambda r: _event_rows(r)),
    "trees": (
        (selectinload(Review.trees).selectinload(WhyTree.nodes),),
        lambda r: [tree_data(t) for t in r.trees],
    ),
    "layers": ((selectinload(Review.layers),), lambda r: [layer_data(x) for x in r.layers]),
    "factors": (
        (
            selectinload(Review.factors).selectinload(Factor.why_nodes),
            selectinload(Review.factors).selectinload(Factor.actions),
        ),
        lambda r: [factor_data(f) for f in r.factors],
    ),
    "actions": (
        (selectinload(Review.actions).selectinload(ActionItem.factors),),
        lambda r: [action_data(a) for a in r.actions],
    ),
    "dismissals": (
        (selectinload(Review.dismissals),),
        lambda r: [
            DismissalData(d.id, d.field, d.rule_id, d.snippet, d.reason, d.dismissed_at)
            for d in r.dismissals
        ],
    ),
    "signoffs": (
        (selectinload(Review.signoffs).joinedload(SignOff.person),),
        lambda r: [signoff_data(x) for x in r.signoffs],
    ),
    "history": ((), lambda r: _change_rows(r)),
}
PARTS = frozenset(_PARTS)


def review_detail(
    s: Session,
    review_id: int,
    parts: frozenset[str] | None = None,
    base: ReviewDetail | None = None,
) -> ReviewDetail:
    """The review as the read model. With ``parts`` and the ``base`` read before, only those
    lists are read again (the review's own fields always are); the rest is kept from base."""
    wanted = PARTS if parts is None or base is None else parts & PARTS
    options = [option for name in wanted for option in _PARTS[name][0]]
    r = s.scalars(select(Review).where(Review.id == review_id).options(*options)).one_or_none()
    if r is None:
        raise UserError(f"There is no review {review_id}.")
    own: dict[str, Any] = {
        "id": r.id,
        "uid": r.uid,
        "title": r.title,
        "severity": r.severity,
        "status": r.status,
        "incident_id": r.incident_id,
        "incident_start": r.incident_start,
        "incident_end": r.incident_end,
        "meeting_at": r.meeting_at,
        "summary": r.summary,
        "impact": r.impact,
        "display_zone": r.display_zone,
    }
    lists: dict[str, Any] = {name: _PARTS[name][1](r) for name in wanted}
    if base is not None and parts is not None:
        return dataclasses.replace(base, **own, **lists)
    return ReviewDetail(**own, **lists)


# The two lists that grow to thousands of rows, and that every edit reads again (a new event,
# a change record): read as plain rows, not as mapped objects, which took five times as long.
def _event_rows(r: Review) -> list[EventData]:
    s = object_session(r)
    assert s is not None
    columns = (TimelineEvent.id, TimelineEvent.at, TimelineEvent.text, TimelineEvent.mark)
    query = (
        select(*columns, TimelineEvent.source_key)
        .where(TimelineEvent.review_id == r.id)
        .order_by(TimelineEvent.at, TimelineEvent.id)
    )
    return [EventData(*row) for row in s.execute(query)]


def _change_rows(r: Review) -> list[ChangeData]:
    s = object_session(r)
    assert s is not None
    query = (
        select(Change.at, Change.entity, Change.field, Change.old, Change.new, Change.reason)
        .where(Change.review_id == r.id)
        .order_by(Change.id)
    )
    return [ChangeData(*row) for row in s.execute(query)]


def signoff_data(x: SignOff) -> SignOffData:
    return SignOffData(
        person_data(x.person),
        x.role,
        x.signed_at,
        x.digest,
        x.signature,
        x.public_key,
        x.voided_at,
        x.void_reason,
        x.statement,
        x.void_statement,
        x.void_signature,
        x.void_key,
    )


def person_data(p: Person) -> PersonData:
    return PersonData(p.id, p.name, p.handle, p.email, p.public_key)


def event_data(e: TimelineEvent) -> EventData:
    return EventData(e.id, e.at, e.text, e.mark, e.source_key)


def tree_data(t: WhyTree) -> WhyTreeData:
    nodes = sorted(t.nodes, key=lambda n: (_depth_of(n), n.position, n.id))
    return WhyTreeData(
        t.id,
        t.problem,
        t.position,
        [WhyNodeData(n.id, t.id, n.parent_id, n.text, n.position, n.changeable) for n in nodes],
    )


def _depth_of(node: WhyNode) -> int:
    depth, parent = 0, node.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def layer_data(layer: DefenseLayer) -> LayerData:
    return LayerData(layer.id, layer.name, layer.position)


def factor_data(f: Factor) -> FactorData:
    return FactorData(
        f.id,
        f.layer_id,
        f.text,
        f.accepted_risk,
        f.accepted_reason,
        f.position,
        tuple(sorted(n.id for n in f.why_nodes)),
        tuple(sorted(a.id for a in f.actions)),
    )


def action_data(a: ActionItem) -> ActionData:
    owner = a.owner
    return ActionData(
        a.id,
        a.review_id,
        a.what,
        a.category,
        PersonData(owner.id, owner.name, owner.handle, owner.email) if owner else None,
        a.due,
        a.ticket,
        a.verification,
        a.status,
        a.status_reason,
        a.evidence,
        a.position,
        tuple(sorted(f.id for f in a.factors)),
    )
