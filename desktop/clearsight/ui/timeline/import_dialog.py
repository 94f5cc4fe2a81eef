"""Import from the incident channel: pick a file, tick the messages that are events, import.

Chat messages start unticked (most of a channel is talk, not events); CSV rows start ticked.
Messages already on the timeline are shown but cannot be ticked, so a re-import adds nothing
twice. Each text can be edited before import, and carries its blame flags already.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.review.data import ReviewDetail
from clearsight.review.flags import review_names
from clearsight.timeline.chat_import import Message, Messages, read_messages
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.timeline.commands import ImportEvents

COL_TICK, COL_TIME, COL_AUTHOR, COL_TEXT, COL_FLAG = range(5)


class ImportDialog(QDialog):
    def __init__(
        self, session: ReviewSession, detail: ReviewDetail, where: tzinfo, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from the incident channel")
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.session, self.detail, self.where = session, detail, where
        self.known = {e.source_key for e in detail.events if e.source_key}
        self.found: Messages | None = None
        self.source = ""
        self.detector = Detector.default()
        self.names = review_names(detail)

        self.file_label = QLabel(
            "A Slack export (a channel's folder or one day's JSON file), a chat log, or CSV."
        )
        self.file_label.setWordWrap(True)
        choose_file = QPushButton("Choose a &file\u2026")
        choose_file.clicked.connect(self._choose_file)
        choose_folder = QPushButton("Choose a Slack &folder\u2026")
        choose_folder.clicked.connect(self._choose_folder)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Import", "Time", "Who", "Text", "Flags"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in (COL_TICK, COL_TIME, COL_AUTHOR, COL_FLAG):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._changed)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Lines that could not be read")
        self.problems.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.problems.hide()
        tick_all = QPushButton("Tick &all")
        tick_all.clicked.connect(lambda: self.set_all(True))
        untick_all = QPushButton("&Untick all")
        untick_all.clicked.connect(lambda: self.set_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.import_ticked)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)

        pick = QHBoxLayout()
        pick.addWidget(choose_file)
        pick.addWidget(choose_folder)
        pick.addStretch(1)
        pick.addWidget(tick_all)
        pick.addWidget(untick_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(pick)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1100, 700)
        self._update_count()

    # ---- reading --------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import from a file", "", "Chat exports (*.json *.log *.txt *.csv);;All (*)"
        )
        if path:
            self.load_path(Path(path))

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "A Slack export channel folder")
        if path:
            self.load_path(Path(path))

    def load_path(self, path: Path) -> bool:
        day = (
            self.detail.incident_start.astimezone(self.where).date()
            if self.detail.incident_start
            else None
        )
        try:
            found = read_messages(path, self.where, day)
        except UserError as err:
            self._say(str(err), error=True)
            return False
        self.found, self.source = found, path.name
        self.file_label.setText(f"{path}  ({found.kind}, {len(found.messages)} messages)")
        self._fill(found)
        self.problems.setPlainText("\n".join(found.problems))
        self.problems.setVisible(bool(found.problems))
        if found.problems:
            self._say(
                f"{len(found.problems)} line(s) could not be read (listed above); "
                "the rest can be imported.",
                error=True,
            )
        else:
            self._say("")
        return True

    def _fill(self, found: Messages) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(found.messages))
        for row, m in enumerate(found.messages):
            self._fill_row(row, m, found.ticked_by_default)
        self.table.blockSignals(False)
        self._update_count()

    def _fill_row(self, row: int, m: Message, ticked: bool) -> None:
        tick = QTableWidgetItem()
        already = m.key in self.known
        flags = Qt.ItemFlag.ItemIsEnabled
        if not already:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        tick.setFlags(flags)
        tick.setCheckState(
            Qt.CheckState.Checked if ticked and not already else Qt.CheckState.Unchecked
        )
        tick.setToolTip("Already on the timeline" if already else "")
        at = QTableWidgetItem(m.at.astimezone(self.where).strftime("%Y-%m-%d %H:%M:%S"))
        at.setFlags(Qt.ItemFlag.ItemIsEnabled)
        who = QTableWidgetItem(m.author)
        text = QTableWidgetItem(f"{m.author}: {m.text}" if m.author else m.text)
        text.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable)
        for item in (tick, at, who, text):
            item.setData(Qt.ItemDataRole.UserRole, row)
        self.table.setItem(row, COL_TICK, tick)
        self.table.setItem(row, COL_TIME, at)
        self.table.setItem(row, COL_AUTHOR, who)
        self.table.setItem(row, COL_TEXT, text)
        self.table.setItem(row, COL_FLAG, QTableWidgetItem())
        self._flag(row)
        if already:
            for col in range(5):
                self.table.item(row, col).setForeground(QBrush(style.quiet_color(self.palette())))

    def _flag(self, row: int) -> None:
        text = self.table.item(row, COL_TEXT).text()
        found = [
            f
            for f in self.detector.analyse(text, self.names, "timeline", include_vague=False)
            if f.family == "blame"
        ]
        cell = self.table.item(row, COL_FLAG)
        cell.setText("\u26a0 blame" if found else "")
        cell.setForeground(QBrush(style.problem_color(self.palette())))
        cell.setToolTip("\n\n".join(f"{f.why}\n{f.question}" for f in found))

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COL_TEXT:
            self.table.blockSignals(True)
            self._flag(item.row())
            self.table.blockSignals(False)
        self._update_count()

    # ---- ticking and importing ------------------------------------------------------------
    def set_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_TICK)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(state)
        self.table.blockSignals(False)
        self._update_count()

    def ticked_items(self) -> list[tuple[str, datetime, str]]:
        if self.found is None:
            return []
        out = []
        for row, m in enumerate(self.found.messages):
            if self.table.item(row, COL_TICK).checkState() == Qt.CheckState.Checked:
                out.append((m.key, m.at, self.table.item(row, COL_TEXT).text()))
        return out

    def _update_count(self) -> None:
        n = len(self.ticked_items())
        self.import_button.setText(f"Import {n} event{'s' if n != 1 else ''}")
        self.import_button.setEnabled(n > 0)

    def import_ticked(self) -> bool:
        items = self.ticked_items()
        if not items:
            return False
        command = ImportEvents(
            self.session.service,
            self.session.refs,
            self.detail.id,
            items,
            self.source,  # type: ignore[arg-type]
        )
        if not self.session.execute(command):
            problems = self.session.problems()
            self._say(problems[-1].message if problems else "The import failed.", error=True)
            return False
        self.accept()
        return True

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(
            f"color: {style.problem_color(self.palette()).name()};" if error else ""
        )
