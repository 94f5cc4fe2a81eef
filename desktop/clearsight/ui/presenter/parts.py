"""The presenter window's parts: the enlarged timeline strip, the screen it goes on, the
language flags as rich text, and what a phase shows besides the review itself."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QRegion, QResizeEvent, QScreen
from PySide6.QtWidgets import QSizePolicy, QWidget

from clearsight.errors import UserError
from clearsight.record.presenter_html import Extras, Marker
from clearsight.review.data import ReviewDetail
from clearsight.ui import style
from clearsight.ui.editing.session import ReviewSession
from clearsight.ui.timeline.strip import TimelineStrip

if TYPE_CHECKING:
    from clearsight.language.findings import Finding

STRIP_SCALE = 1.8  # the timeline strip, drawn at its page size, enlarged this much
# At most this share of the window's height: below it the events, the marked ones first.
# (On a 1,024 x 768 projector the strip's flags stack into more rows and took 43%.)
STRIP_SHARE = 0.28


def choose_screen(screens: list[QScreen], current: QScreen | None) -> tuple[QScreen | None, bool]:
    """(the screen to present on, is it a second screen?)."""
    others = [s for s in screens if s is not current]
    if others:
        return others[0], True
    return current or (screens[0] if screens else None), False


class ScaledStrip(QWidget):
    """The timeline page's strip, drawn larger: the strip is laid out at ``1/scale`` of this
    width and painted through a scaled painter, so its marks and labels grow together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Timeline strip")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.strip = TimelineStrip()
        self.strip.setParent(self)
        self.strip.hide()  # painted through this widget, never shown itself
        font = QFont(self.strip.font())
        font.setPointSizeF(style.BASE_POINT_SIZE)  # its time labels
        self.strip.setFont(font)
        self.scale = self.wanted = STRIP_SCALE
        self.room = 0  # the most height it takes, in pixels (0: no limit)
        self._events: tuple[Any, Any] | None = None

    def set_events(self, detail: ReviewDetail, scale: float, room: int = 0) -> None:
        """``scale``: the enlargement wanted; less where the strip would be taller than
        ``room`` (down to the page's own size)."""
        from clearsight.timeline.zones import zone

        try:
            where = zone(detail.display_zone)
        except ValueError:
            where = zone("UTC")
        self.wanted, self.room = scale, room
        self._events = (list(detail.events), where)
        self._layout()

    def _layout(self) -> None:
        if self._events is None:
            return
        scale = self.wanted
        while True:
            # A smaller scale lays the strip out wider, in fewer rows of flags: shorter twice.
            self.strip.resize(max(200, int(self.width() / scale)), self.strip.height())
            self.strip.set_events(*self._events)
            height = int(self.strip.sizeHint().height() * scale)
            if not self.room or height <= self.room or scale <= 1.0:
                break
            scale = max(1.0, scale * 0.9)
        self.scale = scale
        self.setFixedHeight(height)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = self.strip.sizeHint()
        return QSize(int(hint.width() * self.scale), int(hint.height() * self.scale))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._layout()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.scale(self.scale, self.scale)
        self.strip.render(painter, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
        painter.end()


class PhaseData:
    """What a phase shows that a ReviewDetail does not hold, fetched once per stored review."""

    def __init__(self, session: ReviewSession) -> None:
        self.session = session
        self._cache: dict[str, Any] = {}
        self._cached_for: ReviewDetail | None = None

    def forget(self) -> None:
        self._cached_for = None

    def extras(self, key: str, detail: ReviewDetail, mark: Marker) -> Extras:
        stored = self.session.detail
        if stored is not self._cached_for:
            self._cache = {}
            self._cached_for = stored
        today = datetime.now(UTC).date()
        extras = Extras(mark=mark, today=today)
        if key == "prior_actions":
            if "prior" not in self._cache:
                self._cache["prior"] = self._fetch(
                    lambda: self.session.service.actions.prior_open_actions(detail.id, today)
                )
            extras.prior = self._cache["prior"]
        elif key == "signoff":
            if "signoffs" not in self._cache:
                self._cache["signoffs"] = self._fetch(lambda: self._signoffs(detail.id))
            extras.signoffs = self._cache["signoffs"]
        elif key == "ground_rules":
            extras.ground_rules = ground_rules()
        return extras

    def _signoffs(self, review_id: int) -> list[dict[str, Any]]:

        form = self.session.service.records.export_review(review_id)
        return list(form["review"].get("signoffs", []))

    @staticmethod
    def _fetch(read: Any) -> Any:
        try:
            return read()
        except UserError:
            return []  # the window's banner reports the store's problems


def flagged_html(text: str, findings: Sequence[Finding], base: QColor) -> str:
    """``text`` as HTML with each finding tinted over ``base`` and underlined."""
    parts, at = [], 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < at:
            continue
        fill = style.BLAME_FILL if f.severity == "blame" else style.CAUTION_FILL
        parts.append(html.escape(text[at : f.start]))
        parts.append(
            f'<span style="background-color: {_blend(fill, base)}; '
            f'text-decoration: underline;">{html.escape(text[f.start : f.end])}</span>'
        )
        at = f.end
    parts.append(html.escape(text[at:]))
    return "".join(parts)


def _blend(rgba: tuple[int, int, int, int], base: QColor) -> str:
    """A translucent flag fill over ``base``, as an opaque colour rich text can show."""
    r, g, b, a = rgba
    mix = a / 255
    return QColor(
        round(r * mix + base.red() * (1 - mix)),
        round(g * mix + base.green() * (1 - mix)),
        round(b * mix + base.blue() * (1 - mix)),
    ).name()


def ground_rules() -> tuple[tuple[str, str], ...]:
    """The ground rules in the words of the ground rules page."""
    try:
        from clearsight.ui.pages.ground_rules import RULES
    except ImportError:  # the page is not there: the plan's words
        return (
            ("We look at the system, not at people.", ""),
            ("Everyone acted on what they knew at the time.", ""),
            ("Hindsight is not foresight.", ""),
        )
    return tuple(RULES)
