"""The blame and vagueness detector: rules from the lexicon, then a learned scorer, per sentence.

Pure Python and stdlib only, so the GUI highlighter, the CLI and plain unit tests share it.
Work per call: one pass each to mask quotes and names, lower-case and split sentences; then
per sentence its words are intersected with the rules' trigger words, and only the rules those
words name are tried on it. The rules explain (each says why and asks about the system); the
scorer (language/scorer.py) reads the sentence as lemmas and word classes, with the rules' hits
among its features, and decides whether the sentence is blame: it catches forms no rule names,
and it can overrule a rule whose words appear in a blameless sentence. What it finds is kept per
sentence: a keystroke changes one sentence of a field, and long documents repeat sentences.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from clearsight.language.features import Feature, sentence_features
from clearsight.language.findings import FIELDS, Finding
from clearsight.language.learned import Learned, judged, load_learned, rule_keys
from clearsight.language.rules import NAME_TRIGGER, Rule, RuleSet, load_rules
from clearsight.language.scorer import Scored, verdict
from clearsight.language.team import TeamLexicon, TeamRules
from clearsight.language.text import (
    NAME_MARK,
    join_answers,
    lower_same_length,
    mask_names,
    mask_short_quotes,
    name_pattern,
    sentences,
    starts_with_timestamp,
)
from clearsight.resources_access import resource_text

LEXICON = ("lexicons", "en.toml")
_WORD = re.compile(r"\w+")
# The memos' bounds, in sentences and in characters (about a piece of lint's): whatever the text.
VERDICTS_KEPT = 20_000
MEMO_CHARS = 1 << 20
# A rule's spans in a sentence, and whether a guard on the sentence alone kept it quiet.
_Match = tuple[tuple[tuple[int, int], ...], bool]
# A sentence for the memo: masked, lowered, its line opens with a time; the field, vague checks.
_Key = tuple[str, str, bool, str | None, bool]
# A finding's fields, offsets from its sentence's start. The memos hold only tuples of strings
# and numbers, which the garbage collector stops tracking: memos of objects made its passes long.
_Row = tuple[int, int, str, str, str, str, str, str]
_Kept = tuple[tuple[_Row, ...], tuple[tuple[int, bool], ...]]  # findings, guards asked


@dataclass
class _Text:
    """One analysed text: masked, lower-cased (same offsets), and the text-level guard results."""

    masked: str
    lowered: str
    guarded: dict[int, bool]


class _Sentence(NamedTuple):  # offsets are from its start: findings are placed in the text later
    masked: str
    lowered: str
    words: tuple[str, ...]  # each once
    stamped: bool  # its line opens with a clock time or a date (a timeline entry)
    consulted: list[int]  # rules whose guard on the whole text (unless_text) was asked


class _Checked(NamedTuple):
    """A sentence checked: its findings (offsets from its start) and what ``explain`` says."""

    found: tuple[_Row, ...]
    fired: tuple[str, ...]  # every rule that fired, before the scorer's verdict
    scored: Scored | None
    threshold: float
    features: tuple[Feature, ...]
    guards: tuple[tuple[int, bool], ...]  # (rule, its unless_text result) for those asked


@dataclass(frozen=True)
class SentenceReport:
    """What ``Detector.explain`` says of one sentence: rule hits, score and its features."""

    start: int
    end: int
    rule_ids: tuple[str, ...]  # every rule that fired, before the scorer's verdict
    scored: Scored | None
    threshold: float
    features: tuple[Feature, ...]


class Detector:
    """Flags blame and vagueness in text; build it once (``default``) and call ``analyse``."""

    def __init__(
        self, rules: RuleSet, learned: Learned | None = None, team: TeamRules | None = None
    ) -> None:
        self._rules = rules
        self._learned = learned
        self._team = team
        # Per field: the rules that apply, and those of them tried on every sentence.
        self._active: dict[tuple[str | None, bool], tuple[frozenset[int], frozenset[int]]] = {}
        # Memos by sentence (see _remember): its findings by text, line opening and checks in
        # force; its words and rule matches, whatever the field (documents repeat); its verdict.
        self._kept: dict[_Key, _Kept] = {}
        self._words: dict[tuple[str, str], tuple[str, ...]] = {}
        self._matched: dict[tuple[str, str, int], _Match] = {}  # by sentence and rule
        self._verdicts: dict[tuple[str, bool, tuple[str, ...], str], Scored | None] = {}
        self._held = 0  # characters of sentences the memos hold

    @classmethod
    def default(cls) -> Detector:
        """The shipped lexicon and model with the team lexicon in use (``use_team_lexicon``)."""
        team = _team_in_use[0]
        if team is None or team.empty:
            return _default_detector()
        key = team.to_toml()  # the lexicon's whole content, and hashable
        found = _team_detectors.get(key)
        if found is None:
            if len(_team_detectors) >= 4:
                _team_detectors.clear()
            found = _team_detectors[key] = _default_detector().with_team(team)
        return found

    def with_team(self, lexicon: TeamLexicon) -> Detector:
        """This detector with a team's words: its phrases flagged or spared, its classes added."""
        learned = self._learned
        if learned is not None and any(lexicon.classes.values()):
            learned = Learned(
                learned.model, learned.classes.merged(lexicon.classes), learned.explanations
            )
        return Detector(self._rules, learned, TeamRules(lexicon))

    @classmethod
    def from_toml(
        cls, text: str, source: str, learned: Learned | None = None, check: bool = True
    ) -> Detector:
        """A detector for a lexicon given as TOML text; ``source`` names it in errors.
        ``check`` compiles every pattern now, to report a bad one (see ``load_rules``)."""
        return cls(load_rules(text, source, check), learned)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules.rules

    def compile_patterns(self) -> None:
        """Compile every rule's patterns now rather than at their first use: the app does it
        on its warm-up thread, so no keystroke on the window's thread waits for a compile."""
        for rule in self._rules.rules:
            for guard in (*rule.unless, *rule.unless_text):
                guard.pattern.compile()
            for pattern in rule.patterns:
                pattern.compile()

    @property
    def learned(self) -> Learned | None:
        return self._learned

    def with_learned(self, learned: Learned | None) -> Detector:
        """The same rules with another scorer (a team's extra words), or none."""
        return Detector(self._rules, learned)

    def analyse(
        self,
        text: str,
        names: Sequence[str] = (),
        field: str | None = None,
        include_vague: bool = True,
    ) -> list[Finding]:
        """Findings in ``text``, sorted by start; every blame span, not one per sentence.

        ``names`` are the review's people (names and @handles); ``field`` is the record field
        the text belongs to (None when unknown), which decides the vague-family checks and
        keeps timeline entries that name people neutrally quiet.
        """
        findings: list[Finding] = []
        for _, found in self._walk(text, names, field, include_vague):
            findings.extend(found)
        findings.sort(key=lambda f: (f.start, f.end, f.rule_id))
        return findings

    def explain(
        self, text: str, names: Sequence[str] = (), field: str | None = None
    ) -> list[SentenceReport]:
        """Per sentence: the rules that fired, and the scorer's score with its features."""
        return [report for report, _ in self._walk(text, names, field, False, explain=True)]

    def _walk(
        self,
        text: str,
        names: Sequence[str],
        field: str | None,
        include_vague: bool,
        explain: bool = False,
    ) -> Iterator[tuple[SentenceReport, list[Finding]]]:
        if field is not None and field not in FIELDS:
            raise ValueError(f"unknown field {field!r}")
        if not text or text.isspace():
            return
        rules = self._rules
        active, always = self._active_rules(field, include_vague)
        if not active and self._learned is None:
            return
        people = name_pattern(tuple(names), rules.common_words, rules.given_names)
        masked = mask_names(mask_short_quotes(text), people)
        spans = sentences(masked)
        if not spans:
            return
        if "?" in masked:
            spans = join_answers(masked, spans)
        text_ = _Text(masked, lower_same_length(masked), {})
        lowered_text, memo, team = text_.lowered, self._kept, self._team
        for start, end in spans:
            lowered = lowered_text[start:end]
            stamped = starts_with_timestamp(masked, start)
            key = (masked[start:end], lowered, stamped, field, include_vague)
            c: _Checked | None = None
            kept = None if explain else memo.get(key)
            if kept is None or (
                kept[1] and not all(_text_guard(rules, n, text_) is g for n, g in kept[1])
            ):
                c = self._check(text_, key, active, always, explain)
                kept = (c.found, c.guards)
                if not explain:
                    self._remember(end - start)
                    memo[key] = kept
            found = [
                Finding(start + a, start + b, rule, category, severity, family, why, question)
                for a, b, rule, category, severity, family, why, question in kept[0]
            ]
            if team is not None:
                # Never-phrases are matched before names are masked: a name can be one.
                found = team.spare(found, lower_same_length(text[start:end]), start)
            if explain:
                if c is not None and c is not _WORDLESS:  # no report on a sentence of no word
                    report = SentenceReport(start, end, c.fired, c.scored, c.threshold, c.features)
                    yield report, found
            elif found:
                yield _NO_REPORT, found

    def _check(
        self, text: _Text, key: _Key, active: frozenset[int], always: frozenset[int], explain: bool
    ) -> _Checked:
        """The rules' findings in one sentence, kept, dropped or added to by the scorer."""
        masked, lowered, stamped = key[0], key[1], key[2]
        words = self._words.get((masked, lowered))
        if words is None:
            self._remember(len(masked))
            words = self._words[(masked, lowered)] = tuple(set(_WORD.findall(lowered)))
        if not words:
            return _WORDLESS
        s = _Sentence(masked, lowered, words, stamped, [])
        rules, learned = self._rules, self._learned
        candidates = set(always)
        for word in rules.trigger_words.intersection(s.words):
            candidates.update(rules.trigger_index[word])
        name_rules = rules.trigger_index.get(NAME_TRIGGER, ())
        if name_rules and (NAME_MARK in lowered or "@" in lowered):
            candidates.update(name_rules)
        candidates &= active
        found = self._team.findings(lowered, 0) if self._team else []
        guarded: set[str] = set()
        for n in sorted(candidates):
            rule = rules.rules[n]
            hits, was_guarded = self._match(n, text, s)
            if was_guarded and rule.family == "blame":
                guarded.add(rule.category)
            for a, b in hits:
                # Every span is marked; two rules of one category never mark one span twice.
                if not any(
                    f.category == rule.category and f.start < b and a < f.end for f in found
                ):
                    found.append(Finding(a, b, rule.id, rule.category, rule.severity,
                                         rule.family, rule.why, rule.question))  # fmt: skip
        fired = tuple(f.rule_id for f in found)
        scored: Scored | None = None
        feats: list[Feature] = []
        if learned is not None:
            scored, feats, found = self._score(learned, s, found, guarded, explain)
        threshold = learned.model.threshold_for(bool(fired)) if learned else 0.0
        guards = tuple((n, text.guarded[n]) for n in s.consulted)
        rows = tuple((f.start, f.end, f.rule_id, f.category, f.severity, f.family, f.why,
                      f.question) for f in found)  # fmt: skip
        return _Checked(rows, fired, scored, threshold, tuple(feats), guards)

    def _score(
        self, learned: Learned, s: _Sentence, found: list[Finding], guarded: set[str], explain: bool
    ) -> tuple[Scored | None, list[Feature], list[Finding]]:
        """The scorer's verdict on one sentence: keep, drop or add blame findings."""
        blame_rules = rule_keys(found, guarded)
        ruled = any(f.family == "blame" for f in found)
        threshold = learned.model.threshold_for(ruled)
        args = (s.lowered, learned.classes, s.stamped, blame_rules, s.masked)
        feats: list[Feature] = []
        if explain:
            toks, feats = sentence_features(*args)
            scored: Scored | None = learned.model.score(toks, feats, ruled)
        else:
            key = (s.lowered, s.stamped, tuple(blame_rules), s.masked)
            # One look-up: the Language panel's worker and the window's highlighters share
            # this detector, and either may clear the memos between two look-ups.
            remembered = self._verdicts.get(key, _UNSCORED)
            if remembered is _UNSCORED:
                self._remember(len(s.lowered))
                remembered = self._verdicts[key] = verdict(learned.model, *args, ruled)
            scored = remembered
        return scored, feats, judged(learned, scored, threshold, found)

    def _remember(self, size: int) -> None:
        """Room in the memos for a sentence of ``size`` characters: all cleared when full."""
        self._held += size
        if self._held > MEMO_CHARS or max(len(self._kept), len(self._verdicts)) >= VERDICTS_KEPT:
            for memo in (self._kept, self._words, self._matched, self._verdicts):
                memo.clear()
            self._held = size

    def _match(self, n: int, text: _Text, s: _Sentence) -> _Match:
        """Rule ``n``'s spans in ``s``, and whether a guard (on the sentence, text, line) held."""
        rule = self._rules.rules[n]
        local = self._matched.get((s.masked, s.lowered, n))
        if local is None:
            local = self._matched[s.masked, s.lowered, n] = rule.match(s.masked, s.lowered, s.words)
        if not local[0]:
            return local
        if rule.unless_text:
            s.consulted.append(n)
            if _text_guard(self._rules, n, text):
                return (), True
        if rule.skip_timestamped and s.stamped:
            return (), True
        return local

    def _active_rules(
        self, field: str | None, vague: bool
    ) -> tuple[frozenset[int], frozenset[int]]:
        if (field, vague) not in self._active:
            rules = self._rules
            active = frozenset(n for n, r in enumerate(rules.rules) if r.applies(field, vague))
            self._active[field, vague] = (active, active.intersection(rules.always))
        return self._active[field, vague]


