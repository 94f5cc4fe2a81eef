"""The projector's colours: the highest contrast the current theme allows."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def projector_palette(theme: QPalette) -> QPalette:
    """The theme's page background, its darkest (or lightest) text, and a quiet colour still
    strong enough for the back of the room. Only these roles are set: the rest follows the
    theme."""
    palette = QPalette()
    back = theme.color(QPalette.ColorRole.Base)
    dark = back.lightnessF() < 0.5
    text = QColor("#ffffff" if dark else "#000000")
    quiet = QColor("#d0d0d0" if dark else "#3a3a3a")
    for role, colour in (
        (QPalette.ColorRole.Window, back),
        (QPalette.ColorRole.Base, back),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.PlaceholderText, quiet),
    ):
        palette.setColor(role, colour)
    return palette
