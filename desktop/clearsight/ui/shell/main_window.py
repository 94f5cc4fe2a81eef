"""The main window: the list of reviews, or one open review, under a problem banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from clearsight import APP_NAME
from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.ui import style
from clearsight.ui.editing.prefs import UserPrefs
from clearsight.ui.flags.panel_fit import PanelFit
from clearsight.ui.records.files import RecordFiles
from clearsight.ui.shell.banner import Banner
from clearsight.ui.shell.facilitation import WindowExtras
from clearsight.ui.shell.new_review import NewReviewDialog
from clearsight.ui.shell.opening import Opening, dispose
from clearsight.ui.shell.review_list import ReviewListPage
from clearsight.ui.work.bar import JobBar
from clearsight.ui.work.job import Job

# The service and the review view pull in SQLAlchemy; the window is shown before that loads
# (see clearsight.ui.launch), so they are imported only where they are used.
if TYPE_CHECKING:
    from clearsight.review.data import ReviewDetail, ReviewSummary
    from clearsight.services.root import Services
    from clearsight.ui.actions.open_actions import OpenActionsDialog
    from clearsight.ui.export.dialog import ExportDialog
    from clearsight.ui.shell.review_view import ReviewView


class MainWindow(QMainWindow):
    review_opened = Signal(int)

    def __init__(self, service: Services | None, settings: QSettings | None = None) -> None:
        """Without a service the window shows that the database is opening; see attach()."""
        super().__init__()
        self._service = service
        self._open_when_attached: int | None = None
        self.settings = settings if settings is not None else QSettings()
        self.prefs = UserPrefs(self.settings)
        self.review_view: ReviewView | None = None
        style.at_least(self, style.BASE_POINT_SIZE)
        self.banner = Banner()
        self.banner.retry_requested.connect(self._retry)
        self.banner.dismissed.connect(self._dismiss)
        self.list_page = ReviewListPage()
        self.list_page.open_requested.connect(self.open_review_soon)
        self.list_page.new_requested.connect(self.new_review)
        self.list_page.delete_requested.connect(self.delete_review)
        self.list_page.open_actions_requested.connect(self.show_open_actions)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.job_bar = JobBar()  # imports and verifies run off the window's thread
        self.job_bar.setContentsMargins(style.MARGIN, 0, style.MARGIN, style.SPACING)
        layout.addWidget(self.job_bar)
        self.record_files = RecordFiles(self)
        self.opening = Opening(self)
        self.setCentralWidget(central)
        self._build_menus()
        self.extras = WindowExtras(self)  # meeting menu, presenter, themes, toolbar, help
        if service is None:
            self.list_page.set_opening()
        else:
            self.refresh_reviews()
        self._update_title()
        self._update_actions()
        geometry = self.prefs.get(prefs.GEOMETRY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1280, 800)

    def _action(self, text: str, slot: object, *keys: QKeySequence | str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        self.new_action = self._action(
            "&New review…", self.new_review, QKeySequence.StandardKey.New
        )
        self.back_action = self._action("&Back to reviews", self.show_reviews, "Ctrl+L", "Alt+Left")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.export_action = self._action("&Export\u2026", self.export_review, "Ctrl+E")
        self.import_action = self._action(
            "&Import a review\u2026", lambda: self.record_files.import_review(), "Ctrl+I"
        )
        self.verify_action = self._action(
            "&Verify a record\u2026", lambda: self.record_files.verify(), "Ctrl+Shift+V"
        )
        self.undo_action = self._action("&Undo", self.undo, "Ctrl+Z")
        self.redo_action = self._action("&Redo", self.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.new_action, self.back_action])
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addActions([self.import_action, self.verify_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        self.language_action = self._action(
            "&Language panel",
            lambda shown: self.panel_fit.chosen(self.review_view, shown),
            "Ctrl+Shift+L",
        )
        self.language_action.setCheckable(True)
        self.language_action.setChecked(self.prefs.get(prefs.LANGUAGE_PANEL))
        self.panel_fit = PanelFit(self, self.language_action, self.prefs)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.language_action)
        self.open_actions_action = self._action(
            "&Open action items\u2026", self.show_open_actions, "Ctrl+Shift+A"
        )
        view_menu.addAction(self.open_actions_action)
        # An observer, or a second window on the projector: follow the review, change nothing.
        self.watch_action = self._action(
            "&Read-only", lambda on: self.review_view and self.review_view.set_watching(on),
            "Ctrl+Shift+R",
        )  # fmt: skip
        self.watch_action.setCheckable(True)
        view_menu.addAction(self.watch_action)

    @property
    def service(self) -> Services:
        if self._service is None:
            raise UserError("The database is still opening.")
        return self._service

    def show_early_list(self, rows: list[ReviewSummary]) -> None:
        """The list from a light read (db/light.py), shown while the database still opens;
        a review chosen meanwhile opens as soon as it is open."""
        if self._service is None:
            self.list_page.set_reviews(rows)

    def attach(self, service: Services) -> None:
        """The database is open: fill the list and allow editing."""
        self._service = service
        self.refresh_reviews()
        self._update_actions()
        self.list_page.focus_table()
        waiting, self._open_when_attached = self._open_when_attached, None
        if waiting is not None:
            self.open_review(waiting)
        else:
            self.extras.reopen_last()

    # ---- the list ---------------------------------------------------------------------------
    def refresh_reviews(self, select_id: int | None = None) -> None:
        try:
            rows = self.service.reviews.list_reviews()
        except UserError as err:
            self.banner.show_message(str(err), can_retry=False)
            return
        self.list_page.set_reviews(rows, select_id)

    def new_review(self) -> NewReviewDialog:
        """Opens the dialog (not blocking); the review opens when it is created."""
        dialog = NewReviewDialog(self.create_review, self)
        dialog.accepted.connect(lambda: self.open_review(dialog.review_id or 0))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def create_review(self, title: str, severity: str) -> int:
        return self.service.reviews.create_review(title, severity)

    def delete_review(self, review_id: int) -> bool:
        row = self.list_page.model.row_of(review_id)
        name = self.list_page.model.review_at(row).title if row is not None else f"{review_id}"
        answer = QMessageBox.question(
            self,
            "Delete review",
            f"Delete the review \u201c{name}\u201d with its timeline, factors, action items "
            "and lessons?\n\nThis cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.service.reviews.delete_review(review_id)
        except UserError as err:
            self.banner.show_message(str(err), can_retry=False)
            return False
        self.refresh_reviews()
        return True

    # ---- an open review -----------------------------------------------------------------
    def open_review_soon(self, review_id: int) -> Job | None:
        """Opens a review chosen in the list without freezing the window (see opening.py);
        ``review_opened`` tells when it shows."""
        if self._service is None or self.opening.busy:
            self.open_review(review_id)  # waits for the database, or opens at once
            return None
        return self.opening.start(review_id)

    def open_review(
        self, review_id: int, detail: ReviewDetail | None = None, view: ReviewView | None = None
    ) -> bool:
        """Opens the review (``detail``: already read; ``view``: already built)."""
        from clearsight.ui.shell.review_view import ReviewView

        if view is None:
            self.opening.cancel()  # this one is asked for now

        if self._service is None:  # chosen from the early list: opens once attached
            self._open_when_attached = review_id
            return False
        if not self.show_reviews():
            return False
        try:
            if detail is None and view is None:
                detail = self.service.reviews.get_review(review_id)
        except UserError as err:
            self.banner.show_message(str(err), can_retry=False)
            return False
        self.banner.clear()
        if view is None:
            assert detail is not None
            view = ReviewView(self.service, detail)
        view.title_changed.connect(self._update_title)
        view.session.problems_changed.connect(self._show_problems)
        view.session.stack.indexChanged.connect(self._update_actions)
        self.review_view = view
        view.set_language_visible(False)  # until the window is known to have room for it
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.panel_fit.fit(view)
        self._update_title()
        self._update_actions()
        self.review_opened.emit(review_id)
        return True

    def show_reviews(self) -> bool:
        """Back to the list, saving first; False when the user chose to stay."""
        view = self.review_view
        if view is None:
            return True
        if not view.flush() and not self._may_leave(view):
            return False
        view.leave()
        self.review_view = None
        self.panel_fit.fit(None)  # the list's own least width again
        self.stack.setCurrentWidget(self.list_page)
        self.stack.removeWidget(view)
        dispose(view)
        self.banner.clear()
        self.refresh_reviews(select_id=view.review_id)
        self._update_title()
        self._update_actions()
        self.list_page.focus_table()
        return True

    def _may_leave(self, view: ReviewView) -> bool:
        """Asked when an edit could not be saved: retry, leave without it, or stay."""
        message = "\n".join(p.message for p in view.session.problems() if p.unsaved)
        box = QMessageBox.warning(
            self,
            "An edit is not saved",
            f"{message}\n\nTry saving again, or leave and lose this edit?",
            QMessageBox.StandardButton.Retry
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Retry,
        )
        if box == QMessageBox.StandardButton.Retry:
            view.session.retry()
            return view.flush()
        return box == QMessageBox.StandardButton.Discard

    def export_review(self) -> ExportDialog | None:
        """Opens the export dialog for the open review (not blocking)."""
        from clearsight.ui.export.dialog import ExportDialog

        view = self.review_view
        if view is None:
            return None
        view.flush()
        dialog = ExportDialog(view.session, self, self.settings)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_open_actions(self) -> OpenActionsDialog | None:
        """Every review's open action items (not blocking); an open review is read again
        afterwards, since its items may have changed there."""
        from clearsight.ui.actions.open_actions import OpenActionsDialog

        if self._service is None:
            return None
        self.flush()
        dialog = OpenActionsDialog(self._service, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._reload_open_review)
        dialog.open()
        return dialog

    def _reload_open_review(self, *_: object) -> None:
        if self.review_view is not None:
            self.review_view.session.reload()

    # ---- edit -----------------------------------------------------------------------------
    def flush(self) -> bool:
        return self.review_view.flush() if self.review_view else True

    def undo(self) -> bool:
        return self.review_view.undo() if self.review_view else False

    def redo(self) -> bool:
        return self.review_view.redo() if self.review_view else False

    def _update_actions(self, *_: object) -> None:
        stack = self.review_view.session.stack if self.review_view else None
        for action, can, text, name in (
            (self.undo_action, stack and stack.canUndo(), stack and stack.undoText(), "Undo"),
            (self.redo_action, stack and stack.canRedo(), stack and stack.redoText(), "Redo"),
        ):
            action.setEnabled(bool(can))
            step = f"{text[:1].lower()}{text[1:]}" if can and text else ""
            action.setText(f"&{name} {step}".rstrip())
        view = self.review_view
        for needs_review in (
            self.back_action,
            self.export_action,
            self.language_action,
            self.watch_action,
        ):
            needs_review.setEnabled(view is not None)
        self.watch_action.setChecked(view is not None and view.watching)
        for needs_database in (
            self.new_action,
            self.list_page.new_button,
            self.open_actions_action,
            self.import_action,
            self.verify_action,
            self.list_page.actions_button,
        ):
            needs_database.setEnabled(self._service is not None)
        self.extras.update_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.panel_fit.fit(self.review_view)

    def _update_title(self, *_: object) -> None:
        view = self.review_view
        self.setWindowTitle(f"{view.title} \u2014 {APP_NAME}" if view else APP_NAME)

    def _show_problems(self) -> None:
        view = self.review_view
        problems = view.session.problems() if view else []
        if not problems:
            self.banner.clear()
            return
        from clearsight.ui.editing.session import OFFLINE  # loaded with the first review

        offline = [p for p in problems if p.message == OFFLINE]  # the cause of the others
        text = (offline or problems)[-1].message
        if len(problems) > 1:
            text += f"  (and {len(problems) - 1} more)"
        self.banner.show_message(text, any(p.retryable for p in problems))

    def _retry(self) -> None:
        if self.review_view is not None:
            self.review_view.session.retry()
        else:
            self.refresh_reviews()

    def _dismiss(self) -> None:
        if self.review_view is not None:
            self.review_view.session.dismiss()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        view = self.review_view
        if view is not None and not view.flush() and not self._may_leave(view):
            event.ignore()
            return
        self.job_bar.stop()  # an import under way finishes (or stops between steps) first
        if view is not None:
            view.leave()
        self.extras.save_clock()  # a meeting interrupted by quitting goes on after a restart
        self.prefs.set(prefs.GEOMETRY, self.saveGeometry())
        super().closeEvent(event)
