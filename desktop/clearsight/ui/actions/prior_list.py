"""Open action items of reviews, grouped by owner with the overdue first; each can be marked
done with evidence, re-dated with a reason, or dropped with a reason.

The prior-actions phase shows the items of the other reviews and saves through the open
review's session (so Ctrl+Z undoes there); the "Open actions" dialog shows every review's
items with an undo of its own. Both hand ``run`` an undo command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.action_rows import STATUS_LABELS
from clearsight.review.data import ChangeData, OpenAction
from clearsight.ui import style
from clearsight.ui.actions.commands import SetAction
from clearsight.ui.actions.dates import parse_due
from clearsight.ui.actions.prompt import Field, Prompt
from clearsight.ui.editing.commands import RefTable, ServiceCommand

if TYPE_CHECKING:
    from clearsight.services.root import Services

COL_WHAT, COL_FACTOR, COL_REVIEW, COL_DUE, COL_STATUS = range(5)
HEADERS = ("Open item", "Closes", "From review", "Due", "Status")
ID_ROLE = Qt.ItemDataRole.UserRole
NO_OWNER = "No owner"


def _order(item: OpenAction, today: date) -> tuple[bool, date, int]:
    return (not item.overdue(today), item.action.due or date.max, item.action.id)


def by_owner(items: list[OpenAction], today: date) -> list[tuple[str, list[OpenAction]]]:
    """The items per owner: owners with overdue items first (the longest overdue leading),
    and in each group the overdue items first, then by due date."""
    groups: dict[int | None, list[OpenAction]] = {}
    for item in items:
        owner = item.action.owner
        groups.setdefault(owner.id if owner else None, []).append(item)
    out = []
    for members in groups.values():
        members.sort(key=lambda x: _order(x, today))
        owner = members[0].action.owner
        out.append((owner.label if owner else NO_OWNER, members))
    out.sort(key=lambda g: (*_order(g[1][0], today)[:2], g[0].casefold()))
    return out


def days_late(item: OpenAction, today: date) -> int:
    due = item.action.due
    return (today - due).days if due is not None and item.overdue(today) else 0


def history_text(changes: tuple[ChangeData, ...]) -> str:
    """The re-dates and status moves, newest last: 'due 2026-03-25 -> 2026-04-08 (why)'."""
    lines = []
    for c in changes:
        old = STATUS_LABELS.get(c.old, c.old) if c.field == "status" else c.old
        new = STATUS_LABELS.get(c.new, c.new) if c.field == "status" else c.new
        name = {"due": "due", "status": "status", "owner_id": "owner"}.get(c.field, c.field)
        why = f" ({c.reason})" if c.reason else ""
        old, new = old or "\u2014", new or "\u2014"
        lines.append(f"{c.at:%Y-%m-%d}: {name} {old} \u2192 {new}{why}")
    return "\n".join(lines)


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their wrapped texts at the columns' widths (QTreeView measures one
    line per cell, which cut long items off)."""

    PAD = 8

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        # The tree asks every row's height at each layout: a thousand open items asked
        # 27,000 times on a first visit. Texts repeat (a review's title, a status), and a
        # cell's height depends only on its text, font and column width.
        self._sizes: dict[tuple[str, bool, float, int, bool], QSize] = {}

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        owner = not index.parent().isValid()  # an owner's line, spanning the row
        width = self.tree.header().sectionSize(index.column()) - self.PAD
        if index.column() == 0:
            width -= self.tree.indentation()
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        text = str(index.data() or "")
        key = (text, font.bold(), font.pointSizeF(), width, owner)  # one family in a tree
        size = self._sizes.get(key)
        if size is None:
            hint = super().sizeHint(option, index)
            flags = int(Qt.TextFlag.TextWordWrap)
            box = QRect(0, 0, max(width, 40), 100000)
            rect = QFontMetrics(font).boundingRect(box, flags, text)
            height = hint.height() if owner else max(hint.height(), rect.height() + self.PAD)
            size = QSize(hint.width(), height)
            if len(self._sizes) > 20_000:  # column widths change as the window does
                self._sizes.clear()
            self._sizes[key] = size
        return size


