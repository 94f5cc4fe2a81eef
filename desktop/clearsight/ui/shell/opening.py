"""Opening and closing a review without freezing the window: read on a worker, built a page
a turn; taken apart a page a turn.

A multi-day incident takes a few tenths of a second to read, and its view some 60 ms to build
(ten pages of widgets). Read on a worker, then built in one go, the window could not answer a
key for over 100 ms. So the view is built one page per turn of the event loop, and shown
whole once every page is there: a view shown half-built would change its least size as pages
arrive, and the window would grow under the user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from clearsight.ui.work.job import Job

if TYPE_CHECKING:
    from clearsight.review.data import ReviewDetail
    from clearsight.ui.shell.main_window import MainWindow
    from clearsight.ui.shell.review_view import ReviewView


class Opening(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: ReviewView | None = None  # being built
        self._review_id = 0
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._build)

    @property
    def busy(self) -> bool:
        return self.view is not None or self.window.job_bar.running

    def start(self, review_id: int) -> Job | None:
        window = self.window
        service = window.service
        job = Job(
            "Opening the review",
            [("Reading the review", lambda _: service.reviews.get_review(review_id))],
        )
        job.succeeded.connect(lambda detail: self.build(review_id, detail))
        job.refused.connect(lambda text: window.banner.show_message(text, can_retry=False))
        return window.job_bar.run(job)

    def build(self, review_id: int, detail: ReviewDetail) -> None:
        """Builds the view of a review already read, then opens it."""
        from clearsight.ui.shell.review_view import ReviewView

        self.cancel()  # one review at a time
        self._review_id = review_id
        self.view = ReviewView(self.window.service, detail, all_pages=False)
        self._next.start()

    def cancel(self) -> None:
        """Another review is opened at once: the one being built is dropped."""
        view, self.view = self.view, None
        self._next.stop()
        if view is not None:
            view.leave()
            dispose(view)

    def _build(self) -> None:
        view = self.view
        if view is None:
            return
        if view.build_next_page():
            self._next.start()
            return
        self.view = None
        if not self.window.open_review(self._review_id, view=view):
            view.leave()
            dispose(view)


def dispose(view: ReviewView) -> None:
    """Deletes a closed view a page per turn of the event loop: a big review's view took
    a third of a second to delete in one go (2,000 rows of timeline, thousands of widgets),
    and the window could not answer meanwhile."""
    view.hide()
    parts: list[QWidget] = []
    for page in view.built_pages():  # each page's own widgets first, then the page
        parts += page.findChildren(QWidget, "", Qt.FindChildOption.FindDirectChildrenOnly)
        parts.append(page)
    parts.reverse()

    def next_one() -> None:
        if not isValid(view):  # the window closed first, and took the view with it
            return
        if parts:
            part = parts.pop()
            if isValid(part):
                part.deleteLater()
            QTimer.singleShot(0, next_one)  # that one goes before this runs again
        else:
            view.deleteLater()

    next_one()
