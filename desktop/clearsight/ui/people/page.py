"""People in their roles: picked from the directory, or added to it, never typed as free text."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.data import PersonData, ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.commands import AddParticipant, RemoveParticipant
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.pages.base import tab_order, tab_stop_when_filled

ROLE_LABELS = {
    "facilitator": "Facilitator",
    "notetaker": "Notetaker",
    "attendee": "Attendees",
    "approver": "Approvers",
}
ID_ROLE = Qt.ItemDataRole.UserRole


class NewPersonForm(QFrame):
    """Adds someone to the directory and gives them the role they were typed in for."""

    def __init__(self, panel: PeoplePanel) -> None:
        super().__init__()
        self.panel = panel
        self.role = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        self.name = QLineEdit()
        self.handle = QLineEdit()
        self.handle.setPlaceholderText("optional, e.g. alex.k")
        self.email = QLineEdit()
        self.email.setPlaceholderText("optional")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.add_button = QPushButton("Add person")
        self.add_button.clicked.connect(self.submit)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.close_form)
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Handle:", self.handle)
        form.addRow("Email:", self.email)
        self.cancel_button = cancel
        for line in (self.name, self.handle, self.email):
            panel.session.route_undo_keys(line)
            line.returnPressed.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.hide()

    def open_for(self, role: str, name: str) -> None:
        self.role = role
        self.heading.setText(
            f"<b>{name or 'Someone'}</b> is not in the directory yet. Add them as "
            f"{ROLE_LABELS[role].lower().rstrip('s')}:"
        )
        self.name.setText(name)
        self.handle.clear()
        self.email.clear()
        self.error.hide()
        self.show()
        (self.handle if name else self.name).setFocus()
        # Once laid out, scroll the page so the form is in view (it opens below the roles).
        QTimer.singleShot(0, self, self._scroll_into_view)

    def _scroll_into_view(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self)

    def submit(self) -> bool:
        try:
            added = self.panel.add_new_person(
                self.role, self.name.text(), self.handle.text(), self.email.text()
            )
        except UserError as err:  # a clash or a bad handle: fix it here, nothing is lost
            self.error.setText(str(err))
            self.error.show()
            return False
        self.close_form()
        return added

    def close_form(self) -> None:
        self.hide()
        self.panel.pickers[self.role].setFocus()


class PeoplePanel(QWidget):
    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.people: list[PersonData] = []
        self._in_role: dict[str, set[int]] = {role: set() for role in rules.ROLES}
        self.directory = QStringListModel(self)
        self.lists: dict[str, QListWidget] = {}
        self.pickers: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(style.SPACING)
        grid.setVerticalSpacing(style.SPACING)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        for row, role in enumerate(rules.ROLES):
            grid.addWidget(QLabel(ROLE_LABELS[role] + ":"), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._people_list(role), row, 1)
            grid.addWidget(self._picker(role), row, 2, Qt.AlignmentFlag.AlignTop)
        self.form = NewPersonForm(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.form)
        tab_order(self, *self.tab_stops())

    def tab_stops(self) -> list[QWidget]:
        """In Tab order: each role's line, then its list; then the new-person form."""
        stops: list[QWidget] = []
        for role in rules.ROLES:
            stops += [self.pickers[role], self.lists[role]]
        form = self.form
        return [*stops, form.name, form.handle, form.email, form.cancel_button, form.add_button]

    def first_empty_role(self) -> QLineEdit | None:
        """The line of the first role nobody has yet."""
        return next((self.pickers[r] for r in rules.ROLES if not self._in_role[r]), None)

    def _people_list(self, role: str) -> QListWidget:
        people = FittedList()
        people.setAccessibleName(ROLE_LABELS[role])
        people.setFlow(QListView.Flow.LeftToRight)
        people.setWrapping(True)
        people.setResizeMode(QListView.ResizeMode.Adjust)
        people.setSpacing(4)
        people.setToolTip("Del removes the selected person from this role")
        remove = QAction("Remove from role", people)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(lambda: self.remove_selected(role))
        people.addAction(remove)
        tab_stop_when_filled(people)
        self.lists[role] = people
        return people

    def _picker(self, role: str) -> QLineEdit:
        picker = QLineEdit()
        picker.setPlaceholderText("Add a person: type a name, press Enter")
        picker.setAccessibleName(f"Add {ROLE_LABELS[role].lower()}")
        completer = QCompleter(self.directory, picker)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        picker.setCompleter(completer)
        completer.activated.connect(lambda text: self.pick(role, text))
        picker.returnPressed.connect(lambda: self.pick(role, picker.text()))
        self.session.route_undo_keys(picker)
        self.pickers[role] = picker
        return picker

    # ---- showing ---------------------------------------------------------------------------
    def load(self, detail: ReviewDetail) -> None:
        self.refresh_directory()
        for role in rules.ROLES:
            people = self.lists[role]
            people.clear()
            members = detail.people_in(role)
            self._in_role[role] = {p.id for p in members}
            for person in members:
                item = QListWidgetItem(person.label)
                item.setData(ID_ROLE, person.id)
                item.setToolTip(person.email or person.label)
                people.addItem(item)

    def refresh_directory(self) -> None:
        try:
            self.people = self.session.service.people.list_people()
        except UserError as err:
            self.session.report("people", err, self.refresh_directory, unsaved=False)
            return
        self.session.resolve("people")
        self.directory.setStringList([p.label for p in self.people])

    def names_in(self, role: str) -> list[str]:
        people = self.lists[role]
        return [people.item(i).text() for i in range(people.count())]

    def find(self, text: str) -> PersonData | None:
        """The one person ``text`` names (their label, name or @handle), or None."""
        key = " ".join(text.split()).casefold()
        if not key:
            return None
        for match in (
            lambda p: p.label.casefold() == key,
            lambda p: p.name.casefold() == key,
            lambda p: bool(p.handle) and str(p.handle).casefold() == key.lstrip("@"),
        ):
            found = [p for p in self.people if match(p)]
            if len(found) == 1:
                return found[0]
        return None

    # ---- editing ---------------------------------------------------------------------------
    def pick(self, role: str, text: str) -> bool:
        """Give ``role`` to the person ``text`` names, or offer to add them to the directory."""
        if not text.strip():
            return False
        person = self.find(text)
        if person is None:
            self.form.open_for(role, " ".join(text.split()))
            return False
        return self.assign(role, person)

    def assign(self, role: str, person: PersonData) -> bool:
        picker = self.pickers[role]
        if person.id in self._in_role[role]:
            picker.clear()
            return True
        svc, rid = self.session.service, self.session.review_id
        command = AddParticipant(svc, rid, person.id, role, person.name)
        return self.session.execute(command, on_success=picker.clear)

    def add_new_person(self, role: str, name: str, handle: str = "", email: str = "") -> bool:
        """Add someone to the directory (raises UserError on a bad value), then to ``role``."""
        person_id = self.session.service.people.add_person(name, handle or None, email or None)
        self.refresh_directory()
        person = next((p for p in self.people if p.id == person_id), None)
        if person is None:
            person = PersonData(person_id, " ".join(name.split()), handle or None, email or None)
        return self.assign(role, person)

    def remove_selected(self, role: str) -> bool:
        item = self.lists[role].currentItem()
        if item is None:
            return False
        person_id = item.data(ID_ROLE)
        person = next((p for p in self.people if p.id == person_id), None)
        name = person.name if person else item.text()
        svc, rid = self.session.service, self.session.review_id
        return self.session.execute(RemoveParticipant(svc, rid, person_id, role, name))


class FittedList(QListWidget):
    """A list of names that wrap into rows, as tall as its rows: every attendee shows."""

    def __init__(self) -> None:
        super().__init__()
        model = self.model()
        model.rowsInserted.connect(self._fit)
        model.rowsRemoved.connect(self._fit)
        model.modelReset.connect(self._fit)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self, *_: object) -> None:
        frame = 2 * self.frameWidth()
        least = self.fontMetrics().height() * 2 + 24  # two lines even when empty
        if not self.count():
            self.setFixedHeight(least)
            return
        self.doItemsLayout()  # at the current width, now rather than later
        last = self.visualRect(self.model().index(self.count() - 1, 0))
        bottom = last.bottom() + self.verticalOffset()  # the rows' height, scrolled or not
        self.setFixedHeight(max(least, bottom + 1 + 2 * self.spacing() + frame))
