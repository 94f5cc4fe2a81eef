"""What stands between a review and its sign-off: the checklist the sign-off page shows.

Blocking items keep anyone from signing; warnings are shown and may be left. Each item names
the agenda phase where it is fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from clearsight.record.form_memo import NO_MEMO, FormMemo
from clearsight.record.machine_export import dump
from clearsight.record.redact import find_secrets
from clearsight.review.actions import TOO_MANY, Windows, action_flags
from clearsight.review.data import ReviewDetail
from clearsight.review.flags import OpenFinding
from clearsight.timeline.marks import marked, problems


@dataclass(frozen=True)
class GateItem:
    phase: str  # agenda key where it is fixed
    message: str
    blocking: bool
    target: str = ""  # a place key ("action:7", "summary") to jump to, when there is one


def checklist(
    detail: ReviewDetail,
    findings: Sequence[OpenFinding],
    today: date,
    windows: Windows | None = None,
) -> list[GateItem]:
    items: list[GateItem] = []
    if not detail.people_in("approver"):
        items.append(GateItem("details", "No approvers: add who signs the record.", True))
    if not detail.summary.strip():
        items.append(GateItem("summary", "The summary is empty.", True, "summary"))
    if not detail.impact.strip() and not detail.figures:
        items.append(
            GateItem(
                "summary", "The impact is empty: add what users felt, in numbers.", True, "impact"
            )
        )
    times = marked((e.at, e.mark) for e in detail.events)
    for mark in ("detected", "mitigated"):
        if mark not in times:
            items.append(GateItem("timeline", f"The timeline has no {mark} mark.", True))
    items += [GateItem("timeline", p.message, True) for p in problems(times)]
    blame = [f for f in findings if f.finding.family == "blame"]
    vague = [f for f in findings if f.finding.family == "vague"]
    for f in blame:
        items.append(
            GateItem(
                f.place.phase,
                f"Blame in {f.place.label}: \u201c{f.snippet}\u201d",
                True,
                f.place.place,
            )
        )
    for f in vague:
        items.append(
            GateItem(
                f.place.phase,
                f"Vague in {f.place.label}: \u201c{f.snippet}\u201d",
                False,
                f.place.place,
            )
        )
    for n, (a, flags) in enumerate(
        zip(detail.actions, action_flags(detail, today, windows), strict=True), 1
    ):
        items += [
            GateItem("actions", f"Action A{n}: {f.message}", f.blocking, f"action:{a.id}")
            for f in flags
        ]
    live = [a for a in detail.actions if a.status != "dropped"]
    if len(live) > TOO_MANY:
        items.append(
            GateItem(
                "actions",
                f"{len(live)} action items: prioritise to the few that matter.",
                False,
            )
        )
    for n, factor in enumerate(detail.factors, 1):
        if factor.is_open:
            items.append(
                GateItem(
                    "factors",
                    f"Factor F{n} has no action and is not an accepted risk.",
                    True,
                    f"factor:{factor.id}",
                )
            )
    if not detail.trees:
        items.append(GateItem("whys", "No 5 Whys tree: how did the team reach the factors?", False))
    return items


def can_sign(items: Sequence[GateItem]) -> bool:
    return not any(i.blocking for i in items)


# Where a secret found in the machine form is fixed, by the form's top-level key.
SECRET_PHASES = {
    "summary": "summary",
    "impact": "summary",
    "impact_figures": "summary",
    "timeline": "timeline",
    "why_trees": "whys",
    "factors": "factors",
    "defense_layers": "factors",
    "actions": "actions",
    "lessons": "lessons",
}


def gate_for(
    detail: ReviewDetail,
    findings: Sequence[OpenFinding],
    today: date,
    windows: Windows | None = None,
    form: dict[str, Any] | None = None,
    memo: FormMemo = NO_MEMO,
) -> list[GateItem]:
    """The whole sign-off gate: the checklist, and every secret still in the record (each
    blocks: a signed record is shared). ``form``: the detail's machine form, when the caller
    made it already (a big review's takes 20 ms)."""
    items = checklist(detail, findings, today, windows)
    for secret in find_secrets(form if form is not None else dump(detail), memo):
        where = secret.field.removeprefix("review.").split("[")[0].split(".")[0]
        items.append(
            GateItem(
                SECRET_PHASES.get(where, "details"),
                f"A secret ({secret.kind}) in {secret.field}: remove it before signing "
                f"({secret.context})",
                True,
            )
        )
    return items
