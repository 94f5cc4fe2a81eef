"""Themes switched live, as in View > Theme: every widget takes the new theme (the agenda,
the toolbar's icons, what widgets with a style sheet or their own colours show), selected rows
read in each, and switching Light -> Dark -> High contrast -> Light leaves no trace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QLabel,
    QListWidget,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui import retint, style, theme
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.style import contrast
from tests.gui.helpers_themes import PAGES, THEMES, app_theme, open_demo, switch, text_contrast

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@pytest.fixture
def demo(qapp: QApplication, window: MainWindow, service: Services) -> Iterator[ReviewView]:
    """The demo review, opened in the light theme, each page shown once."""
    with app_theme(qapp):
        theme.apply_theme(qapp, theme.LIGHT)
        view = open_demo(window, service)
        for key in PAGES:
            view.show_page(key)
        view.show_page("timeline")
        yield view


def own_colours(widget: QWidget) -> tuple[object, ...]:
    """What the widget draws with: its palette in the groups it shows (the disabled one only
    while it is disabled), its style sheet, its rich text and its items' brushes."""
    palette = widget.palette()
    groups = (Group.Active, Group.Inactive) if widget.isEnabled() else (Group.Disabled,)
    roles = tuple(palette.color(g, r).rgba() for g in groups for r in retint.ROLES)
    text = widget.text() if isinstance(widget, QLabel) and "<" in widget.text() else ""
    items: tuple[object, ...] = ()
    if isinstance(widget, QListWidget):
        items = tuple(
            _rgba(widget.item(i).data(role))
            for i in range(widget.count())
            for role in retint.ITEM_ROLES
        )
    return (roles, widget.styleSheet(), text, items)


def _rgba(value: object) -> int | None:
    colour = getattr(value, "color", None)
    return colour().rgba() if callable(colour) else None


def snapshot(window: MainWindow) -> dict[int, tuple[object, ...]]:
    return {id(w): own_colours(w) for w in [window, *window.findChildren(QWidget)]}


def test_light_dark_contrast_and_back_to_light_leaves_no_trace(
    qtbot: QtBot, window: MainWindow, demo: ReviewView
) -> None:
    before = snapshot(window)
    for name in (theme.DARK, theme.CONTRAST, theme.LIGHT):
        switch(window, qtbot, name)
    after = snapshot(window)
    widgets = {id(w): w for w in window.findChildren(QWidget)}
    changed = [
        f"{type(widgets[k]).__name__} {_shown(widgets[k])}: {_difference(one, two)}"
        for k in before
        if k in after and k in widgets
        for one, two in zip(before[k], after[k], strict=True)
        if one != two
    ]
    assert changed == []
    assert len(set(before) & set(after)) > 500  # the same widgets were compared


def _shown(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel) else ""
    return repr(widget.objectName() or widget.accessibleName() or text[:40])


def _difference(one: object, two: object) -> str:
    if isinstance(one, tuple) and isinstance(two, tuple) and len(one) == len(two):
        return ", ".join(
            f"{n}: {QColor.fromRgba(a).name() if isinstance(a, int) else a} -> "
            f"{QColor.fromRgba(b).name() if isinstance(b, int) else b}"
            for n, (a, b) in enumerate(zip(one, two, strict=True))
            if a != b
        )
    return f"{one!r} -> {two!r}"


def kept_colours(widget: QWidget) -> list[QColor]:
    """The colours a widget keeps of its own: set palette roles, style sheet and rich text
    colours, item brushes."""
    palette = widget.palette()
    found = [
        palette.color(g, r)
        for g in retint.GROUPS
        for r in retint.ROLES
        if palette.resolveMask() and palette.isBrushSet(g, r)
    ]
    found += [QColor(c) for c in retint.HEX.findall(widget.styleSheet())]
    if isinstance(widget, QLabel):
        found += [QColor(c) for c in retint.HEX.findall(widget.text())]
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            for role in retint.ITEM_ROLES:
                value = widget.item(i).data(role)
                colour = getattr(value, "color", None)
                if callable(colour):
                    found.append(colour())
    return found


def theme_colours(name: str) -> set[int]:
    palette = theme.palette_for(name)
    colours = {palette.color(g, r).rgba() for g in retint.GROUPS for r in retint.ROLES}
    return colours | {c.rgba() for c in theme.extras(palette)}


