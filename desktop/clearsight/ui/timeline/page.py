"""The timeline page: fast capture on an entry line, marks, durations, the drawn strip."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from clearsight.review.data import ReviewDetail
from clearsight.timeline.entry import parse_entry
from clearsight.timeline.marks import (
    MARK_LABELS,
    durations,
    format_duration,
    marked,
    problems,
)
from clearsight.timeline.zones import zone, zone_names
from clearsight.ui import style
from clearsight.ui.editing.commands import SetField
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import (
    EditorDelegate,
    Page,
    keeping_focus,
    tab_order,
    tab_stop_when_filled,
)
from clearsight.ui.timeline.commands import AddEvent, DeleteEvents, EditEvent, SetMark
from clearsight.ui.timeline.model import COL_TEXT, TimelineModel
from clearsight.ui.timeline.room import FoldingHint, PageRoom
from clearsight.ui.timeline.strip import TimelineStrip
from clearsight.ui.timeline.table import EventDelegate, EventTable

ENTRY_HINT = "09:14 deploy v2.31.4 to canary   \u00b7   +5m rollback started   \u00b7   Enter adds"
INTRO = (
    "What happened and when, from the logs and the incident channel rather than from memory. "
    "Mark the trigger, detection, acknowledgement, mitigation and resolution (Ctrl+1 to Ctrl+7 "
    "on the current event); the durations follow."
)


class TimelinePage(Page):
    key = "timeline"

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__(session, "Timeline")
        self.intro = FoldingHint(INTRO)  # under the title: it folds in a short window
        self.body.addWidget(self.intro)
        self.detail: ReviewDetail | None = None
        self.where = zone("UTC")
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        # As wide as a usual zone name, not the longest of all (the page must fit 1,024 px);
        # set before the items, which would otherwise size it. The list that drops down is
        # as wide as its longest name, so each shows whole there.
        self.zone_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.zone_box.setMinimumContentsLength(14)
        self.zone_box.addItems(zone_names())
        self.zone_box.view().setMinimumWidth(self.zone_box.view().sizeHintForColumn(0))
        self.zone_box.setAccessibleName("Time zone")
        self.zone_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_box.activated.connect(lambda _: self._zone_chosen())
        self.zone_box.lineEdit().editingFinished.connect(self._zone_chosen)
        self.durations = QLabel()
        self.durations.setWordWrap(True)
        self.durations.setTextFormat(Qt.TextFormat.RichText)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(
            f"color: {style.problem_color(self.palette()).name()}; font-weight: bold;"
        )
        self.strip = TimelineStrip()
        self.strip.event_clicked.connect(self.select_event)
        self.room = PageRoom(self.body, self.intro, self.strip)

        self.model = TimelineModel(self)
        self.model.edit_requested.connect(self._edit)
        self.model.edit_refused.connect(self._refused)
        self.table = EventTable(self.model)
        self.table.setAccessibleName("Timeline events")
        self.flags = flags
        self.table.setItemDelegate(EditorDelegate(session, self.table))
        # Event texts carry the live blame flags, in the table and in the cell editor.
        self.text_delegate = EventDelegate(session, flags, self.table, self._place_of)
        self.table.setItemDelegateForColumn(COL_TEXT, self.text_delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        session.route_undo_keys(self.table)
        tab_stop_when_filled(self.table)
        self.mark_actions = self._build_mark_actions()

        self.entry = QLineEdit()
        self.entry.setPlaceholderText(ENTRY_HINT)
        self.entry.setAccessibleName("New timeline event")
        self.entry.returnPressed.connect(self.add_from_entry)
        self.entry.textEdited.connect(self._entry_edited)
        session.route_undo_keys(self.entry)
        self.entry_message = QLabel()
        self.entry_message.setWordWrap(True)
        self.entry_message.hide()  # shown with a message: empty, it would take a line of rows
        self.import_button = QPushButton("&Import from the channel\u2026")
        self.import_button.clicked.connect(self.open_import)

        top = QHBoxLayout()
        top.addWidget(QLabel("Times in"))
        top.addWidget(self.zone_box)
        top.addStretch(1)
        top.addWidget(self.import_button)
        entry = QHBoxLayout()
        entry.addWidget(self.entry, 1)
        self.body.addLayout(top)
        self.body.addWidget(self.strip)
        self.body.addWidget(self.table, 1)
        # What changes as events are marked sits under the table: a line coming and going
        # above it would move the rows under the pointer (the strip above only ever grows).
        self.body.addWidget(self.durations)
        self.body.addWidget(self.problems)
        self.body.addLayout(entry)
        self.body.addWidget(self.entry_message)
        # The entry line first: it is where the page is typed into; the time zone last, as a
        # setting of the whole review.
        tab_order(self, self.entry, self.table, self.zone_box, self.import_button)

    def first_focus(self) -> QWidget | None:
        return self.entry

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.room.fit(self.height()):
            self._show_durations()
            # Now, not at the next turn of the event loop: the layout has placed the parts
            # for this size already, and a row clicked before that turn must be where shown.
            self.body.activate()

    # ---- showing --------------------------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        self.detail = detail
        try:
            self.where = zone(detail.display_zone)
        except ValueError:
            self.where = zone("UTC")
        self.zone_box.setCurrentText(str(self.where))
        selected = self.selected_ids()
        current, column = self.current_id(), self.table.currentIndex().column()
        with keeping_focus(self.table):  # an edited cell is saved, and reloads
            self.model.set_events(detail.events, self.where)
            for event_id in selected:
                self.select_event(event_id, clear=False)
            # The reset forgot the current row too: Down after a mark must go on from the row
            # marked, not from the top.
            if current is not None:
                self._set_current(current, column)
        self.strip.set_events(detail.events, self.where)
        self._show_durations()

    def _show_durations(self) -> None:
        events = self.detail.events if self.detail else []
        times = marked((e.at, e.mark) for e in events)
        parts = [
            f"{d.label}: <b>{format_duration(d.value).replace(' ', '&nbsp;')}</b>"
            for d in durations(times)
        ]
        # In a short window the dots keep one space after them, where a line may break.
        dot = "&nbsp;\u00b7 " if self.room.short else "&nbsp;&nbsp;\u00b7&nbsp;&nbsp;"
        self.durations.setText(dot.join(parts))
        found = problems(times)
        self.problems.setText("\n".join(p.message for p in found))
        self.problems.setVisible(bool(found))

    def _place_of(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return f"event:{self.model.events[index.row()].id}"

    def live_texts(self) -> dict[str, str]:
        return {f"event:{e.id}": e.text for e in self.model.events}

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        if not place.startswith("event:"):
            return False
        self.select_event(int(place.split(":")[1]))
        self.table.setFocus()
        return True

    def _entry_edited(self, text: str) -> None:
        """Flags in the line being typed show under it, before it becomes an event."""
        words = text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""
        found = [
            f for f in self.flags.findings_in(words, "entry", "timeline") if f.family == "blame"
        ]
        if found:
            f = found[0]
            self._say(f"\u26a0 \u201c{words[f.start : f.end]}\u201d: {f.why} {f.question}", True)
        else:
            self._say("")

    def _say(self, text: str, problem: bool = False) -> None:
        """Under the entry line: what became of the line typed, or what is wrong with it."""
        color = style.problem_color(self.palette()).name() if problem else ""
        self.entry_message.setStyleSheet(f"color: {color};" if color else "")
        self.entry_message.setText(text)
        self.entry_message.setVisible(bool(text))

    # ---- selection ------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.events[r].id for r in rows if r < len(self.model.events)]

    def current_id(self) -> int | None:
        """The event of the table's current row: the one the keyboard is on."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.events):
            return None
        return self.model.events[index.row()].id

    def _set_current(self, event_id: int, column: int) -> None:
        row = self.model.row_of(event_id)
        if row is not None:
            index = self.model.index(row, column if column >= 0 else COL_TEXT)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def select_event(self, event_id: int, clear: bool = True) -> None:
        row = self.model.row_of(event_id)
        if row is None:
            return
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        if clear:
            flags |= QItemSelectionModel.SelectionFlag.Clear
        index = self.model.index(row, COL_TEXT)
        self.table.selectionModel().select(index, flags)
        if clear:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.table.scrollTo(index)

    # ---- editing --------------------------------------------------------------------------
    def add_from_entry(self) -> bool:
        detail = self.detail
        if detail is None:
            return False
        previous = detail.events[-1].at if detail.events else None
        day = detail.incident_start.astimezone(self.where).date() if detail.incident_start else None
        try:
            entry = parse_entry(self.entry.text(), self.where, previous, day)
        except ValueError as err:
            self._refused(str(err))
            return False
        command = AddEvent(self.session.service, self.session.refs, detail.id, entry.at, entry.text)
        if not self.session.execute(command):
            return False
        self.entry.clear()
        self._say(entry.note)
        if command.ref is not None:
            self.select_event(command.ref.id)
        self.entry.setFocus()
        return True

    def _edit(self, event_id: int, at: datetime, text: str) -> None:
        event = next(e for e in self.model.events if e.id == event_id)
        ref = self.session.refs.get("event", event_id)
        command = EditEvent(self.session.service, ref, (event.at, event.text), (at, text))
        if self.session.execute(command):
            self.select_event(ref.id)

    def _refused(self, message: str) -> None:
        self._say(message, problem=True)

    def set_mark(self, mark: str | None) -> bool:
        """Mark the current event (the row the keyboard is on), whatever else is selected."""
        event_id = self.current_id()
        if event_id is None:
            self._refused("Select one event to mark.")
            return False
        ref = self.session.refs.get("event", event_id)
        return self.session.execute(SetMark(self.session.service, self.session.refs, ref, mark))

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids or self.detail is None:
            return False
        refs = [self.session.refs.get("event", i) for i in ids]
        service = self.session.service
        return self.session.execute(DeleteEvents(service, self.session.refs, self.detail.id, refs))

    def _zone_chosen(self) -> None:
        text = self.zone_box.currentText().strip()
        if self.detail is None or text == self.detail.display_zone:
            return
        try:
            name = str(zone(text))
        except ValueError as err:
            self._refused(str(err))
            self.zone_box.setCurrentText(str(self.where))
            return
        command = SetField(
            self.session.service,
            self.detail.id,
            "display_zone",
            self.detail.display_zone,
            name,
            f"Show times in {name}",
        )
        self.session.execute(command)

    def open_import(self) -> None:
        from clearsight.ui.timeline.import_dialog import ImportDialog

        if self.detail is None:
            return
        dialog = ImportDialog(self.session, self.detail, self.where, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # ---- actions --------------------------------------------------------------------------
    def _build_mark_actions(self) -> list[QAction]:
        actions = []
        for n, mark in enumerate(MARK_LABELS, 1):
            action = QAction(MARK_LABELS[mark], self.table)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, m=mark: self.set_mark(m))
            self.table.addAction(action)
            actions.append(action)
        clear = QAction("Clear mark", self.table)
        clear.setShortcut(QKeySequence("Ctrl+0"))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        clear.triggered.connect(lambda: self.set_mark(None))
        self.table.addAction(clear)
        delete = QAction("Delete event", self.table)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)
        return [*actions, clear, delete]

    def _context_menu(self, pos: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        marks = menu.addMenu("Mark as")
        marks.addActions(self.mark_actions[: len(MARK_LABELS)])
        menu.addAction(self.mark_actions[len(MARK_LABELS)])
        menu.addSeparator()
        menu.addAction(self.mark_actions[-1])
        menu.popup(self.table.viewport().mapToGlobal(pos))
