"""Search every review, or the open one: results as one types, Enter jumps to the hit.

Ctrl+Shift+F searches the whole archive (with severity and status filters); Ctrl+F the open
review. A search is one indexed query (tens of milliseconds on 5,000 reviews), run
``DELAY_MS`` after the last key so typing stays smooth. The dialog stays open beside the
review, so one can step through the hits with the arrows and Enter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.ui.search.hits import HIT_ROLE, HitDelegate, item_data

if TYPE_CHECKING:
    from clearsight.services.root import Services
    from clearsight.services.search import Hit

DELAY_MS = 150
# The incident's day, from this many days ago until now; None: any time.
WHEN = (
    ("Any time", None),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
)
MOST = 100
STATUS_NAMES = {"draft": "Draft", "in_review": "In review", "final": "Signed off"}


class SearchDialog(QDialog):
    def __init__(
        self,
        service: Services,
        open_hit: Callable[[Hit], object],
        review: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``review``: (id, title) to search that review only."""
        super().__init__(parent)
        self.service, self.open_hit, self.review = service, open_hit, review
        self.setWindowTitle(f"Search {review[1]}" if review else "Search all reviews")
        self.query = QLineEdit()
        self.query.setAccessibleName("Search for")
        self.query.setPlaceholderText(
            "Words to find in this review"
            if review
            else "Words to find in every review: a service, an error, a person, an incident id"
        )
        self.query.setClearButtonEnabled(True)
        self.severity = QComboBox()
        self.severity.setAccessibleName("Severity")
        self.severity.addItem("Any severity", None)
        for sev in rules.SEVERITIES:
            self.severity.addItem(sev, sev)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", None)
        for status in rules.STATUSES:
            self.status.addItem(STATUS_NAMES.get(status, status), status)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag")
        self.tag.addItem("Any tag", None)
        try:
            for tag in [] if review else service.tags.all():
                self.tag.addItem(tag.label, tag.label)
        except UserError:
            pass  # the database is away: the search itself will say so
        self.when = QComboBox()
        self.when.setAccessibleName("When the incident was")
        for label, days in WHEN:
            self.when.addItem(label, days)
        self.person = QLineEdit()
        self.person.setAccessibleName("Person")
        self.person.setPlaceholderText("Person: @handle or name")
        self.results = QListWidget()
        self.results.setAccessibleName("Hits")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.itemActivated.connect(self._activated)
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        filters = QHBoxLayout()  # under the words: the line to type in keeps its width
        for widget in (self.severity, self.status, self.tag, self.when):
            filters.addWidget(widget)
        filters.addWidget(self.person, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status_line)
        self.severity.setVisible(review is None)
        self.status.setVisible(review is None)
        self.tag.setVisible(review is None and self.tag.count() > 1)
        self.when.setVisible(review is None)
        self.person.setVisible(review is None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.query.textEdited.connect(lambda _: self._timer.start())
        self.query.returnPressed.connect(self._enter)
        self.severity.activated.connect(lambda _: self.run())
        self.status.activated.connect(lambda _: self.run())
        self.tag.activated.connect(lambda _: self.run())
        self.when.activated.connect(lambda _: self.run())
        self.person.textEdited.connect(lambda _: self._timer.start())
        self.query.installEventFilter(self)
        self.status_line.setText("Type to search; Enter opens the hit, the arrows move.")
        self.resize(760, 520)

    def run(self) -> list[Hit]:
        """Searches now for what is typed; the hits replace the list."""
        self._timer.stop()
        query = self.query.text()
        self.results.clear()
        if not query.strip():
            self.status_line.setText("Type to search; Enter opens the hit, the arrows move.")
            return []
        try:
            hits = self.service.search.search(
                query,
                severity=self.severity.currentData(),
                status=self.status.currentData(),
                tag=self.tag.currentData(),
                since=self._since(),
                person=self.person.text().strip() or None,
                review=self.review[0] if self.review else None,
                limit=MOST,
            )
        except UserError as err:
            self.status_line.setText(str(err))
            return []
        for hit in hits:
            item = QListWidgetItem()
            for role, value in item_data(hit, self.review is None).items():
                item.setData(role, value)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        more = " (the best shown)" if len(hits) >= MOST else ""
        reviews = len({h.review_id for h in hits})
        self.status_line.setText(
            f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more}"
            + (f" in {reviews} review{'s' if reviews != 1 else ''}" if not self.review else "")
            if hits
            else "Nothing found: fewer or shorter words find more."
        )
        return hits

    def _since(self) -> date | None:
        days = self.when.currentData()
        return None if days is None else date.today() - timedelta(days=int(days))

    def hits(self) -> list[Hit]:
        return [self.results.item(i).data(HIT_ROLE) for i in range(self.results.count())]

    def _enter(self) -> None:
        if self._timer.isActive():
            self.run()  # Enter before the pause: search first, then open the best hit
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_hit(item.data(HIT_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Up and Down in the query move through the hits, so the hands stay on the keys."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.results.count():
                step = -1 if event.key() == Qt.Key.Key_Up else 1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return False
