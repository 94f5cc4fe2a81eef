"""What the theme, accessibility and layout tests share: the demo review open in the window, a
theme applied for one test (the application's own put back after), and the colours text is
drawn in and on, read from the palette roles and style sheets the widgets use."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui import theme
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import AGENDA, ReviewView
from clearsight.ui.style import contrast

THEMES = (theme.LIGHT, theme.DARK, theme.CONTRAST)
PAGES = tuple(key for key, _label in AGENDA)
NORMAL, LARGE = 4.5, 3.0  # WCAG AA: text, and large text (18 pt, or 14 pt bold)
Role = QPalette.ColorRole
COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{6})")
BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{6}|palette\(([\w-]+)\))")
ROLE_NAMES = {"alternate-base": Role.AlternateBase, "base": Role.Base, "window": Role.Window}


def open_demo(window: MainWindow, service: Services) -> ReviewView:
    assert window.open_review(add_demo(service))
    assert window.review_view is not None
    return window.review_view


@contextmanager
def app_theme(qapp: QApplication) -> Iterator[None]:
    """Themes applied inside are undone after: the other tests run on the default palette."""
    palette, style_name = QApplication.palette(), qapp.style().name()
    try:
        yield
    finally:
        qapp.setPalette(palette)
        qapp.setStyle(style_name)
        qapp.setProperty("clearsight_theme", None)
        qapp.setProperty("clearsight_theme_choice", None)


def switch(window: MainWindow, qtbot: QtBot, name: str) -> None:
    """View > Theme > ``name``, and the events it posts handled."""
    window.extras.choose_theme(name)
    qtbot.wait(1)


@dataclass(frozen=True)
class Finding:
    ratio: float
    needed: float
    where: str

    @property
    def fails(self) -> bool:
        # Two decimals, as WCAG's own figures: 4.496 reads as 4.50.
        return round(self.ratio, 2) < self.needed


def is_large(font: QFont) -> bool:
    points = font.pointSizeF()
    return points >= 18 or (points >= 14 and font.bold())


def background(widget: QWidget) -> QColor:
    """The colour behind ``widget``: the first of it and its parents that paints one (a
    style sheet's background, a filled background, a list's viewport), else the window's."""
    w: QWidget | None = widget
    while w is not None:
        found = BACKGROUND.search(w.styleSheet())
        if found:
            role = ROLE_NAMES.get(found.group(2) or "")
            return w.palette().color(role) if role is not None else QColor(found.group(1))
        parent = w.parentWidget()
        viewport = isinstance(parent, QAbstractScrollArea) and parent.viewport() is w
        if (w.autoFillBackground() or viewport) and w.backgroundRole() != Role.NoRole:
            return w.palette().color(w.backgroundRole())
        w = parent
    return QApplication.palette().color(Role.Window)


def label_findings(label: QLabel, where: str) -> list[Finding]:
    """The label's text colour (its own, a style sheet's, each inline one) against what is
    behind it."""
    back = background(label)
    needed = LARGE if is_large(label.font()) else NORMAL
    text = label.palette().color(label.foregroundRole())
    sheet = COLOUR.search(label.styleSheet())
    if sheet:
        text = QColor(sheet.group(1))
    found = [Finding(contrast(text, back), needed, f"{where} {text.name()} on {back.name()}")]
    for inline in COLOUR.findall(label.text()):
        found.append(Finding(contrast(QColor(inline), back), needed, f"{where} inline {inline}"))
    return found


def view_findings(view: QAbstractItemView, where: str, most: int = 40) -> list[Finding]:
    """Each shown cell's text against its fill: a model's own colours (a mark, a heading) or
    the palette's text on base and on the alternate rows."""
    model = view.model()
    palette = view.palette()
    found: list[Finding] = []
    if model is None:
        return found

    def columns(parent: QModelIndex) -> int:
        try:
            return int(model.columnCount(parent))
        except TypeError:  # a list's model keeps its one column to itself
            return 1

    def cells(parent: QModelIndex, depth: int) -> Iterator[QModelIndex]:
        for row in range(min(model.rowCount(parent), most)):
            for col in range(columns(parent)):
                index = model.index(row, col, parent)
                yield index
                if col == 0 and depth < 3 and model.rowCount(index) > 0:
                    yield from cells(index, depth + 1)

    for index in cells(QModelIndex(), 0):
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text.strip():
            continue
        fore, fill = (
            index.data(Qt.ItemDataRole.ForegroundRole),
            index.data(Qt.ItemDataRole.BackgroundRole),
        )
        enabled = bool(index.flags() & Qt.ItemFlag.ItemIsEnabled)
        group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
        colour = _colour(fore) or palette.color(group, Role.Text)
        backs = [_colour(fill)] if _colour(fill) else [palette.color(Role.Base)]
        if not _colour(fill) and view.alternatingRowColors():
            backs.append(palette.color(Role.AlternateBase))
        font = index.data(Qt.ItemDataRole.FontRole)
        needed = LARGE if isinstance(font, QFont) and is_large(font) else NORMAL
        for back in backs:
            ratio = contrast(colour, back)
            found.append(Finding(ratio, needed, f"{where} {text[:30]!r} {colour.name()}"))
    return found


def _colour(value: object) -> QColor | None:
    if isinstance(value, QColor):
        return value
    color = getattr(value, "color", None)
    return color() if callable(color) else None


def text_contrast(image: QImage) -> float:
    """The contrast of a picture's text against its background: its commonest colour, and
    the pixel that differs from it most (the core of a glyph, not its antialiased edge)."""
    counts = Counter(
        image.pixel(x, y) for x in range(0, image.width()) for y in range(0, image.height())
    )
    back = QColor.fromRgb(counts.most_common(1)[0][0])
    return max(contrast(QColor.fromRgb(p), back) for p in counts)
