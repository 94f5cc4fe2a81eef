"""Two people typed over the same words of one field: both texts side by side, and the
person at this keyboard chooses which one the review keeps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from clearsight.ui.editing.fields import TextField


class ConflictDialog(QDialog):
    def __init__(self, field: TextField, writer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        what = field.label.removeprefix("Edit ")
        self.setWindowTitle(f"Which {what} to keep?")
        note = QLabel(
            f"{writer} changed the same words of the {what} while you were typing. Both "
            "texts are below; you can copy from either before you choose. Keeping yours "
            "saves it over theirs (Ctrl+Z brings theirs back)."
        )
        note.setWordWrap(True)
        self.mine = self._text(field.text(), "Your text")
        self.theirs = self._text(field.conflict or "", f"{writer}'s text")
        grid = QGridLayout(self)
        grid.addWidget(note, 0, 0, 1, 2)
        grid.addWidget(QLabel("Yours"), 1, 0)
        grid.addWidget(QLabel(f"{writer}'s"), 1, 1)
        grid.addWidget(self.mine, 2, 0)
        grid.addWidget(self.theirs, 2, 1)
        buttons = QDialogButtonBox()
        keep_mine = buttons.addButton("Keep &mine", QDialogButtonBox.ButtonRole.AcceptRole)
        keep_theirs = buttons.addButton("Keep &theirs", QDialogButtonBox.ButtonRole.RejectRole)
        keep_mine.clicked.connect(lambda: self.choose("mine"))
        keep_theirs.clicked.connect(lambda: self.choose("theirs"))
        grid.addWidget(buttons, 3, 0, 1, 2)
        keep_mine.setDefault(True)
        self.resize(760, 360)

    @staticmethod
    def _text(text: str, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setReadOnly(True)
        box.setAccessibleName(name)
        box.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        return box

    def choose(self, keep: str) -> None:
        self.field.settle(keep)
        self.done(QDialog.DialogCode.Accepted if keep == "mine" else QDialog.DialogCode.Rejected)


def ask_which_to_keep(parent: QWidget, field: TextField) -> ConflictDialog | None:
    """Another person's edit overlaps the typing in ``field``: ask which text stays. The
    dialog does not block the meeting; the message above the page asks again."""
    if field.conflict is None:
        return None
    dialog = ConflictDialog(field, field.session.last_writer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
