"""The review's machine form: versioned JSON other tools and our tests read.

Schema ``clearsight.review`` version 1 (documented in README.md, "Machine form"). Keys are
written in a fixed order; ``w<N>``/``f<N>`` keys tie factors to why-nodes and actions to
factors inside one document.
"""

from __future__ import annotations

from typing import Any

from clearsight.record.form_memo import NO_MEMO, FormMemo
from clearsight.review.data import PersonData, ReviewDetail, WhyNodeData
from clearsight.review.rules import LESSON_KINDS, format_instant

SCHEMA = "clearsight.review"
VERSION = 1


def dump(review: ReviewDetail, memo: FormMemo = NO_MEMO) -> dict[str, Any]:
    """The whole review as plain JSON-ready data: a pure function of the read model. With a
    ``memo``, the long lists an edit did not change are the ones made last time."""
    people: dict[int, dict[str, Any]] = {}

    def ref(person: PersonData | None) -> str | None:
        if person is None:
            return None
        if person.id not in people:
            people[person.id] = {
                "name": person.name,
                "handle": person.handle,
                "email": person.email,
                "roles": [],
            }
        return person.handle or person.name

    for part in review.participants:
        ref(part.person)
        people[part.person.id]["roles"].append(part.role)
    actions = [
        {
            "what": a.what,
            "category": a.category,
            "owner": ref(a.owner),
            "due": a.due.isoformat() if a.due else None,
            "ticket": a.ticket,
            "verification": a.verification,
            "status": a.status,
            "status_reason": a.status_reason,
            "evidence": a.evidence,
            "factors": [f"f{f}" for f in sorted(a.factor_ids)],
        }
        for a in review.actions
    ]
    signoffs = [
        {
            "person": ref(s.person),
            "role": s.role,
            "signed_at": format_instant(s.signed_at),
            "digest": s.digest,
            "signature": s.signature.hex() if s.signature else None,
            "public_key": s.public_key.hex() if s.public_key else None,
            "voided_at": format_instant(s.voided_at),
            "void_reason": s.void_reason,
            "statement": s.statement,
            "void_statement": s.void_statement,
            "void_signature": s.void_signature.hex() if s.void_signature else None,
            "void_key": s.void_key.hex() if s.void_key else None,
        }
        for s in review.signoffs
    ]
    layer_names = {layer.id: layer.name for layer in review.layers}
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "review": {
            "uid": review.uid,
            "title": review.title,
            "severity": review.severity,
            "status": review.status,
            "incident_id": review.incident_id,
            "incident_start": format_instant(review.incident_start),
            "incident_end": format_instant(review.incident_end),
            "meeting_at": format_instant(review.meeting_at),
            "display_zone": review.display_zone,
            "summary": review.summary,
            "impact": review.impact,
            "impact_figures": [{"label": f.label, "value": f.value} for f in review.figures],
            "people": list(people.values()),
            "timeline": memo.part("timeline", (review.events,), lambda: _timeline(review)),
            "why_trees": memo.part(
                "why_trees",
                (review.trees,),
                lambda: [
                    {"problem": t.problem, "nodes": _nodes(t.nodes, None)} for t in review.trees
                ],
            ),
            "defense_layers": [layer.name for layer in review.layers],
            "factors": [
                {
                    "key": f"f{f.id}",
                    "layer": layer_names.get(f.layer_id) if f.layer_id else None,
                    "text": f.text,
                    "accepted_risk": f.accepted_risk,
                    "accepted_reason": f.accepted_reason,
                    "why_nodes": [f"w{n}" for n in sorted(f.node_ids)],
                }
                for f in review.factors
            ],
            "actions": actions,
            "lessons": {
                kind: [x.text for x in review.lessons if x.kind == kind] for kind in LESSON_KINDS
            },
            "signoffs": signoffs,
            "dismissed_flags": [
                {
                    "field": d.place,
                    "rule_id": d.rule_id,
                    "snippet": d.snippet,
                    "reason": d.reason,
                    "dismissed_at": format_instant(d.dismissed_at),
                }
                for d in review.dismissals
            ],
            "history": memo.part("history", (review.history,), lambda: _history(review)),
        },
    }


def _timeline(review: ReviewDetail) -> list[dict[str, Any]]:
    return [{"at": format_instant(e.at), "text": e.text, "mark": e.mark} for e in review.events]


def _history(review: ReviewDetail) -> list[dict[str, Any]]:
    return [
        {
            "at": format_instant(c.at),
            "entity": c.entity,
            "field": c.field,
            "old": c.old,
            "new": c.new,
            "reason": c.reason,
        }
        for c in review.history
    ]


def _nodes(all_nodes: list[WhyNodeData], parent_id: int | None) -> list[dict[str, Any]]:
    return [
        {
            "key": f"w{n.id}",
            "text": n.text,
            "changeable": n.changeable,
            "children": _nodes(all_nodes, n.id),
        }
        for n in sorted(all_nodes, key=lambda n: n.position)
        if n.parent_id == parent_id
    ]
