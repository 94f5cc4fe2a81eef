"""Summary & impact: what failed, for whom, for how long, and the numbers."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget

from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.fields import TextField
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.highlighter import select_span
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page, tab_order
from clearsight.ui.pages.figures import FiguresEditor


class SummaryPage(Page):
    key = "summary"

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__(
            session,
            "Summary & impact",
            "Three to five sentences a busy reader takes in at a glance: what failed, who "
            "was affected, for how long, and what resolved it.",
        )
        svc, rid = session.service, session.review_id
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setPlaceholderText("Summary")
        self.summary_edit.setAccessibleName("Summary")
        self.summary = TextField(
            session,
            self.summary_edit,
            "Edit summary",
            partial(svc.reviews.set_field, rid, "summary"),
        )
        self.impact_edit = QPlainTextEdit()
        self.impact_edit.setPlaceholderText(
            "Impact: who noticed what, for how long, against which SLO"
        )
        self.impact_edit.setAccessibleName("Impact")
        self.impact = TextField(
            session,
            self.impact_edit,
            "Edit impact",
            partial(svc.reviews.set_field, rid, "impact"),
        )
        self.summary_flags = flags.attach(self.summary_edit, "summary", "summary")
        self.impact_flags = flags.attach(self.impact_edit, "impact", "impact")
        self.figures = FiguresEditor(session)
        self.body.addWidget(self.summary_edit, 2)
        self.summary_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.body.addSpacing(style.SPACING)
        self.body.addWidget(style.section_title("Impact"))
        self.body.addWidget(
            style.hint(
                "Numbers, not adjectives: duration, peak error rate, latency against its SLO, "
                "share of users or requests affected, error budget used."
            )
        )
        impact = QHBoxLayout()
        impact.setSpacing(style.MARGIN)
        impact.addWidget(self.impact_edit, 2)
        impact.addWidget(self.figures, 3)
        self.body.addLayout(impact, 4)
        tab_order(self, self.summary_edit, self.impact_edit, *self.figures.tab_stops())

    def first_focus(self) -> QWidget | None:
        """The summary, or the impact once there is a summary and no impact yet."""
        if self.summary.text().strip() and not self.impact.text().strip():
            return self.impact_edit
        return self.summary_edit

    def load(self, detail: ReviewDetail) -> None:
        self.summary.load(detail.summary)
        self.impact.load(detail.impact)
        self.figures.load(detail.figures)

    def live_texts(self) -> dict[str, str]:
        return {"summary": self.summary.text(), "impact": self.impact.text()}

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        edits = {"summary": self.summary_edit, "impact": self.impact_edit}
        return place in edits and select_span(edits[place], start, end, snippet)
