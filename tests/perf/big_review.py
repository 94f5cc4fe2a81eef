"""A review of any size in the machine form, for the benchmarks: imported like any file.

``review_form()`` is the suite's "large review" (500 events, 5 trees of 20 answers, 30 factors,
20 actions); ``review_form(**ONE_X)`` is the size of a real multi-day incident that the
performance issue measures: 2,000 events, 50 trees of 10 answers, 200 factors, 300 actions.
``review_form(scale=4)`` is four times that (1/16 to 16): more events, trees, factors and
actions, each of the same length, so a time that grows faster than the scale is the code's.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from clearsight.review.rules import MARKS, format_instant

ONE_X = {"events": 2000, "trees": 50, "answers": 10, "factors": 200, "actions": 300}
SCALE_RANGE = (1 / 16, 16)
LAYERS = ("Code review", "Tests and staging", "Deploy gate", "Alerting", "Runbook", "Capacity")
SENTENCE = (
    "the payment service queued requests while the pool stayed exhausted and the alert "
    "waited five minutes before paging the on-call engineer about checkout errors"
)
WORDS = SENTENCE.split(" ")


def _text(n: int, words: int) -> str:
    return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(words)).capitalize() + "."


def _tree(t: int, answers: int) -> dict[str, Any]:
    """``answers`` why-nodes as chains of four, each a child of the one before."""
    nodes: list[dict[str, Any]] = []
    chain: list[dict[str, Any]] = []
    for a in range(answers):
        node = {"key": f"w{t * answers + a + 1}", "text": _text(t + a, 18), "children": []}
        if a % 4 == 0:
            nodes.append(node)
            chain = [node]
        else:
            chain[-1]["children"].append(node)
            chain.append(node)
    return {"problem": _text(t, 12), "nodes": nodes}


def scaled(scale: float) -> dict[str, int]:
    """ONE_X times ``scale``, at least one of each; a tree keeps its ten answers."""
    if not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1]:
        raise ValueError(f"scale {scale} is outside 1/16 to 16")
    return {
        key: count if key == "answers" else max(1, round(count * scale))
        for key, count in ONE_X.items()
    }


def review_form(
    events: int = 500,
    trees: int = 5,
    answers: int = 20,
    factors: int = 30,
    actions: int = 20,
    *,
    scale: float | None = None,
) -> dict[str, Any]:
    """The machine form of a review of these sizes, or of ``scaled(scale)`` when given."""
    if scale is not None:
        return review_form(**scaled(scale))
    start = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)
    marks = {40 + (events // 12) * i: mark for i, mark in enumerate(MARKS)}
    people = [
        {"name": f"Person {i}", "handle": f"p{i}", "email": None, "roles": ["attendee"]}
        for i in range(8)
    ]
    people[0]["roles"] = ["facilitator"]
    people[1]["roles"] = ["approver", "attendee"]
    nodes = trees * answers
    review = {
        "title": "Checkout API returned errors in eu-west after a pool-size change",
        "severity": "SEV-1",
        "status": "in_review",
        "incident_id": "INC-9000",
        "incident_start": format_instant(start),
        "incident_end": format_instant(start + timedelta(minutes=events)),
        "meeting_at": format_instant(start + timedelta(days=2)),
        "summary": _text(1, 80),
        "impact": _text(2, 60),
        "impact_figures": [{"label": f"Figure {i}", "value": f"{i * 7}%"} for i in range(8)],
        "people": people,
        "timeline": [
            {
                "at": format_instant(start + timedelta(minutes=i)),
                "text": _text(i, 10 + i % 25),
                "mark": marks.get(i),
            }
            for i in range(events)
        ],
        "why_trees": [_tree(t, answers) for t in range(trees)],
        "defense_layers": list(LAYERS),
        "factors": [
            {
                "key": f"f{i + 1}",
                "layer": LAYERS[i % len(LAYERS)],
                "text": _text(i, 20),
                "accepted_risk": i % 7 == 0,
                "accepted_reason": "Known and watched" if i % 7 == 0 else "",
                "why_nodes": [f"w{(i * 3) % nodes + 1}"] if nodes else [],
            }
            for i in range(factors)
        ],
        "actions": [
            {
                "what": _text(i, 25),
                "category": ("prevention", "detection", "mitigation", "process")[i % 4],
                "owner": f"p{i % 8}",
                "due": "2026-03-29",
                "ticket": f"PAY-{1400 + i}",
                "verification": _text(i + 3, 12),
                "status": "open",
                "factors": sorted({f"f{i % factors + 1}", f"f{(i + 7) % factors + 1}"}),
            }
            for i in range(actions)
        ],
        "lessons": {kind: [_text(i, 15) for i in range(4)] for kind in ("well", "poorly", "lucky")},
    }
    return {"schema": "clearsight.review", "version": 1, "review": review}
