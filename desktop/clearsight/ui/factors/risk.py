"""Asks why a factor is accepted as a risk: no reason, no acceptance."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.data import FactorData
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.factors.model import RISK_REASON_NEEDED
from clearsight.ui.flags.review_flags import ReviewFlags


class AcceptRiskDialog(QDialog):
    def __init__(
        self,
        session: ReviewSession,
        flags: ReviewFlags,
        factor: FactorData,
        number: int,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.factor_id = factor.id
        self.setWindowTitle(f"Accept F{number} as a risk")
        style.at_least(self, style.PAGE_POINT_SIZE)
        quoted = QLabel(f"F{number}: {factor.text}")
        quoted.setWordWrap(True)
        self.reason = QPlainTextEdit(factor.accepted_reason)
        self.reason.setAccessibleName("Why this risk is accepted")
        self.reason.setPlaceholderText(
            "e.g. Staging at production scale would cost more than the risk; the pool alert "
            "(A2) covers this class of change instead."
        )
        self.reason.setTabChangesFocus(True)
        session.route_undo_keys(self.reason)
        # None: the reason is no field of the detector's own (see review.flags.text_places).
        flags.attach(self.reason, f"risk:{factor.id}", None)  # type: ignore[arg-type]
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Accept the risk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(quoted)
        layout.addWidget(style.hint(RISK_REASON_NEEDED))
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 320)
        self._check()

    def text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.text()))
