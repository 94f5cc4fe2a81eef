"""Impact figures: a small table of label/value rows, added, edited and removed in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.data import FigureData
from clearsight.ui import style
from clearsight.ui.editing.commands import AddFigure, DeleteFigure, SetFigure
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.pages.base import EditorDelegate, tab_order, tab_stop_when_filled

COL_LABEL, COL_VALUE = 0, 1
ID_ROLE = Qt.ItemDataRole.UserRole


class FiguresEditor(QWidget):
    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self._figures: dict[int, FigureData] = {}  # by current id
        self._loading = False
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName("Impact figures")
        self.table.setHorizontalHeaderLabels(["Figure", "Value"])
        self.table.horizontalHeader().setSectionResizeMode(
            COL_LABEL, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(
            COL_VALUE, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        # Rows grow to fit wrapped values once the columns know their width.
        self.table.horizontalHeader().sectionResized.connect(self._fit_rows)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegate(EditorDelegate(session, self.table))
        self.table.itemChanged.connect(self._item_changed)
        remove = QAction("Remove figure", self.table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.table.addAction(remove)
        tab_stop_when_filled(self.table)

        self.new_label = QLineEdit()
        self.new_label.setPlaceholderText("Figure, e.g. Peak error rate")
        self.new_label.setAccessibleName("New figure")
        self.new_value = QLineEdit()
        self.new_value.setPlaceholderText("Value, e.g. 38 %")
        self.new_value.setAccessibleName("New figure's value")
        self.add_button = QPushButton("Add")
        for line in (self.new_label, self.new_value):
            session.route_undo_keys(line)
            line.returnPressed.connect(self.add_from_entry)
        self.add_button.clicked.connect(self.add_from_entry)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)

        entry = QHBoxLayout()
        entry.addWidget(self.new_label, 3)
        entry.addWidget(self.new_value, 2)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        tools = QHBoxLayout()
        tools.addWidget(style.hint("Double-click to edit; Del removes a figure."), 1)
        tools.addWidget(self.remove_button)
        layout.addLayout(tools)
        tab_order(self, *self.tab_stops())

    def tab_stops(self) -> list[QWidget]:
        """The entry line first (where a figure is typed), then the table of figures."""
        return [self.new_label, self.new_value, self.add_button, self.table, self.remove_button]

    def load(self, figures: list[FigureData]) -> None:
        self._loading = True
        try:
            self._figures = {f.id: f for f in figures}
            self.table.setRowCount(len(figures))
            for row, figure in enumerate(figures):
                for col, text in ((COL_LABEL, figure.label), (COL_VALUE, figure.value)):
                    item = QTableWidgetItem(text)
                    item.setData(ID_ROLE, figure.id)
                    self.table.setItem(row, col, item)
            self.table.resizeRowsToContents()
        finally:
            self._loading = False

    def _fit_rows(self, section: int, *_: object) -> None:
        if section == COL_VALUE:  # the stretching column is sized last
            self.table.resizeRowsToContents()

    def add(self, label: str, value: str) -> bool:
        if not label.strip():
            self.new_label.setFocus()
            return False
        command = AddFigure(
            self.session.service, self.session.refs, self.session.review_id, label, value
        )
        return self.session.execute(command, on_success=self._clear_entry)

    def add_from_entry(self) -> bool:
        return self.add(self.new_label.text(), self.new_value.text())

    def remove_selected(self) -> bool:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            return False
        ref = self.session.refs.get("figure", self.table.item(rows[0], COL_LABEL).data(ID_ROLE))
        svc, rid = self.session.service, self.session.review_id
        return self.session.execute(DeleteFigure(svc, self.session.refs, rid, ref))

    def _clear_entry(self) -> None:
        self.new_label.clear()
        self.new_value.clear()
        self.new_label.setFocus()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        figure = self._figures.get(item.data(ID_ROLE))
        if figure is None:
            return
        row = item.row()
        new = (self.table.item(row, COL_LABEL).text(), self.table.item(row, COL_VALUE).text())
        old = (figure.label, figure.value)
        if new == old:
            return
        ref = self.session.refs.get("figure", figure.id)
        if self.session.execute(SetFigure(self.session.service, ref, old, new)):
            self._figures[figure.id] = FigureData(figure.id, *new, figure.position)
