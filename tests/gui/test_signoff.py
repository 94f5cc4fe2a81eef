"""The sign-off page: the gate as links, approvers signing, the final record, reopening;
and the ground rules page, large for the room."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox
from pytestqt.qtbot import QtBot

from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.pages.ground_rules import RULES, GroundRulesPage
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView
from clearsight.ui.signoff.approvers import NO_KEY
from clearsight.ui.signoff.page import NO_KEYRING, SignoffPage
from clearsight.ui.timeline.page import TimelinePage
from tests.helpers.signing import own_key


def signoff_page(view: ReviewView) -> SignoffPage:
    page = view.show_page("signoff")
    assert isinstance(page, SignoffPage)
    return page


@pytest.fixture
def demo(window: MainWindow, service: Services) -> ReviewView:
    assert window.open_review(add_demo(service))
    assert window.review_view is not None
    return window.review_view


def confirm_sign(qtbot: QtBot, view: ReviewView, page: SignoffPage, person_id: int) -> str:
    """Press the approver's Sign off button and the confirmation's Sign off; the question."""
    qtbot.mouseClick(page.sign_buttons[person_id], Qt.MouseButton.LeftButton)
    box = page.confirmation
    assert box is not None and box.isVisible()
    question = f"{box.text()}\n{box.informativeText()}"
    sign = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(view.session.loaded):
        qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    return question


def make_my_key(qtbot: QtBot, view: ReviewView, page: SignoffPage, label: str) -> None:
    """Press "Make my signing key...", choose who this computer signs as, and accept."""
    qtbot.mouseClick(page.approvers.key_button, Qt.MouseButton.LeftButton)
    dialog = page.key_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setTextValue(label)
    with qtbot.waitSignal(view.session.loaded):
        dialog.accept()


def test_a_bare_review_lists_what_blocks_and_each_item_goes_where_it_is_fixed(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    page = signoff_page(view)
    blocking = page.blocking.texts()
    assert "The summary is empty." in blocking
    assert "The timeline has no detected mark." in blocking
    assert any(t.startswith("No approvers") for t in blocking)
    assert any(t.startswith("No 5 Whys tree") for t in page.warnings.texts())
    assert page.status.text().startswith("Not ready: 5 items block")
    assert page.blocking.isVisible() and page.warnings.isVisible()

    # A click on the item's link goes to the phase and puts the cursor in the empty field.
    summary_item = blocking.index("The summary is empty.")
    label = page.blocking.labels[summary_item]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(8, label.height() // 2))
    assert view.current_key() == "summary"
    summary = view.page("summary")
    assert isinstance(summary, SummaryPage)
    qtbot.waitUntil(summary.summary_edit.hasFocus)
    page = signoff_page(view)
    page.blocking.choose(page.blocking.texts().index("The timeline has no detected mark."))
    assert view.current_key() == "timeline"

    # Fixing an item takes it off the list as soon as the change is stored.
    page = signoff_page(view)
    person = service.people.add_person("Lena Fischer", "lfischer")
    service.reviews.add_participant(view.review_id, person, "approver")
    service.reviews.set_field(
        view.review_id, "summary", "Checkout failed in eu-west for 47 minutes."
    )
    view.session.reload()
    assert "The summary is empty." not in page.blocking.texts()
    assert not any(t.startswith("No approvers") for t in page.blocking.texts())
    # Something still blocks, so the approver's button cannot be pressed.
    assert not page.sign_buttons[person].isEnabled()
    assert page.approver_state(person) == "Not signed yet."


def test_blame_in_the_gate_selects_the_words(
    qtbot: QtBot, view: ReviewView, service: Services
) -> None:
    service.reviews.set_field(
        view.review_id, "summary", "The rollout failed because Bob forgot to check."
    )
    view.session.reload()
    qtbot.waitUntil(lambda: bool(view.flags.found))
    page = signoff_page(view)
    texts = page.blocking.texts()
    blame = next(n for n, t in enumerate(texts) if t.startswith("Blame in Summary"))
    page.blocking.choose(blame)
    summary = view.page("summary")
    assert isinstance(summary, SummaryPage)
    assert view.current_key() == "summary"
    selected = summary.summary_edit.textCursor().selectedText()
    assert selected and selected in texts[blame]


def test_approvers_sign_the_demo_review_final_then_reopened(
    qtbot: QtBot, demo: ReviewView, service: Services
) -> None:
    view = demo
    rid = view.review_id
    page = signoff_page(view)
    assert page.status.text().startswith("Ready to sign")
    assert not page.blocking.isVisible()
    assert not page.warnings.texts()  # the demo's dates follow the calendar: nothing to look at
    lena, diego = service.reviews.get_review(rid).people_in("approver")
    timeline = view.page("timeline")
    assert isinstance(timeline, TimelinePage)
    triggers = timeline.table.editTriggers()
    assert triggers != QAbstractItemView.EditTrigger.NoEditTriggers
    # No one's key is on this computer yet: no one can sign here, and the page says why.
    assert page.keyring_box.isVisible() and page.keyring_note.text() == NO_KEY
    assert not any(b.isEnabled() for b in page.sign_buttons.values())
    assert "No signing key yet" in page.approvers.keys[lena.id].text()

    # Lena makes her key on this computer; only her button is pressed here.
    make_my_key(qtbot, view, page, lena.label)
    assert page.keyring_note.text().startswith("This computer signs as Lena Fischer (SHA256:")
    assert not page.approvers.key_button.isVisible()
    assert "this computer holds it" in page.approvers.keys[lena.id].text()
    assert page.sign_buttons[lena.id].isEnabled()
    assert not page.sign_buttons[diego.id].isEnabled()
    question = confirm_sign(qtbot, view, page, lena.id)
    assert "cannot be undone" in question and "reopened" in question
    state = page.approver_state(lena.id)
    assert "Signed as approver" in state and "UTC" in state and "Ed25519" in state
    assert not page.sign_buttons[lena.id].isEnabled()
    assert service.reviews.get_review(rid).status == "in_review"
    assert not view.read_only_notice.isVisible()

    # Diego signs on his own computer (the same shared database); the window follows.
    service.signoff.sign_off(rid, diego.id, own_key(service, diego.id))
    view.session.reload()
    assert "they sign on their own computer" in page.approvers.keys[diego.id].text()
    assert service.reviews.get_review(rid).status == "final"
    assert page.status.text().startswith("Final")
    assert page.digest == service.signoff.record_digest(rid) == page.digest_label.toolTip()
    assert page.digest[:8] in page.digest_label.text()
    assert page.reopen_button.isVisible()
    assert not any(b.isVisible() for b in page.sign_buttons.values())

    # Every other page is read-only: typing does nothing and no refused save piles up.
    assert view.read_only_notice.isVisible()
    summary = view.show_page("summary")
    assert isinstance(summary, SummaryPage)
    before = summary.summary_edit.toPlainText()
    assert summary.summary_edit.isReadOnly()
    qtbot.keyClicks(summary.summary_edit, "more")
    assert summary.summary_edit.toPlainText() == before
    assert view.session.flush()
    assert view.session.problems() == []
    assert view.details.title_edit.isReadOnly()
    assert not view.details.status_combo.isEnabled()
    assert timeline.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert service.reviews.get_review(rid).status == "final"
    qtbot.mouseClick(view.read_only_notice.go_button, Qt.MouseButton.LeftButton)
    assert view.current_key() == "signoff"

    # Reopening needs a reason, voids both signatures and keeps them in the history.
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    dialog = page.reopen_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.reopen_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.reopen_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "The peak error rate was wrong")
    with qtbot.waitSignal(view.session.loaded):
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert service.reviews.get_review(rid).status == "in_review"
    assert page.approver_state(lena.id) == "Not signed yet."
    assert page.sign_buttons[lena.id].isEnabled()
    assert "The peak error rate was wrong" in page.history.text()
    assert page.history.isVisible()
    signoffs = service.records.export_review(rid)["review"]["signoffs"]
    assert len(signoffs) == 2 and all(s["voided_at"] for s in signoffs)
    assert not view.read_only_notice.isVisible()
    assert not summary.summary_edit.isReadOnly()
    assert view.details.title_edit.isEnabled() and not view.details.title_edit.isReadOnly()
    assert view.details.status_combo.isEnabled()
    assert timeline.table.editTriggers() == triggers


def test_without_a_keyring_no_one_signs_here_and_the_page_says_why(
    qtbot: QtBot, demo: ReviewView, service: Services
) -> None:
    keyring.set_keyring(fail.Keyring())  # the autouse fixture puts the memory keyring back
    page = signoff_page(demo)
    page.refresh()
    assert page.keyring_box.isVisible()
    assert page.keyring_note.text() == NO_KEYRING
    assert not page.approvers.key_button.isVisible()
    assert not any(b.isEnabled() for b in page.sign_buttons.values())
    lena = service.reviews.get_review(demo.review_id).people_in("approver")[0]
    assert not page.make_key(lena)
    assert "No keyring" in page.message.text()
    assert service.records.export_review(demo.review_id)["review"]["signoffs"] == []


def test_cancelling_the_confirmation_signs_nothing(
    qtbot: QtBot, demo: ReviewView, service: Services
) -> None:
    page = signoff_page(demo)
    lena = service.reviews.get_review(demo.review_id).people_in("approver")[0]
    make_my_key(qtbot, demo, page, lena.label)
    qtbot.mouseClick(page.sign_buttons[lena.id], Qt.MouseButton.LeftButton)
    box = page.confirmation
    assert box is not None
    with qtbot.waitSignal(box.finished):
        box.button(QMessageBox.StandardButton.Cancel).click()
    assert service.records.export_review(demo.review_id)["review"]["signoffs"] == []
    assert page.approver_state(lena.id) == "Not signed yet."


def test_ground_rules_are_large_and_few(view: ReviewView, qtbot: QtBot) -> None:
    page = view.show_page("ground_rules")
    assert isinstance(page, GroundRulesPage)
    assert 5 <= len(RULES) <= 7
    assert len(page.texts()) == len(RULES)
    for card in page.cards:
        assert card.rule.font().pointSizeF() >= 20
        assert card.meaning.font().pointSizeF() >= 20
        # A line the eye can follow: at most about 60 characters.
        assert card.width() / card.meaning.fontMetrics().averageCharWidth() <= 61
    assert any("hindsight" in t.lower() for t in page.texts())
    view.window().resize(1900, 1000)
    qtbot.waitUntil(lambda: page.columns == 2)
    view.window().resize(900, 700)
    qtbot.waitUntil(lambda: page.columns == 1)
