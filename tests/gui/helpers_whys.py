"""What the 5 Whys tests share: the page shown in an active window, the stored tree read
back as an outline, and typing in the outline's editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from clearsight.review.data import WhyTreeData
from clearsight.services.root import Services
from clearsight.ui import style
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.whys.page import WhysPage

# The offscreen platform can neither raise a popup menu nor give it the keyboard.
OFFSCREEN_POPUP = ("This plugin does not support raise", "This plugin does not support grab")
SHIFT_CTRL = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier


def whys_page(view: ReviewView, qtbot: QtBot) -> WhysPage:
    """The page, shown, in the active window (its keys answer only then)."""
    whys = view.show_page("whys")
    assert isinstance(whys, WhysPage)
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow)
    return whys


def tree(service: Services, page: WhysPage, number: int = 0) -> WhyTreeData:
    return service.reviews.get_review(page.session.review_id).trees[number]


def outline_of(service: Services, page: WhysPage, number: int = 0) -> list[str]:
    """The stored tree as indented lines: the problem, then each why under its parent."""
    t = tree(service, page, number)
    lines = [t.problem]

    def walk(parent: int | None, depth: int) -> None:
        for node in t.children(parent):
            lines.append("  " * depth + node.text)
            walk(node.id, depth + 1)

    walk(None, 1)
    return lines


def node_id(service: Services, page: WhysPage, text: str) -> int:
    return next(
        n.id
        for t in service.reviews.get_review(page.session.review_id).trees
        for n in t.nodes
        if n.text == text
    )


def editor(page: WhysPage) -> QPlainTextEdit:
    edit = page.outline.editor()
    assert edit is not None, "no editor is open"
    return edit


def type_why(qtbot: QtBot, page: WhysPage, text: str, key: Qt.Key) -> None:
    """Type ``text`` in the open editor and end it with ``key``."""
    edit = editor(page)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, key)


def focus_outline(qtbot: QtBot, page: WhysPage, key: int) -> None:
    assert page.outline.select_key(key)
    page.outline.setFocus()
    qtbot.waitUntil(page.outline.hasFocus)


def flagged(edit: QPlainTextEdit) -> list[tuple[int, int]]:
    ranges = edit.document().firstBlock().layout().formats()
    return [
        (r.start, r.start + r.length)
        for r in ranges
        if r.format.underlineColor() == QColor(style.BLAME_LINE)
    ]
