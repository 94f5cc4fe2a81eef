"""The "People directory" dialog: everyone who can take a role or own an action item.

Opened from the main window (Edit > People directory…), with or without a review open. Each
change is saved at once through the service; there is no undo here (the hint says so), and
nothing typed is dropped: a refused cell edit opens again with the text as typed, and closing
the dialog saves a half-finished cell edit and adds a person typed on the add line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.review.data import PersonData
from clearsight.ui import style
from clearsight.ui.people.table import (
    COL_EMAIL,
    COL_HANDLE,
    COL_KEY,
    COL_NAME,
    COL_OWNED,
    COL_REVIEWS,
    ID_ROLE,
    SORT_ROLE,
    PeopleModel,
    PersonDelegate,
)

if TYPE_CHECKING:
    from clearsight.services.root import Services

HINT = (
    "Changes here are saved at once (there is no undo). F2 or a double-click edits a cell, "
    "Del removes someone who owns no action items and takes part in no review."
)


class PeopleDirectoryDialog(QDialog):
    def __init__(self, service: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("People directory")
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.service = service
        self.changed = False  # anything saved: an open review reads its people again
        self._refused_edit = self._flushing = False

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, @handle or email (Ctrl+F)")
        self.filter.setAccessibleName("Filter people")
        self.filter.setClearButtonEnabled(True)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.filter.setFocus)

        self.model = PeopleModel(self)
        self.model.save = self._save_cell
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SORT_ROLE)
        self.filter.textChanged.connect(self._filter_changed)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("People")
        self.table.setToolTip("F2 or double-click edits a cell; Del removes the selected person")
        self.delegate = PersonDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for col, mode in (
            (COL_NAME, QHeaderView.ResizeMode.Stretch),
            (COL_HANDLE, QHeaderView.ResizeMode.ResizeToContents),
            (COL_EMAIL, QHeaderView.ResizeMode.Stretch),
            (COL_OWNED, QHeaderView.ResizeMode.ResizeToContents),
            (COL_REVIEWS, QHeaderView.ResizeMode.ResizeToContents),
            (COL_KEY, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(col, mode)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.name = QLineEdit()
        self.name.setPlaceholderText("Name")
        self.name.setAccessibleName("New person's name")
        self.handle = QLineEdit()
        self.handle.setPlaceholderText("@handle (optional)")
        self.handle.setAccessibleName("New person's handle")
        self.email = QLineEdit()
        self.email.setPlaceholderText("email (optional)")
        self.email.setAccessibleName("New person's email")
        for line in (self.name, self.handle, self.email):
            line.returnPressed.connect(self.add_person)
        self.add_button = QPushButton("&Add person")
        self.add_button.clicked.connect(self.add_person)
        self.delete_button = QPushButton("&Delete\u2026")
        self.delete_button.setToolTip("Remove the selected person from the directory (Del)")
        self.delete_button.clicked.connect(self.delete_selected)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        # Enter belongs to the lines and the cells: no button takes it for the dialog.
        for button in (self.add_button, self.delete_button, close):
            button.setAutoDefault(False)
            button.setDefault(False)

        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 3)
        add_row.addWidget(self.handle, 2)
        add_row.addWidget(self.email, 3)
        add_row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(style.page_title("People directory"))
        layout.addWidget(style.hint(HINT))
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(style.section_title("Add someone"))
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        self.resize(1100, 680)
        self.refresh()
        self._update_buttons()

    # ---- showing ----------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> bool:
        """Read everyone again, keeping the selected person (or selecting ``select_id``)."""
        keep = select_id if select_id is not None else self.selected_id()
        try:
            people = self.service.people.list_people()
            usage = self.service.people.people_usage()
        except UserError as err:
            self._refuse(str(err))
            return False
        self.model.set_people(people, usage)
        if keep is not None:
            self.select(keep)
        self._update_buttons()
        return True

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def select(self, person_id: int, column: int = COL_NAME) -> QModelIndex | None:
        row = self.model.row_of(person_id)
        if row is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            return None  # filtered out
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return index

    def visible_names(self) -> list[str]:
        return [str(self.proxy.index(r, COL_NAME).data()) for r in range(self.proxy.rowCount())]

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, COL_NAME))
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        self.delete_button.setEnabled(self.selected_id() is not None)

    def _tell(self, text: str) -> None:
        style.show_message(self.message, text)

    def _refuse(self, text: str) -> None:
        style.show_message(self.message, text, problem=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # Back from the review (the dialog is not modal): someone may have been added there.
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self.delegate.open_editor() is None
            and not self.delegate.pending
        ):
            self.refresh()
        super().changeEvent(event)

    # ---- editing ----------------------------------------------------------------------------
    def _save_cell(self, person_id: int, column: int, text: str) -> PersonData | None:
        row = self.model.row_of(person_id)
        if row is None:
            return None
        person = self.model.people[row]
        values = [person.name, person.handle, person.email]
        values[column] = text
        try:
            self.service.people.update_person(person_id, values[0] or "", values[1], values[2])
            saved = next(p for p in self.service.people.list_people() if p.id == person_id)
        except (UserError, StopIteration) as err:
            message = str(err) if isinstance(err, UserError) else "That person was removed."
            self._refuse(message[:1].upper() + message[1:])
            self._refused_edit = True
            if not self._flushing:
                # Keep what was typed: the cell opens again with it once its editor closed.
                self.delegate.pending[(person_id, column)] = text
                QTimer.singleShot(0, lambda: self._reopen(person_id, column))
            return None
        self.changed = True
        self._tell(f"Saved {saved.label}.")
        return saved

    def _reopen(self, person_id: int, column: int) -> None:
        if not shiboken6.isValid(self) or not self.isVisible():
            return
        index = self.select(person_id, column)
        if index is None:
            self.delegate.pending.pop((person_id, column), None)
            return
        self.table.setFocus()
        self.table.edit(index)

    def flush(self) -> bool:
        """Save a half-finished cell edit as if Enter had been pressed; False if refused."""
        editor = self.delegate.open_editor()
        if editor is None:
            return True
        self._refused_edit, self._flushing = False, True
        try:
            self.delegate.commitData.emit(editor)
        finally:
            self._flushing = False
        if self._refused_edit:
            editor.setFocus()  # still open, with the text as typed
            return False
        self.delegate.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        return True

    # ---- adding and removing ----------------------------------------------------------------
    def add_person(self) -> int | None:
        try:
            person_id = self.service.people.add_person(
                self.name.text(), self.handle.text() or None, self.email.text() or None
            )
        except UserError as err:
            message = str(err)
            self._refuse(message[:1].upper() + message[1:])
            return None
        self.changed = True
        name = " ".join(self.name.text().split())
        for line in (self.name, self.handle, self.email):
            line.clear()
        self.refresh(select_id=person_id)
        if self.selected_id() != person_id:
            self.filter.clear()  # filtered out: the new person shows, whatever the filter was
            self.select(person_id)
        self._tell(f"Added {name}.")
        self.name.setFocus()
        return person_id

    def confirm_delete(self, person: PersonData) -> bool:
        answer = QMessageBox.question(
            self,
            "Delete person",
            f"Remove {person.label} from the directory?\n\nThis is saved at once.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> bool:
        person_id = self.selected_id()
        row = self.model.row_of(person_id) if person_id is not None else None
        if person_id is None or row is None:
            self._refuse("Select the person to delete.")
            return False
        person = self.model.people[row]
        if not self.confirm_delete(person):
            return False
        try:
            self.service.people.delete_person(person_id)
        except UserError as err:
            self._refuse(str(err))
            return False
        self.changed = True
        below = self.table.currentIndex().row()
        self.refresh()
        if self.proxy.rowCount():
            self.table.setCurrentIndex(
                self.proxy.index(min(below, self.proxy.rowCount() - 1), COL_NAME)
            )
        self._update_buttons()
        self._tell(f"Removed {person.label}.")
        self.table.setFocus()
        return True

    # ---- closing ----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Nothing typed is dropped: an open cell edit is saved and a typed person added;
        if either is refused the dialog stays open with the reason."""
        if not self.flush():
            return
        typed = any(line.text().strip() for line in (self.name, self.handle, self.email))
        if typed and self.add_person() is None:
            self.name.setFocus()
            return
        super().done(result)
