"""Where the Language panel has room in the window.

The panel shows as chosen in View > Language panel, where the window leaves the page its
room beside it; in a narrower window it steps aside (the choice in the menu stays) and comes
back when the window is wide again. It is never the reason a window cannot be made narrower:
while it shows, the window's least width is the one it has without it, so a window dragged
down to a meeting room's 1,024 px gets there, and the panel gives way at that resize.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from clearsight import preferences as prefs
from clearsight.ui.editing.prefs import UserPrefs

if TYPE_CHECKING:
    from clearsight.ui.shell.review_view import ReviewView


class PanelFit:
    """Shows or hides the open review's Language panel as the window's width and the menu
    say; ``fit`` is called when a review opens and when the window's width changes."""

    def __init__(self, window: QWidget, action: QAction, user_prefs: UserPrefs) -> None:
        self.window, self.action, self.prefs = window, action, user_prefs
        # The window's width when the panel was asked for in the menu: it shows there even
        # without the room, until the window is made narrower than that.
        self._asked_at: int | None = None

    def chosen(self, view: ReviewView | None, shown: bool) -> None:
        """View > Language panel (Ctrl+Shift+L)."""
        if not shown and view is not None and not view.language_visible():
            # Ticked, but stepped aside for want of room: the key asks to see the panel.
            self.action.setChecked(True)
            shown = True
        self.prefs.set(prefs.LANGUAGE_PANEL, shown)
        self._asked_at = self.window.width() if shown else None
        self.fit(view)

    def fit(self, view: ReviewView | None) -> None:
        if view is None:
            self._hold(None)
            return
        width = self.window.width()
        view.fit_width(width)
        if self._asked_at is not None and width < self._asked_at:
            self._asked_at = None  # made narrower since: the room decides again
        asked = self._asked_at is not None
        shown = self.action.isChecked() and (asked or view.has_room_for_language(width))
        # The least width held as it is while the panel comes or goes: showing it lays out
        # the page at once, and the window would grow to the least width with it.
        self.window.setMinimumSize(self.window.minimumWidth(), 0)
        view.set_language_visible(shown)
        least = self._hold(view)
        if asked and shown and least > width:
            self._asked_at = least  # narrower than this again, and the room decides
            self.window.resize(least, self.window.height())  # room for the page beside it

    def _hold(self, view: ReviewView | None) -> int:
        """Sets the window's least width to the one without the panel while the panel
        shows, the layout's own least size otherwise; returns the least width with the
        panel where it shows (0 where not)."""
        if view is not None:
            self._lay_out(view)
        with_panel = 0
        if view is None or view.language.isHidden():
            self.window.setMinimumSize(0, 0)  # no explicit least size: the layout's
        else:
            with_panel = self.window.minimumSizeHint().width()
            panel = view.language.minimumWidth() + view.language_line.sizeHint().width()
            # 0 for the height: it stays the layout's (an explicit 0 is no explicit height).
            self.window.setMinimumSize(max(with_panel - panel, 1), 0)
        self.window.layout().invalidate()  # the window's least height, and width if its own
        self.window.layout().activate()
        return with_panel

    def _lay_out(self, view: QWidget) -> None:
        """Lays out the view and the widgets around it now, innermost first, so that the
        window's least size counts the panel as it now is. (Left to the posted layout
        requests, the window would be laid out first with the least width of before, and
        grow to it.)"""
        widget: QWidget | None = view
        while widget is not None and widget is not self.window:
            layout = widget.layout()
            if layout is not None:
                layout.activate()
            widget = widget.parentWidget()
