"""The dialogs the main window's menus open: open a review, the people directory, the
language settings and the keyboard shortcuts overview.

Each dialog's module loads when it is first opened: the main window is shown before any of
them is needed (tests/perf/test_startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clearsight.errors import UserError

if TYPE_CHECKING:
    from clearsight.ui.flags.language_settings import LanguageSettingsDialog
    from clearsight.ui.insights.dialog import InsightsDialog
    from clearsight.ui.people.directory import PeopleDirectoryDialog
    from clearsight.ui.shell.main_window import MainWindow
    from clearsight.ui.shell.open_dialog import OpenReviewDialog
    from clearsight.ui.shell.shortcuts import ShortcutsDialog

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


class WindowDialogs:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.people_dialog: PeopleDirectoryDialog | None = None
        self.insights_dialog: InsightsDialog | None = None

    def show_insights(self) -> InsightsDialog | None:
        """The archive's figures, beside the window; one at a time."""
        from clearsight.ui.insights.dialog import InsightsDialog

        if not self.window.new_action.isEnabled():  # the database is still opening
            return None
        if self.insights_dialog is not None:
            self.insights_dialog.raise_()
            self.insights_dialog.activateWindow()
            return self.insights_dialog
        dialog = InsightsDialog(self.window.service, self.window.open_review, self.window)
        dialog.finished.connect(lambda _: setattr(self, "insights_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.insights_dialog = dialog
        dialog.show()
        dialog.refresh()
        return dialog

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
        view = self.window.review_view
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

        view = self.window.review_view
        if view is not None:  # its highlights and panel read their texts again
            view.flags.use_detector(Detector.default())

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
