"""What the 5 Whys page asks: a person as the cause is flagged with the question to ask
instead, and a deep why asks whether the team can change it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clearsight.drawing.tree_layout import PROBLEM
from clearsight.services.root import Services
from clearsight.ui.flags.highlighter import FlagHighlighter
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.whys.model import CAN, OPEN
from clearsight.ui.whys.page import WhysPage
from clearsight.ui.whys.prompt import QUESTION
from tests.gui.helpers_whys import (
    SHIFT_CTRL,
    editor,
    flagged,
    focus_outline,
    node_id,
    tree,
    type_why,
    whys_page,
)


@pytest.fixture
def page(view: ReviewView, qtbot: QtBot) -> WhysPage:
    return whys_page(view, qtbot)


def test_a_person_as_the_cause_is_flagged_with_the_question(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    priya = service.people.add_person("Priya Raman", "priya")
    service.reviews.add_participant(page.session.review_id, priya, "attendee")
    tree_id = service.whys.add_tree(page.session.review_id, "Checkout failed")
    blamed = service.whys.add_node(tree_id, None, "because Priya skipped the check")
    page.session.reload()
    index = page.model.index_of(blamed)
    spans = page.outline.delegate.item_spans(index)
    assert [(s.snippet, s.finding.category) for s in spans] == [
        ("Priya skipped", "person-as-cause")
    ]
    focus_outline(qtbot, page, blamed)
    assert page.reframe.isVisible()
    assert spans[0].finding.question in page.reframe.text()
    qtbot.keyClick(page.outline, Qt.Key.Key_F2)
    edit = editor(page)
    assert flagged(edit) == [(8, 21)]
    [highlighter] = edit.findChildren(FlagHighlighter)
    assert highlighter.place == f"why:{blamed}"
    assert spans[0].finding.question in highlighter.tooltip_at(10)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    focus_outline(qtbot, page, PROBLEM)
    assert page.reframe.isHidden()
    # The Language panel lists it, and its jump opens the why with the words selected.
    view = page.parentWidget()
    while not isinstance(view, ReviewView):
        view = view.parentWidget()
    qtbot.waitUntil(lambda: any(r.place.place == f"why:{blamed}" for r in view.flags.found))
    found = next(r for r in view.flags.found if r.place.place == f"why:{blamed}")
    view.show_page("summary")
    assert view.show_finding(found)
    assert view.current_key() == "whys"
    assert editor(page).textCursor().selectedText() == "Priya skipped"


def test_five_deep_asks_whether_the_team_can_change_it(
    qtbot: QtBot, page: WhysPage, service: Services
) -> None:
    service.whys.add_tree(page.session.review_id, "Checkout failed")
    page.session.reload()
    focus_outline(qtbot, page, PROBLEM)
    qtbot.keyClick(page.outline, Qt.Key.Key_Tab)
    for n in range(1, 5):
        type_why(qtbot, page, f"answer {n}", Qt.Key.Key_Tab)
        assert page.prompt.isHidden()
    type_why(qtbot, page, "Staging has no production-shaped load test", Qt.Key.Key_Return)
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)
    fifth = node_id(service, page, "Staging has no production-shaped load test")
    assert page.model.depth(fifth) == 5
    assert page.prompt.isVisible() and page.prompt.key == fifth
    assert page.prompt.question.text() == QUESTION
    assert page.model.status(fifth) == ("open", OPEN)
    # Alt+Y answers from where the typing is.
    focus_outline(qtbot, page, fifth)
    qtbot.keyClick(page.outline, Qt.Key.Key_Return)
    qtbot.keyClick(editor(page), Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.prompt.isHidden)
    assert tree(service, page).nodes[-1].changeable is True
    assert page.model.status(fifth) == ("can", CAN)
    assert page.drawing.info[fifth].status == "can"
    assert page.session.undo()
    assert tree(service, page).nodes[-1].changeable is None

    # Asked for, on a shallower why: the keyboard lands on Yes; No asks why again at once.
    second = node_id(service, page, "answer 2")
    service.whys.delete_node(node_id(service, page, "answer 3"))
    page.session.reload()
    focus_outline(qtbot, page, second)
    qtbot.keyClick(page.outline, Qt.Key.Key_C, SHIFT_CTRL)
    assert page.prompt.isVisible() and page.prompt.yes_button.hasFocus()
    page.prompt.no_button.click()
    stored = {n.id: n.changeable for n in tree(service, page).nodes}
    assert stored[second] is False
    assert page.model.pending is not None and page.model.pending.parent == second
    assert page.outline.editor() is not None
    qtbot.keyClick(editor(page), Qt.Key.Key_Escape)
    assert "ask why again" in page.model.status(second)[1]
