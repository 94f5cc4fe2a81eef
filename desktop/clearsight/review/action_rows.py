"""The action items of a review as the Actions page and the sign-off gate list them: each with
its label (A1), its flags against the rules and the factors it closes. Qt-free."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from clearsight.review.actions import Flag, Windows, action_flags, is_incomplete
from clearsight.review.data import ActionData, ReviewDetail

INCOMPLETE = "incomplete"  # an item that blocks sign-off: no owner, no due date, no what
CATEGORY_LABELS = {
    "prevention": "Prevention",
    "detection": "Detection",
    "mitigation": "Mitigation",
    "process": "Process",
}
STATUS_LABELS = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}


@dataclass(frozen=True)
class ActionRow:
    action: ActionData
    label: str  # "A1": the name the sign-off gate and the Language panel use
    flags: list[Flag] = field(default_factory=list)
    factors: list[tuple[str, str]] = field(default_factory=list)  # ("F3", its text)

    @property
    def incomplete(self) -> bool:
        return is_incomplete(self.flags)

    @property
    def state(self) -> str:
        if self.action.status in ("done", "dropped"):
            return "closed" if not self.incomplete else INCOMPLETE
        if self.incomplete:
            return INCOMPLETE
        return "warning" if self.flags else "ok"

    def flags_for(self, field_name: str) -> list[Flag]:
        return [f for f in self.flags if f.field == field_name]


def action_rows(detail: ReviewDetail, today: date, windows: Windows | None) -> list[ActionRow]:
    """The review's items in their order, each with what to fix on it."""
    numbers = {f.id: n for n, f in enumerate(detail.factors, 1)}
    texts = {f.id: f.text for f in detail.factors}
    rows = []
    for n, (a, flags) in enumerate(
        zip(detail.actions, action_flags(detail, today, windows), strict=True)
    ):
        linked = sorted(a.factor_ids, key=lambda f: numbers.get(f, 0))
        factors = [(f"F{numbers[f]}", texts[f]) for f in linked if f in numbers]
        rows.append(ActionRow(a, f"A{n + 1}", flags, factors))
    return rows


def status_text(a: ActionData) -> str:
    text = STATUS_LABELS.get(a.status, a.status)
    if a.status == "done" and a.evidence:
        return f"{text}: {a.evidence}"
    if a.status == "dropped" and a.status_reason:
        return f"{text}: {a.status_reason}"
    return text
