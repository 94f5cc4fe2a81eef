"""The review's details: title, severity, status, incident id, times (UTC) and people."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clearsight.review import rules
from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.fields import ChoiceField, TextField, instant_text, normalise_instant
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.pages.base import Page, tab_order
from clearsight.ui.pages.tags_panel import TagsPanel
from clearsight.ui.people.page import PeoplePanel

TIMES = (
    ("incident_start", "Incident start"),
    ("incident_end", "Incident end"),
    ("meeting_at", "Review meeting"),
)


class DetailsPage(Page):
    key = "details"

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(session, "Details")
        svc, rid = session.service, session.review_id

        def writer(field: str) -> Callable[[str], None]:
            return partial(svc.reviews.set_field, rid, field)

        def time_writer(field: str) -> Callable[[str], None]:
            return lambda text: svc.reviews.set_field(rid, field, text or None)

        self.title_edit = QLineEdit()
        self.title = TextField(session, self.title_edit, "Edit title", writer("title"))
        self.severity_combo = QComboBox()
        self.severity = ChoiceField(
            session,
            self.severity_combo,
            "severity",
            "severity",
            [(s, s) for s in rules.SEVERITIES],
            self._lowering_reason,
        )
        self.status_combo = QComboBox()
        self.status = ChoiceField(
            session,
            self.status_combo,
            "status",
            "status",
            [(s, rules.STATUS_LABELS[s]) for s in rules.STATUSES],
        )
        # Final comes from sign-off, and leaving it from reopening (both on Sign-off).
        final = self.status_combo.model().item(self.status_combo.findData("final"))
        final.setEnabled(False)
        final.setToolTip("A review becomes final when every approver has signed off.")
        self.incident_id_edit = QLineEdit()
        self.incident_id_edit.setPlaceholderText("e.g. INC-2041")
        self.incident_id = TextField(
            session, self.incident_id_edit, "Edit incident id", writer("incident_id")
        )
        self.times: dict[str, TextField] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(style.MARGIN)
        form.setVerticalSpacing(style.SPACING)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Severity:", self._narrow(self.severity_combo))
        form.addRow("St&atus:", self._narrow(self.status_combo))
        form.addRow("&Incident id:", self._narrow(self.incident_id_edit))
        for field, label in TIMES:
            edit = QLineEdit()
            edit.setPlaceholderText("YYYY-MM-DD HH:MM")
            edit.setToolTip("In UTC. Leave empty when not known.")
            edit.setAccessibleName(f"{label} (UTC)")
            # Times are checked when the field is left (or Enter): typing half a date is fine.
            self.times[field] = TextField(
                session,
                edit,
                f"Edit {label.lower()}",
                time_writer(field),
                debounce=False,
                normalise=normalise_instant,
            )
            form.addRow(f"{label}:", self._with_utc(edit))

        self.people = PeoplePanel(session)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, style.SPACING, 0)
        column.setSpacing(style.SPACING)
        column.addLayout(form)
        column.addSpacing(style.SPACING)
        column.addWidget(style.section_title("People"))
        column.addWidget(
            style.hint(
                "Everyone here is a person from the directory, so an approver is someone you "
                "can ask. Type a name and press Enter; someone new is added to the directory."
            )
        )
        column.addWidget(self.people)
        column.addSpacing(style.SPACING)
        column.addWidget(style.section_title("Tags and related reviews"))
        self.tags = TagsPanel(session)
        column.addWidget(self.tags)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop that shows nothing
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        self.body.addWidget(scroll, 1)
        # Down the form, then each role's line before its list (the line is where a name is
        # typed; an empty list is no Tab stop at all).
        tab_order(
            self,
            self.title_edit,
            self.severity_combo,
            self.status_combo,
            self.incident_id_edit,
            *(self.times[field].widget for field, _label in TIMES),
            *self.people.tab_stops(),
            self.tags.list,
            self.tags.entry,
        )

    def first_focus(self) -> QWidget | None:
        """The first empty field of the form, else the line of the first role nobody has."""
        for field in (self.title, self.incident_id, *self.times.values()):
            if not field.text().strip():
                return field.widget
        return self.people.first_empty_role() or self.title_edit

    def _narrow(self, widget: QWidget) -> QWidget:
        widget.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 18))
        return widget

    def _with_utc(self, edit: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        edit.setFixedWidth(self.fontMetrics().horizontalAdvance("0000-00-00 00:00:00") + 24)
        row.addWidget(edit)
        utc = QLabel("UTC")
        utc.setTextFormat(Qt.TextFormat.PlainText)
        font = utc.font()
        font.setBold(True)
        utc.setFont(font)
        row.addWidget(utc)
        row.addStretch(1)
        return box

    def load(self, detail: ReviewDetail) -> None:
        self.title.load(detail.title)
        self.severity.load(detail.severity)
        self.status.load(detail.status)
        self.incident_id.load(detail.incident_id)
        for field, _label in TIMES:
            self.times[field].load(instant_text(getattr(detail, field)))
        self.people.load(detail)
        self.tags.load()

    def _lowering_reason(self, old: str, new: str) -> str | None:
        """A lower severity is kept in the history with its reason (never lowered silently)."""
        if new <= old:  # "SEV-1" < "SEV-2": raising needs no reason
            return ""
        reason, ok = QInputDialog.getText(
            self,
            "Lower the severity",
            f"Why is the severity lowered from {old} to {new}? (Kept in the review's history.)",
        )
        return reason.strip() if ok and reason.strip() else None
