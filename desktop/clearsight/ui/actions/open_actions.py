"""The "Open actions" dialog: every review's open items, overdue first, grouped by owner.

Opened from the review list, where no review (and so no review's undo) is open: the dialog
keeps an undo stack of its own for what is marked done, re-dated or dropped in it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from clearsight.errors import UserError
from clearsight.ui import style
from clearsight.ui.actions.prior_list import PriorList
from clearsight.ui.actions.prompt import error_label
from clearsight.ui.editing.commands import RefTable, ServiceCommand, undo_step

if TYPE_CHECKING:
    from clearsight.services.root import Services


class OpenActionsDialog(QDialog):
    def __init__(
        self,
        service: Services,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open action items")
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.service, self.today = service, today
        self.stack = QUndoStack(self)
        self.refs = RefTable()
        self.list = PriorList(service, self.refs, self.execute, empty_text="No open items.")
        self.error = error_label()
        self.error.hide()
        self.undo_button = QPushButton("&Undo")
        self.undo_button.clicked.connect(self.undo)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        for keys, slot in (("Ctrl+Z", self.undo), ("Ctrl+Shift+Z", self.redo)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.stack.indexChanged.connect(self._update_undo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.addWidget(style.page_title("Open action items"))
        layout.addWidget(style.hint("Every review's open items, overdue first, grouped by owner."))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(1200, 720)
        self._update_undo()
        self.refresh()

    def refresh(self) -> bool:
        today = self.today()
        try:
            items = [x for x in self.service.actions.all_actions() if x.action.is_open]
        except UserError as err:
            self._show_error(err)
            return False
        self.list.set_items(items, today)
        return True

    def execute(self, command: ServiceCommand) -> bool:
        """Run ``command``; on the stack only if it worked (as ReviewSession.execute)."""
        try:
            command.apply()
        except UserError as err:
            self._show_error(err)
            return False
        self.error.hide()
        command.skip_next = True
        self.stack.push(command)
        self.refresh()
        return True

    def undo(self) -> bool:
        return self._step(undo=True)

    def redo(self) -> bool:
        return self._step(undo=False)

    def _step(self, undo: bool) -> bool:
        if not (self.stack.canUndo() if undo else self.stack.canRedo()):
            return False
        error = undo_step(self.stack, undo)
        if error is not None:
            self._show_error(error)
            return False
        self.error.hide()
        self.refresh()
        return True

    def _show_error(self, err: UserError) -> None:
        self.error.setText(str(err))
        self.error.show()

    def _update_undo(self, *_: object) -> None:
        text = self.stack.undoText()
        self.undo_button.setEnabled(self.stack.canUndo())
        self.undo_button.setText(f"&Undo {text[:1].lower()}{text[1:]}" if text else "&Undo")
