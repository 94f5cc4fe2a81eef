"""How the action items table paints and edits its cells.

"What" and "how we will know" share the first text column (see text.py), wrapped, with
their language flags underlined, and are edited in two text boxes that flag as one types. An
incomplete row has a red bar at its left edge, a row with only warnings an amber one.
Category, status and the factors an item closes are picked from a short list over the cell
(a click or Enter takes it; see choices.py); the owner with a completer over the people directory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QColor, QHelpEvent, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCompleter,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clearsight.review.action_rows import STATUS_LABELS
from clearsight.ui import style
from clearsight.ui.actions.choices import choice_list, chosen, factor_list, show_value, ticked
from clearsight.ui.actions.model import (
    CATEGORY_LABELS,
    COL_CATEGORY,
    COL_DUE,
    COL_FACTORS,
    COL_LABEL,
    COL_OWNER,
    COL_STATUS,
    COL_TICKET,
    COL_VERIFY,
    COL_WHAT,
    ID_ROLE,
    INCOMPLETE,
    META_ROLE,
    STATE_ROLE,
    WARNING_COLOR,
)
from clearsight.ui.actions.text import ItemTextEditor, Piece, paint_texts, texts_height
from clearsight.ui.flags.flagged_text import draw_item_background, show_flags_tip
from clearsight.ui.flags.highlighter import Span, spans_in
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import EditorDelegate

Index = QModelIndex | QPersistentModelIndex
BAR = 6  # the state bar at the left edge of an item's first cell
PAD = 6  # around the text of a wrapped cell
LINE_HINTS = {
    COL_OWNER: "Type a name or @handle",
    COL_DUE: "YYYY-MM-DD, or +14d, +2w",
    COL_TICKET: "ABC-123, #123 or a link",
}


class ActionsDelegate(EditorDelegate):
    def __init__(
        self,
        session: Any,
        flags: ReviewFlags,
        view: QTableView,
        people: QStringListModel,
        owner_entered: Callable[[int, str], bool],
        factor_choices: Callable[[], list[tuple[int, str]]],
    ) -> None:
        super().__init__(session, view)
        self.view = view
        self.flags = flags
        self.people = people
        self.owner_entered = owner_entered
        self.factor_choices = factor_choices
        self._spans: dict[tuple[str, str], list[Span]] = {}
        self._owner_row: QPersistentModelIndex | None = None
        flags.context_changed.connect(self._context_changed)

    # ---- painting ---------------------------------------------------------------------------
    def spans(self, index: Index) -> list[Span]:
        """The open flags of the item's what (and of its verification): what the cell shows."""
        if index.column() != COL_WHAT:
            return []
        what, check = self._texts(index)
        number = index.data(ID_ROLE)
        return self._spans_of(f"action:{number}", what, "action") + self._spans_of(
            f"verify:{number}", check, "verification"
        )

    def _spans_of(self, place: str, text: str, field: str) -> list[Span]:
        key = (place, text)
        if key not in self._spans:
            if len(self._spans) > 1000:  # edited texts leave their old versions behind
                self._spans.clear()
            self._spans[key] = spans_in(self.flags, text, place, field) if text else []
        return self._spans[key]

    @staticmethod
    def _texts(index: Index) -> tuple[str, str]:
        check = index.sibling(index.row(), COL_VERIFY).data(Qt.ItemDataRole.EditRole)
        return str(index.data(Qt.ItemDataRole.EditRole) or ""), str(check or "")

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() == COL_WHAT:
            self._paint_text(painter, option, index)
        else:
            super().paint(painter, option, index)
        if index.column() == COL_LABEL:
            state = index.data(STATE_ROLE)
            colour = {INCOMPLETE: style.problem_color().name(), "warning": WARNING_COLOR}.get(state)
            if colour:
                r = option.rect
                painter.fillRect(QRect(r.left(), r.top(), BAR, r.height()), QColor(colour))

    def _paint_text(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        _, opt = draw_item_background(self, painter, option, index)
        rect = option.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        what, check = self._texts(index)
        number = index.data(ID_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(role)
        quiet = QColor(text_colour)
        quiet.setAlphaF(0.72)  # a step quieter on any background, light or dark
        painter.save()
        painter.setClipRect(option.rect)
        paint_texts(
            painter,
            rect,
            opt.font,
            (text_colour, quiet),
            (what, self._spans_of(f"action:{number}", what, "action")),
            (check, self._spans_of(f"verify:{number}", check, "verification")),
            self._pieces(index, selected),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        if index.column() != COL_WHAT:
            hint = super().sizeHint(option, index)
            return QSize(hint.width() + (BAR if index.column() == COL_LABEL else 0), hint.height())
        width = option.rect.width() if option.rect.width() > 0 else 240
        what, check = self._texts(index)
        height = texts_height(option.font, width - 2 * PAD, what, check, self._pieces(index))
        return QSize(width, height + PAD)

    def _pieces(self, index: Index, selected: bool = False) -> list[Piece]:
        """The parts of the meta line whose own column is not shown, in their colours (on
        the selection's background, in its text colour: red on blue does not read)."""
        colours = {"blocking": style.problem_color(), "warning": QColor(WARNING_COLOR)}
        if selected:
            colours = {}
        return [
            (text, colours.get(kind), kind == "blocking")
            for column, text, kind in index.data(META_ROLE) or []
            if column is None or self.view.isColumnHidden(column)
        ]

    def helpEvent(  # noqa: N802 (Qt's name)
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        spans = self.spans(index) if index.isValid() else []
        return show_flags_tip(event, view, spans) or super().helpEvent(event, view, option, index)

    def _context_changed(self) -> None:
        self._spans.clear()
        self.view.viewport().update()

    # ---- editors ----------------------------------------------------------------------------
    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        col = index.column()
        editor: QWidget
        if col in (COL_WHAT, COL_VERIFY):
            editor = ItemTextEditor(
                parent, self.flags, int(index.data(ID_ROLE)), self.session.route_undo_keys
            )
            for box in editor.boxes():  # the view filters the editor's events, not its boxes'
                box.installEventFilter(self)
        elif col == COL_CATEGORY:
            editor = choice_list(parent, CATEGORY_LABELS, "Category", self._take)
        elif col == COL_STATUS:
            editor = choice_list(parent, STATUS_LABELS, "Status", self._take)
        elif col == COL_FACTORS:
            editor = factor_list(parent, self.factor_choices())
        else:
            line = QLineEdit(parent)
            line.setPlaceholderText(LINE_HINTS.get(col, ""))
            line.setAccessibleName({COL_OWNER: "Owner", COL_DUE: "Due", COL_TICKET: "Ticket"}[col])
            if col == COL_OWNER:
                self._owner_completer(line, index)
            editor = line
        return self.adopt(editor)

    def _owner_completer(self, line: QLineEdit, index: Index) -> None:
        completer = QCompleter(self.people, line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        line.setCompleter(completer)
        row = self._owner_row = QPersistentModelIndex(index)
        completer.activated.connect(lambda text: self._owner_done(line, row, text))

    def _owner_done(self, line: QLineEdit, index: QPersistentModelIndex, text: str) -> bool:
        """Hand the owner to the page; the editor stays open (with the text) if refused."""
        if not index.isValid():
            return False
        if self.owner_entered(int(index.data(ID_ROLE)), text):
            self.closeEditor.emit(line, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        line.setFocus()
        return False

    def _take(self, editor: QListWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Any) -> None:  # noqa: N802 (Qt's name)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, ItemTextEditor):
            editor.set_texts(*self._texts(index.sibling(index.row(), COL_WHAT)))
        elif isinstance(editor, QListWidget):
            show_value(editor, value)
        elif isinstance(editor, QLineEdit):
            if not editor.isModified():  # a reload must not take away what is being typed
                editor.setText(str(value or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:  # noqa: N802
        if isinstance(editor, ItemTextEditor):
            model.setData(index.sibling(index.row(), COL_WHAT), editor.texts())
        elif isinstance(editor, QListWidget):
            if index.column() == COL_FACTORS:
                model.setData(index, ticked(editor))
            elif (choice := chosen(editor)) is not None:
                model.setData(index, choice)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(  # noqa: N802 (Qt's name)
        self, editor: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, QListWidget):
            # Over the cell and below it, as wide and tall as its choices need.
            width = max(rect.width(), 420 if index.column() == COL_FACTORS else 180)
            editor.setFixedWidth(width)
            rows = sum(editor.sizeHintForRow(r) for r in range(editor.count()))
            height = rows + 2 * editor.frameWidth() + 4
            rect.setSize(QSize(width, max(height, rect.height())))
        elif isinstance(editor, ItemTextEditor):
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4))
        else:
            rect.setHeight(max(rect.height(), editor.sizeHint().height()))
            rect.setWidth(max(rect.width(), 200 if index.column() != COL_DUE else 160))
        viewport = self.view.viewport().rect()
        if rect.bottom() > viewport.bottom():  # kept in view: moved up, not cut off
            rect.moveBottom(max(viewport.bottom(), rect.height()))
        if rect.right() > viewport.right():
            rect.moveRight(max(viewport.right(), rect.width()))
        editor.setGeometry(rect)
        if isinstance(editor, ItemTextEditor):
            editor.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        box_of = watched.parentWidget() if isinstance(watched, QPlainTextEdit) else None
        if isinstance(box_of, ItemTextEditor):
            return self._item_text_event(box_of, event)
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and isinstance(watched, QLineEdit) and watched.completer() is not None:
                index = self._owner_index(watched)
                if index is not None:
                    self._owner_done(watched, index, watched.text())
                return True
        return super().eventFilter(watched, event)

    def _item_text_event(self, editor: ItemTextEditor, event: QEvent) -> bool:
        """Enter saves both texts, Esc drops the edit, and the editor closes (saving) when
        the focus leaves it, not when it goes from one of its boxes to the other."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                # Tab goes from the what to the verification, and from there to the next cell
                # (the view's tab order would leave the editor at once).
                forward = event.key() == Qt.Key.Key_Tab
                inside = editor.verify if forward else editor.what
                if QApplication.focusWidget() is not inside:
                    inside.setFocus(Qt.FocusReason.TabFocusReason)
                    return True
                hint = QAbstractItemDelegate.EndEditHint
                self.commitData.emit(editor)
                self.closeEditor.emit(
                    editor, hint.EditNextItem if forward else hint.EditPreviousItem
                )
                return True
        elif kind == QEvent.Type.FocusOut:
            focus = QApplication.focusWidget()
            if focus is not None and not editor.isAncestorOf(focus) and editor.isVisible():
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return False

    def open_editor(self) -> QWidget | None:
        """The editor open now, if any."""
        editor = self._editor
        return editor if editor is not None and shiboken6.isValid(editor) else None

    def _owner_index(self, editor: QWidget) -> QPersistentModelIndex | None:
        row = self._owner_row
        return row if row is not None and row.isValid() else None
