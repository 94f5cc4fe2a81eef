"""An open review: the agenda sidebar and one page per phase, sharing one edit session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clearsight.review import rules
from clearsight.review.data import ReviewDetail
from clearsight.review.flags import OpenFinding
from clearsight.ui import style
from clearsight.ui.editing.conflict import ask_which_to_keep
from clearsight.ui.editing.follow import ChangeFollower
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.flags.panel import LanguagePanel
from clearsight.ui.flags.review_flags import ReviewFlags
from clearsight.ui.pages.base import Page
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.shell.agenda_pages import make_page
from clearsight.ui.shell.meeting_bar import MeetingBar
from clearsight.ui.shell.read_only import ReadOnlyNotice, set_read_only
from clearsight.ui.shell.room import RoomPanel

if TYPE_CHECKING:  # at run time the service arrives as an argument; importing it loads SQLAlchemy
    from clearsight.services.root import Services

KEY_ROLE = Qt.ItemDataRole.UserRole
LABEL_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's text without its count of flags
PANEL_WIDTH = (280, 360)  # the Language panel's least and preferred width
# The least room an agenda page needs beside the Language panel, in average characters of the
# page's font: in a narrower window (1,024 px, or 200% scaling) the panel stays hidden, so the
# page keeps its room and opening a review never widens the window. 90: the factor list's
# columns beside a readable factor text (at 60, a 1,280 px window showed the panel and the
# factors and timeline events wrapped into columns of a few words).
PAGE_ROOM = 90
# The agenda as the sidebar lists it: the review's details first, then the meeting's phases.
AGENDA = (("details", "Details"), *rules.PHASES)
COMPACT_BELOW = 1200  # window pixels
# Pages a final review still acts on (prior actions belong to earlier reviews).
READ_ONLY_EXEMPT = ("signoff", "ground_rules", "prior_actions")
# Keys that walk the agenda itself: the page changes, the keyboard stays in the agenda.
AGENDA_KEYS = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
)


class ReviewView(QWidget):
    title_changed = Signal(str)

    def __init__(self, service: Services, detail: ReviewDetail, all_pages: bool = True) -> None:
        """``all_pages`` False: only the Details page is built; build_next_page() builds the
        others, one a call, before the view is shown (MainWindow.open_review_soon spreads them
        over turns of the event loop, so the window keeps answering while a review opens)."""
        super().__init__()
        self.session = ReviewSession(service, detail.id, self)
        self.review_id = detail.id
        # Made before the pages, so it has the review's names before their texts arrive.
        self.flags = ReviewFlags(self.session, self.live_texts, parent=self)
        self.flags.load(detail)
        # What other people write to this review shows here within a second.
        self.follower = ChangeFollower(self.session)
        self.session.conflict.connect(lambda field: ask_which_to_keep(self, field))
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)  # a long title takes a second line, not a wider window
        self.heading.setContentsMargins(style.MARGIN, style.SPACING, style.MARGIN, 0)
        # A signed-off review: say so calmly, and lock the pages rather than refuse each save.
        self.read_only_notice = ReadOnlyNotice()
        self.read_only_notice.go_button.clicked.connect(lambda: self.show_page("signoff"))
        self._locked = False
        self.watching = False  # opened read-only (set_watching)
        self.agenda = QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setAccessibleName("Agenda")
        self.agenda.setFrameShape(QFrame.Shape.NoFrame)
        self.agenda.setStyleSheet("#agenda::item { padding: 6px 12px; }")
        self.pages = QStackedWidget()
        self._pages: dict[str, Page] = {}
        self._add_heading("Review")
        for number, (key, label) in enumerate(AGENDA):
            if number == 1:
                self._add_heading("Meeting agenda")
            item = QListWidgetItem(f"{number}.  {label}" if number else label)
            item.setData(KEY_ROLE, key)
            item.setData(LABEL_ROLE, item.text())
            self.agenda.addItem(item)
        self._unbuilt = [key for key, _ in AGENDA]
        self._stale: set[str] = set()  # pages whose last load is older than the session's
        self._loaded = False  # the first load is done: pages built later load when shown
        self.build_next_page()  # Details: the page a review opens on
        style.at_least(self, style.PAGE_POINT_SIZE)
        # A style sheet cuts a widget off from its parent's font, so it gets its own.
        self.agenda.setFont(self.font())
        # Room for a count of flags after the longest label.
        extra = self.agenda.fontMetrics().horizontalAdvance("  \u00b79")
        width = self.agenda.sizeHintForColumn(0) + extra + 2 * style.MARGIN
        self.agenda.setFixedWidth(max(width, 220))
        self._browsing = False  # the agenda's own arrow keys are moving its current row
        self._entered = False  # the view has been shown, and its page given the keyboard
        self.agenda.installEventFilter(self)
        self.agenda.currentRowChanged.connect(self._go_to_row)
        self.details.title.committed.connect(self._title_committed)
        self.meeting = MeetingBar(self.session, self.agenda, KEY_ROLE, self.live_texts, detail)

        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.heading)
        column.addWidget(self.read_only_notice)
        column.addWidget(self.pages, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        sidebar = QVBoxLayout()
        sidebar.setSpacing(0)
        sidebar.addWidget(self.agenda, 1)
        self.room = RoomPanel(
            self.session, self.current_key, self.show_page, dict(AGENDA), self.meeting
        )
        self.room.setFixedWidth(self.agenda.width())  # a long name wraps, never widens it
        self.room.role_changed.connect(lambda role: self.set_watching(role == "observer"))
        sidebar.addWidget(self.room)
        sidebar.addWidget(self.meeting)
        layout.addLayout(sidebar)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addLayout(column, 1)
        self.language = LanguagePanel(self.flags)
        self.language.setMinimumWidth(PANEL_WIDTH[0])
        self.language.setMaximumWidth(PANEL_WIDTH[1])
        self.language.chosen.connect(self.show_finding)
        self.language_line = QFrame()
        self.language_line.setFrameShape(QFrame.Shape.VLine)
        self.language_line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(self.language_line)
        layout.addWidget(self.language)
        self.flags.findings_changed.connect(self._show_counts)

        self.session.loaded.connect(self._show)
        self._show(detail)
        self._loaded = True
        self.session.detail = detail
        self.show_page("details")
        while all_pages and self.build_next_page():
            pass

    def _add_heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setForeground(style.quiet_color(self.palette()))
        self.agenda.addItem(item)

    def build_next_page(self) -> bool:
        """Builds the next page of the agenda not built yet; False when all are built. A
        page built after the review was shown loads when it is first shown."""
        if not self._unbuilt:
            return False
        key = self._unbuilt.pop(0)
        page = make_page(key, self.session, self.flags, self)
        if isinstance(page, DetailsPage):
            self.details = page
        self._pages[key] = page
        self.pages.addWidget(page)
        if self._loaded:
            self._stale.add(key)
            if self._locked:
                self._lock(key, page, True)
        return bool(self._unbuilt)

    # ---- public ---------------------------------------------------------------------------
    @property
    def title(self) -> str:
        detail = self.session.detail
        return self.details.title.saved or (detail.title if detail else "")

    def built_pages(self) -> list[Page]:
        return list(self._pages.values())

    def page(self, key: str) -> Page:
        while key not in self._pages and self.build_next_page():
            pass
        return self._pages[key]

    def current_key(self) -> str:
        return str(self.agenda.currentItem().data(KEY_ROLE))

    def leave(self) -> None:
        """The review is closed: saving stops, and the others no longer see this window."""
        self.room.leave()
        self.session.close()

    def show_page(self, key: str) -> Page:
        self.page(key)  # built first, if the view is still being built
        self.agenda.setCurrentRow(self._row_of(key))
        return self._pages[key]

    def _row_of(self, key: str) -> int:
        return next(
            i for i in range(self.agenda.count()) if self.agenda.item(i).data(KEY_ROLE) == key
        )

    def show_finding(self, item: OpenFinding) -> bool:
        """Go to the agenda page of a flag and select its words in their field."""
        page = self.show_page(item.place.phase)
        f = item.finding
        return page.select_text(item.place.place, f.start, f.end, item.snippet)

    def language_visible(self) -> bool:
        return not self.language.isHidden()

    def set_language_visible(self, visible: bool) -> None:
        self.language.setVisible(visible)
        self.language_line.setVisible(visible)

    def fit_width(self, window_width: int) -> None:
        """Below COMPACT_BELOW pixels the agenda drops its phase times: at 1,024 the page
        gets some 90 pixels more, which a table of action items needs."""
        self.meeting.fit_agenda(window_width < COMPACT_BELOW)
        self.room.setFixedWidth(self.agenda.width())

    def has_room_for_language(self, window_width: int) -> bool:
        """Whether the page keeps PAGE_ROOM beside the Language panel, and a window this wide
        holds the review with the panel shown without growing."""
        page = PAGE_ROOM * self.fontMetrics().averageCharWidth()
        if window_width - self.agenda.width() - self.language.minimumWidth() < page:
            return False
        # The least width with the panel, worked out rather than tried: showing the panel in a
        # shown window would make the window grow at once.
        panel = self.language.minimumWidth() + self.language_line.sizeHint().width()
        least = self.minimumSizeHint().width() + (0 if self.language_visible() else panel)
        return least <= window_width

    def agenda_text(self, key: str) -> str:
        return str(self.agenda.item(self._row_of(key)).text())

    def focus_page(self) -> QWidget | None:
        """Give the keyboard to the page in view, where it declares (Page.first_focus)."""
        page = self.pages.currentWidget()
        return page.enter() if isinstance(page, Page) else None

    def flush(self) -> bool:
        """Save all pending edits now; False while one could not be saved."""
        return self.session.flush()

    def undo(self) -> bool:
        return self.session.undo()

    def redo(self) -> bool:
        return self.session.redo()

    # ---- private --------------------------------------------------------------------------
    def _go_to_row(self, row: int) -> None:
        key = self.agenda.item(row).data(KEY_ROLE) if row >= 0 else None
        if key is None:
            return
        self.session.flush()
        page = self.page(key)
        self._load_if_stale(key)
        self.pages.setCurrentWidget(page)
        # Entered by a click, Ctrl+PgDown/PgUp or code: the page takes the keyboard, so what
        # is typed next lands in its entry line. Arrows in the agenda keep walking it.
        if not self._browsing:
            self.focus_page()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is not self.agenda or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focus_page()  # Enter on a phase goes into it
            return True
        if plain and event.key() in AGENDA_KEYS:
            self._browsing = True
            try:
                self.agenda.event(event)
            finally:
                self._browsing = False
            return True
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # The first time the review is on screen (opened, or reopened at start-up), its page
        # has the keyboard, not the list that was shown before it.
        if not self._entered and not event.spontaneous():
            self._entered = True
            self.focus_page()

    def _load_if_stale(self, key: str) -> None:
        detail = self.session.detail
        if key not in self._stale or detail is None:
            return
        self._stale.discard(key)
        page = self._pages[key]
        page.load(detail)
        if self._locked:
            set_read_only(page, True)  # the load may have made new editors

    def live_texts(self) -> dict[str, str]:
        """What the pages show now, typing not yet saved included."""
        texts: dict[str, str] = {}
        for key, page in self._pages.items():
            if key not in self._stale:  # a stale page holds the texts of an older load
                texts.update(page.live_texts())
        return texts

    def _show_counts(self) -> None:
        counts = self.flags.counts()
        for row in range(self.agenda.count()):
            item = self.agenda.item(row)
            key, label = item.data(KEY_ROLE), item.data(LABEL_ROLE)
            if key is None:
                continue
            n = counts.get(key, 0)
            item.setText(f"{label}  \u00b7{n}" if n else label)
            item.setToolTip(f"{n} open language flag{'s' if n > 1 else ''}" if n else "")

    def _show(self, detail: ReviewDetail) -> None:
        locked = detail.status == "final" or self.watching
        if self._locked and not locked:
            self._set_read_only(False)  # before the pages load, so their own states win
        # Only the page in view loads now; the others load when they are next shown, so an
        # edit on a review of thousands of rows refreshes one page, not twelve.
        current = self.pages.currentWidget()
        for key, page in self._pages.items():
            if page is current:
                page.load(detail)
                self._stale.discard(key)
            else:
                self._stale.add(key)
        self._set_heading(detail.title, detail.severity)
        if locked:
            self._set_read_only(True)  # after each load: a page may have made new editors
        self.read_only_notice.show_for(final=detail.status == "final", watching=self.watching)

    def set_watching(self, watching: bool) -> None:
        """Open for reading only (an observer, or a second window on the projector): every
        page locked, sign-off included, and the session saves nothing."""
        if watching == self.watching:
            return
        self.flush()  # what was typed before is saved first
        self.watching = self.session.read_only = watching
        if self._locked:
            self._set_read_only(False)  # the exempt pages change with it
        if self.session.detail is not None:
            self._show(self.session.detail)

    def _set_read_only(self, locked: bool) -> None:
        for key, page in self._pages.items():
            self._lock(key, page, locked)
        self._locked = locked

    def _lock(self, key: str, page: Page, locked: bool) -> None:
        if key not in READ_ONLY_EXEMPT or self.watching or not locked:
            set_read_only(page, locked)

    def _title_committed(self, title: str) -> None:
        detail = self.session.detail
        self._set_heading(title, detail.severity if detail else "")

    def _set_heading(self, title: str, severity: str) -> None:
        self.heading.setText(f"[{severity}]  {title}" if severity else title)
        self.title_changed.emit(title)
