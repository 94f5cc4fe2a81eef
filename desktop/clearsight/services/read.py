"""The read model of a review, built from the store in one go: ``ReviewDetail`` and its rows.

The window, the sign-off gate, redaction and export all read this one model. Every list of the
review is loaded with one query per kind (selectinload), never one query per row.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clearsight.db.models import (
    ActionItem,
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

# Everything a ReviewDetail reads, loaded up front: one SELECT per relationship.
_LOAD = (
    selectinload(Review.participants).joinedload(Participant.person),
    selectinload(Review.figures),
    selectinload(Review.lessons),
    selectinload(Review.events),
    selectinload(Review.trees).selectinload(WhyTree.nodes),
    selectinload(Review.layers),
    selectinload(Review.factors).selectinload(Factor.why_nodes),
    selectinload(Review.factors).selectinload(Factor.actions),
    selectinload(Review.actions).selectinload(ActionItem.factors),
    selectinload(Review.signoffs).joinedload(SignOff.person),
    selectinload(Review.dismissals),
    selectinload(Review.changes),
)


def review_detail(s: Session, review_id: int) -> ReviewDetail:
    r = s.scalars(select(Review).where(Review.id == review_id).options(*_LOAD)).one_or_none()
    if r is None:
        raise UserError(f"There is no review {review_id}.")
    return ReviewDetail(
        id=r.id,
        uid=r.uid,
        title=r.title,
        severity=r.severity,
        status=r.status,
        incident_id=r.incident_id,
        incident_start=r.incident_start,
        incident_end=r.incident_end,
        meeting_at=r.meeting_at,
        summary=r.summary,
        impact=r.impact,
        display_zone=r.display_zone,
        participants=[ParticipantData(person_data(p.person), p.role) for p in r.participants],
        figures=[FigureData(f.id, f.label, f.value, f.position) for f in r.figures],
        lessons=[LessonData(x.id, x.kind, x.text, x.position) for x in r.lessons],
        events=[event_data(e) for e in sorted(r.events, key=lambda e: (e.at, e.id))],
        trees=[tree_data(t) for t in r.trees],
        layers=[layer_data(x) for x in r.layers],
        factors=[factor_data(f) for f in r.factors],
        actions=[action_data(a) for a in r.actions],
        dismissals=[
            DismissalData(d.id, d.field, d.rule_id, d.snippet, d.reason, d.dismissed_at)
            for d in r.dismissals
        ],
        signoffs=[
            SignOffData(
                person_data(x.person),
                x.role,
                x.signed_at,
                x.digest,
                x.signature,
                x.public_key,
                x.voided_at,
                x.void_reason,
            )
            for x in r.signoffs
        ],
        history=[ChangeData(c.at, c.entity, c.field, c.old, c.new, c.reason) for c in r.changes],
    )


def person_data(p: Person) -> PersonData:
    return PersonData(p.id, p.name, p.handle, p.email)


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
