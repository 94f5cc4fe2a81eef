"""The phases later issues build: each page says what it will hold, and that it is not built."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.pages.base import Page

NOT_BUILT = "Not built yet. Nothing is recorded on this page; this is what it will hold:"

PLANS = {
    "prior_actions": (
        "Open each review with the action items of earlier reviews that are still open: "
        "each with its owner, due date and status, closed only with evidence (a change, an "
        "alert, a test), so no review is published and forgotten."
    ),
    "ground_rules": (
        "The ground rules the facilitator reads out at the start: we look at the system, not "
        "at people; everyone acted on what they knew at the time; hindsight is not foresight. "
        "And how to turn a \u201cshould have\u201d into a question about the system."
    ),
    "timeline": (
        "The incident timeline in UTC, typed fast from the keyboard and rebuilt from logs and "
        "the incident channel, with its key moments marked (trigger, detected, acknowledged, "
        "escalated, mitigated, resolved) and the times to detect, acknowledge, mitigate and "
        "resolve worked out from them."
    ),
    "whys": (
        "5 Whys trees, one chain per contributing factor, branching where an answer has more "
        "than one cause, asked until each answer is a process, tool or organisational "
        "condition that can change, never a person."
    ),
    "factors": (
        "The defense layers (code review, tests and staging, canary, alerting, runbooks) and "
        "the holes in each that lined up: the contributing factors, specific and causal, each "
        "linked to the 5 Whys answers it came from."
    ),
    "actions": (
        "The action items: what, exactly one named owner, a due date set by the severity, a "
        "ticket, a category, the factor it closes and its status, assigned and ticketed "
        "before the meeting ends."
    ),
    "signoff": (
        "The approvers' sign-off of the final record, with who signed and when; the review's "
        "status becomes final and the record can be exported."
    ),
}


class PlaceholderPage(Page):
    def __init__(self, session: ReviewSession, key: str, title: str) -> None:
        super().__init__(session, title)
        self.key = key
        self.status = style.section_title(NOT_BUILT)
        self.plan = QLabel(PLANS.get(key, ""))
        self.plan.setWordWrap(True)
        self.plan.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 80))
        self.body.addWidget(self.status)
        self.body.addWidget(self.plan)
        self.body.addStretch(1)
