"""The main window's facilitation tools: the Meeting menu, the presenter, themes, the toolbar,
the shortcuts overview, and reopening the last review at start-up.

Kept out of main_window.py, which stays about the list and the open review. The window
builds one ``WindowExtras`` after its own menus; it finds them by their titles and adds to
them, and it follows the window's stack to know when a review opens or closes. The dialogs
are in window_dialogs.py, what is kept across a restart in last_review.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from clearsight import preferences as prefs
from clearsight.review.meeting import MeetingClock
from clearsight.ui import theme
from clearsight.ui.search.actions import SearchActions
from clearsight.ui.shell.last_review import LastReview
from clearsight.ui.shell.toolbar import glyph_icon, main_toolbar
from clearsight.ui.shell.window_dialogs import WindowDialogs

# The presenter, the dialogs and the review view load when first used: the main window is
# shown before they are needed (tests/perf/test_startup.py).
if TYPE_CHECKING:
    from clearsight.ui.people.directory import PeopleDirectoryDialog
    from clearsight.ui.presenter.window import PresenterWindow
    from clearsight.ui.shell.main_window import MainWindow
    from clearsight.ui.shell.open_dialog import OpenReviewDialog
    from clearsight.ui.shell.review_view import ReviewView


class WindowExtras(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings: QSettings = window.settings
        self.presenter: PresenterWindow | None = None
        self.dialogs = WindowDialogs(window)
        self.last = LastReview(self.settings)
        self._view: ReviewView | None = None
        self._clocks: dict[int, MeetingClock] = {}  # by review: meetings left for the list
        self._build_actions()
        self._build_menus()
        self.toolbar = main_toolbar(
            window, self.open_action, self.clock_action, self.presenter_action
        )
        window.stack.currentChanged.connect(self._page_changed)

    # ---- building ---------------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, *keys: QKeySequence | str, icon: str | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        # A key listed twice (a standard key is often one of ours) would be ambiguous.
        unique = list(dict.fromkeys(QKeySequence(k).toString() for k in keys))
        action.setShortcuts([QKeySequence(k) for k in unique])
        action.triggered.connect(slot)
        if icon is not None:
            action.setIcon(glyph_icon(icon))
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "&Open review\u2026",
            self.dialogs.open_review,
            QKeySequence.StandardKey.Open,
            icon="open",
        )
        self.clock_action = self._action(
            "&Start the meeting clock", self.toggle_clock, "Ctrl+Shift+Space", icon="play"
        )
        self.reset_action = self._action("&Reset the meeting clock", self.reset_clock)
        self.next_action = self._action("&Next phase", lambda: self.step(1), "Ctrl+PgDown")
        self.previous_action = self._action("&Previous phase", lambda: self.step(-1), "Ctrl+PgUp")
        self.boxes_action = self._action("&Time boxes\u2026", self.edit_timeboxes)
        self.people_action = self._action(
            "&People directory\u2026", self.dialogs.show_people_directory, "Ctrl+Shift+P"
        )
        self.language_settings_action = self._action(
            "&Language settings\u2026", self.dialogs.show_language_settings, "Ctrl+Shift+X"
        )
        self.presenter_action = self._action(
            "&Presenter view", self.toggle_presenter, "F5", icon="presenter"
        )
        self.presenter_action.setCheckable(True)
        self.flags_action = self._action(
            "Show language &flags on the projector", self._flags_toggled
        )
        self.flags_action.setCheckable(True)
        self.flags_action.setChecked(self.window.prefs.get(prefs.PRESENTER_FLAGS))
        self.zoom_in_action = self._action("Projector text &larger", self.zoom_in, "Ctrl+=")
        self.zoom_out_action = self._action("Projector text s&maller", self.zoom_out, "Ctrl+-")
        self.insights_action = self._action(
            "&Insights across reviews\u2026", self.dialogs.show_insights, "Ctrl+Shift+I"
        )
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts",
            self.dialogs.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
            "?",
        )
        if not self.shortcuts_action.shortcuts():  # no standard help key on this platform
            self.shortcuts_action.setShortcuts([QKeySequence("F1"), QKeySequence("?")])

    def _menu(self, title: str) -> QMenu:
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() == title:
                return menu
        return self.window.menuBar().addMenu(title)

    def _build_menus(self) -> None:
        window = self.window
        file_menu = self._menu("&File")
        file_menu.insertAction(window.back_action, self.open_action)
        edit_menu = self._menu("&Edit")
        edit_menu.addSeparator()
        edit_menu.addActions([self.people_action, self.language_settings_action])
        edit_menu.addSeparator()
        self.search = SearchActions(window)
        edit_menu.addActions(self.search.actions)
        meeting = window.menuBar().addMenu("&Meeting")
        meeting.addActions([self.clock_action, self.reset_action])
        meeting.addSeparator()
        meeting.addActions([self.next_action, self.previous_action])
        meeting.addSeparator()
        meeting.addAction(self.boxes_action)
        meeting.addSeparator()
        meeting.addAction(self.presenter_action)
        view = self._menu("&View")
        view.addSeparator()
        view.addActions([self.presenter_action, self.flags_action])
        view.addActions([self.zoom_in_action, self.zoom_out_action])
        view.addSeparator()
        view.addAction(self.insights_action)
        view.addSeparator()
        themes = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        chosen = theme.saved_choice(self.settings)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in theme.THEMES:
            action = themes.addAction(label)
            action.setCheckable(True)
            action.setChecked(name == chosen)
            action.triggered.connect(lambda _=False, n=name: self.choose_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        help_menu = window.menuBar().addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)

    # ---- the open review --------------------------------------------------------------------
    @property
    def view(self) -> ReviewView | None:
        return self.window.review_view

    def _page_changed(self, _index: int) -> None:
        view = self.window.review_view
        shown = self.window.stack.currentWidget()
        if view is not None and shown is view:
            self._opened(view)
        else:
            self._closed()

    def _opened(self, view: ReviewView) -> None:
        if view is self._view:
            return
        self._view = view
        # The meeting goes on when the facilitator looks at the list for a moment.
        kept = self._clocks.get(view.review_id)
        detail = view.session.detail
        if kept is None and detail is not None:
            kept = self.last.saved_clock(detail.uid)
        if kept is not None and kept.started:
            view.meeting.adopt(kept)
        self.last.remember(view.review_id, detail.uid if detail else "")
        view.meeting.ticked.connect(self._show_clock_state)
        self.update_actions()

    def _closed(self) -> None:
        """Back to the list (not quitting): the next start begins there too."""
        if self._view is None:
            return
        self._clocks[self._view.review_id] = self._view.meeting.clock
        self.save_clock()
        self._view = None
        self.close_presenter()
        self.last.forget()
        self.update_actions()

    def save_clock(self) -> None:
        """Keeps the open review's meeting clock (per review uid) for after a restart."""
        view = self._view
        detail = view.session.detail if view is not None else None
        if view is not None and detail is not None:
            self.last.save_clock(detail.uid, view.meeting.clock)

    def reopen_last(self) -> bool:
        """At start-up: open the review that was open when the app was last quit."""
        number = self.last.to_reopen(self.window.service.reviews)
        return number is not None and self.window.open_review(number)

    def update_actions(self) -> None:
        has = self.view is not None
        for action in (
            self.clock_action,
            self.reset_action,
            self.next_action,
            self.previous_action,
            self.boxes_action,
            self.presenter_action,
        ):
            action.setEnabled(has)
        # New and Open both wait for the database (the window enables New once it is open).
        self.open_action.setEnabled(self.window.new_action.isEnabled())
        self.people_action.setEnabled(self.window.new_action.isEnabled())
        self.insights_action.setEnabled(self.window.new_action.isEnabled())
        self.search.update_actions()
        shown = self.presenter is not None
        self.zoom_in_action.setEnabled(shown)
        self.zoom_out_action.setEnabled(shown)
        self.presenter_action.setChecked(shown)
        self._show_clock_state()

    def _show_clock_state(self) -> None:
        view = self.view
        state = view.meeting.state() if view is not None else "idle"
        text = {
            "idle": "&Start the meeting clock",
            "running": "&Pause the meeting clock",
            "paused": "&Resume the meeting clock",
        }[state]
        if self.clock_action.text() != text:
            self.clock_action.setText(text)
            self.clock_action.setIcon(glyph_icon("pause" if state == "running" else "play"))
        self.reset_action.setEnabled(view is not None and state != "idle")

    # ---- meeting ----------------------------------------------------------------------------
    def toggle_clock(self) -> None:
        if self.view is not None:
            self.view.meeting.toggle()

    def reset_clock(self) -> None:
        if self.view is not None:
            self.view.meeting.reset()

    def step(self, delta: int) -> bool:
        return self.view.meeting.step(delta) if self.view is not None else False

    def edit_timeboxes(self) -> None:
        if self.view is not None:
            self.view.meeting.edit_timeboxes()

    # ---- presenter --------------------------------------------------------------------------
    def toggle_presenter(self) -> PresenterWindow | None:
        if self.presenter is not None:
            self.close_presenter()
            return None
        return self.open_presenter()

    def open_presenter(self) -> PresenterWindow | None:
        view = self.view
        if view is None:
            self.presenter_action.setChecked(False)
            return None
        if self.presenter is None:
            from clearsight.ui.presenter.window import PresenterWindow

            shown = self.flags_action.isChecked()
            self.presenter = PresenterWindow(view, self.settings, self.window, shown)
            self.presenter.closed.connect(self._presenter_closed)
            self.presenter.present(self.window)
        self.update_actions()
        return self.presenter

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()

    def _presenter_closed(self) -> None:
        self.presenter = None
        self.update_actions()
        self.window.activateWindow()

    def zoom_in(self) -> None:
        if self.presenter is not None:
            self.presenter.zoom_in()

    def zoom_out(self) -> None:
        if self.presenter is not None:
            self.presenter.zoom_out()

    def _flags_toggled(self, shown: bool) -> None:
        self.window.prefs.set(prefs.PRESENTER_FLAGS, shown)
        if self.presenter is not None:
            self.presenter.set_show_flags(shown)

    # ---- themes -----------------------------------------------------------------------------
    def choose_theme(self, choice: str) -> str:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme_actions[choice].setChecked(True)
        return theme.choose(app, self.settings, choice)

    # ---- dialogs (window_dialogs.py) --------------------------------------------------------
    # Kept here too: the people directory and the meeting tests open them from the extras.
    @property
    def people_dialog(self) -> PeopleDirectoryDialog | None:
        return self.dialogs.people_dialog

    def show_people_directory(self) -> PeopleDirectoryDialog | None:
        return self.dialogs.show_people_directory()

    def open_review(self) -> OpenReviewDialog | None:
        return self.dialogs.open_review()
