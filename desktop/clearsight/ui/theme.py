"""Light, dark and high-contrast themes: one ``Scheme`` of colours each, applied as one
application palette on Fusion.

Every widget and drawing takes its colours from the palette, so a theme switch is a new
palette: Qt repaints everything. What a widget took from the old theme and keeps for itself
(a palette role set on it, a colour in its style sheet, an item's brush) is translated to the
new theme by ``clearsight.ui.retint``, so switching there and back leaves no trace. "system"
follows the desktop's colour scheme (Qt 6.5+ ``QStyleHints.colorScheme``) and switches along
with it; an unknown scheme is light.

Each scheme keeps text at 4.5:1 or more against the backgrounds it is drawn on (WCAG AA,
``style.contrast``), selected text on the selection and disabled text included:
tests/gui/test_accessibility.py holds them to it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from clearsight import preferences as prefs
from clearsight.ui import retint, style
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


@dataclass(frozen=True)
class Scheme:
    """A theme's colours; each names what it is for, the palette roles follow from them."""

    window: str  # pages, the sidebar's frame, dialogs
    text: str  # text on window, base and button
    base: str  # fields and lists (the agenda too)
    alternate: str  # every other row; the banner and the prompts
    button: str
    highlight: str  # the selection, focus rings and the accent
    on_highlight: str  # selected text
    link: str
    quiet: str  # hints and placeholders: a step quieter than the text, still 4.5:1
    disabled: str  # disabled text: it still says what is there, so 4.5:1 too
    problem: str  # a refused value, an open hole
    warning: str  # a time box running out
    # The frames of fields, lists, buttons and check boxes, where Fusion's (a shade darker
    # than the window) would vanish on a projector: None keeps Fusion's.
    frame: str | None = None
    lines: str | None = None  # Fusion's bevel shades too (separators, tab bars)


SCHEMES = {
    LIGHT: Scheme(
        window="#f7f7f5",
        text="#161616",
        base="#ffffff",
        alternate="#eef2f3",
        button="#e9e9e7",
        # Darker than the accent: white text on it reads at 6:1.
        highlight="#1d6b78",
        on_highlight="#ffffff",
        link="#1d6b78",
        quiet="#4a4a4a",
        disabled="#636363",
        problem=style.PROBLEM,
        warning="#945400",
    ),
    DARK: Scheme(
        window="#1f2023",
        text="#ececec",
        base="#141517",
        alternate="#24272b",
        button="#2e3035",
        highlight="#4fb3c2",
        on_highlight="#0b0b0b",
        link="#83d3df",
        quiet="#b9b9b9",
        disabled="#a0a0a0",
        problem=style.PROBLEM_ON_DARK,
        warning="#ffb74d",
        frame="#7a7e85",  # 4:1 on the window: a field's edge shows in a bright room
    ),
    # White on black with yellow selection, as Windows' "High Contrast Black"; the quiet text
    # stays near white, since the point of the theme is that everything reads.
    CONTRAST: Scheme(
        window="#000000",
        text="#ffffff",
        base="#000000",
        alternate="#141414",
        button="#000000",
        highlight="#ffff00",
        on_highlight="#000000",
        link="#00ffff",
        quiet="#e6e6e6",
        disabled="#b0b0b0",
        problem=style.PROBLEM_ON_DARK,
        warning="#ffb74d",
        frame="#ffffff",
        lines="#ffffff",
    ),
}


class FramedStyle(QProxyStyle):
    """Fusion with the frames of fields, lists, buttons and check boxes drawn in ``frame``.

    Fusion draws them a shade darker than the window, which on black is black, and on dark
    grey all but gone from the back of a room. (A style sheet would do it too, but an
    application style sheet cuts every widget off from the fonts of its parents, and the
    pages' large type with it.)
    """

    FRAMES = (
        QStyle.PrimitiveElement.PE_FrameLineEdit,
        QStyle.PrimitiveElement.PE_Frame,
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
        QStyle.PrimitiveElement.PE_FrameButtonBevel,
    )

    def __init__(self, frame: QColor) -> None:
        super().__init__("Fusion")
        self.frame = QColor(frame)

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
            painter.setPen(self.frame)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = option.rect.adjusted(0, 0, -1, -1)  # type: ignore[attr-defined]
            if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.drawEllipse(rect)
            else:
                painter.drawRect(rect)
            painter.restore()