_NO_REPORT = SentenceReport(0, 0, (), None, 0.0, ())
_WORDLESS = _Checked((), (), None, 0.0, (), ())
_UNSCORED: Any = object()  # not in the verdicts memo (None is a verdict: no score)


def _text_guard(rules: RuleSet, n: int, text: _Text) -> bool:
    """Whether rule ``n``'s guard on the whole text (unless_text) holds; asked once per text."""
    guarded = text.guarded.get(n)
    if guarded is None:
        guarded = text.guarded[n] = any(
            g.pattern.search(text.masked if g.original else text.lowered)
            for g in rules.rules[n].unless_text
        )
    return guarded


# The team lexicon chosen at start-up (a one-slot box set once by the composition root; see
# use_team_lexicon). None: the shipped words only, as in the tests.
_team_in_use: list[TeamLexicon | None] = [None]


def use_team_lexicon(lexicon: TeamLexicon | None) -> None:
    """Make ``Detector.default()`` include ``lexicon`` from now on (None: shipped words only)."""
    _team_in_use[0] = lexicon


# Detectors with a team's words, by the lexicon's TOML text: built once per lexicon in use.
_team_detectors: dict[str, Detector] = {}


@functools.cache
def _default_detector() -> Detector:
    # Checked by the unit tests: not compiled ahead at every start.
    lexicon = resource_text(*LEXICON)
    return Detector.from_toml(lexicon, "resources/lexicons/en.toml", load_learned(), check=False)
