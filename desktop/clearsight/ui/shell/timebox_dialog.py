"""Time boxes…: minutes per agenda phase, saved as the team's default for every meeting."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clearsight.review import rules
from clearsight.review.meeting import DEFAULT_TIMEBOXES
from clearsight.ui import style

MAX_MINUTES = 240  # as clearsight.review.meeting.timeboxes accepts


class TimeboxDialog(QDialog):
    def __init__(self, boxes: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Time boxes")
        style.at_least(self, style.BASE_POINT_SIZE)
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key, label in rules.PHASES:
            spin = QSpinBox()
            spin.setRange(1, MAX_MINUTES)
            spin.setSuffix(" min")
            spin.setValue(boxes.get(key, DEFAULT_TIMEBOXES[key]))
            spin.setAccessibleName(f"{label}: minutes")
            spin.valueChanged.connect(self._show_total)
            self.spins[key] = spin
            form.addRow(f"{label.replace('&', '&&')}:", spin)  # "&" is not a mnemonic here
        self.total = QLabel()
        self.total.setAccessibleName("Total meeting time")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(
            style.hint(
                "Minutes for each phase of the meeting. They are saved for the whole team "
                "and used by every review from now on."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        self._show_total()

    def boxes(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.spins.items()}

    def restore_defaults(self) -> None:
        for key, spin in self.spins.items():
            spin.setValue(DEFAULT_TIMEBOXES[key])

    def _show_total(self, *_: object) -> None:
        total = sum(self.boxes().values())
        hours, minutes = divmod(total, 60)
        length = f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
        self.total.setText(f"Total: <b>{length}</b>")