def scheme(theme: str) -> Scheme:
    return SCHEMES[theme if theme in SCHEMES else LIGHT]


def palette_for(theme: str) -> QPalette:
    """The palette of ``theme`` (light, dark or contrast), the same in every colour group but
    for disabled text: a window in the background keeps its selection as readable."""
    s = scheme(theme)
    colour = {f.name: QColor(getattr(s, f.name)) for f in fields(s) if getattr(s, f.name)}
    # The two-colour constructor derives the bevel shades (light, mid, dark, shadow) that
    # Fusion draws frames with.
    palette = QPalette(colour["button"], colour["window"])
    for role, name in (
        (Role.Window, "window"),
        (Role.WindowText, "text"),
        (Role.Base, "base"),
        (Role.AlternateBase, "alternate"),
        (Role.Text, "text"),
        (Role.Button, "button"),
        (Role.ButtonText, "text"),
        (Role.BrightText, "text"),
        (Role.Highlight, "highlight"),
        (Role.HighlightedText, "on_highlight"),
        (Role.Link, "link"),
        (Role.LinkVisited, "link"),
        (Role.ToolTipBase, "base"),
        (Role.ToolTipText, "text"),
        (Role.PlaceholderText, "quiet"),
        (Role.Accent, "highlight"),
    ):
        palette.setColor(role, colour[name])
    # A disabled selection keeps its colours (setColor set them in every group): the row is
    # still the one chosen.
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, colour["disabled"])
    if "lines" in colour:
        # Frames and separators drawn in Fusion's mid tones vanish on black: make them white.
        for role in (Role.Light, Role.Midlight, Role.Mid, Role.Dark, Role.Shadow):
            palette.setColor(role, colour["lines"])
    return palette


def system_theme(app: QApplication) -> str:
    desktop = app.styleHints().colorScheme()
    return DARK if desktop == Qt.ColorScheme.Dark else LIGHT


def resolve(choice: str, app: QApplication) -> str:
    return system_theme(app) if choice not in (LIGHT, DARK, CONTRAST) else choice


def apply_theme(app: QApplication, choice: str) -> str:
    """Use the theme ``choice`` (one of THEMES) from now on; returns the theme applied."""
    if choice not in dict(THEMES):
        choice = SYSTEM
    theme = resolve(choice, app)
    before = app.property(_APPLIED)
    old = palette_for(before) if before in SCHEMES else QApplication.palette()
    new = palette_for(theme)
    # First what widgets keep of the old theme, while it is still the application's: a
    # widget that follows the palette by itself then sets its own colours from the new one.
    retint.translate(app, retint.colour_map(old, new, extras(old), extras(new)))
    # One look on every platform: native styles ignore parts of a custom palette.
    frame, current = scheme(theme).frame, app.style()
    framed = isinstance(current, FramedStyle)
    if frame is not None and not (framed and current.frame == QColor(frame)):
        app.setStyle(FramedStyle(QColor(frame)))
    elif frame is None and (framed or current.name().lower() != "fusion"):
        app.setStyle("Fusion")
    app.setPalette(new)
    retint.repolish(app)
    app.setProperty(_APPLIED, theme)
    app.setProperty(_CHOSEN, choice)
    return theme


def extras(palette: QPalette) -> list[QColor]:
    """The colours widgets derive from ``palette`` beyond its roles, in a fixed order, so the
    same place in two themes' lists is the same colour's two versions."""
    return [style.quiet_color(palette), style.problem_color(palette), warning_color(palette)]


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
    return QColor("#ffb74d" if is_dark(palette) else "#945400")


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightnessF() < 0.5
