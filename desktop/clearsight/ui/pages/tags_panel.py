"""On Details: the review's tags, with the team's tags suggested as one types, and the reviews
related to this one (shared tags, factors alike), a click away.

A tag is typed as "service: payments", "trigger: config change" or a plain theme; Enter puts
it on, Del takes the selected one off; both are undo steps like any edit.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.review.data import TOUCHES
from clearsight.ui import style
from clearsight.ui.editing.commands import ServiceCommand
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.work.job import Job, OneAtATime

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RELATED_DELAY_MS = 300  # after the page settles: related reviews cost a few queries


class TagCommand(ServiceCommand):
    """Puts a tag on the review, or on one of its factors (``factor_id``), when ``on``, or
    takes it off; the undo does the other."""

    touches = TOUCHES["review"]

    def __init__(
        self, session: ReviewSession, text: str, on: bool, factor_id: int | None = None
    ) -> None:
        super().__init__(f"{'Tag' if on else 'Untag'} {'factor' if factor_id else ''} {text}")
        self.session, self.text, self.on, self.factor_id = session, text, on, factor_id
        self.tag_id: int | None = None

    def _put(self, on: bool) -> None:
        tags, review, factor = self.session.service.tags, self.session.review_id, self.factor_id
        if on:
            put = (
                tags.tag(review, self.text)
                if factor is None
                else tags.tag_factor(factor, self.text)
            )
            self.tag_id = put.id
        elif self.tag_id is None:
            return  # nothing was put on
        elif factor is None:
            tags.untag(review, self.tag_id)
        else:
            tags.untag_factor(factor, self.tag_id)

    def apply(self) -> None:
        self._put(self.on)

    def revert(self) -> None:
        self._put(not self.on)


class TagsList(QListWidget):
    def __init__(self, remove: Any) -> None:
        super().__init__()
        self._remove = remove
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setSpacing(4)
        self.setAccessibleName("Tags of this review")
        self.setFixedHeight(self.fontMetrics().height() * 3 + 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem():
            self._remove(self.currentItem())
            return
        super().keyPressEvent(event)


class TagsPanel(QWidget):
    """The tags of the review, or of one of its factors (``factor_id``: no related reviews)."""

    related_shown = Signal(bool)  # whether any were found

    def __init__(self, session: ReviewSession, factor_id: int | None = None) -> None:
        super().__init__()
        self.session, self.factor_id = session, factor_id
        self.entry = QLineEdit()
        self.entry.setAccessibleName("Add a tag")
        self.entry.setPlaceholderText(
            'A tag: "service: payments", "trigger: config change", a theme'
        )
        session.route_undo_keys(self.entry)
        self.suggestions = QStringListModel(self)
        completer = QCompleter(self.suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)
        self.entry.returnPressed.connect(self.add_from_entry)
        self.list = TagsList(self.remove)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.related = QLabel()
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.TextFormat.RichText)
        self.related.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.related.setAccessibleName("Related reviews")
        self.related.linkActivated.connect(self._open_related)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING // 2)
        for widget in (self.list, self.entry, self.message, self.related):
            layout.addWidget(widget)
        self.related.setVisible(factor_id is None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELATED_DELAY_MS)
        self._timer.timeout.connect(self.show_related)
        self._looking = OneAtATime(self._related_job, self)

    def load(self) -> None:
        tags = self.session.service.tags
        try:
            factor = self.factor_id
            mine = tags.of(self.session.review_id) if factor is None else tags.of_factor(factor)
            team = tags.all()
        except UserError as err:
            self.message.setText(str(err))
            return
        self.list.clear()
        for tag in mine:
            item = QListWidgetItem(tag.label)
            item.setData(ID_ROLE, tag.id)
            self.list.addItem(item)
        self.suggestions.setStringList([t.label for t in team])
        if self.factor_id is None:
            self._timer.start()

    def add_from_entry(self) -> bool:
        text = self.entry.text().strip()
        if not text:
            return False
        if self.session.execute(TagCommand(self.session, text, True, self.factor_id)):
            self.entry.clear()
            self.message.clear()
            return True
        problems = self.session.problems()
        self.message.setText(problems[-1].message if problems else "")
        return False

    def remove(self, item: QListWidgetItem) -> bool:
        command = TagCommand(self.session, item.text(), False, self.factor_id)
        command.tag_id = int(item.data(ID_ROLE))
        return self.session.execute(command)

    def show_related(self) -> Job | None:
        """Looks for related reviews off the window's thread (on a review of 200 factors each
        factor's kin take a query: over a second); ``related_shown`` tells when they show."""
        self._timer.stop()
        return self._looking.run()

    def _related_job(self) -> Job:
        tags, review_id = self.session.service.tags, self.session.review_id

        def related(_: object) -> list[Any]:
            try:
                return tags.related(review_id)
            except UserError:
                return []

        job = Job("Finding related reviews", [("Looking", related)])
        job.succeeded.connect(self._show_related)
        return job

    def _show_related(self, found: list[Any]) -> None:
        self.related_shown.emit(self._related_text(found))

    def _related_text(self, found: list[Any]) -> bool:
        if not found:
            self.related.setText("No related reviews yet: tags and factors alike find them.")
            return False
        links = [
            f'<a href="{r.review_id}">{html.escape(r.title)}</a> ({html.escape(r.why())})'
            for r in found
        ]
        self.related.setText("<b>Related reviews:</b><br>" + "<br>".join(links))
        return True

    def _open_related(self, target: str) -> None:
        window = self.window()
        opener = getattr(window, "open_review", None)
        if opener is not None:
            opener(int(target))
