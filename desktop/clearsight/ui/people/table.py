"""The People directory's table: one row per person with how much they are used, and the
delegate that reopens a refused edit with the text as typed (see directory.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from clearsight.record.signing import fingerprint
from clearsight.review.data import PersonData
from clearsight.ui.editing.table_model import HeaderTableModel

if TYPE_CHECKING:
    pass

COL_NAME, COL_HANDLE, COL_EMAIL, COL_OWNED, COL_REVIEWS, COL_KEY = range(6)
HEADERS = ("Name", "Handle", "Email", "Action items", "Reviews", "Signing key")
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class PeopleModel(HeaderTableModel):
    """One row per person: name, @handle, email and how much they are used."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.people: list[PersonData] = []
        self.usage: dict[int, tuple[int, int]] = {}
        # Set by the dialog: saves (person id, column, text); the saved person, or None.
        self.save: Any = None

    def set_people(self, people: list[PersonData], usage: dict[int, tuple[int, int]]) -> None:
        self.beginResetModel()
        self.people, self.usage = list(people), dict(usage)
        self.endResetModel()

    def replace(self, person: PersonData) -> None:
        row = self.row_of(person.id)
        if row is not None:
            self.people[row] = person
            self.dataChanged.emit(self.index(row, 0), self.index(row, COL_EMAIL))

    def row_of(self, person_id: int) -> int | None:
        return next((i for i, p in enumerate(self.people) if p.id == person_id), None)

    def row_count(self) -> int:
        return len(self.people)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in (COL_NAME, COL_HANDLE, COL_EMAIL):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.people[index.row()]
        col = index.column()
        owned, reviews = self.usage.get(person.id, (0, 0))
        key = fingerprint(person.public_key) if person.public_key else ""
        if role == ID_ROLE:
            return person.id
        if col == COL_KEY:
            return _key_data(person.name, key, role)
        if role == Qt.ItemDataRole.EditRole:
            return (person.name, person.handle or "", person.email or "", owned, reviews)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            handle = f"@{person.handle}" if person.handle else ""
            return (person.name, handle, person.email or "", owned, reviews)[col]
        if role == SORT_ROLE:
            texts = (person.name, person.handle or "", person.email or "")
            return texts[col].casefold() if col <= COL_EMAIL else (owned, reviews)[col - COL_OWNED]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_OWNED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_OWNED:
                return f"{person.name} owns {owned} action item(s), open or closed"
            if col == COL_REVIEWS:
                return f"{person.name} takes part in {reviews} review(s)"
            return "F2 or double-click to edit; saved at once"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.save is None:
            return False
        person = self.people[index.row()]
        old = (person.name, person.handle or "", person.email or "")
        text = str(value)
        if index.column() > COL_EMAIL or text.strip() == old[index.column()]:
            return index.column() <= COL_EMAIL
        saved = self.save(person.id, index.column(), text)
        if saved is None:
            return False
        self.replace(saved)
        return True


def _key_data(name: str, key: str, role: int) -> Any:
    """The key column: the fingerprint's start, enough to tell keys apart when read aloud."""
    if role == Qt.ItemDataRole.DisplayRole:
        return f"{key[:19]}\u2026" if key else "none yet"
    if role == SORT_ROLE:
        return key
    if role == Qt.ItemDataRole.ToolTipRole:
        return (
            f"{name}'s signing key: {key}"
            if key
            else f"{name} has no signing key yet: they make "
            "one on their own computer (Sign-off > Make my signing key, or `clearsight keys init`)"
        )
    return None


class PersonDelegate(QStyledItemDelegate):
    """Knows its open editor (to save it on close), and opens a refused edit with its text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.editor: QLineEdit | None = None
        self.pending: dict[tuple[int, int], str] = {}  # (person id, column) -> refused text

    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        self.editor = editor if isinstance(editor, QLineEdit) else None
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        key = (int(index.data(ID_ROLE)), index.column())
        if key in self.pending and isinstance(editor, QLineEdit):
            editor.setText(self.pending.pop(key))
            return
        super().setEditorData(editor, index)

    def destroyEditor(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)

    def open_editor(self) -> QLineEdit | None:
        editor = self.editor
        return editor if editor is not None and shiboken6.isValid(editor) else None
