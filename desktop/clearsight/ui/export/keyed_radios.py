"""Radio buttons that each stand for a key: the export's format, what to do with secrets."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QWidget


class KeyedRadios(QButtonGroup):
    """A button group whose checked button's key is the choice (``fallback`` when none is)."""

    def __init__(self, parent: QWidget, fallback: str) -> None:
        super().__init__(parent)
        self._keys: list[str] = []
        self._fallback = fallback

    def add(self, key: str, label: str, checked: bool) -> QRadioButton:
        radio = QRadioButton(label)
        radio.setChecked(checked)
        self.addButton(radio, len(self._keys))  # its id is its key's index
        self._keys.append(key)
        return radio

    def key(self) -> str:
        n = self.checkedId()
        return self._keys[n] if n >= 0 else self._fallback

    def set_key(self, key: str) -> None:
        if key in self._keys:
            self.button(self._keys.index(key)).setChecked(True)
