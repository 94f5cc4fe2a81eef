"""What the meeting still owes, phase by phase, computed from the review's data.

Each phase is done, partly there, or not started, with one line that says why, so the
facilitator sees at a glance where the time should go.
"""

from __future__ import annotations

from dataclasses import dataclass

from clearsight.review.data import ReviewDetail, WhyTreeData
from clearsight.timeline.marks import marked, problems

DONE, PARTIAL, TODO = "done", "partial", "todo"


@dataclass(frozen=True)
class Readiness:
    state: str  # DONE, PARTIAL or TODO
    reason: str


def readiness(detail: ReviewDetail, overdue_prior: int = 0) -> dict[str, Readiness]:
    return {
        "prior_actions": _prior(overdue_prior),
        "ground_rules": Readiness(DONE, "Read them out at the start."),
        "summary": _summary(detail),
        "timeline": _timeline(detail),
        "whys": _whys(detail),
        "factors": _factors(detail),
        "actions": _actions(detail),
        "lessons": _lessons(detail),
        "signoff": _signoff(detail),
    }


def _prior(overdue: int) -> Readiness:
    if overdue:
        return Readiness(PARTIAL, f"{overdue} overdue item(s) from earlier reviews to settle.")
    return Readiness(DONE, "No overdue items from earlier reviews.")


def _summary(d: ReviewDetail) -> Readiness:
    have = [bool(d.summary.strip()), bool(d.impact.strip() or d.figures)]
    if all(have):
        return Readiness(DONE, "Summary and impact written.")
    if any(have):
        return Readiness(
            PARTIAL,
            "Summary written, impact missing." if have[0] else "Impact written, summary missing.",
        )
    return Readiness(TODO, "No summary or impact yet.")


def _timeline(d: ReviewDetail) -> Readiness:
    if not d.events:
        return Readiness(TODO, "No events yet.")
    times = marked((e.at, e.mark) for e in d.events)
    missing = [m for m in ("detected", "mitigated") if m not in times]
    if missing:
        return Readiness(PARTIAL, f"Mark {' and '.join(missing)}.")
    if problems(times):
        return Readiness(PARTIAL, "Some marks are out of order.")
    return Readiness(DONE, f"{len(d.events)} events; detection and mitigation marked.")


def _open_chains(tree: WhyTreeData) -> int:
    """Chains (leaves) that do not end at something the team can change."""
    parents = {n.parent_id for n in tree.nodes}
    leaves = [n for n in tree.nodes if n.id not in parents]
    return sum(1 for n in leaves if n.changeable is not True) + (0 if tree.nodes else 1)


def _whys(d: ReviewDetail) -> Readiness:
    if not d.trees:
        return Readiness(TODO, "No 5 Whys tree yet.")
    open_chains = sum(_open_chains(t) for t in d.trees)
    if open_chains:
        return Readiness(
            PARTIAL, f"{open_chains} chain(s) do not yet end at something the team can change."
        )
    return Readiness(DONE, "Every chain ends at something the team can change.")


def _factors(d: ReviewDetail) -> Readiness:
    if not d.factors:
        return Readiness(TODO, "No contributing factors yet.")
    open_ = sum(1 for f in d.factors if f.is_open)
    if open_:
        return Readiness(PARTIAL, f"{open_} factor(s) with no action and no accepted risk.")
    return Readiness(DONE, "Each factor has an action or an accepted risk.")


def _actions(d: ReviewDetail) -> Readiness:
    items = [a for a in d.actions if a.status != "dropped"]
    if not items:
        return Readiness(TODO, "No action items yet.")
    incomplete = sum(1 for a in items if a.owner is None or a.due is None)
    if incomplete:
        return Readiness(PARTIAL, f"{incomplete} item(s) without an owner or a due date.")
    return Readiness(DONE, "Every item has one owner and a due date.")


def _lessons(d: ReviewDetail) -> Readiness:
    kinds = {x.kind for x in d.lessons if x.text.strip()}
    if len(kinds) == 3:
        return Readiness(DONE, "Went well, went poorly and lucky all noted.")
    if kinds:
        return Readiness(PARTIAL, f"{3 - len(kinds)} kind(s) of lesson still empty.")
    return Readiness(TODO, "No lessons yet.")


def _signoff(d: ReviewDetail) -> Readiness:
    if d.status == "final":
        return Readiness(DONE, "Signed off.")
    return Readiness(TODO, "Not signed off.")
