"""The review's defense layers in a row, in the diagram's order from left to right.

F2 or a double-click renames a layer, Del removes it (its factors stay, in no layer),
Alt+Up/Down moves it a slice left or right (Alt+Left is the
window's Back), and the line at the end adds one. All undoable.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QWidget,
)

from clearsight.review.data import LayerData
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.factors.commands import LAYER, AddLayer, DeleteLayer, MoveLayer, RenameLayer

ID_ROLE = Qt.ItemDataRole.UserRole
SAVED_ROLE = Qt.ItemDataRole.UserRole + 1
WIDE = 1000  # from this width on, the buttons and the entry line share the names' row


class LayersBar(QWidget):
    layer_chosen = Signal(object)  # layer id, or None when there is no layer
    refused = Signal(str)
    told = Signal(str)  # what just happened, when the screen does not show it plainly

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.layers: list[LayerData] = []
        self._loading = False
        self.list = QListWidget()
        self.list.setAccessibleName("Defense layers")
        self.list.setFlow(QListView.Flow.LeftToRight)
        # Wrapped into as many rows as the names need: the whole order is always in view.
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSpacing(4)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(self._current_changed)
        session.route_undo_keys(self.list)
        self.actions_ = self._build_actions()

        self.entry = QLineEdit()
        self.entry.setPlaceholderText("New layer\u2026")
        self.entry.setAccessibleName("New defense layer")
        self.entry.setMaximumWidth(220)
        self.entry.returnPressed.connect(self.add_from_entry)
        session.route_undo_keys(self.entry)
        self.left_button = QToolButton()
        self.left_button.setText("\u25c0")
        self.left_button.setToolTip("Move the layer left (Alt+Up)")
        self.left_button.setAccessibleName("Move layer left")
        self.left_button.clicked.connect(lambda: self.move_current(-1))
        self.right_button = QToolButton()
        self.right_button.setText("\u25b6")
        self.right_button.setToolTip("Move the layer right (Alt+Down)")
        self.right_button.setAccessibleName("Move layer right")
        self.right_button.clicked.connect(lambda: self.move_current(1))
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the layer (Del); its factors stay, in no layer")
        self.remove_button.clicked.connect(self.delete_current)
        for button in (self.left_button, self.right_button, self.remove_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do this from the list

        label = QLabel("&Defense layers:")
        label.setBuddy(self.list)
        names = QHBoxLayout()
        names.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        names.addWidget(self.list, 1)
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.left_button)
        tools.addWidget(self.right_button)
        tools.addWidget(self.remove_button)
        tools.addWidget(self.entry)
        # The tools sit after the names on a wide page and under them on a narrow one.
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addLayout(names, 1)
        self.rows.addLayout(tools)
        self._names, self._tools = names, tools

    def _build_actions(self) -> list[QAction]:
        made = []
        keys = (
            ("Delete layer", QKeySequence.StandardKey.Delete, self.delete_current),
            ("Move layer left", QKeySequence("Alt+Up"), lambda: self.move_current(-1)),
            ("Move layer right", QKeySequence("Alt+Down"), lambda: self.move_current(1)),
        )
        for text, key, slot in keys:
            action = QAction(text, self.list)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.list.addAction(action)
            made.append(action)
        return made

    # ---- showing --------------------------------------------------------------------------
    def load(self, layers: list[LayerData]) -> None:
        chosen = self.current_id()
        row = self.list.currentRow()
        self.layers = sorted(layers, key=lambda x: x.position)
        self._loading = True
        try:
            self.list.clear()
            for layer in self.layers:
                item = QListWidgetItem(layer.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                item.setData(ID_ROLE, layer.id)
                item.setData(SAVED_ROLE, layer.name)
                item.setToolTip("F2 renames, Del removes, Alt+Up/Down moves left/right")
                self.list.addItem(item)
        finally:
            self._loading = False
        self._fit_height()
        # The same layer stays chosen; when it went, the one now in its place.
        if chosen is not None and self.choose(chosen):
            return
        if self.layers:
            self.list.setCurrentRow(max(0, min(row, len(self.layers) - 1)))
        else:
            self.layer_chosen.emit(None)

    def _fit_height(self) -> None:
        """As tall as the rows the names wrap into at the list's width."""
        frame = 2 * self.list.frameWidth()
        if not self.list.count():
            self.list.setFixedHeight(self.fontMetrics().height() + 4 * self.list.spacing() + frame)
            return
        self.list.doItemsLayout()  # at the current width, now rather than later
        model = self.list.model()
        last = self.list.visualRect(model.index(self.list.count() - 1, 0))
        self.list.setFixedHeight(last.bottom() + 1 + 2 * self.list.spacing() + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """As narrow as the bar stacked (tools under the names) gets, whichever way it is laid
        out now: side by side it asked for both widths, and widened the window at 1,024 px.
        The names' list is as wide as its widest name, so no name is cut."""
        widest = max(
            (self.list.visualItemRect(self.list.item(i)).width() for i in range(self.list.count())),
            default=0,
        )
        names = self._names.minimumSize().width() + max(
            0, widest - self.list.minimumSizeHint().width()
        )
        width = max(names + 2 * self.list.spacing(), self._tools.minimumSize().width())
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        wide = event.size().width() >= WIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.rows.direction() != direction:
            self.rows.setDirection(direction)
        self._fit_height()

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def choose(self, layer_id: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == layer_id:
                if self.list.currentRow() == row:
                    self.layer_chosen.emit(layer_id)
                else:
                    self.list.setCurrentRow(row)
                return True
        return False

    def _current_changed(self, row: int) -> None:
        if not self._loading:
            self.layer_chosen.emit(self.current_id())

    # ---- editing --------------------------------------------------------------------------
    def add(self, name: str) -> bool:
        name = " ".join(name.split())
        if not name:
            return False
        if name.casefold() in (x.name.casefold() for x in self.layers):
            self.refused.emit(f"There is a layer \u201c{name}\u201d already.")
            return False
        s = self.session
        command = AddLayer(s.service, s.refs, s.review_id, name)
        if not s.execute(command, on_success=self.entry.clear):
            return False
        assert command.ref is not None
        self.choose(command.ref.id)
        return True

    def add_from_entry(self) -> bool:
        return self.add(self.entry.text())

    def delete_current(self) -> bool:
        item = self.list.currentItem()
        if item is None:
            return False
        s = self.session
        ref = s.refs.get(LAYER, item.data(ID_ROLE))
        command = DeleteLayer(s.service, s.refs, s.review_id, ref, item.text())
        if not s.execute(command):
            return False
        if command.factors and command.data is not None:  # the item went with the reload
            n = len(command.factors)
            self.told.emit(
                f"Removed \u201c{command.data.name}\u201d: its "
                f"{n} factor{'s are' if n > 1 else ' is'} in no layer now. Ctrl+Z brings it back."
            )
        return True

    def move_current(self, step: int) -> bool:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return False
        item = self.list.item(row)
        s = self.session
        ref = s.refs.get(LAYER, item.data(ID_ROLE))
        return s.execute(MoveLayer(s.service, ref, to, item.text()))

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        old, new = item.data(SAVED_ROLE), " ".join(item.text().split())
        if new == old:
            return
        if not new:  # an emptied name is put back; Del removes a layer
            self._loading = True
            item.setText(old)
            self._loading = False
            return
        s = self.session
        ref = s.refs.get(LAYER, item.data(ID_ROLE))
        s.execute(RenameLayer(s.service, ref, old, new))
