"""The sign-off page's pieces: the checklist groups, the sign-offs as rows, the reopen dialog."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clearsight.review import rules
from clearsight.review.data import PersonData
from clearsight.review.signoff import GateItem
from clearsight.ui import style

ITEM_ROLE = Qt.ItemDataRole.UserRole
PHASE_LABELS = {"details": "Details", **dict(rules.PHASES)}
MOST_ROWS = 8  # a longer checklist scrolls inside its group


@dataclass(frozen=True)
class SignoffRow:
    """One sign-off as the machine form carries it."""

    person: str  # the person's handle, else their name
    signed_at: datetime | None
    digest: str
    signed: bool  # a cryptographic signature was made
    voided_at: datetime | None
    void_reason: str

    @classmethod
    def from_form(cls, raw: dict[str, Any]) -> SignoffRow:
        return cls(
            str(raw.get("person") or "?"),
            _instant(raw.get("signed_at")),
            str(raw.get("digest") or ""),
            bool(raw.get("signature")),
            _instant(raw.get("voided_at")),
            str(raw.get("void_reason") or ""),
        )


def _instant(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def utc(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC" if at else "?"


def person_ref(person: PersonData) -> str:
    """How the machine form names a person (see record.machine_export)."""
    return person.handle or person.name


def stripe(color: str) -> QFrame:
    """A coloured bar down the left of a group: the group's kind at a glance."""
    bar = QFrame()
    bar.setFixedWidth(6)
    bar.setAutoFillBackground(True)
    palette = bar.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(color))
    bar.setPalette(palette)
    return bar


def set_stripe(bar: QFrame, color: str) -> None:
    palette = bar.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(color))
    bar.setPalette(palette)


SHOWN = 30  # checklist items shown one by one in a group; the rest are counted per phase


class GateGroup(QWidget):
    """One kind of checklist item (blocking, or worth a look): a heading and a column of links.

    Each item is a link to where it is fixed: a click, or Tab to it and Enter, emits ``chosen``.
    Labels rather than a list view, so long items wrap at any width and the page scrolls as one.
    """

    chosen = Signal(object)  # GateItem

    def __init__(self, heading: str, color: str, accessible: str) -> None:
        super().__init__()
        self.setAccessibleName(accessible)
        self.heading_text = heading
        self.heading = style.section_title(heading)
        self.labels: list[QLabel] = []
        self._items: list[GateItem] = []
        self._targets: list[GateItem] = []  # what each label leads to
        self.column = QVBoxLayout()
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(style.SPACING // 2)
        self.column.addWidget(self.heading)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(style.SPACING)
        row.addWidget(stripe(color))
        row.addLayout(self.column, 1)

    def set_items(self, items: list[GateItem]) -> None:
        for label in self.labels:
            self.column.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.labels = []
        self._items = list(items)
        # A label per item, up to SHOWN; the rest as one line per phase that leads there. A
        # room reads the first few; thousands of wrapped labels froze the page for seconds.
        self._targets = list(items[:SHOWN])
        texts = [item.message for item in self._targets]
        rest: dict[str, list[GateItem]] = {}
        for item in items[SHOWN:]:
            rest.setdefault(item.phase, []).append(item)
        for phase, more in rest.items():
            where = PHASE_LABELS.get(phase, phase)
            self._targets.append(more[0])
            texts.append(f"\u2026 and {len(more)} more on {where}")
        quiet = style.quiet_color(self.palette()).name()
        for n, (item, text) in enumerate(zip(self._targets, texts, strict=True)):
            where = PHASE_LABELS.get(item.phase, item.phase)
            label = QLabel(
                f"<a href='{n}' style='text-decoration:none'>{html.escape(text)}</a>"
                f"&nbsp;&nbsp;<span style='color:{quiet}'>\u2192&nbsp;{html.escape(where)}</span>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            label.setToolTip(f"Go to {where} to fix it")
            label.setAccessibleName(f"{text} Go to {where}.")
            label.linkActivated.connect(self._chosen)
            self.column.addWidget(label)
            self.labels.append(label)
        self.heading.setText(f"{self.heading_text} ({len(items)})")
        self.setVisible(bool(items))

    def items(self) -> list[GateItem]:
        return list(self._items)

    def texts(self) -> list[str]:
        return [i.message for i in self._items]

    def choose(self, n: int) -> None:
        self.labels[n].linkActivated.emit(str(n))

    def _chosen(self, link: str) -> None:
        self.chosen.emit(self._targets[int(link)])


class ReopenDialog(QDialog):
    """Asks why a final review is reopened; the reason goes into the review's history."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reopen the review")
        style.at_least(self, style.BASE_POINT_SIZE)
        explain = QLabel(
            "Reopening makes the review editable again and voids every signature. The reason "
            "is kept in the review's history; the approvers sign again when it is ready."
        )
        explain.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for reopening")
        self.reason.setPlaceholderText("Why does the record need to change?")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        label = QLabel("&Reason (required):")
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reopen_button = self.buttons.addButton(
            "Reo&pen", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.reopen_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("x" * 60), self.sizeHint().height())

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _changed(self) -> None:
        self.reopen_button.setEnabled(bool(self.text()))
