"""The export dialog's list of the secrets found in the review, and the choice of what to do
with them. Each is shown by field, kind and a little masked context, never the secret."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.record.redact import Secret
from clearsight.ui import style
from clearsight.ui.export.keyed_radios import KeyedRadios
from clearsight.ui.export.names import field_label

CHOICES = (  # what to do with the secrets found
    ("export", "Redact them in this &export only (the review keeps them)"),
    ("review", "Redact them in the &review itself (Ctrl+Z in the review undoes it)"),
    ("as_is", "Export them &as they are"),
)
COL_FIELD, COL_KIND, COL_CONTEXT = range(3)


class SecretsSection(QWidget):
    def __init__(self, final: bool) -> None:
        """``final``: the review is signed off, so it cannot be redacted in place."""
        super().__init__()
        self.title = style.section_title("")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setAccessibleName("Secrets found")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels(["Field", "Kind", "Context (the secret is never shown)"])
        header = self.table.header()
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.choices = KeyedRadios(self, "export")
        self.choice_title = QLabel("What to do with them:")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        for widget in (self.title, self.hint):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        choice_box = QVBoxLayout()
        choice_box.addWidget(self.choice_title)
        for n, (key, label) in enumerate(CHOICES):
            choice_box.addWidget(self.choices.add(key, label, n == 0))
        layout.addLayout(choice_box)
        review_choice = self.choices.button(1)
        if final:
            review_choice.setEnabled(False)
            review_choice.setText(f"{review_choice.text()}: not while signed off")
        # Shown only when there is something to choose about.
        self._listed: list[QWidget] = [self.table, self.choice_title, *self.choices.buttons()]

    @property
    def choice(self) -> str:
        return self.choices.key()

    def set_choice(self, key: str) -> None:
        self.choices.set_key(key)

    def looking(self) -> None:
        self.title.setText("Looking for secrets\u2026")

    def show_secrets(self, secrets: list[Secret]) -> None:
        self.table.clear()
        for secret in secrets:
            row = QTreeWidgetItem([field_label(secret.field), secret.kind, secret.context])
            row.setToolTip(COL_FIELD, secret.field)
            row.setToolTip(COL_CONTEXT, secret.context)
            self.table.addTopLevelItem(row)
        n = len(secrets)
        if n:
            self.title.setText(f"{n} secret{'s' if n != 1 else ''} found in the review")
            self.hint.setText(
                "Records travel far: a key or a token in one can be used by anyone who reads "
                "it. Each is replaced by \u201c[redacted <kind>]\u201d unless you choose "
                "otherwise."
            )
        else:
            self.title.setText("No secrets found")
            self.hint.setText("No keys, tokens or passwords were found in the review's text.")
        for widget in self._listed:
            widget.setVisible(bool(n))

    def rows(self) -> list[list[str]]:
        items = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [[item.text(c) for c in range(3)] for item in items]
