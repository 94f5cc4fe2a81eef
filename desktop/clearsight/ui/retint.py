"""What widgets keep of a theme, carried over to the next one when the theme is switched.

Most widgets follow the application palette by themselves. Some keep a colour of the theme
they were made in: a palette role set on the widget (a tinted panel, a red message), a colour
written into a style sheet or into a label's rich text, an item's brush (the agenda's
headings). A switch translates each such colour that is one of the old theme's to the same
colour of the new theme; a colour of no theme (the accent bars, the marks' colours) stays.

And every widget with a style sheet is polished again once the new palette is in: Qt resolves
a style sheet against the palette only when it polishes the widget, so without it the agenda
showed the theme before last (white in dark, yellow in light).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
GROUPS = (Group.Active, Group.Inactive, Group.Disabled)
ROLES = tuple(r for r in Role if r not in (Role.NoRole, Role.NColorRoles))
ITEM_ROLES = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole)


# The roles text is drawn in; a colour of the old theme is looked up among these first when it
# colours text, among the others when it fills a background.
FOREGROUND = (
    Role.WindowText,
    Role.Text,
    Role.ButtonText,
    Role.PlaceholderText,
    Role.HighlightedText,
    Role.Link,
    Role.LinkVisited,
    Role.BrightText,
    Role.ToolTipText,
)
BACKGROUND = tuple(r for r in ROLES if r not in FOREGROUND)
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
DECLARATION = re.compile(r"([\w-]+)(\s*:\s*)([^;{}\"']*)")


@dataclass
class ColourMap:
    """From the old theme's colours to the new one's: ``fore`` for colours of text, ``back``
    for fills and lines, each keyed by the old colour's rgba."""

    old: QPalette
    new: QPalette
    fore: dict[int, QColor]
    back: dict[int, QColor]

    def role(self, group: Group, role: Role, colour: QColor) -> QColor | None:
        """The new colour for ``colour`` set as ``role``: the new theme's ``role`` when it was
        the old theme's, else the new version of whichever old colour it is (None: none)."""
        if colour == self.old.color(group, role):
            return self.new.color(group, role)
        return self.value(colour, role in FOREGROUND)

    def value(self, colour: QColor, text: bool) -> QColor | None:
        first, second = (self.fore, self.back) if text else (self.back, self.fore)
        return first.get(colour.rgba()) or second.get(colour.rgba())

    def text(self, text: str) -> str:
        """``text`` (a style sheet, rich text) with each old colour written as the new one:
        as text after ``color:``, as a fill after any other property."""

        def declaration(match: re.Match[str]) -> str:
            name, colon, value = match.groups()
            as_text = name.lower() == "color"
            return name + colon + HEX.sub(lambda m: self._swap(m.group(0), as_text), value)

        return DECLARATION.sub(declaration, text)

    def _swap(self, name: str, as_text: bool) -> str:
        found = self.value(QColor(name), as_text)
        return found.name() if found is not None else name


def colour_map(
    old: QPalette, new: QPalette, old_extra: list[QColor], new_extra: list[QColor]
) -> ColourMap:
    """``old_extra``/``new_extra``: text colours derived from each palette, in the same order.
    Where two roles of the old theme share a colour (black window and base in high
    contrast), the derived colours win, then the roles in the order listed above."""
    fore: dict[int, QColor] = {}
    back: dict[int, QColor] = {}
    for before, after in zip(old_extra, new_extra, strict=True):
        fore.setdefault(before.rgba(), after)
    for roles, found in ((FOREGROUND, fore), (BACKGROUND, back)):
        for group in GROUPS:
            for role in roles:
                found.setdefault(old.color(group, role).rgba(), new.color(group, role))
    return ColourMap(old, new, fore, back)


def translate(app: QApplication, colours: ColourMap) -> None:
    """Every widget's own colours of the old theme, as the new theme's."""
    for widget in app.allWidgets():
        _palette(widget, colours)
        sheet = widget.styleSheet()
        if sheet and colours.text(sheet) != sheet:
            widget.setStyleSheet(colours.text(sheet))
        if isinstance(widget, QLabel) and "<" in widget.text():
            text = colours.text(widget.text())
            if text != widget.text():
                widget.setText(text)
        _items(widget, colours)


def repolish(app: QApplication) -> None:
    """Polish every widget with a style sheet again, against the palette now in use."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def _palette(widget: QWidget, colours: ColourMap) -> None:
    palette = widget.palette()
    if not palette.resolveMask():  # nothing set on the widget itself
        return
    changed = False
    for group in GROUPS:
        for role in ROLES:
            if not palette.isBrushSet(group, role):
                continue
            found = colours.role(group, role, palette.color(group, role))
            if found is not None and found != palette.color(group, role):
                palette.setColor(group, role, found)
                changed = True
    if changed:
        widget.setPalette(palette)


def _items(widget: QWidget, colours: ColourMap) -> None:
    if isinstance(widget, QListWidget):
        items = [(widget.item(row), None) for row in range(widget.count())]
    elif isinstance(widget, QTableWidget):
        items = [
            (widget.item(row, col), None)
            for row in range(widget.rowCount())
            for col in range(widget.columnCount())
        ]
    elif isinstance(widget, QTreeWidget):
        items = []
        it = QTreeWidgetItemIterator(widget)
        while it.value() is not None:
            items += [(it.value(), col) for col in range(widget.columnCount())]
            it += 1
    else:
        return
    for item, column in items:
        if item is None:
            continue
        for role in ITEM_ROLES:
            value = item.data(role) if column is None else item.data(column, role)
            if not isinstance(value, QBrush | QColor):
                continue
            colour = value.color() if isinstance(value, QBrush) else value
            found = colours.value(colour, role == Qt.ItemDataRole.ForegroundRole)
            if found is None or found == colour:
                continue
            if column is None:
                item.setData(role, QBrush(found))
            else:
                item.setData(column, role, QBrush(found))
