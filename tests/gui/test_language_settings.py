"""Edit > Language settings: a team's own lexicon, edited by keyboard, checked before it is
written, in use at once (the open review's flags too) and again at the next start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clearsight.language.detector import Detector, use_team_lexicon
from clearsight.language.team import RULE_ID, TeamLexicon
from clearsight.services.root import Services
from clearsight.ui import launch
from clearsight.ui.flags.language_settings import LanguageSettingsDialog, use_saved_lexicon
from clearsight.ui.pages.summary import SummaryPage
from clearsight.ui.shell.main_window import MainWindow
from clearsight.ui.shell.review_view import ReviewView

PHRASE = "cowboy deploy"
SENTENCE = "Then a cowboy deploy took the checkout API down."


@pytest.fixture
def lexicon_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Where the lexicon is kept (a folder not made yet); the shipped words again afterwards."""
    path = tmp_path / "team" / "lexicon.toml"
    monkeypatch.setenv("CLEARSIGHT_LEXICON", str(path))
    yield path
    use_team_lexicon(None)


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow, lexicon_path: Path) -> LanguageSettingsDialog:
    """The dialog as the user opens it: Edit > Language settings… (Ctrl+Shift+X)."""
    action = window.extras.language_settings_action
    assert action.shortcut().toString() == "Ctrl+Shift+X"
    assert action in window.menuBar().actions()[1].menu().actions()  # Edit
    action.trigger()
    found = window.findChild(LanguageSettingsDialog)
    assert found is not None
    qtbot.waitExposed(found)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is found.blame.entry)
    return found


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_line(qtbot: QtBot, text: str) -> None:
    """Type ``text`` where the focus is, then Enter."""
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def save_by_keyboard(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def blame_rules(text: str) -> list[str]:
    return [f.rule_id for f in Detector.default().analyse(text)]


def test_phrases_typed_and_saved_by_keyboard_are_written(
    qtbot: QtBot, dialog: LanguageSettingsDialog, lexicon_path: Path
) -> None:
    assert str(lexicon_path) in [w.text() for w in dialog.findChildren(type(dialog.message))]
    type_line(qtbot, "  cowboy   deploy ")
    type_line(qtbot, "yolo push")
    assert dialog.blame.words() == (PHRASE, "yolo push")
    assert dialog.isVisible() and focused() is dialog.blame.entry  # Enter added, not saved
    type_line(qtbot, "Cowboy Deploy")  # listed already: shown, not added twice
    assert dialog.blame.words() == (PHRASE, "yolo push")
    assert "listed already" in dialog.message.text()
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    # Tab past Add to the list, where the repeat selected the phrase listed; Down, Del.
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.blame.list
    assert dialog.blame.list.currentItem().text() == PHRASE
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    assert dialog.blame.words() == (PHRASE,)
    # Never flag: Alt+N goes to its entry line.
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.never.entry
    type_line(qtbot, "Blame Service")
    with qtbot.waitSignal(dialog.finished):
        save_by_keyboard(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = TeamLexicon.load(lexicon_path)
    assert (saved.blame, saved.never) == ((PHRASE,), ("Blame Service",))


def test_a_bad_entry_is_shown_where_it_is_and_nothing_is_written(
    qtbot: QtBot, dialog: LanguageSettingsDialog, lexicon_path: Path
) -> None:
    type_line(qtbot, PHRASE)
    type_line(qtbot, "blame " * 20)  # longer than a phrase may be
    save_by_keyboard(qtbot)
    assert dialog.isVisible()
    assert "Flag as blame, item 2" in dialog.message.text()
    assert "too long" in dialog.message.text()
    assert focused() is dialog.blame.list and dialog.blame.list.currentRow() == 1
    assert not lexicon_path.exists()
    assert RULE_ID not in blame_rules(SENTENCE)


def test_a_class_word_the_scorer_cannot_take_is_refused(
    qtbot: QtBot, dialog: LanguageSettingsDialog, lexicon_path: Path
) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.kind
    qtbot.keyClick(focused(), Qt.Key.Key_End)  # the last kind: a purpose
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # harm
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # a system
    assert dialog.kind.currentData() == "SYSTEM"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.classes["SYSTEM"].entry
    type_line(qtbot, "nightwatch")
    type_line(qtbot, "the big red button")  # four words: the scorer takes one to three
    save_by_keyboard(qtbot)
    assert dialog.isVisible()
    assert "A system" in dialog.message.text() and "one to three words" in dialog.message.text()
    assert focused() is dialog.classes["SYSTEM"].list
    assert dialog.classes["SYSTEM"].list.currentRow() == 1
    assert not lexicon_path.exists()
    # Removed, the rest saves.
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    with qtbot.waitSignal(dialog.finished):
        save_by_keyboard(qtbot)
    assert TeamLexicon.load(lexicon_path).classes == {"SYSTEM": ("nightwatch",)}


def test_a_saved_phrase_is_flagged_in_the_open_review(
    qtbot: QtBot, window: MainWindow, service: Services, review_id: int, lexicon_path: Path
) -> None:
    service.reviews.set_field(review_id, "summary", SENTENCE)
    assert window.open_review(review_id)
    view = window.review_view
    assert isinstance(view, ReviewView)
    page = view.show_page("summary")
    assert isinstance(page, SummaryPage)
    qtbot.waitUntil(lambda: not view.flags.pending)
    assert RULE_ID not in [x.finding.rule_id for x in view.flags.found]

    window.extras.language_settings_action.trigger()
    dialog = window.findChild(LanguageSettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.blame.entry)
    type_line(qtbot, PHRASE)
    with qtbot.waitSignal(view.flags.findings_changed):
        save_by_keyboard(qtbot)
    assert RULE_ID in [x.finding.rule_id for x in view.flags.found]
    assert RULE_ID in [f.rule_id for f in view.flags.findings_in(SENTENCE, "summary", "summary")]
    assert RULE_ID in blame_rules(SENTENCE)
    assert RULE_ID in blame_rules("Shipped it as a cowboy deploy.")


def test_start_up_uses_the_saved_lexicon(lexicon_path: Path) -> None:
    TeamLexicon(blame=(PHRASE,), classes={"AGENT": ("sherpa",)}).save(lexicon_path)
    assert use_saved_lexicon() is None
    assert RULE_ID in blame_rules(SENTENCE)


def test_a_bad_lexicon_at_start_up_is_shown_once_and_the_app_goes_on(
    qtbot: QtBot, service: Services, lexicon_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lexicon_path.parent.mkdir()
    lexicon_path.write_text('[blame]\nphrases = ["cowboy deploy"]\n[clases]\n', encoding="utf-8")
    codes: list[int] = []
    window = launch.start_main_window(lambda: service, codes.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.new_action.isEnabled())
    assert "language settings" in window.banner.text and "clases" in window.banner.text
    assert not codes
    assert any("team lexicon not used" in r.getMessage() for r in caplog.records)
    assert RULE_ID not in blame_rules(SENTENCE)  # the shipped words only
    window.close()
