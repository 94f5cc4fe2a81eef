"""Edit > Language settings: a team's own lexicon for the blame detector, kept in a TOML file.

Three parts: phrases to flag as blame (with the reason their flags show), phrases never to
flag, and words that extend the scorer's word classes. Saving checks the lexicon as the file
will read back, writes it, and puts it in use; nothing is written while a problem remains.
``use_saved_lexicon`` puts the saved file in use at start-up (clearsight.ui.launch).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clearsight.errors import InputError
from clearsight.language.detector import use_team_lexicon
from clearsight.language.team import DEFAULT_REASON, EXTENSIBLE, TeamLexicon, default_path
from clearsight.ui import style
from clearsight.ui.editing.word_list import WordList, tidy

log = logging.getLogger(__name__)

# The scorer's classes (resources/lexicons/classes.toml) as a team would name them.
CLASS_LABELS = {
    "AGENT": "A role or a person (sherpa, shift lead)",
    "SELF": "The writer or their own group (we, our squad)",
    "SLIP": "A mistake, as a noun (misclick)",
    "SLIP_VERB": "Doing the wrong thing, as a verb (fat-finger)",
    "OMIT": "Not doing what was expected, as a verb (forget)",
    "JUDGE": "Grading the work (sloppy, careless)",
    "COMPETENT": "Skill or character (clueless, green)",
    "PUNISH": "Punishment or correction (written up)",
    "BLAME": "Putting the cause on something (culprit)",
    "SYSTEM": "A system (a service's or a tool's name)",
    "HARM": "Harm the incident did (outage)",
    "PURPOSE": "A reason given for an action (to unblock, to drain)",
}
FILE_HINT = (
    "Saved in this file, which a team can commit to a repository "
    "(set CLEARSIGHT_LEXICON to the file's path to use it from there):"
)
_PROBLEM = re.compile(
    r"(blame\.phrases|never\.phrases|blame\.reason|classes\.(\w+))(?:\[(\d+)\])?: "
)


def use_lexicon(lexicon: TeamLexicon | None) -> None:
    """``Detector.default()`` flags with ``lexicon`` from now on (None: the shipped words)."""
    use_team_lexicon(lexicon)


def checked(lexicon: TeamLexicon, path: Path) -> TeamLexicon:
    """``lexicon`` as ``path`` will read back; InputError names each problem and its place."""
    return TeamLexicon.parse(lexicon.to_toml(), str(path))


def use_saved_lexicon(path: Path | None = None) -> str | None:
    """At start-up: put the saved lexicon in use. A file that cannot be used is logged and
    left alone, the shipped words are used, and the message for the window is returned."""
    where = path if path is not None else default_path()
    try:
        lexicon = checked(TeamLexicon.load(where), where)
    except InputError as err:
        log.warning("team lexicon not used: %s", err)
        use_lexicon(None)
        return (
            f"Your team's language settings in {where} were not used "
            f"({'; '.join(err.problems)}); the shipped words are. "
            "Fix the file, or open Edit \u203a Language settings."
        )
    use_lexicon(lexicon)
    return None


class LanguageSettingsDialog(QDialog):
    saved = Signal(object)  # the TeamLexicon now written and in use

    def __init__(self, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Language settings")
        style.at_least(self, style.PAGE_POINT_SIZE)
        self.path = path if path is not None else default_path()
        try:
            lexicon, trouble = TeamLexicon.load(self.path), ""
        except InputError as err:
            lexicon = TeamLexicon()
            trouble = (
                "This file could not be read, so the shipped words are in use; saving here "
                "replaces it.\n" + "\n".join(self.describe(p) for p in err.problems)
            )

        self.blame = WordList("phrase to flag", "Type a phrase, then Enter", lexicon.blame)
        self.reason = QLineEdit("" if lexicon.reason == DEFAULT_REASON else lexicon.reason)
        self.reason.setPlaceholderText(DEFAULT_REASON)
        self.reason.setAccessibleName("Reason shown with these flags")
        self.reason.setCursorPosition(0)  # a long reason shows its start, not its end
        self.reason.setToolTip("One line; empty: the default reason shown as grey text")
        self.never = WordList("phrase never flagged", "Type a phrase, then Enter", lexicon.never)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of word")
        self.classes: dict[str, WordList] = {}
        self.class_stack = QStackedWidget()
        for name in EXTENSIBLE:
            self.kind.addItem(CLASS_LABELS.get(name, name.title()), name)
            words = WordList("word", "Type a word, then Enter", lexicon.classes.get(name, ()))
            self.classes[name] = words
            self.class_stack.addWidget(words)
        self.kind.currentIndexChanged.connect(self.class_stack.setCurrentIndex)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        for words in (self.blame, self.never, *self.classes.values()):
            words.note.connect(self._tell)
            words.changed.connect(self.message.hide)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Check and save these words, and flag with them (Ctrl+S)")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)

        reason_label = QLabel("&Reason their flags show:")
        reason_label.setBuddy(self.reason)
        path_label = QLabel(str(self.path))
        path_label.setAccessibleName("Lexicon file")
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path_label.setWordWrap(True)
        columns = QHBoxLayout()
        columns.setSpacing(style.MARGIN)
        columns.addLayout(
            self._part(
                "Flag as &blame",
                "Phrases that blame in your team's language.",
                self.blame.entry,
                self.blame,
                reason_label,
                self.reason,
            ),
            1,
        )
        columns.addLayout(
            self._part(
                "&Never flag",
                "Phrases never flagged, such as product names (Blame Service) or terms of the "
                "trade (fault injection).",
                self.never.entry,
                self.never,
            ),
            1,
        )
        columns.addLayout(
            self._part(
                "&Words for the detector",
                "Your team's words for what the detector knows. Use a word's plain form "
                "(forget, not forgot); one to three words each.",
                self.kind,
                self.kind,
                self.class_stack,
            ),
            1,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING)
        layout.addWidget(style.page_title("Language settings"))
        layout.addWidget(style.hint(FILE_HINT))
        layout.addWidget(path_label)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1200, 620)
        if trouble:
            self._refuse(trouble)
        self.blame.entry.setFocus()

    def _part(self, title: str, hint: str, buddy: QWidget, *widgets: QWidget) -> QVBoxLayout:
        """One column: its title (its Alt+letter goes to ``buddy``), a hint and ``widgets``,
        the lists taking the height."""
        label = style.section_title(title)
        label.setBuddy(buddy)
        column = QVBoxLayout()
        column.setSpacing(style.SPACING // 2)
        column.addWidget(label)
        column.addWidget(style.hint(hint))
        for widget in widgets:
            column.addWidget(widget, 1 if isinstance(widget, WordList | QStackedWidget) else 0)
        return column

    # ---- the lexicon ------------------------------------------------------------------------
    def lexicon(self) -> TeamLexicon:
        """What the dialog holds now."""
        reason = tidy(self.reason.text()) or DEFAULT_REASON
        classes = {name: words.words() for name, words in self.classes.items() if words.words()}
        return TeamLexicon(self.blame.words(), self.never.words(), classes, reason)

    def save(self) -> bool:
        """Check, write and use the lexicon, then close; False (and the dialog stays open, the
        file untouched) when there is a problem, which the dialog shows."""
        try:
            lexicon = checked(self.lexicon(), self.path)
            lexicon.save(self.path)
        except InputError as err:
            self._refuse("Not saved:\n" + "\n".join(self.describe(p) for p in err.problems))
            self._show_place(err.problems[0])
            return False
        except OSError as err:
            self._refuse(f"Not saved: {self.path} cannot be written ({err.strerror or err}).")
            return False
        use_lexicon(lexicon)
        self.saved.emit(lexicon)
        self.accept()
        return True

    # ---- problems ---------------------------------------------------------------------------
    def describe(self, problem: str) -> str:
        """A problem with its place in the dialog's words: 'Never flag, item 2: …'."""
        found = _PROBLEM.match(problem)
        if found is None:
            return problem
        key, name, index = found.groups()
        if key == "blame.reason":
            where = "Flag as blame, the reason"
        elif name is not None:
            where = f"Words for the detector, {CLASS_LABELS.get(name, name)}"
        else:
            where = "Flag as blame" if key.startswith("blame") else "Never flag"
        if index is not None:
            where += f", item {int(index) + 1}"
        return f"{where}: {problem[found.end() :]}"

    def _show_place(self, problem: str) -> None:
        """Select the item the problem names, and put the focus there."""
        found = _PROBLEM.match(problem)
        if found is None:
            return
        key, name, index = found.groups()
        row = int(index) if index is not None else -1
        if key == "blame.reason":
            self.reason.setFocus()
        elif name in self.classes:
            self.kind.setCurrentIndex(list(self.classes).index(name))
            words = self.classes[name]
            quoted = re.search(r"'([^']*)'", problem[found.end() :])  # no index: by its text
            if row < 0 and quoted is not None and quoted.group(1) in words.words():
                row = words.words().index(quoted.group(1))
            words.show_item(row)
        else:
            (self.blame if key.startswith("blame") else self.never).show_item(row)

    def _tell(self, text: str) -> None:
        style.show_message(self.message, text)

    def _refuse(self, text: str) -> None:
        style.show_message(self.message, text, problem=True)
