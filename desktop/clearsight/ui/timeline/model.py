"""The timeline table's model: one row per event, in time order, shown in the display zone."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from clearsight.review.data import EventData
from clearsight.timeline.entry import parse_entry
from clearsight.timeline.marks import MARK_COLORS, MARK_LABELS
from clearsight.timeline.zones import zone_label
from clearsight.ui.style import text_on

COL_TIME, COL_MARK, COL_TEXT = range(3)
Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    # (event id, new time, new text): the page turns an edit into an undo command.
    edit_requested = Signal(int, object, str)
    edit_refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.events: list[EventData] = []
        self.where: tzinfo | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_events(self, events: list[EventData], where: tzinfo) -> None:
        self.beginResetModel()
        self.events = list(events)
        self.where = where
        self.endResetModel()

    def row_of(self, event_id: int) -> int | None:
        return next((i for i, e in enumerate(self.events) if e.id == event_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == COL_TIME:
            first = self.events[0].at if self.events else None
            return f"Time ({zone_label(first, self.where)})" if self.where else "Time"
        return ("Time", "Mark", "What happened")[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in (COL_TIME, COL_TEXT):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        event = self.events[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_TIME:
                return self._time_text(event.at, role == Qt.ItemDataRole.EditRole)
            if col == COL_MARK:
                return MARK_LABELS[event.mark] if event.mark else ""
            return event.text
        if col == COL_MARK and event.mark:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(MARK_COLORS[event.mark]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(text_on(QColor(MARK_COLORS[event.mark])))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole:  # a narrow table shows a badge
                return MARK_LABELS[event.mark]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TIME:
            return f"{event.at:%Y-%m-%d %H:%M:%S} UTC"
        return None

    def _time_text(self, at: datetime, full: bool) -> str:
        local = at.astimezone(self.where) if self.where else at
        # The date shows when it differs from the first event's (a timeline past midnight).
        first = self.events[0].at.astimezone(self.where) if self.events else local
        if full or local.date() != first.date():
            return local.strftime("%Y-%m-%d %H:%M:%S")
        return local.strftime("%H:%M:%S")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.where is None:
            return False
        event = self.events[index.row()]
        text = str(value)
        if index.column() == COL_TEXT:
            clean = " ".join(text.split())
            if not clean:
                self.edit_refused.emit("An event needs a text: say what happened.")
                return False
            if clean != event.text:
                self.edit_requested.emit(event.id, event.at, clean)
            return True
        if index.column() == COL_TIME:
            try:
                # The nearest such time to the event's own: "14:05" keeps its day.
                entry = parse_entry(f"{text} {event.text}", self.where, event.at, None)
            except ValueError as err:
                self.edit_refused.emit(str(err))
                return False
            if entry.at != event.at:
                self.edit_requested.emit(event.id, entry.at, event.text)
            return True
        return False
