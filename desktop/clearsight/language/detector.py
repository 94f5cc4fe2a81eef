"""The blame and vagueness detector: rules from the lexicon, then a learned scorer, per sentence.

Pure Python and stdlib only, so the GUI highlighter, the CLI and plain unit tests share it.
Work per call: one pass each to mask quotes and names, lower-case and split sentences; then
per sentence its words are intersected with the rules' trigger words, and only the rules those
words name are tried on it. The rules explain (each says why and asks about the system); the
scorer (language/scorer.py) reads the sentence as lemmas and word classes, with the rules' hits
among its features, and decides whether the sentence is blame: it catches forms no rule names,
and it can overrule a rule whose words appear in a blameless sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from clearsight.language.explain import Explanations
from clearsight.language.features import (
    Feature,
    WordClasses,
    feature_names,
    sentence_features,
)
from clearsight.language.findings import FIELDS, Finding
from clearsight.language.rules import NAME_TRIGGER, Rule, RuleSet, load_rules
from clearsight.language.scorer import Model, Scored
from clearsight.language.team import TeamLexicon, TeamRules
from clearsight.language.text import (
    NAME_MARK,
    lower_same_length,
    mask_names,
    mask_short_quotes,
    name_pattern,
    sentences,
    starts_with_timestamp,
)
from clearsight.resources_access import resource_text

LEXICON = ("lexicons", "en.toml")
CLASSES = ("lexicons", "classes.toml")
MODEL = ("lexicons", "blame_model.json")
_WORD = re.compile(r"\w+")
VERDICTS_KEPT = 20_000


@dataclass
class _Text:
    """One analysed text: masked, lower-cased (same offsets), and the text-level guard results."""

    masked: str
    lowered: str
    guarded: dict[int, bool]


class _Sentence(NamedTuple):
    start: int
    masked: str
    lowered: str
    words: set[str]


@dataclass(frozen=True)
class Learned:
    """The scorer and what it needs; None in a detector made of rules alone."""

    model: Model
    classes: WordClasses
    explanations: Explanations


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
        self._active: dict[tuple[str | None, bool], frozenset[int]] = {}
        # The scorer's verdict per sentence: typing changes one sentence of a field at a time,
        # so a keystroke scores that sentence alone. Bounded; cleared whole when full.
        self._verdicts: dict[tuple[str, bool, tuple[str, ...], str], Scored | None] = {}

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
    def from_toml(cls, text: str, source: str, learned: Learned | None = None) -> Detector:
        """A detector for a lexicon given as TOML text; ``source`` names it in errors."""
        return cls(load_rules(text, source), learned)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules.rules

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
        active = self._active_rules(field, include_vague)
        learned = self._learned
        if not active and learned is None:
            return
        people = name_pattern(tuple(names), rules.common_words, rules.given_names)
        masked = mask_names(mask_short_quotes(text), people)
        spans = sentences(masked)
        if not spans:
            return
        text_ = _Text(masked, lower_same_length(masked), {})
        always = self._always(active)
        trigger_words, trigger_index = rules.trigger_words, rules.trigger_index
        name_rules = trigger_index.get(NAME_TRIGGER, ())
        for start, end in spans:
            lowered = text_.lowered[start:end]
            words = set(_WORD.findall(lowered))
            if not words:
                continue  # punctuation, emoji, marks: nothing any rule can flag
            candidates = set(always)
            for word in trigger_words.intersection(words):
                candidates.update(trigger_index[word])
            if name_rules and (NAME_MARK in lowered or "@" in lowered):
                candidates.update(name_rules)
            candidates &= active
            sentence = _Sentence(start, masked[start:end], lowered, words)
            found = self._team.findings(lowered, start) if self._team else []
            guarded: set[str] = set()
            for n in sorted(candidates):
                rule = rules.rules[n]
                hits, was_guarded = self._match(rule, n, text_, sentence)
                if was_guarded and rule.family == "blame":
                    guarded.add(rule.category)
                for lo, hi in hits:
                    a, b = start + lo, start + hi
                    # Every span is marked; two rules of one category never mark one span twice.
                    if not any(
                        f.category == rule.category and f.start < b and a < f.end for f in found
                    ):
                        found.append(self._finding(rule, a, b))
            fired = tuple(f.rule_id for f in found)
            scored: Scored | None = None
            feats: list[Feature] = []
            if learned is not None:
                scored, feats, found = self._score(
                    learned, text_, sentence, found, guarded, explain
                )
            if self._team is not None:
                # Never-phrases are matched before names are masked: a name can be one.
                found = self._team.spare(found, lower_same_length(text[start:end]), start)
            if explain:
                threshold = learned.model.threshold_for(bool(fired)) if learned else 0.0
                yield SentenceReport(start, end, fired, scored, threshold, tuple(feats)), found
            elif found:
                yield _NO_REPORT, found

    def _score(
        self,
        learned: Learned,
        text: _Text,
        s: _Sentence,
        found: list[Finding],
        guarded: set[str],
        explain: bool,
    ) -> tuple[Scored | None, list[Feature], list[Finding]]:
        """The scorer's verdict on one sentence: keep, drop or add blame findings."""
        blame = [f for f in found if f.family == "blame"]
        blame_rules = sorted({f.category for f in blame} | {f.rule_id for f in blame})
        # A rule that matched but was kept quiet by its guard is evidence too ("u:" features).
        blame_rules += sorted("~" + category for category in guarded)
        ruled = bool(blame)
        threshold = learned.model.threshold_for(ruled)
        timestamped = starts_with_timestamp(text.masked, s.start)
        args = (s.lowered, learned.classes, timestamped, blame_rules, s.masked)
        feats: list[Feature] = []
        if explain:
            toks, feats = sentence_features(*args)
            scored: Scored | None = learned.model.score(toks, feats, ruled)
        else:
            scored = self._verdict(learned, args, threshold, ruled)
        if scored is None or scored.logit < threshold:
            # The sentence reads as blameless: a rule's word alone is not blame here. The
            # team's own phrases stay: the team decided them.
            return scored, feats, [f for f in found if f.family != "blame" or f.category == "team"]
        out = list(found)
        for span in scored.spans:
            # A rule's flag in the same clause already marks it, with a sharper reason.
            lo, hi = s.start + span.clause_start, s.start + span.clause_end
            if any(f.family == "blame" and f.start < hi and lo < f.end for f in out):
                continue
            a, b = s.start + span.start, s.start + span.end
            out.append(learned.explanations.finding(span.reason, a, b))
        return scored, feats, out

    def _verdict(
        self,
        learned: Learned,
        args: tuple[str, WordClasses, bool, list[str], str],
        threshold: float,
        ruled: bool,
    ) -> Scored | None:
        """The sentence's score with its spans, or None when it is below ``threshold``."""
        lowered, classes, timestamped, blame_rules, masked = args
        key = (lowered, timestamped, tuple(blame_rules), masked)
        if key in self._verdicts:
            return self._verdicts[key]
        scored: Scored | None = None
        # Most sentences are blameless: their score needs the feature names, not the words
        # that carry each one.
        if learned.model.logit(feature_names(*args)) >= threshold:
            scored = learned.model.score(*sentence_features(*args), ruled)
        if len(self._verdicts) >= VERDICTS_KEPT:
            self._verdicts.clear()
        self._verdicts[key] = scored
        return scored

    def _active_rules(self, field: str | None, include_vague: bool) -> frozenset[int]:
        key = (field, include_vague)
        active = self._active.get(key)
        if active is None:
            active = frozenset(
                n for n, r in enumerate(self._rules.rules) if r.applies(field, include_vague)
            )
            self._active[key] = active
        return active

    def _always(self, active: frozenset[int]) -> frozenset[int]:
        return frozenset(n for n in self._rules.always if n in active)

    @staticmethod
    def _match(rule: Rule, n: int, text: _Text, s: _Sentence) -> tuple[list[tuple[int, int]], bool]:
        """Every span (relative to the sentence) where ``rule`` fires, and whether a guard of
        the rule (a system subject, an explanation, a timeline line) kept it quiet."""
        if rule.question_only and not s.masked.rstrip("\"'\u201d\u2019)]* ").endswith("?"):
            return [], False
        seen = s.masked if rule.case_sensitive else s.lowered
        hits: list[tuple[int, int]] = []
        for pattern, own in zip(rule.patterns, rule.pattern_triggers, strict=True):
            if own and own.isdisjoint(s.words):
                continue
            for m in pattern.finditer(seen):
                span = m.span("hit") if "hit" in pattern.groupindex and m.group("hit") else m.span()
                if span[1] > span[0] and not any(a < span[1] and span[0] < b for a, b in hits):
                    hits.append(span)
        if not hits:
            return [], False
        if any(g.pattern.search(s.masked if g.original else s.lowered) for g in rule.unless):
            return [], True
        if rule.unless_text:
            guarded = text.guarded.get(n)
            if guarded is None:
                guarded = any(
                    g.pattern.search(text.masked if g.original else text.lowered)
                    for g in rule.unless_text
                )
                text.guarded[n] = guarded
            if guarded:
                return [], True
        if rule.skip_timestamped and starts_with_timestamp(text.masked, s.start):
            return [], True
        return hits, False

    @staticmethod
    def _finding(rule: Rule, start: int, end: int) -> Finding:
        return Finding(
            start=start,
            end=end,
            rule_id=rule.id,
            category=rule.category,
            severity=rule.severity,
            family=rule.family,
            why=rule.why,
            question=rule.question,
        )