class PriorList(QWidget):
    def __init__(
        self,
        service: Services,
        refs: RefTable,
        run: Callable[[ServiceCommand], bool],
        route_undo: Callable[[QWidget], Any] | None = None,
        empty_text: str = "No open items. A clean start.",
    ) -> None:
        super().__init__()
        self.service, self.refs, self.run = service, refs, run
        self.items: list[OpenAction] = []
        self.today = date.today()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.empty = style.hint(empty_text)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Open action items")
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        for col in (COL_FACTOR, COL_REVIEW):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        for col in (COL_DUE, COL_STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setItemDelegate(WrappedRows(self.tree))
        # Measured again once the columns settle after a resize (see WrappedRows).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda *_: self._relayout.start())
        self.tree.currentItemChanged.connect(lambda *_: self._show_selected())
        if route_undo is not None:
            route_undo(self.tree)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = QPushButton("Mark &done\u2026")
        self.done_button.clicked.connect(self.mark_done)
        self.redate_button = QPushButton("&Re-date\u2026")
        self.redate_button.clicked.connect(self.redate)
        self.drop_button = QPushButton("Dro&p\u2026")
        self.drop_button.clicked.connect(self.drop)
        self.prompt = Prompt(route_undo)
        self.prompt.closed.connect(lambda had_focus: had_focus and self.tree.setFocus())
        buttons = QHBoxLayout()
        buttons.addWidget(self.history, 1)
        for button in (self.done_button, self.redate_button, self.drop_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.summary)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.prompt)
        self._show_selected()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The item's text gets the most room, its factor and review a share each; then the
        wrapped rows are measured again at those widths."""
        header = self.tree.header()
        fixed = header.sectionSize(COL_DUE) + header.sectionSize(COL_STATUS)
        rest = max(self.tree.viewport().width() - fixed, 300)
        header.resizeSection(COL_FACTOR, int(rest * 0.3))
        header.resizeSection(COL_REVIEW, int(rest * 0.25))
        self._relayout.start()

    # ---- showing ----------------------------------------------------------------------------
    def set_items(self, items: list[OpenAction], today: date) -> None:
        keep = self.selected()
        self.items, self.today = list(items), today
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        late = QBrush(style.problem_color())
        groups = []
        for owner, members in by_owner(self.items, today):
            overdue = sum(1 for x in members if x.overdue(today))
            text = f"{owner}  \u00b7  {len(members)} open"
            if overdue:
                text += f", {overdue} overdue"
            group = QTreeWidgetItem([text])
            group.setFont(COL_WHAT, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups.append(group)
            for x in members:
                a = x.action
                days = days_late(x, today)
                due = a.due.isoformat() if a.due else "no date"
                if days:
                    due += f"\n{days} day{'s' if days != 1 else ''} overdue"
                child = QTreeWidgetItem(
                    [
                        a.what,
                        "\n".join(x.factors) or "\u2014",
                        f"[{x.review_severity}] {x.review_title}",
                        due,
                        STATUS_LABELS.get(a.status, a.status),
                    ]
                )
                child.setData(COL_WHAT, ID_ROLE, a.id)
                child.setToolTip(COL_WHAT, a.what)
                if days:
                    child.setForeground(COL_DUE, late)
                    child.setFont(COL_DUE, bold)
                group.addChild(child)
        # Added, spanned and opened all at once: one layout of the tree, not one a group.
        self.tree.addTopLevelItems(groups)
        for group in groups:
            group.setFirstColumnSpanned(True)
        self.tree.expandAll()
        late_count = sum(1 for x in self.items if x.overdue(today))
        reviews = len({x.action.review_id for x in self.items})
        parts = [
            f"<b>{len(self.items)}</b> open item{'s' if len(self.items) != 1 else ''} "
            f"from {reviews} review{'s' if reviews != 1 else ''}"
        ]
        if late_count:
            parts.append(
                f"<b style='color:{style.problem_color().name()}'>{late_count} overdue</b>"
            )
        self.summary.setText("&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(parts))
        self.summary.setVisible(bool(self.items))
        self.empty.setVisible(not self.items)
        self.tree.setVisible(bool(self.items))
        if keep is None or not self.select(keep.action.id):
            self.select_first()
        self._fit_columns()
        self._show_selected()

    def rows(self) -> list[tuple[str, list[int]]]:
        """(group text, the action ids in it) as shown, for the tests and the reader."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            ids = [group.child(c).data(COL_WHAT, ID_ROLE) for c in range(group.childCount())]
            out.append((group.text(COL_WHAT), ids))
        return out

    def selected(self) -> OpenAction | None:
        item = self.tree.currentItem()
        action_id = item.data(COL_WHAT, ID_ROLE) if item is not None else None
        return next((x for x in self.items if x.action.id == action_id), None)

    def select(self, action_id: int) -> bool:
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount()):
                if group.child(c).data(COL_WHAT, ID_ROLE) == action_id:
                    self.tree.setCurrentItem(group.child(c))
                    return True
        return False

    def select_first(self) -> None:
        if self.tree.topLevelItemCount() and self.tree.topLevelItem(0).childCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0).child(0))

    def _show_selected(self) -> None:
        item = self.selected()
        for button in (self.done_button, self.redate_button, self.drop_button):
            button.setEnabled(item is not None)
        if item is None:
            self.history.clear()
            return
        text = history_text(item.history)
        self.history.setText(f"History:\n{text}" if text else "No re-dates so far.")

    # ---- acting -----------------------------------------------------------------------------
    def mark_done(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.prompt.ask(
            f"\u201c{_short(item.action.what)}\u201d is done: what shows it? A link to the "
            "change, the alert or the test.",
            [Field("evidence", "Evidence:", "e.g. https://git.example.com/pay/pull/482")],
            "Mark done",
            lambda v: self._set(item, {"status": "done", "evidence": v["evidence"]}, "Mark done"),
        )

    def redate(self) -> None:
        item = self.selected()
        if item is None:
            return
        old = item.action.due
        self.prompt.ask(
            f"New date for \u201c{_short(item.action.what)}\u201d"
            + (f" (due {old.isoformat()})" if old else "")
            + ". Why does it move? The reason is kept in its history.",
            [
                Field("due", "New date:", "2026-04-15, or +14d / +2w"),
                Field("reason", "Reason:", "e.g. waiting for the vendor's fix"),
            ],
            "Re-date",
            lambda v: self._redate(item, v["due"], v["reason"]),
        )

    def drop(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.prompt.ask(
            f"Why is \u201c{_short(item.action.what)}\u201d dropped? The reason stays in the "
            "record of its review.",
            [Field("reason", "Reason:", "e.g. the service was retired")],
            "Drop item",
            lambda v: self._set(
                item, {"status": "dropped", "status_reason": v["reason"]}, "Drop", v["reason"]
            ),
        )

    def _redate(self, item: OpenAction, text: str, reason: str) -> str | None:
        try:
            due = parse_due(text, self.today)
        except ValueError as err:
            return str(err)
        if due is None:
            return "Give the new date."
        if due < self.today:
            return f"{due.isoformat()} is in the past: give a date from today on."
        if due == item.action.due:
            return f"It is already due {due.isoformat()}."
        return self._set(item, {"due": due}, f"Re-date to {due.isoformat()}", reason)

    def _set(
        self, item: OpenAction, changes: dict[str, Any], verb: str, reason: str = ""
    ) -> str | None:
        ref = self.refs.get("action", item.action.id)
        label = f"{verb}: {_short(item.action.what, 40)}"
        self.run(SetAction(self.service, ref, changes, label, reason))
        return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
