"""What every agenda page shares: a large title, a line of guidance, room to breathe, and
where the keyboard lands when the page is entered (``first_focus``).

A page is entered from the agenda, by Ctrl+PgDown/PgUp, or when a review opens; the review
view then gives the focus to the page's ``first_focus()``: its entry line, or its first empty
field. Never a button: a space typed there would press it. The helpers below set a page's tab
order and keep lists that show no focus out of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession


class Page(QWidget):
    key = ""

    def __init__(self, session: ReviewSession, title: str, intro: str = "") -> None:
        super().__init__()
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.session = session
        self.title = title
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        self.body.setSpacing(style.SPACING)
        self.body.addWidget(style.page_title(title))
        if intro:
            self.body.addWidget(style.hint(intro))

    def load(self, detail: ReviewDetail) -> None:
        """Show the review as stored (widgets holding unsaved edits keep them)."""

    def first_focus(self) -> QWidget | None:
        """Where the keyboard lands when the page is entered. Pages with an entry line or
        fields override this; the default is the first widget of the page's tab order that
        is not a button (None: nothing on the page takes the keyboard)."""
        return first_tab_stop(self)

    def enter(self) -> QWidget | None:
        """Give the keyboard to ``first_focus()``; returns the widget that has it."""
        target = self.first_focus()
        if target is None or not target.isEnabled():
            return None
        # The default reason, not Tab: a line edit entered by Tab selects all of its text,
        # and the next key typed would replace it.
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return target

    def live_texts(self) -> dict[str, str]:
        """The flagged texts as this page shows them now, by place key ("summary",
        "lesson:12"; see clearsight.review.flags.text_places)."""
        return {}

    def select_text(self, place: str, start: int, end: int, snippet: str) -> bool:
        """Put the cursor on characters ``start:end`` of the text at ``place``; False when
        the text is not on this page."""
        return False


class EditorDelegate(QStyledItemDelegate):
    """An item delegate whose editors route undo keys to the review and can be flushed.

    ``flush`` hands the open editor's text to the view as if Enter had been pressed, so
    undo, page switches and closing never drop a half-finished cell edit.
    """

    def __init__(self, session: ReviewSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self._editor: QWidget | None = None
        session.add_flusher(self.flush)

    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: Any
    ) -> QWidget:
        return self.adopt(super().createEditor(parent, option, index))

    def adopt(self, editor: QWidget) -> QWidget:
        """Make ``editor`` the open one: its undo keys go to the review, flush reaches it."""
        self.session.route_undo_keys(editor)
        self._editor = editor
        return editor

    def destroyEditor(  # noqa: N802
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if editor is self._editor:
            self._editor = None
        super().destroyEditor(editor, index)

    def flush(self) -> None:
        editor = self._editor
        if editor is not None and shiboken6.isValid(editor):
            self.commitData.emit(editor)


def tab_order(container: QWidget, *widgets: QWidget) -> None:
    """Within ``container``, Tab goes through ``widgets`` first and in this order (Shift+Tab
    back); its other widgets follow them."""
    # Qt orders a chain that runs through the whole window: the first of the widgets must
    # also be moved to the front of the container's part of it, which setTabOrder does only
    # from a widget that takes the focus.
    policy = container.focusPolicy()
    container.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    QWidget.setTabOrder(container, widgets[0])
    container.setFocusPolicy(policy)
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


@contextmanager
def keeping_focus(view: QWidget) -> Iterator[None]:
    """Around a reload that resets ``view``'s model: a cell editor open with the keyboard in
    it goes with the reset, and the keyboard would go nowhere; it comes back to ``view``."""

    def inside() -> bool:
        focus = view.window().focusWidget()
        return (
            focus is not None and focus.isVisible() and (focus is view or view.isAncestorOf(focus))
        )

    had = inside()
    yield
    if had and not inside() and view.isVisible():
        view.setFocus(Qt.FocusReason.OtherFocusReason)


def first_tab_stop(container: QWidget) -> QWidget | None:
    """The first widget in ``container``'s part of the tab order that Tab would stop at and
    that is not a button."""
    widget = container.nextInFocusChain()
    while widget is not container and container.isAncestorOf(widget):
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(container)
            and widget.isEnabled()
            and widget.focusProxy() is None
            and not isinstance(widget, QAbstractButton)
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


class FocusRing(QWidget):
    """A ring in the highlight colour around a widget while it has the keyboard: a list's
    own frame looks the same with and without the focus. (QFocusFrame draws under the
    widget on Fusion, so only its top and bottom edges showed.)"""

    WIDTH = 2

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)  # moved beside it, over its frame, when it first has the focus
        self._target = widget
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        widget.installEventFilter(self)
        widget.destroyed.connect(self.deleteLater)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self._place()
            self.show()
            self.raise_()
        elif kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            self.hide()
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        parent = self._target.parentWidget()
        if parent is not None and self.parentWidget() is not parent:
            self.setParent(parent)
        # Over the widget's own frame, not outside it: a list that fills its column has no
        # room around it, and a ring there would be cut off.
        self.setGeometry(self._target.geometry())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), self.WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = self.WIDTH / 2
        painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))


def tab_stop_when_filled(view: QAbstractItemView) -> None:
    """``view`` is a Tab stop only while it holds rows, shows a ring when it has the keyboard
    (an empty list shows no focus, and what is typed there vanishes), and is left by Tab
    like any field: the arrows move inside it, not Tab, which would never get out."""
    view.setTabKeyNavigation(False)
    _TabStopWhenFilled(view)
    view.focus_ring = FocusRing(view)  # type: ignore[attr-defined]


class _TabStopWhenFilled(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update)
        self.update()

    def update(self, *_: object) -> None:
        view = self.view
        if not shiboken6.isValid(view):  # the list's rows go as the list is destroyed
            return
        filled = view.model().rowCount() > 0
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if filled else Qt.FocusPolicy.ClickFocus)
