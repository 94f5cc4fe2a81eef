"""A team's own words: phrases that are blame in its language, phrases never flagged, and extra
words for the scorer's word classes. Kept as a small TOML file in the data folder, edited in
the window (Edit > Language settings) or by hand, read by ``clearsight lint`` too.

    [blame]
    phrases = ["cowboy deploy", "yolo push"]      # flagged as blame, with the team's reason
    reason = "Our team agreed this phrase blames whoever deployed."
    [never]
    phrases = ["fault injection", "Blame Service"]  # never flagged (product names, quotes)
    [classes]
    AGENT = ["sherpa"]                             # a role name in this team
    SYSTEM = ["nightwatch"]                        # a system's name that reads like a person
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from clearsight.errors import InputError
from clearsight.language.findings import Finding
from clearsight.language.patterns import trie

FILE_NAME = "lexicon.toml"
ENV = "CLEARSIGHT_LEXICON"  # another file than the data folder's, e.g. one kept in a repository
RULE_ID = "team.blame"
MAX_PHRASE = 80
MAX_CLASS_WORDS = 3  # the scorer looks phrases up by two and three words
# Only the scorer's own classes can grow; a typo in a class name is an error, not a new class.
EXTENSIBLE = ("AGENT", "SELF", "SLIP", "SLIP_VERB", "OMIT", "JUDGE", "COMPETENT", "PUNISH",
              "BLAME", "SYSTEM", "HARM", "PURPOSE")  # fmt: skip
DEFAULT_REASON = "Your team's lexicon lists this phrase as blame."
QUESTION = "What in the system made this possible, whoever was at the keyboard?"
_PHRASE = re.compile(r"[^\x00-\x1f\[\]{}\\]+")


@dataclass(frozen=True)
class TeamLexicon:
    blame: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    classes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    reason: str = DEFAULT_REASON

    @property
    def empty(self) -> bool:
        return not (self.blame or self.never or any(self.classes.values()))

    @classmethod
    def parse(cls, text: str, source: str) -> TeamLexicon:
        """Read a team lexicon; ``InputError`` names the line or the key of every problem."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise InputError(source, [str(err)]) from None
        problems: list[str] = []
        unknown = sorted(set(data) - {"blame", "never", "classes"})
        if unknown:
            problems.append(f"unknown table(s) {', '.join(unknown)} (use blame, never, classes)")
        blame = _phrases(data, "blame", problems)
        never = _phrases(data, "never", problems)
        reason = (
            data.get("blame", {}).get("reason", DEFAULT_REASON)
            if isinstance(data.get("blame"), dict)
            else DEFAULT_REASON
        )
        if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
            problems.append("blame.reason: one line of text")
            reason = DEFAULT_REASON
        classes: dict[str, tuple[str, ...]] = {}
        raw = data.get("classes", {})
        if not isinstance(raw, dict):
            problems.append("classes: must be a table of word lists")
            raw = {}
        for name, words in raw.items():
            if name not in EXTENSIBLE:
                problems.append(f"classes.{name}: unknown class (one of {', '.join(EXTENSIBLE)})")
                continue
            classes[name] = _words(words, f"classes.{name}", problems)
            for n, entry in enumerate(classes[name]):
                if len(entry.split()) > MAX_CLASS_WORDS:
                    problems.append(
                        f"classes.{name}[{n}]: {entry[:40]!r} is not one to three words"
                    )
        if problems:
            raise InputError(source, problems)
        return cls(blame, never, classes, reason.strip())

    @classmethod
    def load(cls, path: Path) -> TeamLexicon:
        """The lexicon in ``path``; an empty one when there is no such file."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(str(path), [f"cannot read: {err}"]) from None
        return cls.parse(text, str(path))

    def to_toml(self) -> str:
        lines = ["# Clearsight team lexicon: see Edit > Language settings.", "", "[blame]"]
        lines.append(f"phrases = {_toml_list(self.blame)}")
        if self.reason != DEFAULT_REASON:
            lines.append(f"reason = {_toml_str(self.reason)}")
        lines += ["", "[never]", f"phrases = {_toml_list(self.never)}", "", "[classes]"]
        lines += [f"{name} = {_toml_list(words)}" for name, words in self.classes.items() if words]
        return "\n".join(lines) + "\n"

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half of one."""
        self.parse(self.to_toml(), str(path))  # never write what cannot be read back
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lexicon-", suffix=".toml", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(self.to_toml())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class TeamRules:
    """The lexicon compiled: blame phrases as findings, never-phrases as a veto."""

    def __init__(self, lexicon: TeamLexicon) -> None:
        self.lexicon = lexicon
        self._blame = _pattern(lexicon.blame)
        self._never = _pattern(lexicon.never)

    def findings(self, lowered: str, offset: int) -> list[Finding]:
        if self._blame is None:
            return []
        return [
            Finding(
                start=offset + m.start(),
                end=offset + m.end(),
                rule_id=RULE_ID,
                category="team",
                severity="blame",
                family="blame",
                why=self.lexicon.reason,
                question=QUESTION,
            )
            for m in self._blame.finditer(lowered)
        ]

    def spare(self, found: list[Finding], lowered: str, offset: int) -> list[Finding]:
        """``found`` without the findings that touch a never-flagged phrase."""
        if self._never is None or not found:
            return found
        spans = [(offset + m.start(), offset + m.end()) for m in self._never.finditer(lowered)]
        return [f for f in found if not any(a < f.end and f.start < b for a, b in spans)]


def default_path() -> Path:
    """$CLEARSIGHT_LEXICON, else lexicon.toml in the user's data folder."""
    named = os.environ.get(ENV)
    if named:
        return Path(named).expanduser()
    import platformdirs  # only when a lexicon is asked for

    return Path(platformdirs.user_data_dir("Clearsight", appauthor=False)) / FILE_NAME


def _phrases(data: dict[str, object], table: str, problems: list[str]) -> tuple[str, ...]:
    raw = data.get(table, {})
    if not isinstance(raw, dict):
        problems.append(f"{table}: must be a table with phrases = [...]")
        return ()
    unknown = sorted(set(raw) - {"phrases", "reason"})
    if unknown:
        problems.append(f"{table}: unknown key(s) {', '.join(unknown)}")
    return _words(raw.get("phrases", []), f"{table}.phrases", problems)


def _words(raw: object, where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(raw, list):
        problems.append(f"{where}: must be a list of strings")
        return ()
    out: list[str] = []
    for n, item in enumerate(raw):
        if not isinstance(item, str) or not item.strip():
            problems.append(f"{where}[{n}]: not a word or phrase")
        elif len(item) > MAX_PHRASE or not _PHRASE.fullmatch(item):
            problems.append(f"{where}[{n}]: {item[:40]!r} is too long or holds control characters")
        else:
            out.append(" ".join(item.split()))
    return tuple(dict.fromkeys(out))


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    # Whole words only, any run of spaces between words.
    body = trie(sorted({p.lower() for p in phrases})).replace(re.escape(" "), r"\s+")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"
