"""The presenter (projector) window: the current phase, read-only, large, with the meeting clock.

It mirrors the review view of the same process: the phase chosen in the agenda, the stored
review after every reload, and what the notetaker is typing before it is saved (each text
widget's ``textChanged``, at most every ``LIVE_MS``, reading the pages' ``live_texts``).
On a second screen when there is one, otherwise full screen over the window; Esc or F5
closes it. Ctrl+= and Ctrl+- zoom, remembered per review.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QFrame,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clearsight import preferences as prefs
from clearsight.record.presenter_html import Look, live_detail, phase_html, style_sheet
from clearsight.review.data import ReviewDetail
from clearsight.ui import style, theme
from clearsight.ui.editing.prefs import UserPrefs
from clearsight.ui.factors.diagram import SwissDiagram
from clearsight.ui.presenter.header import PresenterHeader
from clearsight.ui.presenter.palette import projector_palette
from clearsight.ui.presenter.parts import (
    STRIP_SCALE,
    STRIP_SHARE,
    PhaseData,
    ScaledStrip,
    choose_screen,
    flagged_html,
)
from clearsight.ui.presenter.typing_watch import TypingWatch

if TYPE_CHECKING:
    from clearsight.ui.shell.review_view import ReviewView

BODY_POINTS = 28.0  # what the back of the room reads (the header's sizes: header.py)
DIAGRAM_SHARE = 0.4  # of the window's height: the Swiss cheese diagram above the factors
DIAGRAM_TEXT = 1.5  # its labels and layer names, larger than on the page
SIDE_MARGIN = 48
# The timeline lists its marked events and at least this many of the newest, scrolling if
# it must (at 3, the newest, All clear, fell below a 1,920 x 1,080 projector's edge).
MIN_EVENTS = 1
LIVE_MS = 200  # typing shows on the projector at most this long after a keystroke
ZOOM_STEP = 1.15
ZOOM_RANGE = (0.5, 3.0)


class PresenterWindow(QWidget):
    closed = Signal()

    def __init__(
        self,
        view: ReviewView,
        settings: QSettings,
        parent: QWidget | None = None,
        show_flags: bool = False,
    ) -> None:
        """``show_flags``: tint the language flags (View > Show language flags on the
        projector; off by default, the room reads the story)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAccessibleName("Presenter view")
        self.view = view
        self.settings = settings
        self.prefs = UserPrefs(self.settings)
        self.on_second_screen = False
        self.show_flags = show_flags
        detail = view.session.detail
        self.uid = detail.uid if detail else str(view.review_id)
        self.zoom = self.prefs.get(prefs.PRESENTER_ZOOM, self.uid)
        self.data = PhaseData(view.session)
        self._tinting = False

        self.header = PresenterHeader()
        self.phase_title = self.header.phase_title  # what the room reads, for the tests
        self.phase_clock = self.header.phase_clock
        self.meeting_clock = self.header.meeting_clock
        self.strip = ScaledStrip()
        self.diagram = SwissDiagram()  # the factors page's drawing, its words enlarged
        self.diagram.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for font in (self.diagram.label_font, self.diagram.name_font, self.diagram.note_font):
            font.setPointSizeF(font.pointSizeF() * DIAGRAM_TEXT)
        self.body = QTextBrowser()
        self.body.setAccessibleName("Presented phase")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setOpenLinks(False)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the window's shortcuts
        # No scroll bars for the room; the wheel and the arrow keys still scroll.
        self.body.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SIDE_MARGIN, 32, SIDE_MARGIN, 32)
        layout.setSpacing(style.MARGIN)
        layout.addWidget(self.header)
        layout.addWidget(self.strip)
        layout.addWidget(self.diagram)
        layout.addWidget(self.body, 1)

        self._actions()
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_MS)
        self._live.timeout.connect(self.refresh)
        view.agenda.currentRowChanged.connect(self.refresh_all)
        view.session.loaded.connect(self.refresh_all)
        view.session.stack.indexChanged.connect(self.schedule)
        view.meeting.ticked.connect(self.update_clock)
        view.title_changed.connect(self.schedule)
        self.typing = TypingWatch(view, view.pages, self.schedule, self)
        self._tint()
        self._apply_zoom()

    # ---- showing --------------------------------------------------------------------------
    def present(self, beside: QWidget) -> None:
        """Show on a screen other than ``beside``'s, or full screen over it."""
        screen, second = choose_screen(QGuiApplication.screens(), beside.screen())
        self.on_second_screen = second
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.availableGeometry())
        self.showFullScreen()
        self.activateWindow()

    def key(self) -> str:
        return self.view.current_key()

    def detail(self) -> ReviewDetail | None:
        """The review as the pages show it now, unsaved typing included."""
        detail = self.view.session.detail
        if detail is None:
            return None
        return live_detail(detail, self.view.live_texts())

    @staticmethod
    def _agenda() -> dict[str, str]:
        # Imported here: the review view loads SQLAlchemy, the main window (importing this
        # module) is shown before that.
        from clearsight.ui.shell.review_view import AGENDA

        return dict(AGENDA)

    def refresh_all(self, *_: object) -> None:
        """The phase or the stored review changed: drop what was fetched for the last one."""
        self.data.forget()
        self.refresh()

    def schedule(self, *_: object) -> None:
        """Refresh soon; typing refreshes at most every LIVE_MS, not once per keystroke."""
        if not self._live.isActive():
            self._live.start()

    def refresh(self) -> None:
        self._live.stop()
        detail = self.detail()
        if detail is None:
            return
        key = self.key()
        self.setWindowTitle(f"{self.view.title} \u2014 presenter")
        severity = f"[{detail.severity}]  " if detail.severity else ""
        self.header.show_phase(f"{severity}{self.view.title}", self._agenda().get(key, key))
        self.strip.setVisible(key == "timeline")
        if key == "timeline":
            room = int(self.height() * STRIP_SHARE)
            self.strip.set_events(detail, STRIP_SCALE * self.zoom, room)
        self.diagram.setVisible(key == "factors" and bool(detail.layers or detail.factors))
        if self.diagram.isVisibleTo(self):
            self.diagram.set_review(detail.layers, detail.factors)
            # As tall as the diagram is at the largest scale that fits its share of the window.
            room = int(self.height() * DIAGRAM_SHARE)
            width = self.width() - 2 * SIDE_MARGIN  # the diagram's own width may be stale
            scale = self.diagram.scale_within(width, room)
            self.diagram.setFixedHeight(min(room, self.diagram.natural_size(scale).height()))
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the body's height below the strip, for _fits
        extras = self.data.extras(key, detail, self._mark)
        extras.diagram = self.diagram.isVisibleTo(self)
        text = phase_html(key, detail, extras)
        if key == "timeline":
            # The room talks about the newest events: as many of them as fit, never cut.
            while extras.last_events > MIN_EVENTS and not self._fits(text):
                extras.last_events -= 1
                text = phase_html(key, detail, extras)
        if text != self.body.property("clearsight_html"):
            bar = self.body.verticalScrollBar()
            same_phase = self.body.property("clearsight_key") == key
            position = bar.value() if same_phase else 0
            self.body.setHtml(text)
            self.body.setProperty("clearsight_html", text)
            self.body.setProperty("clearsight_key", key)
            bar.setValue(position)
        self.update_clock()

    def _fits(self, text: str) -> bool:
        """Whether ``text`` fits the body's height without scrolling."""
        measure = QTextDocument()
        shown = self.body.document()
        measure.setDefaultFont(shown.defaultFont())
        measure.setDefaultStyleSheet(shown.defaultStyleSheet())
        measure.setIndentWidth(shown.indentWidth())
        measure.setDocumentMargin(shown.documentMargin())
        measure.setTextWidth(self.body.viewport().width())
        measure.setHtml(text)
        return measure.size().height() <= self.body.viewport().height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.key() in ("timeline", "factors"):
            self.schedule()

    def text(self) -> str:
        """The presented phase as plain text (what the room reads)."""
        return self.body.toPlainText()

    def update_clock(self) -> None:
        self.header.show_clock(self.view.meeting)

    # ---- language flags -------------------------------------------------------------------
    def _mark(self, text: str, place: str, field: str) -> str:
        """``text`` as HTML, its language flags tinted when the setting shows them."""
        if not self.show_flags or not text:
            return html.escape(text)
        findings = self.view.flags.findings_in(text, place, field)
        return flagged_html(text, findings, self.palette().color(QPalette.ColorRole.Window))

    def set_show_flags(self, shown: bool) -> None:
        self.show_flags = shown
        self.refresh()

    # ---- keys and zoom --------------------------------------------------------------------
    def _actions(self) -> None:
        def action(text: str, slot: Any, *keys: QKeySequence | str) -> QAction:
            act = QAction(text, self)
            # A key listed twice (a standard key is often one of ours) would be ambiguous.
            unique = list(dict.fromkeys(QKeySequence(k).toString() for k in keys))
            act.setShortcuts([QKeySequence(k) for k in unique])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        action("Leave the presenter view", self.close, "Esc", "F5")
        action("Larger text", self.zoom_in, "Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn)
        action("Smaller text", self.zoom_out, "Ctrl+-", QKeySequence.StandardKey.ZoomOut)
        action("Text size as set", lambda: self.set_zoom(1.0), "Ctrl+0")
        action("Next phase", lambda: self.view.meeting.step(1), "Ctrl+PgDown")
        action("Previous phase", lambda: self.view.meeting.step(-1), "Ctrl+PgUp")
        bar = self.body.verticalScrollBar()
        page = QAbstractSlider.SliderAction
        for keys, move in (
            (("PgDown", "Space"), page.SliderPageStepAdd),
            (("PgUp", "Shift+Space"), page.SliderPageStepSub),
            (("Down",), page.SliderSingleStepAdd),
            (("Up",), page.SliderSingleStepSub),
            (("Home",), page.SliderToMinimum),
            (("End",), page.SliderToMaximum),
        ):
            action("Scroll", lambda _=False, m=move: bar.triggerAction(m), *keys)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = round(min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]), 3)
        self.prefs.set(prefs.PRESENTER_ZOOM, self.zoom, self.uid)
        self._apply_zoom()

    def body_points(self) -> float:
        return BODY_POINTS * self.zoom

    def _apply_zoom(self) -> None:
        self.header.set_zoom(self.zoom)
        font = QFont(self.body.font())
        font.setPointSizeF(self.body_points())
        self.body.setFont(font)
        self.body.document().setDefaultFont(font)
        self.body.document().setIndentWidth(self.body_points() * 1.6)
        self._restyle()

    def _restyle(self) -> None:
        palette = self.palette()
        look = Look(
            body_pt=self.body_points(),
            quiet=palette.color(QPalette.ColorRole.PlaceholderText).name(),
            warning=theme.warning_color(palette).name(),
        )
        self.body.document().setDefaultStyleSheet(style_sheet(look))
        self.body.setProperty("clearsight_html", None)  # the style sheet applies at setHtml
        self.refresh()

    # ---- colours --------------------------------------------------------------------------
    def _tint(self) -> None:
        self._tinting = True  # setting the palette is a palette change: not again
        try:
            self.setPalette(projector_palette(QApplication.palette()))
            self.setAutoFillBackground(True)
        finally:
            self._tinting = False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        changes = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in changes and not self._tinting:
            self._tint()
            self._restyle()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.typing.stop()
        self.closed.emit()
        super().closeEvent(event)
