"""Sizes and colours, readable on a projector; everything else comes from the palette.

Nothing here names a colour but ``ACCENT``, the problem red and the language flags' two; the
themes' colours are in clearsight.ui.theme. ``contrast`` is how both are held to WCAG's 4.5:1
for text (tests/gui/test_accessibility.py).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

# A calm teal for bars and rings, and for large text on any theme's window (3:1 or more, as
# WCAG asks of large text); a shade darker than it was, so that it reads at 4.5:1 as small
# text on white.
ACCENT = "#277885"
# Language flags: blame in red, caution and vagueness in amber. The fills are translucent so
# they tint a light or a dark base alike; the lines are dark and saturated enough to survive
# a washed-out projector. Blame also gets a wavy line and caution a dashed one, so the two
# differ for a reader who cannot tell red from amber.
BLAME_LINE = "#c8001e"
BLAME_FILL = (235, 20, 45, 96)
CAUTION_LINE = "#b25e00"
CAUTION_FILL = (255, 160, 0, 110)

# Problems (an open hole, a mark out of order, a refused owner): one red, lighter on dark
# themes so it still reads there.
PROBLEM = "#b3261e"
PROBLEM_ON_DARK = "#ff8a80"

BASE_POINT_SIZE = 11  # menus, lists, dialogs
PAGE_POINT_SIZE = 12  # what the room reads on an agenda page
TITLE_POINT_SIZE = 20
SECTION_POINT_SIZE = 14
MARGIN = 24
SPACING = 12


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linear channels,
    each c/12.92 when c <= 0.04045, else ((c + 0.055)/1.055)^2.4 (c in 0..1, sRGB)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter: 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill`` (a mark's colour)."""
    white, black = QColor("#ffffff"), QColor("#000000")
    return white if contrast(white, fill) >= contrast(black, fill) else black


def at_least(widget: QWidget, points: float) -> None:
    """Raise the widget's font (and so its children's) to ``points`` if it is smaller."""
    font = widget.font()
    if font.pointSizeF() < points:
        font.setPointSizeF(points)
        widget.setFont(font)


def _label(text: str, points: float, bold: bool) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def page_title(text: str) -> QLabel:
    label = _label(text, TITLE_POINT_SIZE, True)
    label.setAccessibleName(text)
    return label


def section_title(text: str) -> QLabel:
    return _label(text, SECTION_POINT_SIZE, True)


def quiet_color(palette: QPalette) -> QColor:
    """Text a step quieter than the normal one, still readable from the back of a room."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mix = 0.3
    return QColor.fromRgbF(
        text.redF() * (1 - mix) + back.redF() * mix,
        text.greenF() * (1 - mix) + back.greenF() * mix,
        text.blueF() * (1 - mix) + back.blueF() * mix,
    )


def hint(text: str) -> QLabel:
    """A line of guidance under a title, in the quieter text colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    # A role rather than a colour, so the label follows a theme switch (clearsight.ui.theme
    # sets the role to the quiet colour of each theme).
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def problem_color(palette: QPalette | None = None) -> QColor:
    """The problem red for ``palette`` (the application's when None)."""
    from PySide6.QtWidgets import QApplication

    pal = palette if palette is not None else QApplication.palette()
    dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor(PROBLEM_ON_DARK if dark else PROBLEM)


def show_message(label: QLabel, text: str, problem: bool = False) -> None:
    """Show ``text`` in a dialog's message line: plain, or bold in the problem red."""
    label.setText(text)
    if problem:
        label.setStyleSheet(f"color: {problem_color(label.palette()).name()}; font-weight: bold;")
    else:
        label.setStyleSheet("")
    label.show()