_NO_REPORT = SentenceReport(0, 0, (), None, 0.0, ())


def load_learned(extra_classes: Mapping[str, Sequence[str]] | None = None) -> Learned:
    """The shipped scorer, word classes and explanations (with a team's extra words)."""
    classes = WordClasses.from_toml(resource_text(*CLASSES), _where(CLASSES))
    if extra_classes:
        classes = classes.merged(extra_classes)
    return Learned(
        Model.from_json(resource_text(*MODEL), _where(MODEL)),
        classes,
        Explanations.from_toml(resource_text(*CLASSES), _where(CLASSES)),
    )


def _where(parts: tuple[str, ...]) -> str:
    return "resources/" + "/".join(parts)


# The team lexicon the app and the CLI chose at start-up (a one-slot box, set once by the
# composition root; see use_team_lexicon). None: the shipped words only, as in the tests.
_team_in_use: list[TeamLexicon | None] = [None]


def use_team_lexicon(lexicon: TeamLexicon | None) -> None:
    """Make ``Detector.default()`` include ``lexicon`` from now on (None: shipped words only)."""
    _team_in_use[0] = lexicon


# Detectors with a team's words, by the lexicon's TOML text: built once per lexicon in use.
_team_detectors: dict[str, Detector] = {}


@functools.cache
def _default_detector() -> Detector:
    return Detector.from_toml(resource_text(*LEXICON), _where(LEXICON), load_learned())
