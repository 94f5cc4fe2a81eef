"""From a why to a contributing factor, by menu and by key, with undo; the context menu
of a why."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from clearsight.services.root import Services
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.whys.page import WhysPage
from tests.gui.helpers_whys import (
    OFFSCREEN_POPUP,
    SHIFT_CTRL,
    focus_outline,
    node_id,
    tree,
    whys_page,
)


@pytest.fixture
def page(view: ReviewView, qtbot: QtBot) -> WhysPage:
    return whys_page(view, qtbot)


@pytest.mark.qt_log_ignore(*OFFSCREEN_POPUP)
def test_a_why_becomes_a_contributing_factor_and_undo_takes_it_back(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    rid = page.session.review_id
    tree_id = service.whys.add_tree(rid, "Checkout failed")
    why = service.whys.add_node(tree_id, None, "Config changes skip the canary stage")
    other = service.factors.add_factor(rid, "No pool saturation alert")
    page.session.reload()
    focus_outline(qtbot, page, why)
    menu = page.factor_menu.build(why)
    layers = service.reviews.get_review(rid).layers
    canary = next(x for x in layers if x.name == "Deploy and canary gate")
    [make] = [a for a in menu.actions() if a.text().endswith("Deploy and canary gate")]
    make.trigger()
    factors = service.reviews.get_review(rid).factors
    made = next(f for f in factors if f.id != other)
    assert (made.text, made.layer_id, made.node_ids) == (
        "Config changes skip the canary stage",
        canary.id,
        (why,),
    )
    assert page.model.factors_of(why) == ["Factor 2 \u00b7 Deploy and canary gate"]
    assert page.drawing.info[why].factors == ("Factor 2 \u00b7 Deploy and canary gate",)
    # Link to a factor that exists, from the submenu.
    menu = page.factor_menu.build(why)
    [link_menu] = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert isinstance(link_menu, QMenu)
    [link] = [a for a in link_menu.actions() if "No pool saturation alert" in a.text()]
    link.trigger()
    assert why in next(f for f in service.reviews.get_review(rid).factors if f.id == other).node_ids
    assert page.session.undo()
    assert next(f for f in service.reviews.get_review(rid).factors if f.id == other).node_ids == ()
    assert page.session.undo()
    assert [f.id for f in service.reviews.get_review(rid).factors] == [other]
    assert page.model.factors_of(why) == []
    assert page.session.redo()
    [again] = [f for f in service.reviews.get_review(rid).factors if f.id != other]
    assert again.node_ids == (why,) and again.layer_id == canary.id
    # The keyboard way: Ctrl+Shift+F opens the menu at the why.
    shown: list[QMenu] = []
    page.factor_menu_shown.connect(shown.append)
    qtbot.keyClick(page.outline, Qt.Key.Key_F, SHIFT_CTRL)
    assert shown and shown[0].isVisible()
    assert shown[0].title() == "Make this a contributing factor"
    shown[0].close()


def test_deleting_a_linked_why_keeps_the_factor_and_undo_links_it_again(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    rid = page.session.review_id
    tree_id = service.whys.add_tree(rid, "Checkout failed")
    parent = service.whys.add_node(tree_id, None, "The pool ran out")
    child = service.whys.add_node(tree_id, parent, "Staging has a tenth of the load")
    factor = service.factors.add_factor(
        rid, "Staging cannot show pool exhaustion", None, node_id=child
    )
    service.whys.add_node(tree_id, None, "The alert waited 5 minutes")  # so undo gives new ids
    page.session.reload()
    focus_outline(qtbot, page, parent)
    qtbot.keyClick(page.outline, Qt.Key.Key_Delete)  # the why and its answer
    [kept] = service.reviews.get_review(rid).factors
    assert (kept.id, kept.text, kept.node_ids) == (
        factor,
        "Staging cannot show pool exhaustion",
        (),
    )
    assert [n.text for n in tree(service, page).nodes] == ["The alert waited 5 minutes"]
    assert page.session.undo()
    restored = node_id(service, page, "Staging has a tenth of the load")
    assert restored != child
    assert service.reviews.get_review(rid).factors[0].node_ids == (restored,)
    assert page.model.factors_of(restored) == ["Factor 1"]
    assert page.session.redo()  # the Ref followed the new id: the redo deletes it again
    assert service.reviews.get_review(rid).factors[0].node_ids == ()
    assert page.session.undo()
    assert len(tree(service, page).nodes) == 3


@pytest.mark.qt_log_ignore(*OFFSCREEN_POPUP)
def test_context_menu_offers_the_page_actions(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    why = service.whys.add_node(tree_id, None, "The pool ran out")
    page.session.reload()
    menu = page.shortcuts.menu_for(why)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Is this something the team can change?\u2026" in texts
    assert "Make this a contributing factor" in texts
    assert "Delete (with its answers)" in texts
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["Ask why (add an answer to this)"] == "Tab"
    # The factor submenu outlives being closed while its menu is open, then goes with it.
    [factors] = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert isinstance(factors, QMenu)
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    factors.popup(QPoint(10, 10))
    qtbot.waitUntil(factors.isVisible)
    factors.hide()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shiboken6.isValid(factors)
    menu.hide()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(menu) and not shiboken6.isValid(factors)
