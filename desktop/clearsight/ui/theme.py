"""Light, dark and high-contrast themes, applied as one application palette on Fusion.

Every widget and drawing takes its colours from the palette, so a theme switch is a new
palette: Qt repaints everything. "system" follows the desktop's colour scheme (Qt 6.5+
``QStyleHints.colorScheme``) and switches along with it; an unknown scheme is light.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from clearsight import preferences as prefs
from clearsight.ui import style
from clearsight.ui.editing.prefs import UserPrefs

SYSTEM, LIGHT, DARK, CONTRAST = "system", "light", "dark", "contrast"
THEMES = (
    (SYSTEM, "Follow the &system"),
    (LIGHT, "&Light"),
    (DARK, "&Dark"),
    (CONTRAST, "&High contrast"),
)
_APPLIED = "clearsight_theme"  # application property: the theme in use ("light", ...)
_CHOSEN = "clearsight_theme_choice"  # and what the user chose ("system", ...)
_FOLLOWING = "clearsight_theme_follows"  # the system's colour scheme is being followed

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# (window, window text, base, alternate base, button, highlight, highlighted text, link,
#  quiet text, disabled text)
_COLOURS = {
    LIGHT: (
        "#f7f7f5",
        "#161616",
        "#ffffff",
        "#eef2f3",
        "#e9e9e7",
        style.ACCENT,
        "#ffffff",
        "#1d6b78",
        "#4a4a4a",
        "#8a8a8a",
    ),
    DARK: (
        "#1f2023",
        "#ececec",
        "#141517",
        "#24272b",
        "#2e3035",
        "#4fb3c2",
        "#0b0b0b",
        "#83d3df",
        "#b9b9b9",
        "#7c7f84",
    ),
    # White on black with yellow selection, as Windows' "High Contrast Black"; the quiet text
    # stays near white, since the point of the theme is that everything reads.
    CONTRAST: (
        "#000000",
        "#ffffff",
        "#000000",
        "#141414",
        "#000000",
        "#ffff00",
        "#000000",
        "#00ffff",
        "#e6e6e6",
        "#a8a8a8",
    ),
}


class ContrastStyle(QProxyStyle):
    """Fusion with the frames of fields and lists drawn in the text colour.

    Fusion draws them a shade darker than the window, which on black is black. (A style
    sheet would do it too, but an application style sheet cuts every widget off from the
    fonts of its parents, and the pages' large type with it.)
    """

    FRAMES = (QStyle.PrimitiveElement.PE_FrameLineEdit, QStyle.PrimitiveElement.PE_Frame)

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(  # noqa: N802 (Qt's name)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self.FRAMES:
            painter.save()
            painter.setPen(option.palette.color(Role.WindowText))  # type: ignore[attr-defined]
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))  # type: ignore[attr-defined]
            painter.restore()


def palette_for(theme: str) -> QPalette:
    """The palette of ``theme`` (light, dark or contrast)."""
    (window, text, base, alternate, button, highlight, on_highlight, link, quiet, disabled) = (
        QColor(c) for c in _COLOURS[theme]
    )
    # The two-colour constructor derives the bevel shades (light, mid, dark, shadow) that
    # Fusion draws frames with.
    palette = QPalette(button, window)
    for role, colour in (
        (Role.Window, window),
        (Role.WindowText, text),
        (Role.Base, base),
        (Role.AlternateBase, alternate),
        (Role.Text, text),
        (Role.Button, button),
        (Role.ButtonText, text),
        (Role.BrightText, QColor("#ffffff") if theme != LIGHT else QColor("#000000")),
        (Role.Highlight, highlight),
        (Role.HighlightedText, on_highlight),
        (Role.Link, link),
        (Role.LinkVisited, link),
        (Role.ToolTipBase, base),
        (Role.ToolTipText, text),
        (Role.PlaceholderText, quiet),
        (Role.Accent, highlight),
    ):
        palette.setColor(role, colour)
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, disabled)
    if theme == CONTRAST:
        # Frames and separators drawn in Fusion's mid tones vanish on black: make them white.
        for role in (Role.Light, Role.Midlight, Role.Mid, Role.Dark, Role.Shadow):
            palette.setColor(role, QColor("#ffffff"))
    return palette


def system_theme(app: QApplication) -> str:
    scheme = app.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def resolve(choice: str, app: QApplication) -> str:
    return system_theme(app) if choice not in (LIGHT, DARK, CONTRAST) else choice


def apply_theme(app: QApplication, choice: str) -> str:
    """Use the theme ``choice`` (one of THEMES) from now on; returns the theme applied."""
    if choice not in dict(THEMES):
        choice = SYSTEM
    theme = resolve(choice, app)
    # One look on every platform: native styles ignore parts of a custom palette.
    contrast = isinstance(app.style(), ContrastStyle)
    if theme == CONTRAST and not contrast:
        app.setStyle(ContrastStyle())
    elif theme != CONTRAST and (contrast or app.style().name().lower() != "fusion"):
        app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
    # Fusion draws the frames of text fields a shade darker than the window: nothing on black.
    app.setProperty(_APPLIED, theme)
    app.setProperty(_CHOSEN, choice)
    return theme


def current_theme(app: QApplication) -> str:
    """The theme in use, "light" until one is applied."""
    value = app.property(_APPLIED)
    return str(value) if value in (LIGHT, DARK, CONTRAST) else LIGHT


def current_choice(app: QApplication) -> str:
    value = app.property(_CHOSEN)
    return str(value) if value in dict(THEMES) else SYSTEM


def saved_choice(settings: QSettings) -> str:
    value = UserPrefs(settings).get(prefs.THEME)
    return value if value in dict(THEMES) else SYSTEM


def choose(app: QApplication, settings: QSettings, choice: str) -> str:
    """The user chose a theme in View > Theme: apply it and remember it."""
    UserPrefs(settings).set(prefs.THEME, choice)
    return apply_theme(app, choice)


def start_theme(app: QApplication, settings: QSettings) -> str:
    """At start-up: the remembered theme, and when it is "system", follow the desktop."""
    if app.property(_FOLLOWING) is not True:  # create_application may run more than once
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
        app.setProperty(_FOLLOWING, True)
    return apply_theme(app, saved_choice(settings))


def _follow_system(app: QApplication) -> None:
    if current_choice(app) == SYSTEM:
        apply_theme(app, SYSTEM)


def warning_color(palette: QPalette) -> QColor:
    """Amber for a time box running out, readable on the palette's window colour."""
    dark_back = palette.color(Role.Window).lightnessF() < 0.5
    return QColor("#ffb74d" if dark_back else "#945400")


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightnessF() < 0.5
