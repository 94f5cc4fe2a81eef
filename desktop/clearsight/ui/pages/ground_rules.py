"""Ground rules: what the facilitator reads out before the review starts, large for the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QWidget

from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.pages.base import Page

# (the rule, what it means in this room). Our own words; the policy is in shared/DOMAIN.md.
RULES = (
    (
        "Everyone acted reasonably on what they knew.",
        "We start from what people saw and believed at that moment, not from what we know now.",
    ),
    (
        "We ask how the system made it possible, not who.",
        "Each step that went wrong was allowed by something: a default, a missing check, "
        "a gap in a tool. That is what we look for.",
    ),
    (
        "Hindsight is not foresight.",
        "The outcome makes the path look obvious. When we hear \u201cshould have\u201d, we "
        "ask what would have made the safe choice the easy one.",
    ),
    (
        "Names belong in the timeline, not in the causes.",
        "Who paged and who rolled back is the story. The causes we write down are "
        "conditions of the system.",
    ),
    (
        "Every action has one owner and a date.",
        "Blameless is not ownerless: each item leaves this room with one named person, a "
        "due date and a ticket.",
    ),
    (
        "Nothing said here is used in performance reviews.",
        "This record exists so that we learn. It is never evidence about a person's work.",
    ),
)
RULE_POINTS = 22  # the rule itself, read from the back of the room
MEANING_POINTS = 20  # what it means, a step quieter
LINE_CHARS = 60  # the longest comfortable line, in average characters: the eye finds the next
COLUMN_CHARS = 38  # a narrower column reads choppy: the rules go one under the other instead


def _label(text: str, points: float, bold: bool) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    return label


class RuleCard(QWidget):
    """One rule: its number in the accent colour, the rule, and what it means."""

    def __init__(self, number: int, rule: str, meaning: str) -> None:
        super().__init__()
        self.number = _label(f"{number}", RULE_POINTS, True)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # The theme's link colour: readable on every theme's window (ACCENT was 3.2:1 on dark).
        self.number.setForegroundRole(QPalette.ColorRole.Link)
        self.rule = _label(rule, RULE_POINTS, True)
        self.meaning = style.hint(meaning)
        self.meaning.setTextFormat(Qt.TextFormat.PlainText)
        self.meaning.setFont(_label("", MEANING_POINTS, False).font())
        self.setAccessibleName(f"Rule {number}: {rule}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(style.SPACING)
        grid.setVerticalSpacing(style.SPACING // 3)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.rule, 0, 1)
        grid.addWidget(self.meaning, 1, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.setMaximumWidth(self.meaning.fontMetrics().averageCharWidth() * LINE_CHARS)


class GroundRulesPage(Page):
    key = "ground_rules"

    def __init__(self, session: ReviewSession) -> None:
        super().__init__(
            session,
            "Ground rules",
            "Read these out before the review starts. They hold for everyone in the room, "
            "the facilitator included.",
        )
        self.cards = [RuleCard(n + 1, rule, meaning) for n, (rule, meaning) in enumerate(RULES)]
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, style.SPACING, style.SPACING, 0)
        self.grid.setHorizontalSpacing(style.MARGIN * 2)
        self.grid.setVerticalSpacing(style.MARGIN)
        self.columns = 0
        self.content = QWidget()
        self.content.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setAccessibleName("Ground rules")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        self.scroll = scroll
        self.body.addWidget(scroll, 1)
        self._arrange(1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        column = self.cards[0].meaning.fontMetrics().averageCharWidth() * COLUMN_CHARS
        # From the page's new width: the scroll area inside is resized only after this.
        room = event.size().width() - 2 * style.MARGIN - style.SPACING
        wide = room >= 2 * column + self.grid.horizontalSpacing()
        self._arrange(2 if wide else 1)

    def _arrange(self, columns: int) -> None:
        """Two columns on a wide screen, so all the rules are seen at once; else one."""
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        rows = (len(self.cards) + columns - 1) // columns
        for n, card in enumerate(self.cards):  # down the first column, then the second
            self.grid.addWidget(card, n % rows, n // rows, Qt.AlignmentFlag.AlignTop)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.grid.setRowStretch(rows, 1)

    def texts(self) -> list[str]:
        return [f"{card.rule.text()} {card.meaning.text()}" for card in self.cards]
