"""The main window's facilitation tools: the Meeting menu, the presenter, themes, the toolbar,
the shortcuts overview, and reopening the last review at start-up.

Kept out of main_window.py, which stays about the list and the open review. The window
builds one ``WindowExtras`` after its own menus; it finds them by their titles and adds to
them, and it follows the window's stack to know when a review opens or closes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QToolBar

from clearsight.errors import UserError
from clearsight.review.meeting import MeetingClock
from clearsight.ui import theme

# The presenter, the dialogs and the review view load when first used: the main window is
# shown before they are needed (tests/perf/test_startup.py).
if TYPE_CHECKING:
    from clearsight.ui.flags.language_settings import LanguageSettingsDialog
    from clearsight.ui.people.directory import PeopleDirectoryDialog
    from clearsight.ui.presenter.window import PresenterWindow
    from clearsight.ui.shell.main_window import MainWindow
    from clearsight.ui.shell.open_dialog import OpenReviewDialog
    from clearsight.ui.shell.review_view import ReviewView
    from clearsight.ui.shell.shortcuts import ShortcutsDialog

LAST_REVIEW_ID = "session/last_review_id"
LAST_REVIEW_UID = "session/last_review_uid"
FLAGS_KEY = "presenter/show_flags"  # Show language flags on the projector (off by default)
CLOCK_KEY = "meeting/clock"  # + "/<review uid>": a meeting clock kept across a restart
# The presenter's own keys, for the overview (they work while the presenter has the focus).
PRESENTER_KEYS: tuple[str, list[tuple[str, str]]] = (
    "Presenter view",
    [
        ("Leave the presenter view", "Esc,  F5"),
        ("Larger text", "Ctrl+="),
        ("Smaller text", "Ctrl+-"),
        ("Text size as set", "Ctrl+0"),
        ("Next phase / previous phase", "Ctrl+PgDown,  Ctrl+PgUp"),
        ("Scroll", "PgDown,  PgUp,  Space,  \u2191,  \u2193,  Home,  End"),
    ],
)
SP = QStyle.StandardPixmap


class WindowExtras(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings: QSettings = window.settings
        self.presenter: PresenterWindow | None = None
        self.people_dialog: PeopleDirectoryDialog | None = None
        self._view: ReviewView | None = None
        self._clocks: dict[int, MeetingClock] = {}  # by review: meetings left for the list
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        window.stack.currentChanged.connect(self._page_changed)

    # ---- building ---------------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, *keys: QKeySequence | str, icon: SP | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        # A key listed twice (a standard key is often one of ours) would be ambiguous.
        unique = list(dict.fromkeys(QKeySequence(k).toString() for k in keys))
        action.setShortcuts([QKeySequence(k) for k in unique])
        action.triggered.connect(slot)
        if icon is not None:
            action.setIcon(self.window.style().standardIcon(icon))
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "&Open review\u2026",
            self.open_review,
            QKeySequence.StandardKey.Open,
            icon=SP.SP_DialogOpenButton,
        )
        self.clock_action = self._action(
            "&Start the meeting clock", self.toggle_clock, "Ctrl+Shift+Space", icon=SP.SP_MediaPlay
        )
        self.reset_action = self._action("&Reset the meeting clock", self.reset_clock)
        self.next_action = self._action("&Next phase", lambda: self.step(1), "Ctrl+PgDown")
        self.previous_action = self._action("&Previous phase", lambda: self.step(-1), "Ctrl+PgUp")
        self.boxes_action = self._action("&Time boxes\u2026", self.edit_timeboxes)
        self.people_action = self._action(
            "&People directory\u2026", self.show_people_directory, "Ctrl+Shift+P"
        )
        self.language_settings_action = self._action(
            "&Language settings\u2026", self.show_language_settings, "Ctrl+Shift+X"
        )
        self.presenter_action = self._action(
            "&Presenter view", self.toggle_presenter, "F5", icon=SP.SP_DesktopIcon
        )
        self.presenter_action.setCheckable(True)
        self.flags_action = self._action(
            "Show language &flags on the projector", self._flags_toggled
        )
        self.flags_action.setCheckable(True)
        self.flags_action.setChecked(self.settings.value(FLAGS_KEY, False) in (True, "true"))
        self.zoom_in_action = self._action("Projector text &larger", self.zoom_in, "Ctrl+=")
        self.zoom_out_action = self._action("Projector text s&maller", self.zoom_out, "Ctrl+-")
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents, "?"
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

    def _build_toolbar(self) -> None:
        window = self.window
        bar = QToolBar("Main toolbar")
        bar.setObjectName("mainToolbar")
        bar.setAccessibleName("Main toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons = {
            window.new_action: SP.SP_FileIcon,
            window.undo_action: SP.SP_ArrowBack,
            window.redo_action: SP.SP_ArrowForward,
        }
        for action, icon in icons.items():
            if action.icon().isNull():
                action.setIcon(window.style().standardIcon(icon))
        bar.addAction(window.new_action)
        bar.addAction(self.open_action)
        # File > Export… (Ctrl+E) when the window has it; a later one goes in the same place.
        export = getattr(window, "export_action", None)
        if isinstance(export, QAction):
            if export.icon().isNull():
                export.setIcon(window.style().standardIcon(SP.SP_DialogSaveButton))
            bar.addAction(export)
        bar.addSeparator()
        bar.addAction(window.undo_action)
        bar.addAction(window.redo_action)
        bar.addSeparator()
        bar.addAction(self.clock_action)
        bar.addAction(self.presenter_action)
        # The undo actions carry their step in the text ("Undo edit summary"); the toolbar
        # shows the short name and keeps the full one as the tooltip.
        for action in (window.undo_action, window.redo_action):
            button = bar.widgetForAction(action)
            if button is not None:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar

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
            kept = self._saved_clock(detail.uid)
        if kept is not None and kept.started:
            view.meeting.adopt(kept)
        self.settings.setValue(LAST_REVIEW_ID, view.review_id)
        self.settings.setValue(LAST_REVIEW_UID, detail.uid if detail else "")
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
        self.settings.remove(LAST_REVIEW_ID)
        self.settings.remove(LAST_REVIEW_UID)
        self.update_actions()

    def save_clock(self) -> None:
        """Keeps the open review's meeting clock (per review uid) for after a restart."""
        view = self._view
        detail = view.session.detail if view is not None else None
        if view is None or detail is None:
            return
        clock = view.meeting.clock
        key = f"{CLOCK_KEY}/{detail.uid}"
        if clock.started:
            self.settings.setValue(key, json.dumps(clock.state()))
        else:
            self.settings.remove(key)

    def _saved_clock(self, uid: str) -> MeetingClock | None:
        raw = self.settings.value(f"{CLOCK_KEY}/{uid}")
        if not isinstance(raw, str):
            return None
        try:
            state = json.loads(raw)
        except ValueError:
            return None
        clock = MeetingClock()
        return clock if clock.restore(state) else None

    def reopen_last(self) -> bool:
        """At start-up: open the review that was open when the app was last quit."""
        review_id = self.settings.value(LAST_REVIEW_ID)
        uid = self.settings.value(LAST_REVIEW_UID)
        try:
            number = int(str(review_id))
        except ValueError:
            return False
        try:
            detail = self.window.service.reviews.get_review(number)
        except UserError:
            return False  # deleted since, or another database: start at the list
        if uid and detail.uid != uid:
            return False
        return self.window.open_review(number)

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
            icon = SP.SP_MediaPause if state == "running" else SP.SP_MediaPlay
            self.clock_action.setIcon(self.window.style().standardIcon(icon))
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
        self.settings.setValue(FLAGS_KEY, shown)
        if self.presenter is not None:
            self.presenter.set_show_flags(shown)

    # ---- view and help ----------------------------------------------------------------------
    def choose_theme(self, choice: str) -> str:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme_actions[choice].setChecked(True)
        return theme.choose(app, self.settings, choice)

    def show_shortcuts(self) -> ShortcutsDialog:
        from clearsight.ui.shell.shortcuts import ShortcutsDialog, collect

        dialog = ShortcutsDialog(collect(self.window, [PRESENTER_KEYS]), self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_people_directory(self) -> PeopleDirectoryDialog | None:
        """The directory, beside the window (not modal); one at a time. Names may change
        there, so an open review is read again when it closes."""
        from clearsight.ui.people.directory import PeopleDirectoryDialog

        if not self.window.new_action.isEnabled():  # the database is still opening
            return None
        if self.people_dialog is not None:
            self.people_dialog.raise_()
            self.people_dialog.activateWindow()
            return self.people_dialog
        self.window.flush()
        dialog = PeopleDirectoryDialog(self.window.service, self.window)
        dialog.finished.connect(lambda _: self._people_dialog_closed(dialog))
        self.people_dialog = dialog
        dialog.show()
        return dialog

    def _people_dialog_closed(self, dialog: PeopleDirectoryDialog) -> None:
        if self.people_dialog is dialog:
            self.people_dialog = None
        dialog.deleteLater()
        view = self.view
        if dialog.changed and view is not None:
            view.session.reload()

    def show_language_settings(self) -> LanguageSettingsDialog:
        """The team's own words for the language flags (window-modal, no database needed)."""
        from clearsight.ui.flags.language_settings import LanguageSettingsDialog

        dialog = LanguageSettingsDialog(parent=self.window)
        dialog.saved.connect(self._language_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _language_saved(self) -> None:
        from clearsight.language.detector import Detector

        if self.view is not None:  # its highlights and panel read their texts again
            self.view.flags.use_detector(Detector.default())

    def open_review(self) -> OpenReviewDialog | None:
        """Opens the chooser (not blocking); the review opens when one is chosen."""
        from clearsight.ui.shell.open_dialog import OpenReviewDialog

        try:
            reviews = self.window.service.reviews.list_reviews()
        except UserError as err:
            self.window.banner.show_message(str(err), can_retry=False)
            return None
        dialog = OpenReviewDialog(reviews, self.window)
        dialog.accepted.connect(lambda: self.window.open_review(dialog.review_id or 0))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