@pytest.mark.parametrize("name", [theme.DARK, theme.CONTRAST])
def test_no_widget_keeps_a_colour_of_the_theme_before(
    qtbot: QtBot, window: MainWindow, demo: ReviewView, name: str
) -> None:
    light_only = theme_colours(theme.LIGHT) - theme_colours(name)
    switch(window, qtbot, name)
    stale = [
        f"{type(w).__name__} {w.objectName()!r} keeps {c.name()}"
        for w in window.findChildren(QWidget)
        for c in kept_colours(w)
        if c.rgba() in light_only
    ]
    assert stale == []


def row_image(view: QAbstractItemView, row: int) -> QRect:
    model = view.model()
    first = view.visualRect(model.index(row, 0))
    columns = model.columnCount() if not isinstance(view, QListWidget) else 1
    last = view.visualRect(model.index(row, columns - 1))
    return first.united(last).intersected(view.viewport().rect())


@pytest.mark.parametrize("name", [theme.DARK, theme.CONTRAST, theme.LIGHT])
def test_the_agenda_follows_the_switch_and_its_selection_reads(
    qtbot: QtBot, window: MainWindow, demo: ReviewView, name: str
) -> None:
    if name == theme.LIGHT:  # back from the others: the case that kept the last one
        for other in (theme.DARK, theme.CONTRAST):
            switch(window, qtbot, other)
    switch(window, qtbot, name)
    agenda = demo.agenda
    image = agenda.viewport().grab().toImage()
    empty = image.pixelColor(4, image.height() - 4)  # below the last phase
    assert empty == theme.palette_for(name).color(Role.Base)
    rect = row_image(agenda, agenda.currentRow())
    assert text_contrast(agenda.viewport().grab(rect).toImage()) >= 4.5


@pytest.mark.parametrize("name", THEMES)
def test_selected_rows_read_in_every_theme(
    qtbot: QtBot, window: MainWindow, demo: ReviewView, name: str
) -> None:
    switch(window, qtbot, name)
    read = []
    for key, attribute, row in (("timeline", "table", 3), ("factors", "table", 0)):
        page = demo.show_page(key)
        view = getattr(page, attribute)
        assert isinstance(view, QAbstractItemView)
        view.setFocus()
        flags = QItemSelectionModel.SelectionFlag
        index = view.model().index(row, 0)
        view.selectionModel().select(index, flags.ClearAndSelect | flags.Rows)
        view.scrollTo(index)  # in view whatever the window's size makes the rows above it
        qtbot.wait(1)
        rect = row_image(view, row)
        read.append((key, round(text_contrast(view.viewport().grab(rect).toImage()), 2)))
    assert all(ratio >= 4.5 for _, ratio in read), read


@pytest.mark.parametrize("name", THEMES)
def test_the_toolbar_icons_show_on_the_toolbar(
    qtbot: QtBot, window: MainWindow, demo: ReviewView, name: str
) -> None:
    switch(window, qtbot, name)
    back = theme.palette_for(name).color(Role.Window)
    faint = []
    for action in window.extras.toolbar.actions():
        if action.isSeparator():
            continue
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            image = action.icon().pixmap(24, mode).toImage()
            inked = [
                image.pixelColor(x, y)
                for x in range(image.width())
                for y in range(image.height())
                if image.pixelColor(x, y).alpha() > 200
            ]
            best = max((contrast(c, back) for c in inked), default=1.0)
            if best < 3.0:  # WCAG's least for the parts of a control
                faint.append((action.text(), mode.name, round(best, 2)))
    assert faint == []


def test_check_boxes_are_drawn_in_high_contrast(
    qtbot: QtBot, window: MainWindow, demo: ReviewView
) -> None:
    switch(window, qtbot, theme.CONTRAST)
    page = demo.show_page("whys")
    boxes = [b for b in page.findChildren(QCheckBox) if b.isVisible()]
    assert boxes  # "Fit to window"
    for box in boxes:
        option = QStyleOptionButton()
        option.initFrom(box)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab(indicator).toImage()
        white = [
            (x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).lightness() > 200
        ]
        assert len(white) >= indicator.width(), box.text()  # at least a side of its frame


@pytest.mark.parametrize("name", THEMES)
def test_the_colours_widgets_derive_are_the_scheme_s(name: str) -> None:
    palette, colours = theme.palette_for(name), theme.SCHEMES[name]
    assert style.problem_color(palette) == QColor(colours.problem)
    assert theme.warning_color(palette) == QColor(colours.warning)
    assert palette.color(Role.PlaceholderText) == QColor(colours.quiet)
