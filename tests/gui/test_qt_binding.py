"""The Qt binding itself: PySide6 6.12.0 lost a reference to None on every void call, and
Python aborted after some thousands of them. pyproject.toml excludes it; this keeps it out."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setVisible(False)
    assert before - sys.getrefcount(None) < 100
