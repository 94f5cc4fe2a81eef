"""Lessons: what went well, what went poorly, and where we got lucky."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clearsight.review import rules
from clearsight.review.data import TOUCHES, LessonData, ReviewDetail
from clearsight.review.flags import DISMISS_REASONS, dismiss_text
from clearsight.ui import style
from clearsight.ui.editing.commands import AddLesson, DeleteLesson, SetText
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.highlighter import select_span
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page, tab_order, tab_stop_when_filled
from clearsight.ui.pages.lesson_items import ID_ROLE, LessonDelegate

SAVED_ROLE = Qt.ItemDataRole.UserRole + 1  # the text the database holds

PROMPTS = {
    "well": "Add: what should we protect?",
    "poorly": "Add: what got in the way?",
    "lucky": "Add: which near miss helped?",
}


class LessonList(QWidget):
    """One kind of lesson: the list (double-click or F2 edits, Del removes) and an entry line."""

    def __init__(self, session: ReviewSession, kind: str, flags: ReviewFlags) -> None:
        super().__init__()
        self.session = session
        self.flags = flags
        self.kind = kind
        self._loading = False
        self.list = QListWidget()
        self.list.setAccessibleName(rules.LESSON_LABELS[kind])
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        # Wrapped items are laid out again at each width, so long lessons are never cut off.
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.delegate = LessonDelegate(session, flags, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.itemChanged.connect(self._item_changed)
        remove = QAction("Delete lesson", self.list)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.delete_selected)
        self.list.addAction(remove)
        self.remove_action = remove
        tab_stop_when_filled(self.list)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(PROMPTS[kind])
        self.entry.setAccessibleName(f"New lesson: {rules.LESSON_LABELS[kind]}")
        self.entry.returnPressed.connect(self.add_from_entry)
        session.route_undo_keys(self.entry)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = style.section_title(rules.LESSON_LABELS[kind])
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.entry)

    def load(self, lessons: list[LessonData]) -> None:
        current = self.list.currentRow()
        self._loading = True
        try:
            self.list.clear()
            for lesson in sorted(lessons, key=lambda x: x.position):
                item = QListWidgetItem(lesson.text)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(ID_ROLE, lesson.id)
                item.setData(SAVED_ROLE, lesson.text)
                self.list.addItem(item)
        finally:
            self._loading = False
        if current >= 0 and self.list.count():  # keep the place, so Del can go on deleting
            self.list.setCurrentRow(min(current, self.list.count() - 1))

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def live_texts(self) -> dict[str, str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return {f"lesson:{item.data(ID_ROLE)}": item.text() for item in items}

    def select_text(self, lesson_id: int, start: int, end: int, snippet: str) -> bool:
        """Open the lesson's editor with ``start:end`` selected."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == lesson_id:
                self.list.setCurrentItem(item)
                self.list.editItem(item)
                editor = self.list.focusWidget()
                if isinstance(editor, QPlainTextEdit):
                    return select_span(editor, start, end, snippet)
                return False
        return False

    def menu_at(self, point: QPoint) -> QMenu:
        """Dismiss entries for the flags of the lesson at ``point``, then Delete."""
        menu = QMenu(self)
        index = self.list.indexAt(point)
        spans = self.delegate.spans(index) if index.isValid() else []
        place = f"lesson:{index.data(ID_ROLE)}"
        for span in spans:
            for reason in DISMISS_REASONS:
                text = dismiss_text(reason)
                if len(spans) > 1:
                    text += f" (\u201c{span.snippet}\u201d)"
                action = QAction(text, menu)
                action.triggered.connect(
                    lambda _=False, s=span, r=reason: self.flags.dismiss(  # type: ignore[misc]
                        place, s.finding.rule_id, s.snippet, r
                    )
                )
                menu.addAction(action)
        if index.isValid():
            if spans:
                menu.addSeparator()
            self.list.setCurrentIndex(index)
            menu.addAction(self.remove_action)
        return menu

    def add(self, text: str) -> bool:
        if not text.strip():
            return False
        svc, refs, rid = self.session.service, self.session.refs, self.session.review_id
        command = AddLesson(svc, refs, rid, self.kind, text.strip())
        return self.session.execute(command, on_success=self.entry.clear)

    def add_from_entry(self) -> bool:
        return self.add(self.entry.text())

    def delete_selected(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        svc, refs, rid = self.session.service, self.session.refs, self.session.review_id
        ref = refs.get("lesson", item.data(ID_ROLE))
        return self.session.execute(DeleteLesson(svc, refs, rid, ref))

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        old, new = item.data(SAVED_ROLE), item.text().strip()
        if not new:  # an emptied lesson is put back; Del removes one
            self._set_quietly(item, old)
            return
        if new == old:
            return
        ref = self.session.refs.get("lesson", item.data(ID_ROLE))
        svc = self.session.service
        command = SetText(
            "Edit lesson",
            ("lesson", ref),
            old,
            new,
            lambda t: svc.reviews.set_lesson_text(ref.id, t),
            touches=TOUCHES["lessons"],
        )
        self.session.execute(command, on_success=lambda: self._saved(item, new))

    def _context_menu(self, point: QPoint) -> None:
        menu = self.menu_at(point)
        if menu.actions():
            menu.exec(self.list.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _saved(self, item: QListWidgetItem, text: str) -> None:
        if shiboken6.isValid(item):  # a retry may come after the list was rebuilt
            self._set_quietly(item, text, saved=True)

    def _set_quietly(self, item: QListWidgetItem, text: str, saved: bool = False) -> None:
        self._loading = True
        try:
            item.setText(text)
            if saved:
                item.setData(SAVED_ROLE, text)
        finally:
            self._loading = False


class LessonsPage(Page):
    key = "lessons"

    def __init__(self, session: ReviewSession, flags: ReviewFlags) -> None:
        super().__init__(
            session,
            "Lessons",
            "Protect what worked, name what got in the way, and be honest about luck. "
            "Enter adds a lesson; double-click or F2 edits one; Del removes it.",
        )
        self.lists = {kind: LessonList(session, kind, flags) for kind in rules.LESSON_KINDS}
        row = QHBoxLayout()
        row.setSpacing(style.MARGIN)
        for kind in rules.LESSON_KINDS:
            row.addWidget(self.lists[kind], 1)
        self.body.addLayout(row, 1)
        # Column by column, each entry line before its list: Tab from "Went well" goes on to
        # its lessons (once there are some), then to the "Went poorly" line.
        tab_order(self, *(w for x in self.lists.values() for w in (x.entry, x.list)))
        for lessons in self.lists.values():
            lessons.title.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # A title that wraps ("Where we got lucky", at 1,024 px) would start its list lower
        # than the others: the titles share the height of the tallest, at each new width.
        if event.type() == QEvent.Type.Resize:
            titles = [x.title for x in self.lists.values()]
            tallest = max(t.heightForWidth(t.width()) for t in titles)
            for title in titles:
                title.setMinimumHeight(tallest)
        return False

    def first_focus(self) -> QWidget | None:
        return self.lists[rules.LESSON_KINDS[0]].entry

    def load(self, detail: ReviewDetail) -> None:
        for kind, lessons in self.lists.items():
            lessons.load([x for x in detail.lessons if x.kind == kind])

    def live_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for lessons in self.lists.values():
            texts.update(lessons.live_texts())
        return texts

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        kind, _, row = place.partition(":")
        if kind != "lesson" or not row.isdigit():
            return False
        return any(x.select_text(int(row), start, end, snippet) for x in self.lists.values())
