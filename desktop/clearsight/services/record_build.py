"""Building a review's rows from a parsed machine form (see machine_import.parse).

It runs only on data that passed every check, inside the caller's transaction, so a bad file
creates nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clearsight.db.models import (
    ActionItem,
    Change,
    DefenseLayer,
    DismissedFlag,
    Factor,
    ImpactFigure,
    Lesson,
    Participant,
    Person,
    Review,
    SignOff,
    TimelineEvent,
    WhyNode,
    WhyTree,
)

Parsed = dict[str, Any]


def build(s: Session, parsed: Parsed) -> Review:
    """Create the review and its rows from checked data; people are matched, else created."""
    review = Review(
        **{
            k: parsed[k]
            for k in (
                "title",
                "severity",
                "status",
                "incident_id",
                "incident_start",
                "incident_end",
                "meeting_at",
                "display_zone",
                "summary",
                "impact",
            )
        }
    )
    if review.status == "final":
        review.status = "in_review"  # until its rows are in (see the end)
    if parsed.get("uid"):
        review.uid = parsed["uid"]  # a verified record keeps its uid: its digest covers it
    s.add(review)
    persons: dict[str, Person] = {}
    for person in parsed["people"]:
        found = _find_or_add_person(s, person)
        for key in (person["handle"], person["name"]):
            if key:
                persons[key] = found
    s.flush()
    for person in parsed["people"]:
        row = persons[person["handle"] or person["name"]]
        for role in dict.fromkeys(person["roles"]):
            review.participants.append(Participant(person_id=row.id, role=role))
    review.figures = [
        ImpactFigure(label=f["label"], value=f["value"], position=i)
        for i, f in enumerate(parsed["figures"])
    ]
    review.events = [
        TimelineEvent(at=e["at"], text=e["text"], mark=e["mark"]) for e in parsed["timeline"]
    ]
    nodes_by_key: dict[str, WhyNode] = {}
    for i, t in enumerate(parsed["trees"]):
        tree = WhyTree(problem=t["problem"], position=i)
        review.trees.append(tree)
        _add_nodes(tree, None, t["nodes"], nodes_by_key)
    layers = {name: DefenseLayer(name=name, position=i) for i, name in enumerate(parsed["layers"])}
    review.layers = list(layers.values())
    factors_by_key: dict[str, Factor] = {}
    for i, f in enumerate(parsed["factors"]):
        factor = Factor(
            text=f["text"],
            accepted_risk=f["accepted_risk"],
            accepted_reason=f["accepted_reason"],
            position=i,
            layer=layers[f["layer"]] if f["layer"] else None,
            why_nodes=[nodes_by_key[k] for k in f["why_nodes"]],
        )
        review.factors.append(factor)
        if f["key"]:
            factors_by_key[f["key"]] = factor
    for i, a in enumerate(parsed["actions"]):
        review.actions.append(
            ActionItem(
                what=a["what"],
                category=a["category"],
                owner=persons[a["owner"]] if a["owner"] else None,
                due=a["due"],
                ticket=a["ticket"],
                verification=a["verification"],
                status=a["status"],
                status_reason=a["status_reason"],
                evidence=a["evidence"],
                position=i,
                factors=[factors_by_key[k] for k in a["factors"]],
            )
        )
    for kind, texts in parsed["lessons"].items():
        review.lessons.extend(Lesson(kind=kind, text=t, position=i) for i, t in enumerate(texts))
    for so in parsed["signoffs"]:
        review.signoffs.append(
            SignOff(
                person=persons[so["person"]],
                **{
                    k: so[k]
                    for k in (
                        "role",
                        "signed_at",
                        "digest",
                        "signature",
                        "public_key",
                        "voided_at",
                        "void_reason",
                        "statement",
                        "void_statement",
                        "void_signature",
                        "void_key",
                    )
                },
            )
        )
    for d in parsed["dismissed"]:
        flag = DismissedFlag(
            field=d["field"], rule_id=d["rule_id"], snippet=d["snippet"], reason=d["reason"]
        )
        if d["dismissed_at"]:
            flag.dismissed_at = d["dismissed_at"]
        review.dismissals.append(flag)
    for h in parsed["history"]:
        change = Change(**{k: h[k] for k in ("entity", "field", "old", "new", "reason")})
        if h["at"]:
            change.at = h["at"]
        review.changes.append(change)
    s.flush()
    if parsed["status"] == "final":
        review.status = "final"  # last: the rows of a final review are read-only once it is
        s.flush()
    return review


def _find_or_add_person(s: Session, person: dict[str, Any]) -> Person:
    if person["handle"]:
        row = s.scalar(select(Person).where(Person.handle == person["handle"]))
    else:
        row = s.scalar(select(Person).where(Person.name == person["name"], Person.handle.is_(None)))
    if row is None:
        row = Person(name=person["name"], handle=person["handle"], email=person["email"])
        s.add(row)
    return row


def _add_nodes(
    tree: WhyTree, parent: WhyNode | None, nodes: list[dict[str, Any]], by_key: dict[str, WhyNode]
) -> None:
    for i, n in enumerate(nodes):
        node = WhyNode(text=n["text"], position=i, changeable=n["changeable"])
        tree.nodes.append(node)
        node.parent = parent
        if n["key"]:
            by_key[n["key"]] = node
        _add_nodes(tree, node, n["children"], by_key)
