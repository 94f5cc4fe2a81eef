"""The window's search: Edit > Find in this review (Ctrl+F) and Search all reviews
(Ctrl+Shift+F), and the jump from a hit to its phase and row.

In the 5 Whys, Ctrl+Shift+F already makes the current answer a contributing factor; two
actions on one key would make Qt run neither, so there the key stays the page's and search
is in the Edit menu (and Ctrl+F).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from clearsight.services.search import Hit
    from clearsight.ui.search.dialog import SearchDialog
    from clearsight.ui.shell.main_window import MainWindow

ALL_KEY = "Ctrl+Shift+F"
KEEPS_ALL_KEY = "whys"  # the page whose own Ctrl+Shift+F wins
# Where a hit's part is in the window: the agenda page, and the place key its text has there
# (review/flags.text_places); None: the page only.
PLACES = {
    "title": ("details", None),
    "summary": ("summary", "summary"),
    "impact": ("summary", "impact"),
    "figure": ("summary", None),
    "event": ("timeline", "event:{}"),
    "problem": ("whys", "tree:{}"),
    "why": ("whys", "why:{}"),
    "factor": ("factors", "factor:{}"),
    "action": ("actions", "action:{}"),
    "lesson": ("lessons", "lesson:{}"),
}


class SearchActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: SearchDialog | None = None
        self.find_action = QAction("&Find in this review\u2026", window)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(lambda: self.show(inside=True))
        self.all_action = QAction("&Search all reviews\u2026", window)
        self.all_action.setShortcut(QKeySequence(ALL_KEY))
        self.all_action.triggered.connect(lambda: self.show(inside=False))
        self.actions = [self.find_action, self.all_action]
        window.addActions(self.actions)
        self._watched: object = None

    def update_actions(self) -> None:
        view = self.window.review_view
        self.all_action.setEnabled(self.window.new_action.isEnabled())  # the database is open
        self.find_action.setEnabled(view is not None)
        if view is not None and view is not self._watched:
            self._watched = view
            view.agenda.currentRowChanged.connect(lambda _: self._fit_key())
        self._fit_key()

    def _fit_key(self) -> None:
        view = self.window.review_view
        on_whys = view is not None and view.current_key() == KEEPS_ALL_KEY
        self.all_action.setShortcut(QKeySequence() if on_whys else QKeySequence(ALL_KEY))

    def show(self, inside: bool) -> SearchDialog | None:
        from clearsight.ui.search.dialog import SearchDialog

        view = self.window.review_view
        if inside and view is None:
            return None
        self.window.flush()  # what was just typed is in the index too
        if self.dialog is not None:
            self.dialog.close()
        review = (view.review_id, view.title) if inside and view is not None else None
        dialog = SearchDialog(self.window.service, self.open_hit, review, self.window)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        dialog.query.setFocus()
        return dialog

    def open_hit(self, hit: Hit) -> bool:
        """Opens the hit's review (if it is not the open one), its page, and selects the
        matched words in their field or row."""
        return self.open_at(hit.review_id, hit.part, hit.row_id, hit)

    def open_at(self, review_id: int, part: str, row_id: int, hit: Hit | None = None) -> bool:
        """Opens a review at a part's row (a search hit, a factor seen before)."""
        window = self.window
        view = window.review_view
        if view is None or view.review_id != review_id:
            if not window.open_review(review_id):
                return False
            view = window.review_view
            assert view is not None
        phase, place = PLACES.get(part, ("details", None))
        page = view.show_page(phase)
        if place is None:
            return True
        key = place.format(row_id)
        text = page.live_texts().get(key, "")
        start, end = locate(text, hit) if hit is not None else (0, 0)
        return page.select_text(key, start, end, text[start:end])


def locate(text: str, hit: Hit) -> tuple[int, int]:
    """Where the first matched words of the hit's snippet are in the field's whole text."""
    if not hit.marks:
        return 0, 0
    begin, stop = hit.marks[0]
    words = hit.snippet[begin:stop]
    at = text.lower().find(words.lower())
    return (at, at + len(words)) if at >= 0 else (0, 0)
