"""The presenter (projector) window: it mirrors typing before it is saved, follows the phase
and the stored review, zooms per review, hides language flags unless asked; and themes
repaint the drawings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clearsight import preferences as prefs
from clearsight.record.presenter_html import Extras, phase_html
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui import theme
from clearsight.ui.editing import fields
from clearsight.ui.pages.lessons import LessonsPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.presenter.parts import choose_screen
from clearsight.ui.presenter.window import BODY_POINTS, LIVE_MS, PresenterWindow
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import AGENDA, ReviewView
from clearsight.ui.timeline.page import TimelinePage

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def presenter(window: MainWindow, view: ReviewView) -> PresenterWindow:
    shown = window.extras.open_presenter()
    assert shown is not None
    return shown


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    palette, style = QApplication.palette(), qapp.style().name()
    yield
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("clearsight_theme", None)


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make ``widget`` the active window: its shortcuts answer only then."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def test_f5_opens_full_screen_on_the_only_screen_and_esc_leaves(
    qtbot: QtBot, window: MainWindow, view: ReviewView
) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    view.agenda.setFocus()
    qtbot.keyClick(view.agenda, Qt.Key.Key_F5)
    presenter = window.extras.presenter
    assert presenter is not None
    assert presenter.isFullScreen() and not presenter.on_second_screen
    assert window.extras.presenter_action.isChecked()
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert window.extras.presenter is None
    assert not window.extras.presenter_action.isChecked()
    # F5 again opens it, and F5 in the presenter closes it.
    window.extras.presenter_action.trigger()
    presenter = window.extras.presenter
    assert presenter is not None
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_F5)
    assert window.extras.presenter is None


def test_a_second_screen_is_preferred(qapp: QApplication) -> None:
    here, other = object(), object()
    assert choose_screen([here, other], here) == (other, True)  # type: ignore[list-item,arg-type]
    assert choose_screen([here], here) == (here, False)  # type: ignore[list-item,arg-type]


def test_typing_in_the_summary_shows_before_it_is_saved(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    service: Services,
    review_id: int,
) -> None:
    monkeypatch.setattr(fields, "DEBOUNCE_MS", 60_000)  # no autosave during the test
    assert window.open_review(review_id)
    view = window.review_view
    assert view is not None
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    presenter = window.extras.open_presenter()
    assert presenter is not None
    # The summary had the keyboard (the page gave it); the presenter takes it, and leaving
    # the summary saves it: type once that has happened.
    qtbot.waitUntil(presenter.isActiveWindow)
    assert presenter.phase_title.text() == "Summary & impact"
    assert "No summary yet." in presenter.text()
    qtbot.keyClicks(page.summary_edit, "The pool ran dry at the afternoon peak.")
    assert "pool ran dry" not in presenter.text()  # not once per keystroke: within LIVE_MS
    qtbot.waitUntil(lambda: "The pool ran dry at the afternoon peak." in presenter.text())
    assert page.summary.dirty
    assert service.reviews.get_review(review_id).summary == ""
    assert view.flush()
    assert (
        service.reviews.get_review(review_id).summary == "The pool ran dry at the afternoon peak."
    )
    assert "The pool ran dry" in presenter.text()
    assert LIVE_MS <= 250


def test_the_presenter_follows_the_phase_and_the_stored_review(
    qtbot: QtBot, view: ReviewView, presenter: PresenterWindow
) -> None:
    page = view.show_page("lessons")
    assert isinstance(page, LessonsPage)
    assert presenter.phase_title.text() == "Lessons"
    for heading in ("Went well", "Went poorly", "Where we got lucky"):
        assert heading in presenter.text()
    assert page.lists["lucky"].add("The rollback script was already tested.")
    assert "The rollback script was already tested." in presenter.text()
    view.session.undo()
    assert "rollback script" not in presenter.text()
    view.meeting.step(1)
    assert presenter.phase_title.text() == "Sign-off"
    assert "No approvers named yet." in presenter.text()


def test_the_presenter_shows_the_meeting_clock(
    view: ReviewView, presenter: PresenterWindow
) -> None:
    now = [100.0]
    view.meeting.set_time_source(lambda: now[0])
    view.show_page("ground_rules")
    # Before the meeting starts: the phase's box and the plan, so the room sees the clock.
    assert presenter.phase_clock.text() == "2:00"
    assert presenter.meeting_clock.text() == "Meeting: 60 min planned"
    view.meeting.start()
    now[0] += 150
    view.meeting.update_display()
    assert presenter.phase_clock.text() == "+0:30 over"
    assert presenter.meeting_clock.text() == "Meeting 2:30 of 60:00"
    shown = presenter.phase_clock.palette().color(QPalette.ColorRole.WindowText)
    assert shown == theme.warning_color(presenter.palette())


def test_zoom_is_remembered_per_review(
    qtbot: QtBot, window: MainWindow, view: ReviewView, service: Services
) -> None:
    presenter = window.extras.open_presenter()
    assert presenter is not None
    # The shortcuts answer only in the active window; on a busy machine another test's window
    # can take that for a moment, so the presenter is made active before each key.
    for key in (Qt.Key.Key_Equal, Qt.Key.Key_Equal):
        activate(qtbot, presenter)
        qtbot.keyClick(presenter, key, CTRL)
    assert presenter.zoom == pytest.approx(1.15**2, abs=0.01)
    assert presenter.body.font().pointSizeF() == pytest.approx(BODY_POINTS * 1.15**2, abs=0.1)
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, CTRL)
    assert presenter.zoom == pytest.approx(1.15, abs=0.01)
    uid = presenter.uid
    presenter.close()
    assert float(window.settings.value(prefs.PRESENTER_ZOOM.key_for(uid))) == pytest.approx(
        1.15, abs=0.01
    )
    again = window.extras.open_presenter()
    assert again is not None and again.zoom == pytest.approx(1.15, abs=0.01)
    # Ctrl+- in the main window zooms the projector too (it may be on another screen).
    window.extras.zoom_out_action.trigger()
    assert again.zoom == pytest.approx(1.0, abs=0.01)
    window.extras.zoom_in_action.trigger()
    # Another review has its own size.
    assert window.open_review(service.reviews.create_review("Another", "SEV-4"))
    other = window.extras.open_presenter()
    assert other is not None and other.zoom == 1.0


def test_language_flags_are_hidden_unless_the_setting_shows_them(
    qtbot: QtBot, window: MainWindow, view: ReviewView, presenter: PresenterWindow
) -> None:
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    qtbot.keyClicks(page.summary_edit, "Kenji skipped the canary.")
    qtbot.waitUntil(lambda: "Kenji skipped" in presenter.text())
    shown = str(presenter.body.property("clearsight_html"))
    assert "Kenji skipped the canary." in shown and "background-color" not in shown
    window.extras.flags_action.trigger()
    assert window.settings.value(prefs.PRESENTER_FLAGS.key) in (True, "true")
    shown = str(presenter.body.property("clearsight_html"))
    assert 'text-decoration: underline;">Kenji skipped</span>' in shown


def test_prior_actions_show_the_overdue_items_of_earlier_reviews(
    window: MainWindow, service: Services, review_id: int
) -> None:
    earlier = service.reviews.create_review("Earlier outage", "SEV-3")
    owner = service.people.add_person("Dana Lee")
    service.actions.add_action(earlier, "Add a pool alert", owner_id=owner, due="2020-01-31")
    assert window.open_review(review_id)
    assert window.review_view is not None
    window.review_view.show_page("prior_actions")
    presenter = window.extras.open_presenter()
    assert presenter is not None
    shown = presenter.text()
    assert "Add a pool alert" in shown and "Earlier outage" in shown
    assert "Dana Lee" in shown and "2020-01-31 (overdue)" in shown


def test_every_phase_of_the_demo_renders(service: Services) -> None:
    detail = service.reviews.get_review(add_demo(service))
    extras = Extras(ground_rules=[("Hindsight is not foresight.", "")])
    shown = {key: phase_html(key, detail, extras) for key, _ in AGENDA}
    assert all(shown.values())
    assert shown["whys"].count("<ul>") >= 3  # an indented outline
    assert "Amara Okafor" in shown["actions"]
    assert "Code review" in shown["factors"]
    assert "Hindsight is not foresight." in shown["ground_rules"]


# ---- themes ---------------------------------------------------------------------------------
def colour_distance(a: QColor, b: QColor) -> float:
    return max(abs(a.redF() - b.redF()), abs(a.greenF() - b.greenF()), abs(a.blueF() - b.blueF()))


def axis_line(image: QImage, x: int, y: int, text: QColor) -> QColor:
    """The pixel of the (antialiased) axis line nearest to the text colour."""
    near = [image.pixelColor(x, y + dy) for dy in (-2, -1, 0, 1)]
    return min(near, key=lambda c: colour_distance(c, text))


def text_colour(widget: QWidget) -> str:
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def test_a_theme_switch_repaints_the_strip_in_the_new_palette(
    qtbot: QtBot,
    window: MainWindow,
    view: ReviewView,
    service: Services,
    review_id: int,
    restore_theme: None,
) -> None:
    service.timeline.add_event(review_id, datetime(2026, 3, 15, 14, 0, tzinfo=UTC), "deploy")
    service.timeline.add_event(review_id, datetime(2026, 3, 15, 15, 0, tzinfo=UTC), "rollback")
    view.session.reload()
    page = view.show_page("timeline")
    assert isinstance(page, TimelinePage)
    strip = page.strip
    x, y = strip.width() // 2, strip.height() - 30  # the middle of the axis line
    for name in ("light", "dark"):
        window.extras.choose_theme(name)
        palette = theme.palette_for(name)
        text = palette.color(QPalette.ColorRole.WindowText)
        qtbot.waitUntil(lambda t=text: text_colour(strip) == t.name())  # Qt posts the change
        image = strip.grab().toImage()
        assert image.pixelColor(x, 8) == palette.color(QPalette.ColorRole.Window)
        axis = axis_line(image, x, y, text)
        assert colour_distance(axis, text) < 0.25, (name, axis.name())
    assert theme.current_theme(QApplication.instance()) == "dark"  # type: ignore[arg-type]
    assert window.settings.value(prefs.THEME.key) == "dark"
    assert window.extras.theme_actions["dark"].isChecked()
    # The presenter keeps the highest contrast of the theme: white on the dark background.
    presenter = window.extras.open_presenter()
    assert presenter is not None
    assert presenter.palette().color(QPalette.ColorRole.WindowText) == QColor("#ffffff")
    window.extras.choose_theme("contrast")
    qtbot.waitUntil(
        lambda: presenter.palette().color(QPalette.ColorRole.Window) == QColor("#000000")
    )


def test_the_theme_follows_the_system_by_default(
    qapp: QApplication, settings: QSettings, restore_theme: None
) -> None:
    assert theme.saved_choice(settings) == "system"
    applied = theme.start_theme(qapp, settings)
    # The offscreen platform reports no colour scheme: light.
    expected = "dark" if qapp.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"
    assert applied == expected
    assert qapp.style().name().lower() == "fusion"
    settings.setValue(prefs.THEME.key, "contrast")
    assert theme.start_theme(qapp, settings) == "contrast"
    assert QApplication.palette().color(QPalette.ColorRole.Highlight) == QColor("#ffff00")


def test_leaving_the_review_closes_the_presenter(
    window: MainWindow, presenter: PresenterWindow
) -> None:
    assert window.show_reviews()
    assert window.extras.presenter is None
    assert not window.extras.presenter_action.isEnabled()
