"""Search in the window: every review (Ctrl+Shift+F) or the open one (Ctrl+F), results as one
types, and Enter jumps to the hit's page and row with the matched words selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.factors.menu import factor_tags
from clearsight.ui.factors.page import FactorsPage
from clearsight.ui.pages.details import DetailsPage
from clearsight.ui.pages.tags_panel import TagsPanel
from clearsight.ui.search.dialog import SearchDialog
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.timeline.page import TimelinePage
from tests.gui.helpers_keys import focused, type_text
from tests.gui.helpers_themes import open_demo


def _dialog(window: MainWindow) -> SearchDialog:
    dialog = window.findChild(SearchDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_search_all_reviews_as_one_types_and_jump_to_the_row(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    demo = add_demo(service)
    other = service.reviews.create_review("Search cluster ran out of disk", "SEV-3")
    service.tags.tag(other, "service: search")
    window.extras.search.all_action.trigger()
    dialog = _dialog(window)
    qtbot.waitUntil(lambda: focused() is dialog.query)
    type_text(qtbot, "CHG-7781 rolls")
    qtbot.waitUntil(lambda: dialog.results.count() > 0)  # after the pause in typing
    hits = dialog.hits()
    assert {h.review_id for h in hits} == {demo}
    assert hits[0].part == "event"
    assert "hit" in dialog.status_line.text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    view = window.review_view
    assert view is not None and view.review_id == demo
    assert view.current_key() == "timeline"
    page = view.page("timeline")
    assert isinstance(page, TimelinePage)
    assert page.selected_ids() == [hits[0].row_id]
    # Nothing found says how to find more; a filter narrows the hits.
    dialog.query.setText("zzzqqq")
    assert dialog.run() == [] and "Nothing found" in dialog.status_line.text()
    dialog.query.setText("disk")
    assert [h.review_id for h in dialog.run()] == [other]
    dialog.severity.setCurrentIndex(dialog.severity.findData("SEV-1"))
    assert dialog.run() == []
    dialog.severity.setCurrentIndex(0)
    dialog.query.setText("pool")
    assert {h.review_id for h in dialog.run()} == {demo}
    dialog.tag.setCurrentIndex(dialog.tag.findData("service: search"))  # the team's tags
    assert dialog.run() == []
    dialog.tag.setCurrentIndex(0)
    dialog.person.setText("kenji")  # who took part or owns an action
    assert {h.review_id for h in dialog.run()} == {demo}
    dialog.person.setText("nobody at all")
    assert dialog.run() == []
    dialog.person.clear()
    dialog.when.setCurrentIndex(dialog.when.findData(30))  # the demo's incident is recent
    assert {h.review_id for h in dialog.run()} == {demo}


def test_find_in_this_review_selects_the_words(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    service.reviews.create_review("Another review about checkout", "SEV-3")
    window.extras.search.find_action.trigger()  # Ctrl+F
    dialog = _dialog(window)
    assert not dialog.severity.isVisible()  # one review: no filters
    dialog.query.setText("checkout requests")
    hits = dialog.run()
    assert hits and {h.review_id for h in hits} == {view.review_id}
    summary = next(h for h in hits if h.part == "summary")
    dialog.results.setCurrentRow(hits.index(summary))
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    page = view.page("summary")
    assert view.current_key() == "summary"
    assert page.summary_edit.textCursor().selectedText().lower() == "checkout"


def test_in_the_5_whys_ctrl_shift_f_stays_the_pages_own(
    window: MainWindow, service: Services
) -> None:
    view = open_demo(window, service)
    search = window.extras.search
    assert search.all_action.shortcut().toString() == "Ctrl+Shift+F"
    view.show_page("whys")
    assert search.all_action.shortcut().isEmpty()  # making a factor keeps its key
    view.show_page("timeline")
    assert search.all_action.shortcut().toString() == "Ctrl+Shift+F"


def test_a_factor_seen_in_an_earlier_review_is_named_with_a_link(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    demo = add_demo(service)
    now = service.reviews.create_review("Checkout errors again", "SEV-2")
    assert window.open_review(now)
    view = window.review_view
    assert view is not None
    page = view.show_page("factors")
    assert isinstance(page, FactorsPage)
    page.entry.setFocus()
    qtbot.waitUntil(lambda: focused() is page.entry)
    type_text(qtbot, "Configuration changes skip the canary and reach all instances at once")
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)  # added, and selected
    seen = page.seen_before
    qtbot.waitUntil(seen.isVisible)  # after the selection settles
    assert "Seen before" in seen.text() and "Checkout API returned errors" in seen.text()
    assert "canary" in seen.toolTip()
    earlier = next(f for f in service.reviews.get_review(demo).factors if "canary" in f.text)
    seen.linkActivated.emit(f"{demo}:{earlier.id}")
    view = window.review_view
    assert view is not None and view.review_id == demo
    assert view.current_key() == "factors"
    earlier_page = view.page("factors")
    assert isinstance(earlier_page, FactorsPage)
    assert earlier_page.selected_ids() == [earlier.id]


def test_tags_are_typed_with_suggestions_undone_and_relate_reviews(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    earlier = add_demo(service)
    service.tags.tag(earlier, "service: payments")
    view = open_demo(window, service)
    page = view.show_page("details")
    assert isinstance(page, DetailsPage)
    tags = page.tags
    assert tags.suggestions.stringList() == ["service: payments"]  # the team's, as one types
    tags.entry.setFocus()
    qtbot.waitUntil(lambda: focused() is tags.entry)
    type_text(qtbot, "service: payments")
    qtbot.keyClick(tags.entry, Qt.Key.Key_Return)
    type_text(qtbot, "capacity")
    qtbot.keyClick(tags.entry, Qt.Key.Key_Return)
    shown = [tags.list.item(i).text() for i in range(tags.list.count())]
    assert shown == ["service: payments", "capacity"]
    assert [t.label for t in service.tags.of(view.review_id)] == shown
    tags.list.setFocus()
    tags.list.setCurrentRow(1)
    qtbot.keyClick(tags.list, Qt.Key.Key_Delete)
    assert [t.label for t in service.tags.of(view.review_id)] == ["service: payments"]
    assert view.undo()
    assert [t.label for t in service.tags.of(view.review_id)] == shown
    # Found off the window's thread; an earlier look (when the page loaded) may end first.
    with qtbot.waitSignal(tags.related_shown, check_params_cb=bool):
        tags.show_related()
    assert "Related reviews" in tags.related.text() and "service: payments" in tags.related.text()
    tags.related.linkActivated.emit(str(earlier))
    assert window.review_view is not None and window.review_view.review_id == earlier


def test_a_factor_is_tagged_from_its_menu_and_finds_its_kin(
    qtbot: QtBot, window: MainWindow, service: Services
) -> None:
    earlier = add_demo(service)
    canary = next(f for f in service.reviews.get_review(earlier).factors if "canary" in f.text)
    service.tags.tag_factor(canary.id, "trigger: config change")
    view = open_demo(window, service)
    page = view.show_page("factors")
    assert isinstance(page, FactorsPage)
    factor = page.model.factors[0]
    dialog = factor_tags(page, factor.id)  # the menu's Tags... entry
    panel = dialog.findChild(TagsPanel)
    assert panel is not None and panel.suggestions.stringList() == ["trigger: config change"]
    qtbot.waitUntil(lambda: focused() is panel.entry)
    type_text(qtbot, "trigger: config change")
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == [
        "trigger: config change"
    ]
    assert [t.label for t in service.tags.of_factor(factor.id)] == ["trigger: config change"]
    assert view.undo()  # one step, like any edit; the window shows it
    assert service.tags.of_factor(factor.id) == [] and panel.list.count() == 0
    assert view.redo()
    related = service.tags.related(view.review_id)
    assert any("trigger: config change" in r.shared for r in related)
    dialog.close()
